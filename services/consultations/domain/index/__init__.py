"""The Local Cooperation Quality Index: a municipality's self-assessment of NGO cooperation."""
