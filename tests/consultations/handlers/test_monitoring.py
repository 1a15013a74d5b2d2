"""Participation monitoring from registry and grants events: figures, replays, the yearly report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from shared.contracts.base import EventContract
from shared.contracts.grants import (
    AGREEMENT_TOPIC,
    AgreementReportDue,
    AgreementSigned,
    CompetitionResult,
    CompetitionResultsPublished,
    OfferSubmitted,
    ReportSubmitted,
    SmallGrantConcluded,
    SmallGrantReceived,
)
from shared.contracts.registry import OrganizationRegistered, TenantOnboarded
from shared.events import KafkaRecord
from tests.consultations.conftest import Headers, consumed, publish, record_of
from tests.support.http import error_fields, ok, problem
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.services import ServiceClient

YEAR = 2025
SENIORS, SPORT = "Stowarzyszenie Seniorów", "Fundacja Sportowa"


def at(month: int, day: int = 1) -> datetime:
    return datetime(YEAR, month, day, 10, 0, tzinfo=UTC)


def offer(offer_id: str, organization_id: str, month: int) -> OfferSubmitted:
    return OfferSubmitted(
        offer_id=offer_id,
        competition_id="competition-1",
        organization_id=organization_id,
        partner_organization_ids=[],
        task_title="Zajęcia dla seniorów",
        requested_grant=Decimal("12000.00"),
        total_cost=Decimal("15000.00"),
        submitted_by="member",
        submitted_at=at(month),
    )


def result(offer_id: str, organization_id: str, amount: str) -> CompetitionResult:
    return CompetitionResult(
        offer_id=offer_id,
        organization_id=organization_id,
        organization_name=organization_id,
        task_title="Zadanie",
        points=Decimal("80"),
        granted_amount=Decimal(amount),
    )


def signed(agreement_id: str, organization_id: str, offer_id: str) -> AgreementSigned:
    return AgreementSigned(
        agreement_id=agreement_id,
        organization_id=organization_id,
        competition_id="competition-1",
        offer_id=offer_id,
        amount=Decimal("1000.00"),
        task_start=date(YEAR, 4, 1),
        task_end=date(YEAR, 10, 31),
        final_report_due=date(YEAR, 11, 30),
        signed_at=at(3, 20),
    )


def report(
    report_id: str, agreement_id: str, organization_id: str, **fields: Any
) -> ReportSubmitted:
    values: dict[str, Any] = {
        "report_id": report_id,
        "agreement_id": agreement_id,
        "organization_id": organization_id,
        "obligation": "final",
        "report_kind": "final",
        "grant_spent": Decimal("1000.00"),
        "submitted_by": "member",
        **fields,
    }
    return ReportSubmitted(**values)


class Year:
    """A municipality's year of registry and grants events, as their producers wrote them."""

    def __init__(self, consultations: ServiceClient, tenant_id: str) -> None:
        self.tenant_id = tenant_id
        self.seniors, self.sport = f"org-seniors-{tenant_id}", f"org-sport-{tenant_id}"
        registry = [
            OrganizationRegistered(
                organization_id=organization_id,
                name=name,
                legal_form="association",
                registered_by="officer",
                registered_at=at(1),
            )
            for organization_id, name in ((self.seniors, SENIORS), (self.sport, SPORT))
        ]
        grants: list[EventContract] = [
            offer("offer-1", self.seniors, 2),
            offer("offer-2", self.sport, 2),
            offer("offer-3", self.sport, 2),
            CompetitionResultsPublished(
                competition_id="competition-1",
                results=[
                    result("offer-1", self.seniors, "12000.00"),
                    result("offer-2", self.sport, "8500.50"),
                    result("offer-3", self.sport, "0.00"),
                ],
                total_granted=Decimal("20500.50"),
                published_at=at(3),
            ),
            SmallGrantReceived(
                small_grant_id="small-grant-1",
                organization_id=self.seniors,
                task_title="Piknik sąsiedzki",
                requested_grant=Decimal("3000.00"),
                received_on=date(YEAR, 5, 5),
                publication_due=date(YEAR, 5, 14),
            ),
            SmallGrantConcluded(
                small_grant_id="small-grant-1",
                organization_id=self.seniors,
                agreement_id="agreement-3",
                amount=Decimal("3000.00"),
                concluded_at=at(5, 20),
            ),
        ]
        agreements: list[EventContract] = [
            signed("agreement-1", self.seniors, "offer-1"),
            signed("agreement-2", self.sport, "offer-2"),
            AgreementReportDue(
                agreement_id="agreement-1",
                organization_id=self.seniors,
                obligation="partial-1",
                report_kind="partial",
                due_date=date(YEAR, 7, 15),
                detected_on=date(YEAR, 7, 8),
            ),
        ]
        reports: list[EventContract] = [
            report(
                "report-1",
                "agreement-1",
                self.seniors,
                obligation="partial-1",
                report_kind="partial",
                submitted_at=at(7, 10),
            ),
            report("report-2", "agreement-1", self.seniors, submitted_at=at(11, 20)),
            report("report-3", "agreement-2", self.sport, submitted_at=at(12, 10)),
        ]
        self.first = [
            *(
                record_of(consultations, e, tenant_id=tenant_id, source="registry")
                for e in registry
            ),
            *(record_of(consultations, e, tenant_id=tenant_id, source="grants") for e in grants),
            *(
                record_of(consultations, e, tenant_id=tenant_id, source="grants")
                for e in agreements
            ),
        ]
        self.reports = [
            record_of(consultations, e, tenant_id=tenant_id, source="grants") for e in reports
        ]

    @property
    def records(self) -> list[KafkaRecord]:
        return [*self.first, *self.reports]


