"""Drafting, revising, opening, reading and closing consultations; the council's members."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.consultations.domain.consultation.consultation import ConsultationState
from shared.contracts.consultations import (
    ConsultationClosed,
    ConsultationDrafted,
    ConsultationOpened,
    ConsultationRevised,
    CouncilMembershipChanged,
)
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound
from tests.consultations.services.conftest import (
    CENTRE,
    OTHER_TOWN,
    TOWN,
    World,
    centre_of,
    centre_staff,
    ngo_member,
    officer,
    opened,
    resident,
    running_terms,
)


async def test_an_officer_drafts_for_their_own_municipality(world: World) -> None:
    drafted = await world.services.consultations.draft(officer(), running_terms())

    assert drafted.consultation.tenant_id == TOWN
    assert drafted.consultation.state is ConsultationState.DRAFT
    assert world.transactions.events(ConsultationDrafted)[0].consultation_id == (
        drafted.consultation.id
    )
    assert world.transactions.tenants_of(ConsultationDrafted) == [TOWN]


@pytest.mark.parametrize("who", [ngo_member(), resident(), centre_staff()])
async def test_only_officers_draft(world: World, who: object) -> None:
    with pytest.raises(Forbidden):
        await world.services.consultations.draft(who, running_terms())  # type: ignore[arg-type]

    assert world.transactions.committed == []


async def test_a_short_consultation_is_drafted_with_a_warning(world: World) -> None:
    now = datetime.now(UTC)
    terms = running_terms(ends_at=now + timedelta(days=3))

    drafted = await world.services.consultations.draft(officer(), terms)

    assert [w.code for w in drafted.warnings] != []
    assert world.transactions.events(ConsultationDrafted)[0].warnings == [
        w.code for w in drafted.warnings
    ]


async def test_a_revision_replaces_the_terms_of_a_draft(world: World) -> None:
    drafted = await world.services.consultations.draft(officer(), running_terms())

    revised = await world.services.consultations.revise(
        officer(), drafted.consultation.id, running_terms(title="Program na nowy rok")
    )

    assert revised.consultation.terms.title == "Program na nowy rok"
    stored = await world.services.consultations.get(officer(), drafted.consultation.id)
    assert stored.consultation.terms.title == "Program na nowy rok"
    assert len(world.transactions.events(ConsultationRevised)) == 1


async def test_another_municipality_cannot_revise_or_open_a_draft(world: World) -> None:
    drafted = await world.services.consultations.draft(officer(), running_terms())
    stranger = officer(OTHER_TOWN)

    with pytest.raises(NotFound):
        await world.services.consultations.revise(
            stranger, drafted.consultation.id, running_terms()
        )
    with pytest.raises(NotFound):
        await world.services.consultations.open(stranger, drafted.consultation.id)
    assert world.transactions.events(ConsultationOpened) == []


async def test_opening_announces_the_consultation_once(world: World) -> None:
    consultation = await opened(world)

    assert consultation.state is ConsultationState.OPEN
    assert len(world.transactions.events(ConsultationOpened)) == 1
    with pytest.raises(Conflict):
        await world.services.consultations.open(officer(), consultation.id)
    assert len(world.transactions.events(ConsultationOpened)) == 1


async def test_a_consultation_past_its_end_cannot_be_opened(world: World) -> None:
    drafted = await world.services.consultations.draft(officer(), running_terms())
    consultation_id = drafted.consultation.id
    # The end passes while the officer still edits: the stored draft is older than now.
    stored = world.stores.consultations.rows[consultation_id]
    stored["data"]["terms"]["ends_at"] = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    stored["data"]["terms"]["starts_at"] = (datetime.now(UTC) - timedelta(days=9)).isoformat()
    stored["data"]["terms"]["forms"]["meetings"] = []

    with pytest.raises(InvalidInput) as refused:
        await world.services.consultations.open(officer(), consultation_id)

    assert refused.value.errors[0].field == "ends_at"
    assert (
        await world.services.consultations.get(officer(), consultation_id)
    ).consultation.state is (ConsultationState.DRAFT)


async def test_a_centre_reads_its_members_opened_consultations_but_not_their_drafts(
    world: World,
) -> None:
    await centre_of(world, TOWN)
    public = await opened(world)
    draft = (await world.services.consultations.draft(officer(), running_terms())).consultation

    seen = await world.services.consultations.visible(centre_staff(), state=None, limit=10)

    assert [c.id for c in seen] == [public.id]
    assert (await world.services.consultations.get(centre_staff(), public.id)).warnings == []
    with pytest.raises(NotFound):
        await world.services.consultations.get(centre_staff(), draft.id)


async def test_a_centre_sees_nothing_of_a_municipality_it_does_not_support(
    world: World,
) -> None:
    await centre_of(world, OTHER_TOWN)
    consultation = await opened(world)

    assert await world.services.consultations.visible(centre_staff(), state=None, limit=10) == []
    with pytest.raises(NotFound):
        await world.services.consultations.get(centre_staff(), consultation.id)


async def test_an_officer_lists_their_own_drafts_newest_first_and_by_state(world: World) -> None:
    first = (await world.services.consultations.draft(officer(), running_terms())).consultation
    second = await opened(world)

    every = await world.services.consultations.visible(officer(), state=None, limit=10)
    drafts = await world.services.consultations.visible(
        officer(), state=ConsultationState.DRAFT, limit=10
    )

    assert [c.id for c in every] == [second.id, first.id]
    assert [c.id for c in drafts] == [first.id]
    assert (
        await world.services.consultations.visible(officer(OTHER_TOWN), state=None, limit=10) == []
    )


@pytest.mark.parametrize("who", [ngo_member(), resident()])
async def test_participants_do_not_read_the_staff_listing(world: World, who: object) -> None:
    with pytest.raises(Forbidden):
        await world.services.consultations.visible(who, state=None, limit=10)  # type: ignore[arg-type]


async def test_the_closing_job_closes_only_consultations_past_their_end(world: World) -> None:
    consultation = await opened(world)
    running = await opened(world, by=officer(OTHER_TOWN))
    after_end = consultation.terms.ends_at + timedelta(seconds=1)

    assert (
        await world.services.consultations.close_due(
            consultation.terms.ends_at - timedelta(seconds=1)
        )
        == 0
    )
    # Both end at about the same moment; one second past the later end closes both.
    assert (
        await world.services.consultations.close_due(
            max(after_end, running.terms.ends_at + timedelta(seconds=1))
        )
        == 2
    )
    assert await world.services.consultations.close_due(after_end + timedelta(days=1)) == 0

    closed = world.transactions.events(ConsultationClosed)
    assert {e.consultation_id for e in closed} == {consultation.id, running.id}
    assert sorted(world.transactions.tenants_of(ConsultationClosed)) == sorted([TOWN, OTHER_TOWN])


async def test_the_council_is_empty_until_its_members_are_set(world: World) -> None:
    council = await world.services.consultations.council(officer())

    assert council.tenant_id == TOWN
    assert council.members == frozenset()


async def test_setting_the_same_council_twice_records_one_change(world: World) -> None:
    await world.services.consultations.set_council(officer(), ["user-2", "user-1"])
    again = await world.services.consultations.set_council(officer(), ["user-1", "user-2"])

    assert again.members == frozenset({"user-1", "user-2"})
    assert len(world.transactions.events(CouncilMembershipChanged)) == 1
    assert (await world.services.consultations.council(officer())).members == again.members
    assert (await world.services.consultations.council(officer(OTHER_TOWN))).members == frozenset()


async def test_only_an_officer_keeps_the_council(world: World) -> None:
    with pytest.raises(Forbidden):
        await world.services.consultations.set_council(ngo_member(), ["user-1"])
    with pytest.raises(Forbidden):
        await world.services.consultations.council(centre_staff(CENTRE))


async def test_the_closing_job_reads_the_service_clock(world: World) -> None:
    consultation = await opened(world)

    assert await world.services.consultations.close_due() == 0
    world.clock.advance(timedelta(days=15))

    assert await world.services.consultations.close_due() == 1
    closed = (await world.services.consultations.get(officer(), consultation.id)).consultation
    assert closed.state is ConsultationState.CLOSED
    assert closed.closed_at == world.transactions.events(ConsultationClosed)[0].closed_at
