"""Real signed access tokens for tests, from a local identity provider."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from deploy.local.keys import LocalIdentity

__all__ = ["TokenFactory", "bearer"]

_subjects = itertools.count(1)


def bearer(token: str, **headers: str) -> dict[str, str]:
    """Return request headers carrying `token`."""
    return {"Authorization": f"Bearer {token}", **headers}


@dataclass(frozen=True)
class TokenFactory:
    """Mints tokens signed by the identity the services under test trust."""

    identity: LocalIdentity

    def __call__(
        self,
        *,
        tenant_id: str,
        roles: Iterable[str] = ("tenant_officer",),
        subject: str | None = None,
        ttl_seconds: int = 3600,
        **claims: Any,
    ) -> str:
        """Return a signed token; every call without `subject` is a different user."""
        return self.identity.mint(
            subject=subject or f"user-{next(_subjects)}",
            tenant_id=tenant_id,
            roles=roles,
            ttl_seconds=ttl_seconds,
            **claims,
        )

    def headers(self, tenant_id: str, *roles: str, **claims: Any) -> dict[str, str]:
        """Return the headers of a new user: headers(tenant_id, "tenant_officer", ...)."""
        return bearer(self(tenant_id=tenant_id, roles=roles, **claims))
