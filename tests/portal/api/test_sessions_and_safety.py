"""Sessions, CSRF, sign-in and the error pages: what keeps one browser's user apart from another."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from deploy.local.keys import LocalIdentity
from deploy.local.servers import free_port
from services.portal.app import create_app
from services.portal.repository.sessions import SessionDocuments
from services.portal.services.sessions import SessionStore
from services.portal.settings import PortalSettings
from tests.portal.conftest import Backends, PortalClient, portal_settings
from tests.support.infrastructure import Infrastructure
from tests.support.namespace import new_namespace


class TestSessionCookie:
    async def test_is_http_only_same_site_lax_and_random(self, portal: PortalClient) -> None:
        answer = await portal.get("/")

        cookie = answer.headers["set-cookie"]
        assert cookie.startswith("portal_session=")
        assert "HttpOnly" in cookie
        assert "SameSite=lax" in cookie
        assert "Secure" not in cookie  # development only: production says Secure
        assert len(answer.cookies["portal_session"]) >= 40

    def test_is_secure_outside_development(self) -> None:
        assert PortalSettings(deployment="production").secure_cookies
        assert not PortalSettings(deployment="development").secure_cookies


class TestVisitorsStoreNothing:
    """Reading public pages writes nothing; a session is stored once it holds something."""

    async def test_reading_pages_stores_no_session(self, portal: PortalClient) -> None:
        portal.cookies.clear()
        await portal.get("/")
        await portal.get("/sign-in")

        cookie = portal.cookies["portal_session"]
        assert cookie.startswith("a.")  # marked unstored: the next page reads no database
        assert await _stored(portal, cookie.removeprefix("a.")) is None

    async def test_a_visitor_s_first_form_is_accepted_and_stored(
        self, portal: PortalClient
    ) -> None:
        portal.cookies.clear()
        token = await portal.csrf()
        session_id = portal.cookies["portal_session"].removeprefix("a.")

        answer = await portal.post("/language", data={"language": "en", "csrf_token": token})

        assert answer.status_code == 303
        assert portal.cookies["portal_session"] == session_id  # now read from the store
        stored = await _stored(portal, session_id)
        assert stored is not None and stored["language"] == "en"
        assert "csrf" not in stored  # derived from the id, never written down
        assert '<html lang="en">' in (await portal.get("/")).text

    async def test_the_form_token_verifies_on_another_replica(self, portal: PortalClient) -> None:
        portal.cookies.clear()
        token = await portal.csrf()
        state = _state(portal)
        replica = SessionStore(SessionDocuments(state.mongo[state.settings.mongodb_database]), 300)

        session = await replica.load(portal.cookies["portal_session"])

        assert session is not None and session.csrf == token

    async def test_a_malformed_cookie_starts_a_new_session(self, portal: PortalClient) -> None:
        portal.cookies.clear()
        portal.cookies.set("portal_session", "chosen-by-someone-else")

        answer = await portal.get("/")

        fresh = answer.cookies["portal_session"].removeprefix("a.")
        assert fresh != "chosen-by-someone-else" and len(fresh) == 43

    async def test_marking_a_signed_in_cookie_unstored_signs_nobody_in(
        self, portal: PortalClient
    ) -> None:
        await portal.sign_in("resident")
        session_id = portal.cookies["portal_session"]
        portal.cookies.clear()
        portal.cookies.set("portal_session", "a." + session_id)

        answer = await portal.get("/dashboard")

        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/sign-in")


def _state(portal: PortalClient) -> Any:
    return portal._transport.app.state.portal  # type: ignore[attr-defined]


async def _stored(portal: PortalClient, session_id: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = await _collection(portal).find_one({"_id": session_id})
    return found


def _collection(portal: PortalClient) -> Any:
    """Return the portal's stored sessions, read straight from its database."""
    state = _state(portal)
    return state.mongo[state.settings.mongodb_database]["sessions"]


class TestDevelopmentSignIn:
    def test_production_refuses_to_start_with_it(self) -> None:
        with pytest.raises(ValidationError, match="dev_sign_in"):
            PortalSettings(deployment="production", dev_sign_in=True)

    async def test_a_new_session_id_after_sign_in(self, portal: PortalClient) -> None:
        before = (await portal.get("/sign-in")).cookies["portal_session"]

        answer = await portal.sign_in("resident")

        assert answer.cookies["portal_session"] != before
        assert "Mieszkaniec" in (await portal.get("/")).text

    async def test_sign_out_ends_the_session(self, portal: PortalClient) -> None:
        await portal.sign_in("resident")

        answer = await portal.submit("/sign-out", {})

        assert answer.status_code == 303
        assert (await portal.get("/dashboard")).status_code == 303


