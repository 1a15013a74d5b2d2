"""Baselines measured on the same servers as the flow, to read the flow's figures against."""
