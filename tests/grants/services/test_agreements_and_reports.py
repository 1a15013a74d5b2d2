"""Use cases of agreements and reports over in-memory stores."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest

from services.grants.domain.agreement.agreement import AgreementState
from services.grants.domain.report.contents import AchievedResult, Expense
from services.grants.domain.report.report import ReportState
from services.grants.services.agreements import Representatives
from services.grants.services.reports import ReportContents, ReportWithAgreement
from shared.contracts.grants import AgreementReportDue, AgreementSettled, AgreementSigned
from shared.errors import Conflict, Forbidden, NotFound
from tests.grants.domain.factories import TENANT, pln
from tests.grants.fakes import World
from tests.grants.services.steps import member, officer, signed_agreement

OTHER = "tenant-0602011"
AFTER_TASK = datetime(2026, 11, 5, 10, 0, tzinfo=UTC)
CONTENTS = ReportContents(
    narrative="Zajęcia odbyły się zgodnie z harmonogramem.",
    results=[AchievedResult("Uczestnicy", Decimal(42))],
    expenses=[Expense("I.1", pln(19_000), pln(2_000), pln(500), pln(500))],
)


async def final_report(world: World) -> tuple[str, ReportWithAgreement]:
    """Sign an agreement, let the task end, and start its final report."""
    _, agreement_id = await signed_agreement(world)
    world.clock.set(AFTER_TASK)
    return agreement_id, await world.report_services.draft(member(), agreement_id, "final", None)


class TestAgreements:
    async def test_prepared_and_signed_by_the_officer(self, world: World) -> None:
        _, agreement_id = await signed_agreement(world)

        [stored] = world.agreements.all()
        assert stored.id == agreement_id and stored.state is AgreementState.SIGNED
        assert world.runner.tenants_of(AgreementSigned) == [TENANT]

    async def test_a_second_agreement_for_the_offer_is_a_conflict(self, world: World) -> None:
        offer_id, _ = await signed_agreement(world)
        with pytest.raises(Conflict):
            await world.agreement_services.prepare(
                officer(),
                offer_id,
                representatives=Representatives(),
                task_period=None,
                partial_report_due_dates=[],
            )
        assert len(world.agreements.all()) == 1

    async def test_read_by_the_officers_and_the_organization_only(self, world: World) -> None:
        _, agreement_id = await signed_agreement(world)
        services = world.agreement_services

        assert (await services.get(member("org-a"), agreement_id)).id == agreement_id
        for stranger in (member("org-b"), officer(OTHER)):
            with pytest.raises(NotFound):
                await services.get(stranger, agreement_id)
        assert [a.id for a in await services.list_visible(member("org-a"))] == [agreement_id]
        assert await services.list_visible(member("org-b")) == []

    async def test_a_due_final_report_is_announced_once(self, world: World) -> None:
        await signed_agreement(world)
        due = world.agreements.all()[0].final_report_due
        world.clock.set(datetime.combine(due - timedelta(days=1), time(12), tzinfo=UTC))

        first = await world.agreement_services.raise_report_notices()
        again = await world.agreement_services.raise_report_notices()
        assert first >= 1 and again == 0
        assert set(world.runner.tenants_of(AgreementReportDue)) == {TENANT}


class TestReports:
    async def test_an_accepted_final_report_settles_the_agreement(self, world: World) -> None:
        _, agreement_id = await signed_agreement(world)
        world.clock.set(AFTER_TASK)
        reports = world.report_services

        drafted = await reports.draft(member(), agreement_id, "final", None)
        await reports.revise(member(), drafted.report.id, CONTENTS)
        await reports.submit(member(), drafted.report.id)
        accepted = await reports.accept(officer(), drafted.report.id)

        assert accepted.report.state is ReportState.ACCEPTED
        assert world.agreements.all()[0].state is AgreementState.SETTLED
        assert world.runner.tenants_of(AgreementSettled) == [TENANT]

    async def test_another_organization_cannot_report_on_the_agreement(self, world: World) -> None:
        _, agreement_id = await signed_agreement(world)
        with pytest.raises(NotFound):
            await world.report_services.draft(member("org-b"), agreement_id, "final", None)
        assert world.reports.all() == []

    async def test_one_report_per_obligation(self, world: World) -> None:
        _, agreement_id = await signed_agreement(world)
        world.clock.set(AFTER_TASK)
        await world.report_services.draft(member(), agreement_id, "final", None)
        with pytest.raises(Conflict):
            await world.report_services.draft(member(), agreement_id, "final", None)

    async def test_only_an_officer_accepts_or_returns(self, world: World) -> None:
        _, drafted = await final_report(world)
        with pytest.raises(Forbidden):
            await world.report_services.accept(member(), drafted.report.id)
        with pytest.raises(NotFound):
            await world.report_services.return_with_remarks(
                officer(OTHER), drafted.report.id, "Popraw."
            )


class TestMoreAgreementRules:
    async def test_the_budget_of_a_signed_agreement_cannot_change(self, world: World) -> None:
        _, agreement_id = await signed_agreement(world)
        budget = world.agreements.all()[0].effective_budget
        with pytest.raises(Conflict):
            await world.agreement_services.update_budget(officer(), agreement_id, budget)
        with pytest.raises(Forbidden):
            await world.agreement_services.update_budget(member(), agreement_id, budget)


class TestReadingReports:
    async def test_the_organization_and_the_officers_read_them_others_do_not(
        self, world: World
    ) -> None:
        agreement_id, drafted = await final_report(world)
        reports = world.report_services

        assert (await reports.get(officer(), drafted.report.id)).report.id == drafted.report.id
        assert [r.id for r in await reports.of_agreement(member(), agreement_id)] == [
            drafted.report.id
        ]
        with pytest.raises(NotFound):
            await reports.get(member("org-b"), drafted.report.id)
        with pytest.raises(NotFound):
            await reports.of_agreement(member("org-b"), agreement_id)

    async def test_a_returned_report_goes_back_to_the_organization(self, world: World) -> None:
        _, agreement_id = await signed_agreement(world)
        world.clock.set(AFTER_TASK)
        reports = world.report_services
        drafted = await reports.draft(member(), agreement_id, "final", None)
        await reports.revise(member(), drafted.report.id, CONTENTS)
        await reports.submit(member(), drafted.report.id)

        returned = await reports.return_with_remarks(officer(), drafted.report.id, "Brak faktur.")
        assert returned.report.state is ReportState.RETURNED
        assert world.agreements.all()[0].state is AgreementState.SIGNED

    async def test_the_report_document_is_rendered_for_the_organization(self, world: World) -> None:
        _, drafted = await final_report(world)

        document = await world.documents.report(member(), drafted.report.id)
        assert "Jednostka samorządu" in document  # the municipality is not known by name
        with pytest.raises(NotFound):
            await world.documents.report(member("org-b"), drafted.report.id)
