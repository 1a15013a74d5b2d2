"""Subscriptions: defaults by role, changing them, watching other municipalities, the directory."""

from __future__ import annotations

from typing import Any

import pytest

from tests.notifications.conftest import (
    People,
    Publish,
    SmtpSink,
    inbox,
    inbox_eventually,
    known_organization,
    settled,
    unique_address,
)
from tests.support.http import problem
from tests.support.namespace import new_tenant_id
from tests.support.producers.consultations import consultation_opened
from tests.support.producers.grants import competition_announced
from tests.support.producers.registry import organization_in
from tests.support.services import ServiceClient

SPORT = "physical_culture_sport"


async def _subscription(notifications: ServiceClient, headers: dict[str, str]) -> dict[str, Any]:
    answer = await notifications.get("/subscriptions/me", headers=headers)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


class TestDefaultsByRole:
    async def test_an_ngo_member_hears_of_competitions_in_its_areas_at_once(
        self, notifications: ServiceClient, people: People, tenant_id: str
    ) -> None:
        member = people.headers(tenant_id, "ngo_member", organization_id="org-1")

        body = await _subscription(notifications, member)

        assert body["customized"] is False
        assert {"competition_announced", "competition_closing"} <= set(body["kinds"])
        assert "offer_submitted" not in body["kinds"]
        assert body["municipalities"] == [tenant_id]
        assert body["organization_areas"] is True
        assert body["email"] == "immediate"

    async def test_an_officer_hears_of_offers_comments_and_reports_in_a_daily_digest(
        self, notifications: ServiceClient, people: People, tenant_id: str
    ) -> None:
        body = await _subscription(notifications, people.headers(tenant_id, "tenant_officer"))

        assert {"offer_submitted", "comment_submitted", "report_submitted"} <= set(body["kinds"])
        assert "competition_announced" not in body["kinds"]
        assert body["email"] == "daily"
        assert "offer_submitted" in {k["kind"] for k in body["available_kinds"]}

    async def test_staff_only_kinds_are_not_offered_to_ngos(
        self, notifications: ServiceClient, people: People, tenant_id: str
    ) -> None:
        body = await _subscription(notifications, people.headers(tenant_id, "ngo_member"))

        assert "offer_submitted" not in {k["kind"] for k in body["available_kinds"]}


class TestChangeSubscription:
    async def test_replaces_and_reads_back(
        self, notifications: ServiceClient, people: People, tenant_id: str
    ) -> None:
        member = people.headers(tenant_id, "ngo_member")
        body = {
            "kinds": ["consultation_opened", "competition_results"],
            "areas": ["culture_heritage"],
            "inbox": False,
            "email": "weekly",
        }

        answer = await notifications.put("/subscriptions/me", json=body, headers=member)

        assert answer.status_code == 200, answer.text
        stored = await _subscription(notifications, member)
        assert stored["customized"] is True
        assert stored["kinds"] == ["competition_results", "consultation_opened"]
        assert stored["areas"] == ["culture_heritage"]
        assert (stored["inbox"], stored["email"]) == (False, "weekly")
        assert stored["municipalities"] == [tenant_id]

    async def test_back_to_the_defaults(
        self, notifications: ServiceClient, people: People, tenant_id: str
    ) -> None:
        member = people.headers(tenant_id, "ngo_member")
        body = {"kinds": ["consultation_opened"], "email": "off"}
        await notifications.put("/subscriptions/me", json=body, headers=member)

        answer = await notifications.delete("/subscriptions/me", headers=member)

        assert answer.status_code == 200
        assert answer.json()["customized"] is False
        assert answer.json()["email"] == "immediate"

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"kinds": ["no_such_kind"]}, "kinds"),
            ({"kinds": [], "areas": ["astrology"]}, "areas"),
            ({"kinds": [], "email": "hourly"}, "email"),
            ({"kinds": [], "municipalities": ["no spaces allowed"]}, "municipalities"),
            ({"kinds": ["offer_submitted"]}, "kinds"),
            ({"kinds": [], "colour": "blue"}, "colour"),
        ],
    )
    async def test_rejects_what_cannot_be_chosen_naming_the_field(
        self,
        notifications: ServiceClient,
        people: People,
        tenant_id: str,
        body: dict[str, Any],
        field: str,
    ) -> None:
        member = people.headers(tenant_id, "ngo_member")

        answer = await notifications.put("/subscriptions/me", json=body, headers=member)

        named = [error["field"] for error in problem(answer, 422)["errors"]]
        assert any(name.startswith(f"body.{field}") for name in named), named

    async def test_turning_the_inbox_off_hides_what_the_role_would_show(
        self, notifications: ServiceClient, publish: Publish, people: People, tenant_id: str
    ) -> None:
        quiet = people.headers(tenant_id, "ngo_member")
        body = {"kinds": ["consultation_opened"], "inbox": False, "email": "off"}
        await notifications.put("/subscriptions/me", json=body, headers=quiet)
        other = people.headers(tenant_id, "ngo_member")

        await publish(consultation_opened(), tenant_id)

        await inbox_eventually(notifications, other, 1)
        assert await inbox(notifications, quiet) == []


