"""What anyone reads without a token: opened consultations, search, reports, published rounds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from services.consultations.domain.consultation.consultation import ConsultationState
from services.consultations.domain.index.catalogue import Area
from shared.errors import NotFound
from tests.consultations.services.conftest import (
    OTHER_TOWN,
    TOWN,
    World,
    ngo_member,
    officer,
    opened,
    running_terms,
)


async def test_the_public_never_sees_drafts(world: World) -> None:
    public = await opened(world)
    draft = (await world.services.consultations.draft(officer(), running_terms())).consultation

    listed = await world.services.public.consultations_of(TOWN, state=None, limit=10)

    assert [c.id for c in listed] == [public.id]
    assert (
        await world.services.public.consultations_of(TOWN, state=ConsultationState.DRAFT, limit=10)
        == []
    )
    assert (await world.services.public.consultation(TOWN, public.id)).id == public.id
    with pytest.raises(NotFound):
        await world.services.public.consultation(TOWN, draft.id)


async def test_a_consultation_is_read_under_its_own_municipality_only(world: World) -> None:
    public = await opened(world)

    assert await world.services.public.consultations_of(OTHER_TOWN, state=None, limit=10) == []
    with pytest.raises(NotFound):
        await world.services.public.consultation(OTHER_TOWN, public.id)


async def test_search_finds_opened_consultations_by_their_words(world: World) -> None:
    wanted = await opened(world, title="Program współpracy z organizacjami seniorów")
    await opened(world, title="Regulamin targowiska miejskiego")
    await world.services.consultations.draft(officer(), running_terms(title="Seniorzy w drafcie"))

    found = await world.services.public.search(TOWN, "seniorów", state=None, limit=10)

    assert [c.id for c, _ in found] == [wanted.id]


async def test_a_report_is_public_only_once_published(world: World) -> None:
    consultation = await opened(world)
    with pytest.raises(NotFound):
        await world.services.public.report(TOWN, consultation.id)
    await world.services.consultations.close_due(consultation.terms.ends_at + timedelta(seconds=1))
    await world.services.surveys.publish_report(officer(), consultation.id)

    named = await world.services.public.report(TOWN, consultation.id)
    page = await world.services.public.report_page(TOWN, consultation.id)

    assert named.report.consultation_id == consultation.id
    assert consultation.terms.title in page
    with pytest.raises(NotFound):
        await world.services.public.report(OTHER_TOWN, consultation.id)


async def test_only_published_rounds_are_public(world: World) -> None:
    round_ = await world.services.index.start(
        officer(), title="Diagnoza", assessed_on=date(2026, 3, 1)
    )

    with pytest.raises(NotFound):
        await world.services.public.published_round(TOWN, round_.id)


async def test_a_published_round_is_public_under_its_municipality(world: World) -> None:
    index = world.services.index
    round_ = await index.start(officer(), title="Diagnoza", assessed_on=date(2026, 3, 1))
    await index.score(officer(), round_.id, {"consultations.procedure": 3})
    await index.score(ngo_member(), round_.id, {"consultations.procedure": 2})
    await index.conclude(
        officer(), round_.id, summary="Wnioski.", by_area={Area.SOCIAL_CONSULTATIONS: "Tak."}
    )
    await index.publish(officer(), round_.id)

    assert (await world.services.public.published_round(TOWN, round_.id)).id == round_.id
    with pytest.raises(NotFound):
        await world.services.public.published_round(OTHER_TOWN, round_.id)
