"""Registry domain model: rules about organizations, free of frameworks."""
