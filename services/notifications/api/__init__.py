"""HTTP API of the notifications service."""
