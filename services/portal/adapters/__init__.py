"""The portal's outside world: the four services' HTTP APIs and the OpenID provider."""
