"""Pages in the session's language: templates, catalogs, labels and formats."""
