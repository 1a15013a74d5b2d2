"""Bearer JWT verification against an OIDC provider's JWKS, and the principal it yields."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import jwt
from jwt import PyJWK

from shared.errors import ServiceUnavailable, Text, Unauthorized
from shared.logging import get_logger
from shared.tenancy import Principal, Role

__all__ = ["JwtVerifier", "principal_from_claims"]

_ALGORITHMS = ["RS256", "ES256", "PS256"]
_REFRESH_AT_MOST_EVERY = 30.0
# Tokens already verified, until they expire: a client sends the same token with every
# request, and checking its signature again costs more than the rest of a small request.
_REMEMBERED_TOKENS = 4096
log = get_logger(__name__)


def _unauthorized(pl: str, en: str) -> Unauthorized:
    return Unauthorized(detail=Text(pl, en))


class JwtVerifier:
    """Verifies access tokens; keys come from the JWKS and are refetched for unknown key ids."""

    def __init__(self, jwks_url: str, *, issuer: str, audience: str) -> None:
        self._jwks_url = jwks_url
        self._issuer = issuer
        self._audience = audience
        self._keys: dict[str, PyJWK] = {}
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()
        self._verified: OrderedDict[str, tuple[Principal, float]] = OrderedDict()

    async def verify(self, token: str) -> Principal:
        """Return the principal of a valid token; raise Unauthorized otherwise."""
        remembered = self._verified.get(token)
        if remembered is not None and time.time() < remembered[1]:
            self._verified.move_to_end(token)
            return remembered[0]
        principal, expires_at = await self._verify(token)
        self._verified[token] = (principal, expires_at)
        if len(self._verified) > _REMEMBERED_TOKENS:
            self._verified.popitem(last=False)
        return principal

    async def _verify(self, token: str) -> tuple[Principal, float]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise _unauthorized("Nieprawidłowy token.", "Malformed token.") from error
        key = await self._key(str(header.get("kid", "")))
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=_ALGORITHMS,
                audience=self._audience,
                issuer=self._issuer,
                options={"require": ["exp", "iss", "sub"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise _unauthorized("Token wygasł.", "Token has expired.") from error
        except jwt.PyJWTError as error:
            # The library's reason helps an attacker probe the verifier: it goes to the log.
            log.info("auth.token.refused", reason=type(error).__name__, detail=str(error))
            raise _unauthorized("Token jest nieprawidłowy.", "Token is not valid.") from error
        return principal_from_claims(claims), float(claims["exp"])

    async def _key(self, kid: str) -> PyJWK:
        if kid not in self._keys:
            async with self._lock:
                if kid not in self._keys and self._may_refresh():
                    self._keys = await self._fetched_keys()
                    self._fetched_at = time.monotonic()
        if kid not in self._keys:
            raise _unauthorized("Nieznany klucz podpisu tokenu.", "Unknown token signing key.")
        return self._keys[kid]

    def _may_refresh(self) -> bool:
        return not self._keys or time.monotonic() - self._fetched_at > _REFRESH_AT_MOST_EVERY

    async def _fetched_keys(self) -> dict[str, PyJWK]:
        try:
            return await asyncio.to_thread(self._fetch_keys)
        except (OSError, ValueError, jwt.PyJWTError) as error:
            # The caller's token may be fine: say the provider is away (503), not 401 or 500.
            log.warning("auth.jwks.unavailable", error=repr(error))
            raise ServiceUnavailable(
                detail=Text(
                    "Nie można teraz sprawdzić tokenu: dostawca tożsamości nie odpowiada.",
                    "The token cannot be checked now: the identity provider does not answer.",
                )
            ) from error

    def _fetch_keys(self) -> dict[str, PyJWK]:
        with urllib.request.urlopen(self._jwks_url, timeout=10) as response:  # noqa: S310
            document: dict[str, Any] = json.load(response)
        return {
            str(jwk.get("kid", "")): PyJWK(jwk)
            for jwk in document.get("keys", [])
            if jwk.get("use", "sig") == "sig"
        }


def principal_from_claims(claims: Mapping[str, Any]) -> Principal:
    """Build the principal from verified claims (roles also read from Keycloak's realm_access)."""
    tenant_id = claims.get("tenant_id")
    if not isinstance(tenant_id, str) or not tenant_id:
        raise _unauthorized("Token nie wskazuje jednostki.", "Token names no tenant.")
    organization_id = claims.get("organization_id")
    return Principal(
        subject=str(claims["sub"]),
        tenant_id=tenant_id,
        roles=_roles(claims),
        organization_id=str(organization_id) if organization_id else None,
        name=_text_claim(claims, "name"),
        email=_text_claim(claims, "email"),
    )


def _roles(claims: Mapping[str, Any]) -> frozenset[Role]:
    """Return the known roles of `roles`, else of Keycloak's `realm_access.roles`."""
    realm_access = claims.get("realm_access")
    raw = claims.get("roles") or (
        realm_access.get("roles") if isinstance(realm_access, Mapping) else None
    )
    # A provider's mapper may be misconfigured: anything but a list of strings grants nothing.
    if not isinstance(raw, list):
        return frozenset()
    known = {role.value for role in Role}
    return frozenset(Role(r) for r in raw if isinstance(r, str) and r in known)


def _text_claim(claims: Mapping[str, Any], name: str) -> str | None:
    value = claims.get(name)
    return value if isinstance(value, str) else None
