"""Monitoring figures: counted from the service's own events, read by officers and centres."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from shared.errors import Forbidden, InvalidInput, NotFound
from shared.tenancy import TenantContext
from tests.consultations.services.conftest import (
    OTHER_TOWN,
    TOWN,
    World,
    centre_of,
    centre_staff,
    comment_draft,
    ngo_member,
    officer,
    opened,
    resident,
    town,
)

YEAR = datetime.now(UTC).year


async def active_town(world: World) -> None:
    """Open a consultation of TOWN with one NGO comment and one resident's."""
    consultation = await opened(world)
    comments = world.services.comments
    await comments.comment(ngo_member(), consultation.id, comment_draft(), as_council=False)
    await comments.comment(resident(), consultation.id, comment_draft(), as_council=False)


async def test_own_events_are_counted_in_the_same_unit_of_work(world: World) -> None:
    await town(world)
    await world.stores.organizations.put_profile(
        TenantContext(TOWN), "org-1", {"name": "Stowarzyszenie Seniorów"}, datetime.now(UTC), None
    )
    await active_town(world)

    named = await world.services.monitoring.municipality(officer(), TOWN, YEAR)

    figures = named.figures
    assert (figures.consultations_held, figures.comments, figures.comments_by_organizations) == (
        1,
        2,
        1,
    )
    assert named.municipality_name == "Gmina Przykładowa"
    assert named.organization_names == {"org-1": "Stowarzyszenie Seniorów"}


async def test_a_failed_unit_of_work_counts_nothing(world: World) -> None:
    consultation = await opened(world)
    before = await world.services.monitoring.municipality(officer(), TOWN, YEAR)

    with pytest.raises(InvalidInput):
        await world.services.comments.comment(
            ngo_member(), consultation.id, comment_draft(section_number=99), as_council=False
        )

    after = await world.services.monitoring.municipality(officer(), TOWN, YEAR)
    assert after.figures == before.figures


async def test_another_municipality_is_not_found_for_an_officer(world: World) -> None:
    with pytest.raises(NotFound):
        await world.services.monitoring.municipality(officer(OTHER_TOWN), TOWN, YEAR)
    with pytest.raises(Forbidden):
        await world.services.monitoring.municipality(ngo_member(), TOWN, YEAR)


async def test_a_centre_reads_each_member_side_by_side(world: World) -> None:
    await centre_of(world, TOWN, OTHER_TOWN)
    await active_town(world)

    side_by_side = await world.services.monitoring.centre(centre_staff(), YEAR)
    one = await world.services.monitoring.municipality(centre_staff(), TOWN, YEAR)

    assert [n.figures.tenant_id for n in side_by_side] == sorted([TOWN, OTHER_TOWN])
    assert one.figures.comments == 2
    with pytest.raises(Forbidden):
        await world.services.monitoring.centre(officer(), YEAR)


async def test_an_organization_reads_its_own_figures_everywhere(world: World) -> None:
    await active_town(world)

    own, _ = await world.services.monitoring.organization(
        ngo_member(OTHER_TOWN, "org-1"), "org-1", YEAR
    )
    by_stranger_officer, _ = await world.services.monitoring.organization(
        officer(OTHER_TOWN), "org-1", YEAR
    )

    assert [(f.tenant_id, f.comments) for f in own] == [(TOWN, 1)]
    assert by_stranger_officer == []
    with pytest.raises(Forbidden):
        await world.services.monitoring.organization(
            ngo_member(organization_id="org-2"), "org-1", YEAR
        )
