"""Comments on sections while a consultation runs, and the municipality's answers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from services.consultations.domain.consultation.comment import (
    Comment,
    CommentLimits,
    CommentTally,
    Verdict,
    submit_comment,
)
from services.consultations.domain.consultation.consultation import Consultation
from services.consultations.domain.consultation.participants import Participant, ParticipantKind
from services.consultations.domain.consultation.report import publish_report
from services.consultations.domain.consultation.terms import Audience, Forms
from shared.contracts.consultations import CommentAnswered, CommentSubmitted
from shared.errors import Conflict, Forbidden, InvalidInput

from .factories import (
    AFTER,
    DURING,
    END,
    OFFICER,
    START,
    SURVEY,
    answer,
    comment_on,
    make_closed,
    make_draft,
    make_open,
    ngo,
    resident,
)


def submit(consultation: Consultation, **overrides: Any) -> Comment:
    arguments: dict[str, Any] = {
        "author": ngo(),
        "section_number": 1,
        "current_wording": "Cel główny",
        "proposed_wording": "Cel główny i cele szczegółowe",
        "justification": "Brakuje celów szczegółowych.",
        "now": DURING,
    }
    return submit_comment(consultation, **(arguments | overrides))


class TestCommentOnSection:
    def test_records_an_organizations_comment_and_its_event(self) -> None:
        consultation = make_open()
        comment = submit(consultation, author=ngo("org-7"))
        assert (comment.section_number, comment.author.organization_id) == (1, "org-7")
        assert comment.answer is None
        (event,) = comment.events
        assert isinstance(event, CommentSubmitted)
        assert (event.participant_kind, event.organization_id) == ("organization", "org-7")
        assert event.key() == comment.id

    def test_admits_a_resident_when_residents_take_part(self) -> None:
        comment = submit(make_open(), author=resident("res-9"))
        (event,) = comment.events
        assert isinstance(event, CommentSubmitted)
        assert (event.participant_kind, event.organization_id) == ("resident", None)
        assert "res-9" not in event.model_dump_json()

    def test_forbids_residents_when_only_ngos_take_part(self) -> None:
        consultation = make_open(audiences=frozenset({Audience.NGOS}))
        with pytest.raises(Forbidden) as caught:
            submit(consultation, author=resident())
        assert caught.value.status == 403

    def test_refuses_after_end(self) -> None:
        # Still open: the scheduler has not closed it yet, yet the end has come.
        with pytest.raises(Conflict) as caught:
            submit(make_open(), now=END)
        assert caught.value.status == 409
        assert caught.value.extra["reason"] == "consultation-ended"

    def test_refuses_once_closed(self) -> None:
        with pytest.raises(Conflict) as caught:
            submit(make_closed(), now=AFTER)
        assert caught.value.extra["reason"] == "consultation-ended"

    def test_refuses_before_the_start(self) -> None:
        with pytest.raises(Conflict) as caught:
            submit(make_open(), now=START - timedelta(minutes=1))
        assert caught.value.extra["reason"] == "consultation-not-started"

    def test_refuses_a_draft(self) -> None:
        with pytest.raises(Conflict) as caught:
            submit(make_draft())
        assert caught.value.extra["reason"] == "consultation-not-open"

    def test_refuses_an_unknown_section(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            submit(make_open(), section_number=42)
        assert [e.field for e in caught.value.errors] == ["section_number"]
        assert caught.value.status == 422

    def test_needs_current_or_proposed_wording(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            submit(make_open(), current_wording=None, proposed_wording="  ")
        assert [e.field for e in caught.value.errors] == ["proposed_wording"]

    def test_accepts_a_proposal_to_delete_wording(self) -> None:
        comment = submit(make_open(), proposed_wording=None)
        assert (comment.current_wording, comment.proposed_wording) == ("Cel główny", None)

    def test_needs_a_justification(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            submit(make_open(), justification="")
        assert [e.field for e in caught.value.errors] == ["justification"]

    def test_refuses_when_written_comments_are_not_taken(self) -> None:
        consultation = make_open(forms=Forms(written_comments=False, survey=SURVEY))
        with pytest.raises(Conflict) as caught:
            submit(consultation)
        assert caught.value.extra["reason"] == "written-comments-not-taken"


class TestCommentLimitsPerAddress:
    def test_refuses_once_the_address_reached_the_limit(self) -> None:
        limits = CommentLimits(per_author=5, per_address=3)
        with pytest.raises(Conflict) as caught:
            submit(make_open(), limits=limits, tally=CommentTally(by_author=0, from_address=3))
        assert caught.value.extra == {"reason": "comment-limit-per-address", "limit": 3}

    def test_keeps_the_client_key_it_is_given(self) -> None:
        limits = CommentLimits(per_address=3)
        tally = CommentTally(from_address=2)
        comment = submit(make_open(), limits=limits, tally=tally, client_key="k" * 64)
        assert comment.client_key == "k" * 64


class TestParticipant:
    def test_an_organization_participant_names_its_organization(self) -> None:
        with pytest.raises(ValueError, match="organization"):
            Participant(ParticipantKind.ORGANIZATION, "member-1")

    def test_a_resident_names_no_organization(self) -> None:
        with pytest.raises(ValueError, match="organization"):
            Participant(ParticipantKind.RESIDENT, "res-1", "org-1")


class TestAnswerComment:
    def test_records_the_answer_and_its_event(self) -> None:
        consultation = make_open()
        comment = comment_on(consultation, ngo("org-3"))
        comment.answer_with(
            consultation,
            verdict=Verdict.PARTLY_ACCEPTED,
            justification="Uwzględniono seniorów, bez zmiany kwoty.",
            answered_by=OFFICER,
            now=AFTER,
        )
        assert comment.answer is not None
        assert comment.answer.verdict is Verdict.PARTLY_ACCEPTED
        (event,) = comment.events
        assert isinstance(event, CommentAnswered)
        assert (event.verdict, event.organization_id) == ("partly_accepted", "org-3")
        assert event.comment_submitted_at == comment.submitted_at

    def test_may_answer_while_the_consultation_runs(self) -> None:
        consultation = make_open()
        comment = answer(comment_on(consultation), consultation)
        assert comment.is_answered

    def test_a_new_answer_replaces_the_old(self) -> None:
        consultation = make_open()
        comment = comment_on(consultation)
        consultation.close_if_due(AFTER)
        answer(comment, consultation, Verdict.REJECTED)
        answer(comment, consultation, Verdict.ACCEPTED)
        assert comment.answer is not None
        assert comment.answer.verdict is Verdict.ACCEPTED

    def test_needs_a_justification(self) -> None:
        consultation = make_open()
        comment = comment_on(consultation)
        with pytest.raises(InvalidInput) as caught:
            comment.answer_with(
                consultation,
                verdict=Verdict.REJECTED,
                justification=" ",
                answered_by=OFFICER,
                now=AFTER,
            )
        assert [e.field for e in caught.value.errors] == ["justification"]
        assert comment.answer is None

    def test_refuses_after_the_report_is_published(self) -> None:
        consultation = make_open()
        comment = answer(comment_on(consultation), consultation)
        publish_report(consultation, [comment], [], published_by=OFFICER, now=AFTER)
        with pytest.raises(Conflict) as caught:
            answer(comment, consultation, Verdict.REJECTED)
        assert caught.value.extra["reason"] == "report-published"

    def test_refuses_a_comment_of_another_consultation(self) -> None:
        comment = comment_on(make_open())
        with pytest.raises(ValueError, match="another consultation"):
            answer(comment, make_open())
