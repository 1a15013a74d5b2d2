"""A unit of work run again after a transient error records its events exactly once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.consultations.domain.consultation.comment import Verdict
from shared.contracts.consultations import (
    CommentAnswered,
    CommentSubmitted,
    ConsultationDrafted,
    ConsultationOpened,
    IndexRoundStarted,
)
from tests.consultations.services.conftest import (
    TOWN,
    build_world,
    comment_draft,
    ngo_member,
    officer,
    running_terms,
)


async def test_a_retried_draft_is_announced_once() -> None:
    # The draft is built before its unit of work: a retry must not lose or double its event.
    world = build_world(retries=1)

    drafted = await world.services.consultations.draft(officer(), running_terms())

    assert [e.consultation_id for e in world.transactions.events(ConsultationDrafted)] == [
        drafted.consultation.id
    ]
    assert list(world.stores.consultations.rows) == [drafted.consultation.id]


async def test_a_retried_round_start_is_announced_once() -> None:
    world = build_world(retries=2)

    round_ = await world.services.index.start(
        officer(), title="Diagnoza", assessed_on=date(2026, 3, 1)
    )

    assert [e.round_id for e in world.transactions.events(IndexRoundStarted)] == [round_.id]


async def test_retried_participation_is_counted_once_in_monitoring() -> None:
    world = build_world(retries=1)
    consultations, comments = world.services.consultations, world.services.comments
    drafted = await consultations.draft(officer(), running_terms())
    await consultations.open(officer(), drafted.consultation.id)
    comment = await comments.comment(
        ngo_member(), drafted.consultation.id, comment_draft(), as_council=False
    )
    await comments.answer(
        officer(),
        drafted.consultation.id,
        comment.id,
        verdict=Verdict.ACCEPTED,
        justification="Tak.",
    )

    assert len(world.transactions.events(ConsultationOpened)) == 1
    assert len(world.transactions.events(CommentSubmitted)) == 1
    assert len(world.transactions.events(CommentAnswered)) == 1
    year = datetime.now(UTC).year
    figures = (await world.services.monitoring.municipality(officer(), TOWN, year)).figures
    assert (figures.consultations_held, figures.comments, figures.comments_accepted) == (1, 1, 1)
