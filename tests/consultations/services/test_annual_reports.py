"""The yearly report on the cooperation programme: assembled from figures, then written."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from shared.contracts.consultations import AnnualReportAssembled, AnnualReportSectionWritten
from shared.errors import Forbidden, InvalidInput, NotFound
from tests.consultations.services.conftest import (
    OTHER_TOWN,
    TOWN,
    World,
    comment_draft,
    ngo_member,
    officer,
    opened,
)

YEAR = datetime.now(UTC).year


async def test_there_is_no_draft_before_it_is_assembled(world: World) -> None:
    with pytest.raises(NotFound):
        await world.services.annual_reports.get(officer(), YEAR)
    with pytest.raises(NotFound):
        await world.services.annual_reports.write(officer(), YEAR, "consultations", "Tekst.")


async def test_the_draft_is_assembled_from_the_year_figures(world: World) -> None:
    consultation = await opened(world)
    await world.services.comments.comment(
        ngo_member(), consultation.id, comment_draft(), as_council=False
    )

    report = (await world.services.annual_reports.assemble(officer(), YEAR)).report

    assert (report.tenant_id, report.programme_year) == (TOWN, YEAR)
    assert report.figures.comments == 1
    assert world.transactions.tenants_of(AnnualReportAssembled) == [TOWN]
    assert (await world.services.annual_reports.get(officer(), YEAR)).report.id == report.id


async def test_reassembling_keeps_what_the_officer_wrote(world: World) -> None:
    report = (await world.services.annual_reports.assemble(officer(), YEAR)).report
    section = report.draft.sections[0].key
    await world.services.annual_reports.write(officer(), YEAR, section, "Współpraca rozwija się.")
    await opened(world)

    again = (await world.services.annual_reports.assemble(officer(), YEAR)).report

    assert again.texts == {section: "Współpraca rozwija się."}
    assert again.figures.consultations_held == 1
    assert len(world.transactions.events(AnnualReportAssembled)) == 2
    assert len(world.transactions.events(AnnualReportSectionWritten)) == 1


async def test_an_unknown_section_is_refused(world: World) -> None:
    await world.services.annual_reports.assemble(officer(), YEAR)

    with pytest.raises(InvalidInput) as refused:
        await world.services.annual_reports.write(officer(), YEAR, "no-such-section", "x")

    assert refused.value.errors[0].field == "section"
    assert world.transactions.events(AnnualReportSectionWritten) == []


async def test_each_municipality_has_its_own_draft_and_only_officers_keep_it(world: World) -> None:
    await world.services.annual_reports.assemble(officer(), YEAR)

    with pytest.raises(NotFound):
        await world.services.annual_reports.get(officer(OTHER_TOWN), YEAR)
    with pytest.raises(Forbidden):
        await world.services.annual_reports.assemble(ngo_member(), YEAR)
