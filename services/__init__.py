"""The platform's services; each is independent and shares only `shared`."""
