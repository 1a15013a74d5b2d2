"""Timeliness of reports on public tasks, and the facts in this service's own events."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.consultations.domain.consultation.comment import Verdict
from services.consultations.domain.monitoring.deadlines import submitted_on_time
from services.consultations.domain.monitoring.inputs import AnsweredComment, SubmittedComment
from services.consultations.domain.monitoring.own_events import facts_of
from shared.contracts.consultations import (
    CommentAnswered,
    CommentSubmitted,
    ConsultationClosed,
)

from .factories import TENANT

DUE = date(2025, 11, 30)


class TestSubmittedOnTime:
    def test_counts_the_due_day_in_polish_time(self) -> None:
        # 23:30 UTC on 30 November is already 1 December in Warsaw.
        late_evening = datetime(2025, 11, 30, 23, 30, tzinfo=UTC)
        same_day = datetime(2025, 11, 30, 20, 0, tzinfo=UTC)
        assert submitted_on_time(same_day, due_on=DUE, overdue_noticed=False) is True
        assert submitted_on_time(late_evening, due_on=DUE, overdue_noticed=False) is False

    def test_without_a_known_due_day_trusts_grants_overdue_notice(self) -> None:
        moment = datetime(2025, 7, 1, tzinfo=UTC)
        assert submitted_on_time(moment, due_on=None, overdue_noticed=False) is True
        assert submitted_on_time(moment, due_on=None, overdue_noticed=True) is False


class TestFactsOfOwnEvents:
    def test_a_comment_and_its_answer_become_facts_under_the_event_id(self) -> None:
        moment = datetime(2025, 10, 3, 9, 0, tzinfo=UTC)
        submitted = CommentSubmitted(
            comment_id="c-1",
            consultation_id="k-1",
            section_number=2,
            participant_kind="organization",
            organization_id="org-1",
            submitted_at=moment,
        )
        answered = CommentAnswered(
            comment_id="c-1",
            consultation_id="k-1",
            participant_kind="organization",
            organization_id="org-1",
            verdict="accepted",
            comment_submitted_at=moment,
            answered_by="officer-1",
            answered_at=moment,
        )

        assert facts_of(submitted, event_id="e-1", tenant_id=TENANT) == [
            SubmittedComment("e-1", TENANT, "k-1", "c-1", "org-1", moment)
        ]
        [fact] = facts_of(answered, event_id="e-2", tenant_id=TENANT)
        assert isinstance(fact, AnsweredComment)
        assert (fact.event_id, fact.verdict) == ("e-2", Verdict.ACCEPTED)

    def test_other_events_are_not_counted(self) -> None:
        moment = datetime(2025, 10, 3, tzinfo=UTC)
        closed = ConsultationClosed(
            consultation_id="k-1", title="T", ends_at=moment, closed_at=moment
        )
        assert facts_of(closed, event_id="e-3", tenant_id=TENANT) == []
