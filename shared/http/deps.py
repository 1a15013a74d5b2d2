"""FastAPI dependencies: the authenticated caller, role checks at the edge and use cases."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.access import CENTRE_STAFF_REQUIRED, OFFICER_REQUIRED, require_member
from shared.errors import Forbidden, Text, Unauthorized
from shared.http.problems import request_language
from shared.logging import bind_context
from shared.tenancy import Principal, Role

__all__ = [
    "CentreStaff",
    "CurrentPrincipal",
    "Language",
    "Member",
    "Officer",
    "OptionalPrincipal",
    "PlatformAdmin",
    "require_roles",
    "use_case",
    "verified_principal",
]

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


def require_roles(
    *roles: Role, refusal: Text | None = None
) -> Callable[[Principal], Awaitable[Principal]]:
    """Return a dependency that admits only callers holding one of `roles` (else 403)."""
    names = ", ".join(r.value for r in roles)
    refused = refusal or Text(
        f"Wymagana rola: {names}.", f"One of these roles is required: {names}."
    )

    async def check(principal: CurrentPrincipal) -> Principal:
        if not principal.has_role(*roles):
            raise Forbidden(detail=refused)
        return principal

    return check


async def _member(principal: CurrentPrincipal) -> Principal:
    require_member(principal)
    return principal


def use_case(name: str) -> Callable[[Request], Any]:
    """Return a dependency handing a route the app's use cases called `name`."""

    def use_cases(request: Request) -> Any:
        return getattr(request.app.state.services, name)

    use_cases.__name__ = f"use_case_{name}"
    return use_cases


# Role checks at the edge, for routes whose use case would check nothing before the role.
Officer = Annotated[
    Principal, Depends(require_roles(Role.TENANT_OFFICER, refusal=OFFICER_REQUIRED))
]
CentreStaff = Annotated[
    Principal, Depends(require_roles(Role.CENTRE_STAFF, refusal=CENTRE_STAFF_REQUIRED))
]
PlatformAdmin = Annotated[Principal, Depends(require_roles(Role.PLATFORM_ADMIN))]
Member = Annotated[Principal, Depends(_member)]
Language = Annotated[str, Depends(request_language)]
