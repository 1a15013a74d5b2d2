"""Public full-text search of organizations: Polish analysis, the index and its projector."""
