"""What the registry talks to beside its store: the search engine and CSV uploads."""
