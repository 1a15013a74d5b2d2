"""Request and response bodies of the grants API."""
