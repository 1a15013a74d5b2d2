"""FastAPI dependencies: the authenticated caller and role checks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.errors import Forbidden, Text, Unauthorized
from shared.logging import bind_context
from shared.tenancy import Principal, Role

__all__ = ["CurrentPrincipal", "OptionalPrincipal", "require_roles", "verified_principal"]

_bearer = HTTPBearer(auto_error=False, description="Access token from the identity provider.")


async def _principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized(detail=Text("Brak tokenu dostępu.", "Missing bearer token."))
    principal = await verified_principal(request, credentials.credentials)
    bind_context(tenant_id=principal.tenant_id, subject=principal.subject)
    return principal


async def verified_principal(request: Request, token: str) -> Principal:
    """Verify the request's token once, however many dependencies ask (raise Unauthorized)."""
    cached: tuple[str, Principal] | None = getattr(request.state, "verified", None)
    if cached is not None and cached[0] == token:
        return cached[1]
    principal: Principal = await request.app.state.runtime.verifier.verify(token)
    request.state.verified = (token, principal)
    return principal


async def _optional_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal | None:
    if credentials is None:
        return None
    return await _principal(request, credentials)


CurrentPrincipal = Annotated[Principal, Depends(_principal)]
OptionalPrincipal = Annotated[Principal | None, Depends(_optional_principal)]


def require_roles(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    """Return a dependency that admits only callers holding one of `roles`."""

    async def check(principal: CurrentPrincipal) -> Principal:
        if not principal.has_role(*roles):
            names = ", ".join(r.value for r in roles)
            raise Forbidden(
                detail=Text(f"Wymagana rola: {names}.", f"One of these roles is required: {names}.")
            )
        return principal

    return check
