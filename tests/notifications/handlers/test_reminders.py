"""Reminders: durable timers from deadlines, fired once even when several replicas try."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from shared.contracts import grants
from shared.contracts.consultations import ConsultationClosed
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
from tests.support.polling import eventually
from tests.support.producers.consultations import consultation_opened
from tests.support.producers.grants import agreement_signed, competition_announced
from tests.support.producers.registry import organization_in
from tests.support.services import ServiceClient

SPORT = "physical_culture_sport"


@pytest.fixture
async def sport_club(notifications: ServiceClient, publish: Publish, tenant_id: str) -> str:
    organization = organization_in([SPORT])
    await publish(organization, tenant_id)
    await known_organization(notifications, tenant_id, organization.organization_id)
    return organization.organization_id


async def _timers(notifications: ServiceClient, tenant_id: str, subject_id: str) -> list[Any]:
    reminders = notifications.database["reminders"]
    return await reminders.find({"tenant_id": tenant_id, "subject_id": subject_id}).to_list()


async def _timer_set(notifications: ServiceClient, tenant_id: str, subject_id: str) -> list[Any]:
    async def present() -> list[Any]:
        found = await _timers(notifications, tenant_id, subject_id)
        assert found
        return found

    return await eventually(present, timeout=20)


def _kinds(items: list[Any]) -> list[str]:
    return sorted(item["kind"] for item in items)


class TestCompetitionDeadline:
    async def test_three_days_before_the_deadline_the_ngos_are_reminded_once(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        address = unique_address("reminded")
        member = await people.known(
            tenant_id, "ngo_member", organization_id=sport_club, email=address
        )
        deadline = datetime.now(UTC) + timedelta(days=3, seconds=1)

        await publish(
            competition_announced(area=SPORT, title="Boiska", offer_deadline=deadline), tenant_id
        )

        items = await inbox_eventually(notifications, member, 2)
        assert _kinds(items) == ["competition_announced", "competition_closing"]
        closing = next(i for i in items if i["kind"] == "competition_closing")
        assert closing["title"] == "Termin składania ofert mija: Boiska"
        await mail.wait_for(address, 2)
        later = datetime.now(UTC) + timedelta(days=1)
        assert await notifications.app.state.services.reminders.fire_due(now=later) == 0
        await settled(notifications)
        assert len(await inbox(notifications, member)) == 2
        assert len(mail.to(address)) == 2

    async def test_replicas_racing_for_a_due_timer_fire_it_once(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        address = unique_address("raced")
        member = await people.known(
            tenant_id, "ngo_member", organization_id=sport_club, email=address
        )
        announced = competition_announced(
            area=SPORT, offer_deadline=datetime.now(UTC) + timedelta(days=3, hours=1)
        )
        await publish(announced, tenant_id)
        await _timer_set(notifications, tenant_id, announced.competition_id)
        reminders = notifications.app.state.services.reminders
        due = datetime.now(UTC) + timedelta(hours=2)

        fired = await asyncio.gather(*(reminders.fire_due(now=due) for _ in range(3)))

        assert sum(fired) >= 1
        [timer] = await _timers(notifications, tenant_id, announced.competition_id)
        assert timer["state"] == "fired"
        await settled(notifications)
        assert _kinds(await inbox(notifications, member)) == [
            "competition_announced",
            "competition_closing",
        ]
        assert len(mail.to(address)) == 2

    async def test_a_cancelled_competition_reminds_nobody(
        self, notifications: ServiceClient, publish: Publish, tenant_id: str
    ) -> None:
        announced = competition_announced(
            area=SPORT, offer_deadline=datetime.now(UTC) + timedelta(days=3, hours=1)
        )
        await publish(announced, tenant_id)
        await _timer_set(notifications, tenant_id, announced.competition_id)

        await publish(
            grants.CompetitionCancelled(
                competition_id=announced.competition_id,
                reason="Brak środków",
                cancelled_at=datetime.now(UTC),
            ),
            tenant_id,
        )

        async def cancelled() -> None:
            [timer] = await _timers(notifications, tenant_id, announced.competition_id)
            assert timer["state"] == "cancelled"

        await eventually(cancelled, timeout=20)

    async def test_a_deadline_announced_inside_the_window_sets_no_timer(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        member = people.headers(tenant_id, "ngo_member", organization_id=sport_club)
        announced = competition_announced(
            area=SPORT, offer_deadline=datetime.now(UTC) + timedelta(days=1)
        )

        await publish(announced, tenant_id)

        await inbox_eventually(notifications, member, 1)
        assert await _timers(notifications, tenant_id, announced.competition_id) == []


class TestConsultationClosing:
    async def test_two_days_before_the_end_and_not_after_it_closed(
        self, notifications: ServiceClient, publish: Publish, people: People, tenant_id: str
    ) -> None:
        member = people.headers(tenant_id, "ngo_member")
        soon = consultation_opened(
            title="Budżet obywatelski", ends_at=datetime.now(UTC) + timedelta(days=2, seconds=1)
        )
        later = consultation_opened(ends_at=datetime.now(UTC) + timedelta(days=2, hours=1))
        await publish(soon, tenant_id)
        await publish(later, tenant_id)
        await _timer_set(notifications, tenant_id, later.consultation_id)
        await publish(
            ConsultationClosed(
                consultation_id=later.consultation_id,
                title=later.title,
                ends_at=later.ends_at,
                closed_at=datetime.now(UTC),
            ),
            tenant_id,
        )

        items = await inbox_eventually(notifications, member, 3)

        closing = [i for i in items if i["kind"] == "consultation_closing"]
        assert [i["title"] for i in closing] == [
            "Konsultacje wkrótce się kończą: Budżet obywatelski"
        ]


class TestReportDue:
    async def test_the_timer_and_the_producers_warning_tell_the_organization_once(
        self, notifications: ServiceClient, publish: Publish, people: People, tenant_id: str
    ) -> None:
        # The "due" timer fires seven days ahead: tomorrow at midnight.
        signed = agreement_signed(final_report_due=date.today() + timedelta(days=8))
        member = people.headers(tenant_id, "ngo_member", organization_id=signed.organization_id)
        await publish(signed, tenant_id)
        await _timer_set(notifications, tenant_id, signed.agreement_id)

        await publish(
            grants.AgreementReportDue(
                agreement_id=signed.agreement_id,
                organization_id=signed.organization_id,
                obligation="final",
                report_kind="final",
                due_date=signed.final_report_due,
                detected_on=date.today(),
            ),
            tenant_id,
        )
        [item] = await inbox_eventually(notifications, member, 1)
        fired = await notifications.app.state.services.reminders.fire_due(
            now=datetime.now(UTC) + timedelta(days=2)
        )

        assert item["kind"] == "report_due"
        assert fired == 1  # the "due" timer fired, but its notice had been told already
        assert len(await inbox(notifications, member)) == 1
