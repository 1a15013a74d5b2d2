"""Shared kernel of the NGO cooperation platform: contracts, plumbing and cross-cutting rules."""
