"""What the grants service talks to outside its store: documents and search."""
