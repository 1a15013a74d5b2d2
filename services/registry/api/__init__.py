"""HTTP API of the registry."""
