"""Polish full-text search shared by the services: analysis, queries, highlights, the index."""
