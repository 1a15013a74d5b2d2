"""The organization aggregate: its profile, identifiers and local-list entries."""
