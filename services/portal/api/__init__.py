"""The portal's pages: routes, forms, rendering and the session middleware."""
