"""Survey responses, once per person, and the report published when every comment has an answer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.consultations.domain.consultation.comment import Verdict
from services.consultations.domain.consultation.consultation import Consultation, ConsultationState
from shared.contracts.consultations import (
    ConsultationReportPublished,
    SurveyResponseSubmitted,
)
from shared.errors import Conflict, Forbidden, NotFound
from tests.consultations.services.conftest import (
    OTHER_TOWN,
    TOWN,
    World,
    build_world,
    comment_draft,
    ngo_member,
    officer,
    opened,
    resident,
    running_terms,
    town,
)

ANSWERS = {1: ["seniorzy"], 3: ["Więcej spotkań."]}


async def closed(world: World) -> Consultation:
    """Open a consultation and let the closing job close it after its end."""
    consultation = await opened(world)
    await world.services.consultations.close_due(consultation.terms.ends_at + timedelta(seconds=1))
    return consultation


async def test_a_participant_answers_the_survey_once(world: World) -> None:
    consultation = await opened(world)

    response = await world.services.surveys.respond(
        resident(), consultation.id, ANSWERS, as_council=False
    )
    with pytest.raises(Conflict):
        await world.services.surveys.respond(resident(), consultation.id, ANSWERS, as_council=False)

    assert response.tenant_id == TOWN
    assert list(response.answers[1]) == ["seniorzy"]
    assert world.transactions.tenants_of(SurveyResponseSubmitted) == [TOWN]


async def test_staff_do_not_answer_surveys(world: World) -> None:
    consultation = await opened(world)

    with pytest.raises(Forbidden):
        await world.services.surveys.respond(officer(), consultation.id, ANSWERS, as_council=False)


async def test_a_draft_survey_is_not_found(world: World) -> None:
    draft = (await world.services.consultations.draft(officer(), running_terms())).consultation

    with pytest.raises(NotFound):
        await world.services.surveys.respond(resident(), draft.id, ANSWERS, as_council=False)


async def test_one_client_address_stops_at_the_per_address_limit() -> None:
    world = build_world(comments_per_address=1)
    consultation = await opened(world)
    await world.services.surveys.respond(
        resident(subject="r-1"), consultation.id, ANSWERS, as_council=False, client_address="a"
    )

    with pytest.raises(Conflict):
        await world.services.surveys.respond(
            resident(subject="r-2"), consultation.id, ANSWERS, as_council=False, client_address="a"
        )
    assert len(world.stores.responses.rows) == 1


async def test_the_report_waits_for_every_answer(world: World) -> None:
    consultation = await opened(world)
    comment = await world.services.comments.comment(
        ngo_member(), consultation.id, comment_draft(), as_council=False
    )
    await world.services.consultations.close_due(consultation.terms.ends_at + timedelta(seconds=1))

    with pytest.raises(Conflict):
        await world.services.surveys.publish_report(officer(), consultation.id)
    assert world.transactions.events(ConsultationReportPublished) == []

    await world.services.comments.answer(
        officer(), consultation.id, comment.id, verdict=Verdict.ACCEPTED, justification="Tak."
    )
    named = await world.services.surveys.publish_report(officer(), consultation.id)

    assert [e.comment_id for e in named.report.entries] == [comment.id]
    assert world.transactions.tenants_of(ConsultationReportPublished) == [TOWN]
    stored = await world.services.consultations.get(officer(), consultation.id)
    assert stored.consultation.state is ConsultationState.REPORT_PUBLISHED


async def test_the_report_names_the_municipality(world: World) -> None:
    await town(world, TOWN, "Gmina Przykładowa")
    consultation = await closed(world)

    named = await world.services.surveys.publish_report(officer(), consultation.id)

    assert named.municipality_name == "Gmina Przykładowa"
    assert named.report.consultation_id == consultation.id


async def test_an_open_consultation_has_no_report_yet(world: World) -> None:
    consultation = await opened(world)

    with pytest.raises(Conflict):
        await world.services.surveys.publish_report(officer(), consultation.id)


async def test_only_the_own_municipality_publishes_its_report(world: World) -> None:
    consultation = await closed(world)

    with pytest.raises(NotFound):
        await world.services.surveys.publish_report(officer(OTHER_TOWN), consultation.id)
    with pytest.raises(Forbidden):
        await world.services.surveys.publish_report(ngo_member(), consultation.id)


async def test_a_report_is_published_once(world: World) -> None:
    consultation = await closed(world)
    await world.services.surveys.publish_report(officer(), consultation.id)

    with pytest.raises(Conflict):
        await world.services.surveys.publish_report(officer(), consultation.id)
    assert len(world.transactions.events(ConsultationReportPublished)) == 1
