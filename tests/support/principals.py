"""Callers for fast use-case tests, without tokens or servers."""

from __future__ import annotations

import itertools

from shared.tenancy import Principal, Role

__all__ = ["person"]

_subjects = itertools.count(1)


def person(
    tenant_id: str,
    *roles: Role | str,
    organization_id: str | None = None,
    name: str | None = None,
    email: str | None = None,
    subject: str | None = None,
) -> Principal:
    """Return a caller of `tenant_id` holding `roles`; every call is another user."""
    return Principal(
        subject=subject or f"user-{next(_subjects)}",
        tenant_id=tenant_id,
        roles=frozenset(Role(role) for role in roles),
        organization_id=organization_id,
        name=name,
        email=email,
    )