EXPECTED_TOTALS = {
    "year": YEAR,
    "organizations_registered": 2,
    "active_organizations": 2,
    "consultations_held": 0,
    "comments": 0,
    "offers_submitted": 4,
    "offers_granted": 3,
    "funds_granted": "23500.50",
    "reports_submitted": 3,
    "reports_on_time": 2,
}


async def figures(consultations: ServiceClient, officer: Headers, tenant_id: str) -> Any:
    return ok(
        await consultations.get(
            f"/monitoring/municipalities/{tenant_id}/years/{YEAR}", headers=officer
        )
    )


async def feed(consultations: ServiceClient, year: Year, officer: Headers) -> dict[str, Any]:
    """Publish the year's events (due days before reports) and wait for the figures."""
    agreements_before = await consumed(consultations, AGREEMENT_TOPIC, "applied")
    await publish(consultations, *year.first)

    async def due_days_known() -> None:
        assert await consumed(consultations, AGREEMENT_TOPIC, "applied") >= agreements_before + 3

    await eventually(due_days_known)
    await publish(consultations, *year.reports)

    async def counted() -> dict[str, Any]:
        found: dict[str, Any] = await figures(consultations, officer, year.tenant_id)
        assert {k: found[k] for k in EXPECTED_TOTALS} == EXPECTED_TOTALS
        return found

    return await eventually(counted)


@pytest.fixture
async def fed(consultations: ServiceClient, officer: Headers, tenant_id: str) -> dict[str, Any]:
    """The figures of a municipality whose year of events was consumed."""
    return await feed(consultations, Year(consultations, tenant_id), officer)


class TestFiguresFromEvents:
    async def test_match_the_events_that_fed_them(self, fed: dict[str, Any]) -> None:
        by_name = {o["name"]: o for o in fed["organizations"]}

        assert set(by_name) == {SENIORS, SPORT}
        seniors, sport = by_name[SENIORS], by_name[SPORT]
        assert (seniors["offers_submitted"], seniors["offers_granted"]) == (2, 2)
        assert seniors["funds_granted"] == "15000.00"
        assert (seniors["reports_submitted"], seniors["reports_on_time"]) == (2, 2)
        assert (sport["offers_submitted"], sport["offers_granted"]) == (2, 1)
        assert sport["funds_granted"] == "8500.50"
        assert (sport["reports_submitted"], sport["reports_on_time"]) == (1, 0)

    async def test_stay_the_same_when_the_same_events_are_delivered_again(
        self, consultations: ServiceClient, officer: Headers, tenant_id: str
    ) -> None:
        year = Year(consultations, tenant_id)
        before = await feed(consultations, year, officer)
        topics = {
            r.topic.removeprefix(consultations.runtime.settings.kafka_topic_prefix)
            for r in year.records
        }
        duplicates = {t: await consumed(consultations, t, "duplicate") for t in topics}
        replayed = {t: sum(1 for r in year.records if r.topic.endswith(t)) for t in topics}

        await publish(consultations, *year.records)

        async def all_seen_again() -> None:
            for topic in topics:
                seen = await consumed(consultations, topic, "duplicate")
                assert seen >= duplicates[topic] + replayed[topic], topic

        await eventually(all_seen_again)
        assert await figures(consultations, officer, tenant_id) == before

    async def test_an_organizations_members_see_its_figures(
        self, consultations: ServiceClient, person: Callable[..., Headers], fed: dict[str, Any]
    ) -> None:
        seniors = next(o for o in fed["organizations"] if o["name"] == SENIORS)
        member = person(new_tenant_id(), "ngo_member", organization_id=seniors["organization_id"])

        own = ok(
            await consultations.get(
                f"/monitoring/organizations/{seniors['organization_id']}/years/{YEAR}",
                headers=member,
            )
        )

        assert [(o["tenant_id"], o["name"], o["funds_granted"]) for o in own] == [
            (seniors["tenant_id"], SENIORS, "15000.00")
        ]

    async def test_other_municipalities_do_not_see_them(
        self,
        consultations: ServiceClient,
        person: Callable[..., Headers],
        tenant_id: str,
        fed: dict[str, Any],
    ) -> None:
        stranger = person(new_tenant_id(), "tenant_officer")
        ngo = person(tenant_id, "ngo_member", organization_id="org-1")

        problem(
            await consultations.get(
                f"/monitoring/municipalities/{tenant_id}/years/{YEAR}", headers=stranger
            ),
            404,
        )
        problem(
            await consultations.get(
                f"/monitoring/municipalities/{tenant_id}/years/{YEAR}", headers=ngo
            ),
            403,
        )


