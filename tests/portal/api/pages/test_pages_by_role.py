"""Each role's page rules, rendered against scripted backends: no services, no database."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.portal.domain.session import User
from tests.portal.fakes import FakePortal, fake_portal, user
from tests.support.clock import FixedClock

TENANT = "0264011"
RESIDENT = user(TENANT)
MEMBER = user(TENANT, "ngo_member", organization_id="org-1", token="member-token")
OFFICER = user(TENANT, "tenant_officer", token="officer-token")
ORGANIZATION = {
    "id": "org-1",
    "name": "Fundacja Pomocy",
    "legal_form": "foundation",
    "verified": True,
}


class TestSignInFirst:
    @pytest.mark.parametrize("path", ["/dashboard", "/agreements", "/competitions/c-1"])
    async def test_an_anonymous_visitor_is_sent_to_sign_in_and_back(
        self, portal: FakePortal, path: str
    ) -> None:
        answer = await portal.client.get(path)

        assert answer.status_code == 303
        assert answer.headers["location"] == "/sign-in?next=" + path.replace("/", "%2F")
        assert portal.backends.calls == []


class TestDashboard:
    async def test_a_resident_sees_notices_and_no_organization(self, portal: FakePortal) -> None:
        portal.backends.answer("unread_count", {"unread": 3})
        await portal.sign_in(RESIDENT, language="en")

        answer = await portal.client.get("/dashboard")

        assert answer.status_code == 200
        assert "3 unread notices" in answer.text
        assert "My organization" not in answer.text
        assert portal.backends.called("organization") == []
        assert portal.backends.called("unread_count")[0].token == RESIDENT.token

    async def test_a_member_sees_their_organization_and_offers_with_their_token(
        self, portal: FakePortal
    ) -> None:
        portal.backends.answer("organization", ORGANIZATION)
        offer = {"id": "o-1", "state": "draft", "content": {"title": "Zajęcia"}, "totals": {}}
        portal.backends.answer("my_offers", [offer], next_cursor="next-page")
        await portal.sign_in(MEMBER, language="en")

        answer = await portal.client.get("/dashboard")

        assert answer.status_code == 200
        assert "Fundacja Pomocy" in answer.text and "Zajęcia" in answer.text
        assert "/dashboard?offers=next-page" in answer.text
        asked = portal.backends.called("organization")[0]
        assert asked.path == {"organization_id": "org-1"} and asked.token == "member-token"
        assert asked.language == "en"
        assert portal.backends.called("my_offers")[0].params == {"cursor": None, "limit": 10}

    async def test_offers_down_leave_the_rest_of_the_dashboard(self, portal: FakePortal) -> None:
        portal.backends.answer("organization", ORGANIZATION)
        portal.backends.down("my_offers")
        portal.backends.down("unread_count")
        await portal.sign_in(MEMBER, language="en")

        answer = await portal.client.get("/dashboard")

        assert answer.status_code == 200
        assert "Offers cannot be shown right now" in answer.text
        assert "Notices cannot be shown right now" in answer.text
        assert "Fundacja Pomocy" in answer.text


class TestAgreementsRole:
    async def test_a_resident_gets_the_no_access_page_without_a_backend_call(
        self, portal: FakePortal
    ) -> None:
        await portal.sign_in(RESIDENT)

        answer = await portal.client.get("/agreements")

        assert answer.status_code == 403
        assert "Brak dostępu" in answer.text
        assert portal.backends.called("agreements") == []

    @pytest.mark.parametrize("who", [MEMBER, OFFICER], ids=["ngo_member", "tenant_officer"])
    async def test_a_member_or_officer_lists_them_with_their_own_token(
        self, portal: FakePortal, who: User
    ) -> None:
        portal.backends.answer("agreements", [])
        await portal.sign_in(who, language="en")

        answer = await portal.client.get("/agreements")

        assert answer.status_code == 200 and "No agreements yet." in answer.text
        assert portal.backends.called("agreements")[0].token == who.token


class TestBackendAnswers:
    async def test_a_refusal_shows_the_matching_page(self, portal: FakePortal) -> None:
        portal.backends.refuse("agreements", 409)
        await portal.sign_in(MEMBER, language="en")

        answer = await portal.client.get("/agreements")

        assert answer.status_code == 409 and "This cannot be done now" in answer.text

    async def test_a_service_down_shows_try_again(self, portal: FakePortal) -> None:
        portal.backends.down("agreements")
        await portal.sign_in(MEMBER, language="en")

        answer = await portal.client.get("/agreements")

        assert answer.status_code == 503 and "Try again" in answer.text

    async def test_a_token_the_service_no_longer_takes_sends_to_sign_in(
        self, portal: FakePortal
    ) -> None:
        portal.backends.refuse("agreements", 401)
        await portal.sign_in(MEMBER)

        answer = await portal.client.get("/agreements")

        assert answer.status_code == 303
        assert answer.headers["location"] == "/sign-in?next=%2Fagreements"


class TestNoticeLinks:
    async def test_lead_to_the_user_s_own_municipality(self, portal: FakePortal) -> None:
        await portal.sign_in(OFFICER)

        answer = await portal.client.get("/consultations/k-1/comments/c-9")

        assert answer.status_code == 303
        location = answer.headers["location"]
        assert location == f"/municipalities/{TENANT}/consultations/k-1#my-comments"


class TestPublicPages:
    async def test_home_lists_the_configured_municipalities(self, portal: FakePortal) -> None:
        answer = await portal.client.get("/")

        assert answer.status_code == 200
        assert "Wrocław" in answer.text and "Kąty Wrocławskie" in answer.text
        assert answer.headers["x-frame-options"] == "DENY"
        assert portal.documents.documents == {}  # reading a page stores no session

    async def test_a_municipality_not_offered_is_not_found(self, portal: FakePortal) -> None:
        answer = await portal.client.get("/municipalities/9999999")

        assert answer.status_code == 404 and "Nie znaleziono strony" in answer.text

    async def test_an_organization_profile_is_asked_for_in_the_session_s_language(
        self, portal: FakePortal
    ) -> None:
        portal.backends.answer("public_organization", {**ORGANIZATION, "areas": []})
        await portal.sign_in(RESIDENT, language="en")

        answer = await portal.client.get("/organizations/org-1")

        assert answer.status_code == 200 and "Fundacja Pomocy" in answer.text
        assert portal.backends.called("public_organization")[0].language == "en"


class TestLanguageForm:
    async def test_without_the_form_token_it_is_refused(self, portal: FakePortal) -> None:
        answer = await portal.client.post("/language", data={"language": "en"})

        assert answer.status_code == 403
        assert "Formularz wygasł." in answer.text

    async def test_with_the_token_the_choice_is_stored_and_used(self, portal: FakePortal) -> None:
        await portal.sign_in(RESIDENT)
        token = await portal.csrf()

        answer = await portal.client.post(
            "/language", data={"language": "en", "next": "/", "csrf_token": token}
        )
        home = await portal.client.get("/")

        assert answer.status_code == 303 and answer.headers["location"] == "/"
        assert "Choose a municipality" in home.text


async def test_stopping_the_portal_closes_its_backend_clients() -> None:
    async with fake_portal() as running:
        assert not running.backends.closed

    assert running.backends.closed


class TestSessionEnd:
    async def test_a_session_past_its_ttl_signs_nobody_in(self) -> None:
        clock = FixedClock()
        async with fake_portal(clock=clock) as running:
            await running.sign_in(MEMBER)
            clock.advance(timedelta(seconds=running.sessions.ttl_seconds + 1))

            answer = await running.client.get("/dashboard")

        assert answer.status_code == 303
        assert answer.headers["location"] == "/sign-in?next=%2Fdashboard"
        assert running.documents.documents == {}
        assert running.backends.calls == []
