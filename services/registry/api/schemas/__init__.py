"""Request and response bodies of the registry API, one module per router."""
