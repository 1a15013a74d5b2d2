"""Digests: a week's events rendered for the municipality's bulletin and e-mailed to subscribers."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from shared.contracts import grants
from shared.contracts.registry import TenantOnboarded
from tests.notifications.conftest import Headers, People, Publish, SmtpSink, unique_address
from tests.support.http import problem
from tests.support.polling import eventually
from tests.support.producers.consultations import consultation_opened, consultation_report
from tests.support.producers.grants import competition_announced, offer_submitted
from tests.support.producers.registry import organization_in
from tests.support.services import ServiceClient

WARSAW = ZoneInfo("Europe/Warsaw")


def _monday_weeks_ago(weeks: int) -> date:
    today = date.today()
    return today - timedelta(days=today.weekday() + 7 * weeks)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=WARSAW).astimezone(UTC)


def _week(monday: date) -> str:
    year, number, _ = monday.isocalendar()
    return f"{year}-W{number:02d}"


@pytest.fixture
async def week_of_events(
    notifications: ServiceClient, publish: Publish, tenant_id: str
) -> dict[str, Any]:
    """A week, three weeks ago, in which the municipality had a busy time; and after it."""
    monday = _monday_weeks_ago(3)
    events = [
        (
            TenantOnboarded(
                tenant_id=tenant_id,
                name="Gmina Testowo",
                kind="municipality",
                onboarded_at=_at(monday, 8),
            ),
            _at(monday, 8),
        ),
        (organization_in(["seniors"], name="Fundacja Złota Jesień"), _at(monday, 9)),
        (
            competition_announced(
                title="Aktywni seniorzy",
                area="seniors",
                announced_at=_at(monday, 10),
                offer_deadline=datetime.now(UTC) + timedelta(days=60),
            ),
            _at(monday, 10),
        ),
        (
            consultation_opened(
                title="Program współpracy 2027",
                opened_at=_at(monday, 11),
                ends_at=datetime.now(UTC) + timedelta(days=30),
            ),
            _at(monday, 11),
        ),
        (
            consultation_report(title="Strategia rozwiązywania problemów społecznych"),
            _at(monday + timedelta(days=2), 12),
        ),
        (_offer("Zajęcia dla seniorów"), _at(monday + timedelta(days=3), 9)),
        (
            competition_announced(title="Konkurs z następnego tygodnia"),
            _at(monday + timedelta(days=8), 9),
        ),
    ]
    for event, moment in events:
        await publish(event, tenant_id, time=moment)
    notices = notifications.database["notices"]
    tenants = notifications.database["tenants"]

    async def recorded() -> None:
        # The tenant's name travels on its own topic, so it may arrive after the rest.
        assert await notices.count_documents({"tenant_id": tenant_id}) == len(events) - 1
        assert await tenants.count_documents({"_id": tenant_id}) == 1

    await eventually(recorded, timeout=20)
    return {"monday": monday, "week": _week(monday)}


def _offer(title: str) -> grants.OfferSubmitted:
    return offer_submitted(
        offer_id="offer-1",
        competition_id="competition-1",
        organization_id="org-1",
        task_title=title,
    )


@pytest.fixture
def officer(people: People, tenant_id: str) -> Headers:
    return people.headers(tenant_id, "tenant_officer")


class TestBulletin:
    async def test_the_weeks_digest_in_markdown(
        self, notifications: ServiceClient, officer: Headers, week_of_events: dict[str, Any]
    ) -> None:
        answer = await notifications.get(
            "/digests/weekly",
            params={"week": week_of_events["week"], "format": "markdown"},
            headers=officer,
        )

        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("text/markdown")
        text = answer.text
        assert text.startswith(f"# Tydzień {week_of_events['week']}: Gmina Testowo")
        for heading in (
            "## Nowe organizacje",
            "## Konkursy ofert",
            "## Trwające nabory ofert",
            "## Konsultacje społeczne",
            "## Trwające konsultacje",
            "## Raporty i wyniki współpracy",
        ):
            assert heading in text
        assert "Nowa organizacja: Fundacja Złota Jesień" in text
        assert "Nowy konkurs: Aktywni seniorzy" in text
        assert "Raport z konsultacji: Strategia rozwiązywania problemów społecznych" in text
        assert "Konkurs z następnego tygodnia" not in text
        assert "Zajęcia dla seniorów" not in text  # offers are the staff's, not the public's

    async def test_the_weeks_digest_in_html(
        self, notifications: ServiceClient, officer: Headers, week_of_events: dict[str, Any]
    ) -> None:
        answer = await notifications.get(
            "/digests/weekly",
            params={"week": week_of_events["week"], "format": "html"},
            headers={**officer, "Accept-Language": "en"},
        )

        assert answer.headers["content-type"].startswith("text/html")
        assert "<h1" in answer.text and "Week " + week_of_events["week"] in answer.text
        assert "New competition: Aktywni seniorzy" in answer.text

    async def test_a_week_that_is_not_one(
        self, notifications: ServiceClient, officer: Headers
    ) -> None:
        answer = await notifications.get(
            "/digests/weekly", params={"week": "2026-W99"}, headers=officer
        )

        assert problem(answer, 422)["errors"][0]["field"] == "query.week"

    async def test_is_for_the_municipalitys_staff(
        self, notifications: ServiceClient, people: People, tenant_id: str
    ) -> None:
        member = people.headers(tenant_id, "ngo_member")

        answer = await notifications.get(
            "/digests/weekly", params={"week": "2026-W10"}, headers=member
        )

        problem(answer, 403)


class TestSubscriberDigest:
    async def test_a_weekly_subscriber_gets_the_weeks_notices_once(
        self,
        notifications: ServiceClient,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
        week_of_events: dict[str, Any],
    ) -> None:
        address = unique_address("weekly")
        officer = people.headers(tenant_id, "tenant_officer", email=address)
        body = {"kinds": ["offer_submitted", "organization_registered"], "email": "weekly"}
        assert (await notifications.put("/subscriptions/me", json=body, headers=officer)).is_success
        next_monday = week_of_events["monday"] + timedelta(days=7)
        digests = notifications.app.state.services.digests

        first, second = await asyncio.gather(
            digests.send_due(now=_at(next_monday, 7)), digests.send_due(now=_at(next_monday, 7))
        )
        await digests.send_due(now=_at(next_monday, 9))

        [message] = await mail.wait_for(address)
        assert message["Subject"] == f"Tydzień {week_of_events['week']}: Gmina Testowo"
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "Nowa oferta: Zajęcia dla seniorów" in text
        assert "Nowa organizacja: Fundacja Złota Jesień" in text
        assert "Aktywni seniorzy" not in text
        assert first + second >= 1
        await asyncio.sleep(0.3)
        assert len(mail.to(address)) == 1