class TestCsrf:
    async def test_a_form_without_the_token_is_refused(self, portal: PortalClient) -> None:
        await portal.get("/")

        answer = await portal.post("/language", data={"language": "en"})

        assert answer.status_code == 403
        assert "Formularz wygasł" in answer.text
        assert '<html lang="pl">' in (await portal.get("/")).text

    async def test_another_session_s_token_is_refused(self, portal: PortalClient) -> None:
        others = await portal.csrf()
        portal.cookies.clear()
        await portal.get("/")

        answer = await portal.post("/language", data={"language": "en", "csrf_token": others})

        assert answer.status_code == 403


class TestRedirects:
    async def test_language_switch_never_leaves_the_site(self, portal: PortalClient) -> None:
        answer = await portal.submit("/language", {"language": "en", "next": "//evil.example"})

        assert answer.headers["location"] == "/"

    async def test_a_page_for_signed_in_users_sends_to_sign_in(self, portal: PortalClient) -> None:
        answer = await portal.get("/notices")

        assert answer.status_code == 303
        assert answer.headers["location"] == "/sign-in?next=%2Fnotices"


class TestErrorPages:
    async def test_an_unknown_organization_is_a_404_page(self, portal: PortalClient) -> None:
        answer = await portal.get("/organizations/no-such-organization")

        assert answer.status_code == 404
        assert "text/html" in answer.headers["content-type"]
        assert "Nie znaleziono strony" in answer.text

    async def test_a_backend_that_is_down_gives_a_try_again_page(
        self, portal: PortalClient
    ) -> None:
        backends = portal._transport.app.state.portal.backends  # type: ignore[attr-defined]
        registry = backends._clients["registry"]
        backends._clients["registry"] = httpx.AsyncClient(base_url="http://127.0.0.1:9", timeout=1)
        try:
            answer = await portal.get("/organizations", params={"q": "x"})
        finally:
            await backends._clients["registry"].aclose()
            backends._clients["registry"] = registry

        assert answer.status_code == 503
        assert "Spróbuj ponownie" in answer.text
        assert "Traceback" not in answer.text

    async def test_health_readiness_and_metrics(self, portal: PortalClient) -> None:
        assert (await portal.get("/healthz")).json() == {"status": "ok"}
        assert (await portal.get("/readyz")).status_code == 200
        assert "portal_pages_total" in (await portal.get("/metrics")).text


class TestClientAddress:
    async def test_the_services_learn_the_browser_s_address(
        self, portal: PortalClient, backends: Backends
    ) -> None:
        seen: list[str | None] = []
        registry = backends["registry"].app

        async def recording(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http":
                headers = dict(scope["headers"])
                seen.append(headers.get(b"x-forwarded-for", b"").decode() or None)
            await registry(scope, receive, send)

        state = portal._transport.app.state.portal  # type: ignore[attr-defined]
        original = state.backends._clients["registry"]
        state.backends._clients["registry"] = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=recording), base_url="http://registry"
        )
        browser = httpx.AsyncClient(
            transport=httpx.ASGITransport(
                app=portal._transport.app,  # type: ignore[attr-defined]
                client=("203.0.113.7", 50000),
            ),
            base_url="http://portal",
        )
        try:
            answer = await browser.get("/organizations", params={"q": "x"})
        finally:
            await browser.aclose()
            await state.backends._clients["registry"].aclose()
            state.backends._clients["registry"] = original

        assert answer.status_code == 200
        assert seen == ["203.0.113.7"]


class TestExpiredSessions:
    async def test_an_expired_session_signs_nobody_in_and_is_purged(
        self, portal: PortalClient
    ) -> None:
        await portal.sign_in("resident")
        session_id = portal.cookies["portal_session"]
        await _collection(portal).update_one({"_id": session_id}, {"$set": {"expires_at": 1.0}})

        assert (await portal.get("/dashboard")).status_code == 303
        assert await _stored(portal, session_id) is None


class TestMetricsPort:
    async def test_metrics_stay_off_the_public_port_by_default(
        self, infrastructure: Infrastructure, identity: LocalIdentity
    ) -> None:
        port = free_port()
        settings = portal_settings(infrastructure, identity, new_namespace(), metrics_port=port)
        app = create_app(settings)

        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://p") as web,
            httpx.AsyncClient() as scraper,
        ):
            public = await web.get("/metrics")
            private = await scraper.get(f"http://127.0.0.1:{port}/metrics")

        assert public.status_code == 404
        assert "portal_pages_total" in private.text


class TestCaching:
    async def test_a_signed_in_page_is_never_stored(self, portal: PortalClient) -> None:
        public = await portal.get("/")
        await portal.sign_in("resident")

        private = await portal.get("/")

        assert "cache-control" not in public.headers
        assert private.headers["cache-control"] == "private, no-store"
