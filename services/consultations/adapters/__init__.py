"""What the consultations service uses of the outside world: pages, search, client keys."""
