"""Sign-in with OpenID Connect against a real provider run by the test (oidc-provider-mock).

Its access tokens are opaque, so the services would not take them: these tests prove the
portal's side of the flow (code + PKCE, state, nonce, ID token, refresh, provider sign-out).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from oidc_provider_mock import User, run_server_in_thread
from pydantic import ValidationError

from deploy.local.keys import LocalIdentity
from services.portal.app import create_app
from services.portal.settings import PortalSettings
from tests.portal.conftest import Backends, PortalClient, portal_settings
from tests.support.infrastructure import Infrastructure
from tests.support.namespace import new_namespace

ANNA = User(
    sub="anna",
    claims={"name": "Anna Nowak", "tenant_id": "0264011", "roles": ["ngo_member"]},
)


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """A real OpenID provider on a loopback port; yields its issuer URL."""
    with run_server_in_thread(user_claims=[ANNA]) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
async def oidc_portal(
    infrastructure: Infrastructure, identity: LocalIdentity, backends: Backends, provider: str
) -> AsyncIterator[PortalClient]:
    """The portal signing in with the provider only (no development sign-in)."""
    settings = portal_settings(
        infrastructure,
        identity,
        new_namespace(),
        dev_sign_in=False,
        oidc_issuer=provider,
        oidc_client_secret="portal-test-secret",  # a confidential client, as in Keycloak
        public_base_url="http://portal",
    )
    transports = {name: httpx.ASGITransport(app=c.app) for name, c in backends.items()}
    app = create_app(settings, transports=transports)
    async with (
        app.router.lifespan_context(app),
        PortalClient(transport=httpx.ASGITransport(app=app), base_url="http://portal") as client,
    ):
        yield client


async def _authorize(portal: PortalClient, subject: str = "anna") -> dict[str, Any]:
    """Start at the portal, approve at the provider; return the callback's query."""
    started = await portal.get("/sign-in/oidc", params={"next": "/notices"})
    assert started.status_code == 303
    authorize = started.headers["location"]
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    async with httpx.AsyncClient() as browser:
        approved = await browser.post(authorize, data={"sub": subject})
    assert approved.status_code == 302, approved.text
    callback = urlsplit(approved.headers["location"])
    assert callback.path == "/sign-in/callback"
    return {k: v[0] for k, v in parse_qs(callback.query).items()}


class TestOidcSignIn:
    async def test_signs_in_with_the_id_token_s_claims(self, oidc_portal: PortalClient) -> None:
        before = (await oidc_portal.get("/")).cookies["portal_session"]
        callback = await _authorize(oidc_portal)

        answer = await oidc_portal.get("/sign-in/callback", params=callback)

        assert answer.status_code == 303
        assert answer.headers["location"] == "/notices"
        assert answer.cookies["portal_session"] != before
        assert "Anna Nowak" in (await oidc_portal.get("/")).text

    async def test_a_replayed_or_forged_callback_signs_nobody_in(
        self, oidc_portal: PortalClient
    ) -> None:
        callback = await _authorize(oidc_portal)

        forged = await oidc_portal.get(
            "/sign-in/callback", params={**callback, "state": "someone-else"}
        )
        replayed = await oidc_portal.get("/sign-in/callback", params=callback)

        assert forged.status_code == 403
        assert replayed.status_code == 403  # the attempt was spent by the forged one
        assert "Anna Nowak" not in (await oidc_portal.get("/")).text

    async def test_a_token_about_to_expire_is_refreshed(self, oidc_portal: PortalClient) -> None:
        await oidc_portal.get("/sign-in/callback", params=await _authorize(oidc_portal))
        state = oidc_portal._transport.app.state.portal  # type: ignore[attr-defined]
        stored = await state.sessions.load(oidc_portal.cookies["portal_session"])
        old_token = stored.user.token
        stored.user.expires_at = 1.0
        await state.sessions.save(stored)

        page = await oidc_portal.get("/")

        renewed = await state.sessions.load(oidc_portal.cookies["portal_session"])
        assert "Anna Nowak" in page.text
        assert renewed.user.token != old_token
        assert renewed.user.expires_at > 1.0

    async def test_sign_out_ends_the_provider_s_session_too(
        self, oidc_portal: PortalClient, provider: str
    ) -> None:
        await oidc_portal.get("/sign-in/callback", params=await _authorize(oidc_portal))

        answer = await oidc_portal.submit("/sign-out", {})

        location = urlsplit(answer.headers["location"])
        assert f"{location.scheme}://{location.netloc}" == provider
        assert location.path == "/oauth2/end_session"
        query = parse_qs(location.query)
        assert query["post_logout_redirect_uri"] == ["http://portal/"]
        assert query["id_token_hint"]
        assert "Anna Nowak" not in (await oidc_portal.get("/")).text


class TestProductionSettings:
    def test_refuse_a_plain_http_provider_or_callback(self) -> None:
        with pytest.raises(ValidationError, match="oidc_issuer"):
            PortalSettings(oidc_issuer="http://keycloak:8080/realms/ngo")
        with pytest.raises(ValidationError, match="public_base_url"):
            PortalSettings(oidc_issuer="https://id.example.pl/realms/ngo")
        assert PortalSettings(
            oidc_issuer="https://id.example.pl/realms/ngo",
            public_base_url="https://portal.example.pl",
        ).oidc_issuer