class TestSupportCentre:
    async def test_compares_its_members(
        self,
        consultations: ServiceClient,
        person: Callable[..., Headers],
        tenant_id: str,
        fed: dict[str, Any],
    ) -> None:
        centre_id = f"centre-{tenant_id[:2]}-monitoring-{tenant_id}"
        quiet = new_tenant_id()
        onboarded = [
            TenantOnboarded(
                tenant_id=tenant_id,
                name="Gmina Testowa",
                kind="municipality",
                onboarded_at=at(1),
            ),
            TenantOnboarded(
                tenant_id=centre_id,
                name="Centrum NGO",
                kind="support_centre",
                member_ids=[tenant_id, quiet],
                onboarded_at=at(1),
            ),
        ]
        await publish(
            consultations,
            *(
                record_of(consultations, e, tenant_id=e.tenant_id, source="registry")
                for e in onboarded
            ),
        )
        staff = person(centre_id, "centre_staff")

        async def compared() -> dict[str, Any]:
            found: dict[str, Any] = ok(
                await consultations.get(f"/monitoring/centre/years/{YEAR}", headers=staff)
            )
            assert [m["tenant_id"] for m in found["municipalities"]] == sorted([tenant_id, quiet])
            assert any(m["name"] == "Gmina Testowa" for m in found["municipalities"])
            return found

        comparison = await eventually(compared)

        members = {m["tenant_id"]: m for m in comparison["municipalities"]}
        assert members[tenant_id]["funds_granted"] == "23500.50"
        assert members[quiet]["offers_submitted"] == 0
        assert ok(
            await consultations.get(
                f"/monitoring/municipalities/{tenant_id}/years/{YEAR}", headers=staff
            )
        ) == fed | {"name": "Gmina Testowa"}


class TestYearlyProgrammeReport:
    async def test_is_assembled_from_the_figures_and_completed_by_the_officer(
        self, consultations: ServiceClient, officer: Headers, fed: dict[str, Any]
    ) -> None:
        path = f"/annual-reports/{YEAR}"

        draft = ok(await consultations.put(path, headers=officer))
        written = ok(
            await consultations.patch(
                f"{path}/sections/introduction",
                json={"text": "Program przyjęto uchwałą nr X/1/2024."},
                headers=officer,
            )
        )
        again = ok(await consultations.put(path, headers=officer))

        financial = next(s for s in draft["sections"] if s["key"] == "financial_cooperation")
        assert {f["key"]: f["value"] for f in financial["figures"]} == {
            "offers_submitted": 4,
            "offers_granted": 3,
            "funds_granted": "23500.50",
        }
        assert draft["due_on"] == f"{YEAR + 1}-05-31"
        assert {o["name"] for o in draft["organizations"]} == {SENIORS, SPORT}
        assert "introduction" in draft["missing_sections"]
        assert "introduction" not in written["missing_sections"]
        assert again["sections"][0]["text"] == "Program przyjęto uchwałą nr X/1/2024."
        assert ok(await consultations.get(path, headers=officer)) == again

    async def test_names_what_is_wrong_and_stays_the_municipalitys_own(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        fed: dict[str, Any],
    ) -> None:
        path = f"/annual-reports/{YEAR}"
        ok(await consultations.put(path, headers=officer))

        unknown = await consultations.patch(
            f"{path}/sections/budget", json={"text": "X"}, headers=officer
        )
        empty = await consultations.patch(
            f"{path}/sections/evaluation", json={"text": " "}, headers=officer
        )
        ancient = await consultations.put("/annual-reports/1999", headers=officer)
        stranger = person(new_tenant_id(), "tenant_officer")

        assert error_fields(problem(unknown, 422)) == ["section"]
        assert error_fields(problem(empty, 422)) == ["text"]
        assert error_fields(problem(ancient, 422)) == ["year"]
        problem(await consultations.get(path, headers=stranger), 404)
