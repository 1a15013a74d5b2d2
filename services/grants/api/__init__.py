"""HTTP API of the grants service."""
