"""What the signed-in pages share: a role check, and backend calls with the user's token."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from services.portal.adapters.backend import BackendProblem
from services.portal.api.deps import portal, session_of
from services.portal.api.web import current_user
from services.portal.domain.session import User

__all__ = ["NGO_OR_OFFICER", "as_user", "member_of", "ngo_member"]

# Agreements, reports and the cooperation index are the NGOs' and the municipality's business.
NGO_OR_OFFICER = ("ngo_member", "tenant_officer")


def member_of(request: Request, *roles: str) -> User:
    """Return the signed-in user if they hold one of `roles`; anyone else gets the 403 page."""
    user = current_user(request)
    if not set(roles) & set(user.roles):
        raise BackendProblem(status=403)
    return user


def ngo_member(request: Request) -> User:
    """Return the signed-in member of an organization; anyone else gets the 403 page."""
    user = current_user(request)
    if not user.is_ngo_member:
        raise BackendProblem(status=403)
    return user


async def as_user(request: Request, user: User, name: str, **arguments: Any) -> Any:
    """Call a backend route as `user`, in the session's language; return its JSON, if any."""
    answer = await portal(request).backends.call(
        name, token=user.token, language=session_of(request).language, **arguments
    )
    return answer.json() if answer.content else None
