"""The portal's own rules: sessions (the pages' calls go to the services' APIs)."""
