"""Grants: open competitions for public tasks, from announcement to settlement."""
