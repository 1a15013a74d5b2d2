"""Comments: who may comment, the limits, who reads them, and the municipality's answers."""

from __future__ import annotations

import pytest

from services.consultations.domain.consultation.comment import Verdict
from services.consultations.domain.consultation.participants import ParticipantKind
from services.consultations.domain.consultation.terms import Audience
from shared.contracts.consultations import CommentAnswered, CommentSubmitted
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound
from tests.consultations.services.conftest import (
    OTHER_TOWN,
    TOWN,
    World,
    build_world,
    centre_of,
    centre_staff,
    comment_draft,
    ngo_member,
    officer,
    opened,
    resident,
    running_terms,
)


async def test_an_ngo_member_comments_for_their_organization(world: World) -> None:
    consultation = await opened(world)

    comment = await world.services.comments.comment(
        ngo_member(OTHER_TOWN, "org-7"), consultation.id, comment_draft(), as_council=False
    )

    assert comment.author.kind is ParticipantKind.ORGANIZATION
    assert comment.author.organization_id == "org-7"
    # An NGO acts anywhere; the comment belongs to the consultation's municipality.
    assert comment.tenant_id == TOWN
    assert world.transactions.tenants_of(CommentSubmitted) == [TOWN]


async def test_a_resident_comments_only_in_their_own_municipality(world: World) -> None:
    consultation = await opened(world)

    mine = await world.services.comments.comment(
        resident(TOWN), consultation.id, comment_draft(), as_council=False
    )
    with pytest.raises(Forbidden):
        await world.services.comments.comment(
            resident(OTHER_TOWN, "resident-2"), consultation.id, comment_draft(), as_council=False
        )

    assert mine.author.kind is ParticipantKind.RESIDENT
    assert len(world.transactions.events(CommentSubmitted)) == 1


@pytest.mark.parametrize("who", [officer(), centre_staff()])
async def test_staff_do_not_comment(world: World, who: object) -> None:
    consultation = await opened(world)

    with pytest.raises(Forbidden):
        await world.services.comments.comment(
            who,  # type: ignore[arg-type]
            consultation.id,
            comment_draft(),
            as_council=False,
        )


async def test_only_listed_council_members_speak_as_the_council(world: World) -> None:
    everyone = frozenset(Audience)
    consultation = await opened(world, audiences=everyone)
    await world.services.consultations.set_council(officer(), ["member-1"])

    comment = await world.services.comments.comment(
        ngo_member(subject="member-1"), consultation.id, comment_draft(), as_council=True
    )
    with pytest.raises(Forbidden):
        await world.services.comments.comment(
            resident(subject="resident-9"), consultation.id, comment_draft(), as_council=True
        )

    assert comment.author.kind is ParticipantKind.PUBLIC_BENEFIT_COUNCIL


async def test_a_draft_takes_no_comments_and_hides_from_participants(world: World) -> None:
    draft = (await world.services.consultations.draft(officer(), running_terms())).consultation

    with pytest.raises(NotFound):
        await world.services.comments.comment(
            ngo_member(), draft.id, comment_draft(), as_council=False
        )
    with pytest.raises(NotFound):
        await world.services.comments.comments_of(ngo_member(), draft.id)


async def test_a_comment_on_a_missing_section_is_refused(world: World) -> None:
    consultation = await opened(world)

    with pytest.raises(InvalidInput) as refused:
        await world.services.comments.comment(
            ngo_member(), consultation.id, comment_draft(section_number=99), as_council=False
        )

    assert refused.value.errors[0].field == "section_number"
    assert world.stores.comments.rows == {}


async def test_an_author_stops_at_the_per_author_limit() -> None:
    world = build_world(comments_per_author=2)
    consultation = await opened(world)
    author = ngo_member()
    for _ in range(2):
        await world.services.comments.comment(
            author, consultation.id, comment_draft(), as_council=False
        )

    with pytest.raises(Conflict):
        await world.services.comments.comment(
            author, consultation.id, comment_draft(), as_council=False
        )
    await world.services.comments.comment(
        ngo_member(subject="member-2"), consultation.id, comment_draft(), as_council=False
    )
    assert len(world.stores.comments.rows) == 3


async def test_one_client_address_stops_at_the_per_address_limit() -> None:
    world = build_world(comments_per_address=2)
    consultation = await opened(world)
    for number in range(2):
        await world.services.comments.comment(
            resident(subject=f"resident-{number}"),
            consultation.id,
            comment_draft(),
            as_council=False,
            client_address="192.0.2.10",
        )

    with pytest.raises(Conflict):
        await world.services.comments.comment(
            resident(subject="resident-9"),
            consultation.id,
            comment_draft(),
            as_council=False,
            client_address="192.0.2.10",
        )
    await world.services.comments.comment(
        resident(subject="resident-9"),
        consultation.id,
        comment_draft(),
        as_council=False,
        client_address="192.0.2.11",
    )
    # The address itself is never stored: only a keyed digest of it.
    assert all("192.0.2" not in str(row["data"]) for row in world.stores.comments.rows.values())


