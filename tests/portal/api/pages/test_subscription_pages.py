"""Subscription settings over scripted backends: what each form sends, and what it keeps."""

from __future__ import annotations

import pytest

from tests.portal.fakes import FakePortal, user

TENANT = "0264011"
RESIDENT = user(TENANT, token="resident-token")
MEMBER = user(TENANT, "ngo_member", organization_id="org-1", token="member-token")
CURRENT = {
    "kinds": ["competition_announced"],
    "available_kinds": [
        {"kind": "competition_announced", "label": "Nowy konkurs"},
        {"kind": "consultation_opened", "label": "Nowe konsultacje"},
    ],
    "municipalities": [TENANT, "0223044"],
    "areas": ["culture"],
    "organization_areas": False,
    "inbox": True,
    "email": "daily",
    "customized": False,
}


@pytest.fixture
def portal(portal: FakePortal) -> FakePortal:
    """The folder's portal, with the current subscription scripted."""
    portal.backends.answer("my_subscription", CURRENT)
    return portal


class TestSettingsPage:
    async def test_shows_the_chosen_kinds_and_hides_organization_areas_from_a_resident(
        self, portal: FakePortal
    ) -> None:
        await portal.sign_in(RESIDENT)

        answer = await portal.client.get("/subscriptions")

        assert answer.status_code == 200
        assert 'value="competition_announced" checked' in answer.text
        assert 'value="consultation_opened" >' in answer.text
        assert 'name="organization_areas"' not in answer.text

    async def test_an_organization_member_may_follow_its_areas(self, portal: FakePortal) -> None:
        await portal.sign_in(MEMBER)

        answer = await portal.client.get("/subscriptions")

        assert 'name="organization_areas"' in answer.text


class TestSave:
    async def test_sends_the_choices_and_keeps_what_the_form_does_not_show(
        self, portal: FakePortal
    ) -> None:
        portal.backends.answer("change_subscription", CURRENT)
        await portal.sign_in(MEMBER)

        answer = await portal.submit(
            "/subscriptions",
            {"kinds": ["consultation_opened"], "organization_areas": "on", "email": "weekly"},
        )

        assert answer.status_code == 303 and answer.headers["location"] == "/subscriptions?saved=1"
        assert portal.backends.called("change_subscription")[0].json == {
            "kinds": ["consultation_opened"],
            "municipalities": [TENANT, "0223044"],
            "areas": ["culture"],
            "organization_areas": True,
            "inbox": False,
            "email": "weekly",
        }

    async def test_a_refused_choice_shows_on_the_page(self, portal: FakePortal) -> None:
        problem = [{"field": "body.email", "message": "Nieznana częstotliwość."}]
        portal.backends.refuse("change_subscription", 422, errors=problem)
        await portal.sign_in(RESIDENT)

        answer = await portal.submit("/subscriptions", {"email": "hourly"})

        assert answer.status_code == 422 and "Nieznana częstotliwość." in answer.text

    async def test_unsubscribing_stops_every_channel_but_keeps_the_municipalities(
        self, portal: FakePortal
    ) -> None:
        portal.backends.answer("change_subscription", CURRENT)
        await portal.sign_in(RESIDENT)

        answer = await portal.submit("/subscriptions/unsubscribe", {})

        assert answer.headers["location"] == "/subscriptions?unsubscribed=1"
        assert portal.backends.called("change_subscription")[0].json == {
            "kinds": [],
            "municipalities": [TENANT, "0223044"],
            "inbox": False,
            "email": "off",
        }

    async def test_back_to_defaults_asks_the_service_to_reset(self, portal: FakePortal) -> None:
        portal.backends.answer("reset_subscription", CURRENT)
        await portal.sign_in(RESIDENT)

        answer = await portal.submit("/subscriptions/defaults", {})

        assert answer.headers["location"] == "/subscriptions?reset=1"
        reset = portal.backends.called("reset_subscription")[0]
        assert (reset.json, reset.token) == (None, "resident-token")
