"""OpenID Connect sign-in: authorization code with PKCE (Authlib), refresh and provider sign-out."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
from authlib.integrations.httpx_client import AsyncOAuth2Client
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from services.portal.domain.session import Session, User
from services.portal.settings import PortalSettings
from shared.clock import SYSTEM_CLOCK, Clock

__all__ = ["OidcClient", "SignInFailed"]

_LEEWAY_SECONDS = 60


class SignInFailed(Exception):
    """The provider's answer does not complete this browser's sign-in."""


class OidcClient:
    """The portal as an OpenID Connect relying party of one provider (Keycloak)."""

    def __init__(self, settings: PortalSettings, clock: Clock = SYSTEM_CLOCK) -> None:
        self._settings = settings
        self._clock = clock
        self._metadata: dict[str, Any] | None = None

    def _client(self, **kwargs: Any) -> AsyncOAuth2Client:
        secret = self._settings.oidc_client_secret.get_secret_value()
        return AsyncOAuth2Client(
            client_id=self._settings.oidc_client_id,
            client_secret=secret or None,
            token_endpoint_auth_method="client_secret_basic" if secret else "none",
            redirect_uri=f"{self._settings.base_url()}/sign-in/callback",
            scope=self._settings.oidc_scope,
            code_challenge_method="S256",
            timeout=self._settings.backend_timeout_seconds,
            **kwargs,
        )

    async def metadata(self) -> dict[str, Any]:
        """Return the provider's discovery document (fetched once)."""
        if self._metadata is None:
            url = f"{self._settings.oidc_issuer.rstrip('/')}/.well-known/openid-configuration"
            async with httpx.AsyncClient(timeout=self._settings.backend_timeout_seconds) as http:
                answer = await http.get(url)
                answer.raise_for_status()
                self._metadata = dict(answer.json())
        return self._metadata

    async def start(self, session: Session, next_path: str) -> str:
        """Remember state, nonce and PKCE verifier in the session; return the provider's URL."""
        metadata = await self.metadata()
        state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
        session.pending_sign_in = {
            "state": state,
            "nonce": nonce,
            "verifier": verifier,
            "next": next_path,
        }
        async with self._client() as client:
            url, _ = client.create_authorization_url(
                metadata["authorization_endpoint"], state=state, code_verifier=verifier,
                nonce=nonce,
            )  # fmt: skip
        return str(url)

    async def finish(self, session: Session, *, code: str, state: str) -> tuple[User, str]:
        """Exchange the code for tokens; return the user and where to go next."""
        pending = session.pending_sign_in or {}
        session.pending_sign_in = None  # one attempt per start: a replayed callback fails
        if not pending or not secrets.compare_digest(state, pending.get("state", "")):
            raise SignInFailed("state")
        metadata = await self.metadata()
        async with self._client() as client:
            try:
                token = await client.fetch_token(
                    metadata["token_endpoint"], code=code, code_verifier=pending["verifier"]
                )
            except Exception as error:  # Authlib raises OAuthError or httpx errors
                raise SignInFailed("token") from error
        claims = await self._verified_id_token(token.get("id_token", ""), pending["nonce"])
        return self._user(claims, token), str(pending.get("next") or "/")

    async def refresh(self, user: User) -> User | None:
        """Return the user with fresh tokens, or None when the provider refuses."""
        if not user.refresh_token:
            return None
        metadata = await self.metadata()
        async with self._client() as client:
            try:
                token = await client.refresh_token(
                    metadata["token_endpoint"], refresh_token=user.refresh_token
                )
            except Exception:  # refused or unreachable: the user signs in again
                return None
        return self._renewed(user, token)

    async def end_session_url(self, user: User) -> str | None:
        """Return the provider's sign-out URL (RP-initiated logout), if it has one."""
        endpoint = (await self.metadata()).get("end_session_endpoint")
        if not endpoint or not user.id_token:
            return None
        query = httpx.QueryParams(
            id_token_hint=user.id_token,
            post_logout_redirect_uri=f"{self._settings.base_url()}/",
            client_id=self._settings.oidc_client_id,
        )
        return f"{endpoint}?{query}"

    async def _verified_id_token(self, id_token: str, nonce: str) -> dict[str, Any]:
        metadata = await self.metadata()
        async with httpx.AsyncClient(timeout=self._settings.backend_timeout_seconds) as http:
            keys = KeySet.import_key_set((await http.get(metadata["jwks_uri"])).json())
        try:
            decoded = jwt.decode(id_token, keys)
        except (JoseError, ValueError) as error:
            raise SignInFailed("id_token signature") from error
        claims = dict(decoded.claims)
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        now = self._clock.timestamp()
        checks = {
            "iss": claims.get("iss") == metadata.get("issuer"),
            "aud": self._settings.oidc_client_id in audiences,
            "exp": float(claims.get("exp", 0)) + _LEEWAY_SECONDS > now,
            "nonce": secrets.compare_digest(str(claims.get("nonce", "")), nonce),
        }
        if failed := [name for name, passed in checks.items() if not passed]:
            raise SignInFailed(f"id_token {', '.join(failed)}")
        return claims

    def _user(self, claims: dict[str, Any], token: dict[str, Any]) -> User:
        roles = claims.get("roles")
        user = User(
            subject=str(claims["sub"]),
            name=str(claims.get("name") or claims.get("preferred_username") or claims["sub"]),
            tenant_id=str(claims.get("tenant_id") or ""),
            roles=[str(r) for r in roles] if isinstance(roles, list) else [],
            token="",
            organization_id=str(claims["organization_id"])
            if claims.get("organization_id")
            else None,
        )
        return self._renewed(user, token)

    def _renewed(self, user: User, token: dict[str, Any]) -> User:
        user.token = str(token["access_token"])
        user.refresh_token = str(token.get("refresh_token") or user.refresh_token or "") or None
        user.id_token = str(token.get("id_token") or user.id_token or "") or None
        expires_in = token.get("expires_in")
        user.expires_at = self._clock.timestamp() + float(expires_in) if expires_in else None
        return user
