"""Use cases of the grants service."""
