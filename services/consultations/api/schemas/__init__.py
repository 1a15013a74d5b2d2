"""Request and response bodies of the consultations API."""
