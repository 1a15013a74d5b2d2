"""Onboard the tests' tenants through the registry's API: it refuses organizations of others."""

from __future__ import annotations

import httpx
import jwt

from tests.support.auth import TokenFactory, bearer
from tests.support.namespace import new_tenant_id

__all__ = ["onboard", "onboard_with", "tenant_of"]


async def onboard(
    registry: httpx.AsyncClient, admin: dict[str, str], tenant_id: str, **body: object
) -> str:
    """Onboard `tenant_id` as a platform admin (a municipality unless `kind` says otherwise)."""
    payload = {"id": tenant_id, "name": f"Gmina {tenant_id}", "kind": "municipality", **body}
    answer = await registry.post("/tenants", json=payload, headers=admin)
    # 409: onboarded before, by this test or an earlier one of its module.
    assert answer.status_code in (201, 409), answer.text
    return tenant_id


async def onboard_with(registry: httpx.AsyncClient, token: TokenFactory, tenant_id: str) -> str:
    """Onboard `tenant_id` with a fresh platform admin's token minted by `token`."""
    admin = bearer(token(tenant_id=new_tenant_id(), roles=["platform_admin"]))
    return await onboard(registry, admin, tenant_id)


def tenant_of(headers: dict[str, str]) -> str:
    """Return the tenant named by the bearer token in `headers` (read, not verified)."""
    token = headers["Authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, options={"verify_signature": False})
    return str(claims["tenant_id"])
