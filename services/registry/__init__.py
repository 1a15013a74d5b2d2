"""Registry: tenants, organizations, local lists and the public NGO database."""