async def test_staff_read_every_comment_and_a_participant_their_own(world: World) -> None:
    await centre_of(world, TOWN)
    consultation = await opened(world)
    first = await world.services.comments.comment(
        ngo_member(), consultation.id, comment_draft(), as_council=False
    )
    second = await world.services.comments.comment(
        resident(), consultation.id, comment_draft(), as_council=False
    )

    staff = await world.services.comments.comments_of(officer(), consultation.id)
    centre = await world.services.comments.comments_of(centre_staff(), consultation.id)
    own = await world.services.comments.comments_of(resident(), consultation.id)

    assert [c.id for c in staff.items] == [first.id, second.id]
    assert [c.id for c in centre.items] == [first.id, second.id]
    assert [c.id for c in own.items] == [second.id]
    with pytest.raises(NotFound):
        await world.services.comments.comments_of(officer(OTHER_TOWN), consultation.id)


async def test_the_answered_filter_keeps_answered_or_unanswered_comments(world: World) -> None:
    consultation = await opened(world)
    first = await world.services.comments.comment(
        ngo_member(), consultation.id, comment_draft(), as_council=False
    )
    second = await world.services.comments.comment(
        resident(), consultation.id, comment_draft(), as_council=False
    )
    await world.services.comments.answer(
        officer(), consultation.id, first.id, verdict=Verdict.REJECTED, justification="Nie."
    )

    answered = await world.services.comments.comments_of(officer(), consultation.id, answered=True)
    waiting = await world.services.comments.comments_of(officer(), consultation.id, answered=False)

    assert [c.id for c in answered.items] == [first.id]
    assert [c.id for c in waiting.items] == [second.id]


async def test_an_officer_answers_a_comment_of_their_consultation(world: World) -> None:
    consultation = await opened(world)
    comment = await world.services.comments.comment(
        ngo_member(), consultation.id, comment_draft(), as_council=False
    )

    answered = await world.services.comments.answer(
        officer(),
        consultation.id,
        comment.id,
        verdict=Verdict.PARTLY_ACCEPTED,
        justification="Uwzględniono w części.",
    )

    assert answered.answer is not None
    assert answered.answer.verdict is Verdict.PARTLY_ACCEPTED
    assert world.transactions.tenants_of(CommentAnswered) == [TOWN]


async def test_another_municipality_cannot_answer(world: World) -> None:
    consultation = await opened(world)
    comment = await world.services.comments.comment(
        ngo_member(), consultation.id, comment_draft(), as_council=False
    )

    with pytest.raises(NotFound):
        await world.services.comments.answer(
            officer(OTHER_TOWN),
            consultation.id,
            comment.id,
            verdict=Verdict.ACCEPTED,
            justification="Tak.",
        )
    with pytest.raises(Forbidden):
        await world.services.comments.answer(
            ngo_member(),
            consultation.id,
            comment.id,
            verdict=Verdict.ACCEPTED,
            justification="Tak.",
        )
    assert world.transactions.events(CommentAnswered) == []


async def test_a_comment_of_another_consultation_is_not_found(world: World) -> None:
    first = await opened(world)
    second = await opened(world)
    comment = await world.services.comments.comment(
        ngo_member(), first.id, comment_draft(), as_council=False
    )

    with pytest.raises(NotFound):
        await world.services.comments.answer(
            officer(), second.id, comment.id, verdict=Verdict.ACCEPTED, justification="Tak."
        )


async def test_a_bulk_answer_answers_every_comment_alike(world: World) -> None:
    consultation = await opened(world)
    ids = [
        (
            await world.services.comments.comment(
                resident(subject=f"resident-{n}"),
                consultation.id,
                comment_draft(),
                as_council=False,
            )
        ).id
        for n in range(3)
    ]

    answered = await world.services.comments.answer_many(
        officer(), consultation.id, [*ids, ids[0]], verdict=Verdict.REJECTED, justification="Spam."
    )

    assert sorted(c.id for c in answered) == sorted(ids)
    assert len(world.transactions.events(CommentAnswered)) == 3


async def test_a_bulk_answer_with_an_unknown_id_answers_none(world: World) -> None:
    consultation = await opened(world)
    known = await world.services.comments.comment(
        ngo_member(), consultation.id, comment_draft(), as_council=False
    )

    with pytest.raises(InvalidInput) as refused:
        await world.services.comments.answer_many(
            officer(),
            consultation.id,
            [known.id, "no-such-comment"],
            verdict=Verdict.REJECTED,
            justification="Spam.",
        )

    assert [e.field for e in refused.value.errors] == ["comment_ids[1]"]
    assert world.transactions.events(CommentAnswered) == []
    stored = await world.services.comments.comments_of(officer(), consultation.id)
    assert [c.answer for c in stored.items] == [None]


async def test_a_bulk_answer_is_bounded_by_the_setting() -> None:
    world = build_world(bulk_answer_max_ids=2)
    consultation = await opened(world)

    with pytest.raises(InvalidInput) as refused:
        await world.services.comments.answer_many(
            officer(), consultation.id, ["a", "b", "c"], verdict=Verdict.REJECTED, justification="x"
        )

    assert refused.value.errors[0].field == "comment_ids"
