"""Publishing the consultation report: only when every comment has an answer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import pytest

from services.consultations.domain.consultation.comment import Comment, Verdict
from services.consultations.domain.consultation.consultation import (
    Consultation,
    ConsultationState,
)
from services.consultations.domain.consultation.participants import ParticipantKind
from services.consultations.domain.consultation.report import ConsultationReport, publish_report
from services.consultations.domain.consultation.survey import SurveyResponse, submit_survey_response
from shared.contracts.consultations import ConsultationClosed, ConsultationReportPublished
from shared.errors import Conflict

from .factories import (
    AFTER,
    DURING,
    END,
    OFFICER,
    answer,
    comment_on,
    make_draft,
    make_open,
    ngo,
    resident,
)

LATER = AFTER + timedelta(days=5)
Published = tuple[Consultation, ConsultationReport]


def publish(
    consultation: Consultation,
    comments: list[Comment],
    responses: Sequence[SurveyResponse] = (),
    now: datetime = LATER,
) -> ConsultationReport:
    return publish_report(consultation, comments, list(responses), published_by=OFFICER, now=now)


class TestPublishReport:
    def test_refuses_while_a_comment_is_unanswered(self) -> None:
        consultation = make_open()
        answered = answer(comment_on(consultation), consultation)
        waiting = [comment_on(consultation, ngo("org-2")), comment_on(consultation, resident())]
        with pytest.raises(Conflict) as caught:
            publish(consultation, [answered, *waiting])
        assert caught.value.status == 409
        assert caught.value.extra == {"reason": "comments-unanswered", "unanswered": 2}
        assert "2" in caught.value.detail.pl
        assert consultation.state is ConsultationState.CLOSED

    def test_refuses_while_the_consultation_runs(self) -> None:
        consultation = make_open()
        with pytest.raises(Conflict) as caught:
            publish(consultation, [], now=END - timedelta(hours=1))
        assert caught.value.extra["reason"] == "consultation-open"

    def test_refuses_a_draft(self) -> None:
        with pytest.raises(Conflict) as caught:
            publish(make_draft(), [])
        assert caught.value.extra["reason"] == "consultation-draft"

    def test_refuses_twice(self) -> None:
        consultation = make_open()
        publish(consultation, [])
        with pytest.raises(Conflict) as caught:
            publish(consultation, [])
        assert caught.value.extra["reason"] == "consultation-report-published"

    def test_closes_a_due_consultation_then_publishes(self) -> None:
        consultation = make_open()
        publish(consultation, [])
        closed, published = consultation.events
        assert isinstance(closed, ConsultationClosed)
        assert isinstance(published, ConsultationReportPublished)
        assert consultation.state is ConsultationState.REPORT_PUBLISHED
        assert consultation.report_published_at == LATER

    def test_refuses_comments_of_another_consultation(self) -> None:
        other = make_open()
        with pytest.raises(ValueError, match="another consultation"):
            publish(make_open(), [answer(comment_on(other), other)])


class TestReportContents:
    @pytest.fixture
    def published(self) -> Published:
        consultation = make_open()
        comments = [
            answer(comment_on(consultation, ngo("org-1"), section_number=3), consultation),
            answer(comment_on(consultation, ngo("org-1")), consultation, Verdict.REJECTED),
            answer(comment_on(consultation, ngo("org-2")), consultation, Verdict.PARTLY_ACCEPTED),
            answer(comment_on(consultation, resident("res-1")), consultation),
        ]
        responses = [
            submit_survey_response(consultation, respondent=who, answers={1: ["sport"]}, now=DURING)
            for who in (ngo("org-3"), resident("res-2"), resident("res-1"))
        ]
        return consultation, publish(consultation, comments, responses)

    def test_counts_participation(self, published: Published) -> None:
        _, report = published
        figures = report.participation
        assert figures.comments == 4
        assert figures.comments_by_kind == {
            ParticipantKind.ORGANIZATION: 3,
            ParticipantKind.RESIDENT: 1,
            ParticipantKind.PUBLIC_BENEFIT_COUNCIL: 0,
        }
        assert (figures.organizations, figures.residents) == (3, 2)
        assert (figures.accepted, figures.partly_accepted, figures.rejected) == (2, 1, 1)
        assert figures.survey_responses == 3

    def test_lists_every_comment_by_section_with_its_answer(self, published: Published) -> None:
        _, report = published
        assert [e.section_number for e in report.entries] == [2, 2, 2, 3]
        assert report.entries[-1].section_title is None
        assert report.entries[0].section_title == "§ 2."
        assert {e.verdict for e in report.entries} == set(Verdict)

    def test_keeps_residents_anonymous(self, published: Published) -> None:
        _, report = published
        assert "res-1" not in repr(report)

    def test_includes_survey_results_and_meetings(self, published: Published) -> None:
        _, report = published
        assert report.survey[0].option_counts["sport"] == 3
        assert len(report.meetings) == 1

    def test_announces_the_figures(self, published: Published) -> None:
        consultation, _ = published
        event = consultation.events[-1]
        assert isinstance(event, ConsultationReportPublished)
        assert (event.comments, event.accepted, event.organizations, event.residents) == (
            4,
            2,
            3,
            2,
        )
        assert event.key() == consultation.id
