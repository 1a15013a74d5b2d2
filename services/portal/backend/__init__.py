"""The portal's calls to the four services' HTTP APIs."""

from services.portal.backend.client import BackendDown, BackendProblem, Backends
from services.portal.backend.routes import ROUTES, Route

__all__ = ["ROUTES", "BackendDown", "BackendProblem", "Backends", "Route"]
