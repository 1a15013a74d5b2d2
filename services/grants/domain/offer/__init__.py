"""The Offer aggregate, its form and its formal review."""
