"""Notifications domain model, free of frameworks."""
