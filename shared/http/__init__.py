"""HTTP plumbing shared by the services' FastAPI apps."""

from shared.http.app import create_service_app
from shared.http.deps import CurrentPrincipal, require_roles

__all__ = ["CurrentPrincipal", "create_service_app", "require_roles"]
