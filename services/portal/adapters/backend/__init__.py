"""The portal's calls to the four services' HTTP APIs."""

from services.portal.adapters.backend.client import (
    CLIENT_ADDRESS,
    BackendDown,
    BackendProblem,
    Backends,
    next_cursor,
)
from services.portal.adapters.backend.routes import ROUTES, Route

__all__ = [
    "CLIENT_ADDRESS",
    "ROUTES",
    "BackendDown",
    "BackendProblem",
    "Backends",
    "Route",
    "next_cursor",
]