class TestWatchingAnotherMunicipality:
    async def test_a_competition_there_reaches_the_watcher_at_home(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
    ) -> None:
        neighbour = new_tenant_id()
        address = unique_address("watcher")
        watcher = people.headers(tenant_id, "ngo_member", email=address)
        body = {
            "kinds": ["competition_announced"],
            "municipalities": [tenant_id, neighbour],
            "areas": [SPORT],
            "email": "immediate",
        }
        answer = await notifications.put("/subscriptions/me", json=body, headers=watcher)
        assert answer.status_code == 200, answer.text

        await publish(competition_announced(area=SPORT, title="Sąsiedzki turniej"), neighbour)

        [item] = await inbox_eventually(notifications, watcher, 1)
        assert item["title"] == "Nowy konkurs: Sąsiedzki turniej"
        await mail.wait_for(address)

    async def test_a_competition_outside_the_chosen_areas_does_not(
        self, notifications: ServiceClient, publish: Publish, people: People, tenant_id: str
    ) -> None:
        neighbour = new_tenant_id()
        watcher = people.headers(tenant_id, "ngo_member")
        body = {"kinds": ["competition_announced"], "municipalities": [neighbour], "areas": [SPORT]}
        await notifications.put("/subscriptions/me", json=body, headers=watcher)
        other = people.headers(tenant_id, "ngo_member")
        await notifications.put("/subscriptions/me", json={**body, "areas": []}, headers=other)

        await publish(competition_announced(area="culture_heritage"), neighbour)

        await inbox_eventually(notifications, other, 1)
        await settled(notifications)
        assert await inbox(notifications, watcher) == []


class TestDirectory:
    async def test_records_what_the_token_says_and_the_language(
        self, notifications: ServiceClient, publish: Publish, people: People, tenant_id: str
    ) -> None:
        organization = organization_in([SPORT])
        await publish(organization, tenant_id)
        await known_organization(notifications, tenant_id, organization.organization_id)
        headers = people.headers(
            tenant_id,
            "ngo_member",
            organization_id=organization.organization_id,
            email="ewa@example.org",
            name="Ewa Kowalska",
            subject="ewa",
        )

        answer = await notifications.get("/me", headers={**headers, "Accept-Language": "en-GB"})

        assert answer.json() == {
            "subject": "ewa",
            "tenant_id": tenant_id,
            "roles": ["ngo_member"],
            "organization_id": organization.organization_id,
            "email": "ewa@example.org",
            "name": "Ewa Kowalska",
            "language": "en",
        }

    async def test_an_anonymous_caller_is_refused(self, notifications: ServiceClient) -> None:
        problem(await notifications.get("/subscriptions/me"), 401)
