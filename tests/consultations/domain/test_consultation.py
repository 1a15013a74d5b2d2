"""The Consultation aggregate's lifecycle: draft, open, closed on time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.consultations.domain.consultation.consultation import ConsultationState
from services.consultations.domain.consultation.schedule import SchedulePolicy
from shared.contracts.consultations import (
    ConsultationClosed,
    ConsultationDrafted,
    ConsultationOpened,
    ConsultationRevised,
)
from shared.errors import Conflict, InvalidInput

from .factories import AFTER, END, OFFICER, START, TENANT, make_draft, make_open, make_terms


class TestDraftConsultation:
    def test_starts_as_a_draft_and_records_the_staff_event(self) -> None:
        consultation = make_draft()
        assert consultation.state is ConsultationState.DRAFT
        assert consultation.tenant_id == TENANT
        (event,) = consultation.events
        assert isinstance(event, ConsultationDrafted)
        assert (event.consultation_id, event.drafted_by) == (consultation.id, OFFICER)
        assert event.warnings == []

    def test_the_event_names_the_warnings_shown(self) -> None:
        late = END.replace(month=11, day=25)
        consultation = make_draft(ends_at=late)
        (event,) = consultation.events
        assert isinstance(event, ConsultationDrafted)
        assert event.warnings == ["programme-adoption-at-risk"]

    def test_refuses_invalid_terms(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            make_draft(title="")
        assert caught.value.errors[0].field == "title"


class TestReviseDraft:
    def test_replaces_the_terms_and_records_the_event(self) -> None:
        consultation = make_draft()
        consultation.events.clear()
        warnings = consultation.revise(
            make_terms(title="Nowy tytuł"), revised_by=OFFICER, now=START
        )
        assert consultation.terms.title == "Nowy tytuł"
        assert warnings == []
        (event,) = consultation.events
        assert isinstance(event, ConsultationRevised)
        assert (event.title, event.revised_by) == ("Nowy tytuł", OFFICER)

    def test_returns_the_warnings_under_the_policy(self) -> None:
        consultation = make_draft()
        strict = SchedulePolicy(minimum_days_open=30)
        warnings = consultation.revise(make_terms(), revised_by=OFFICER, now=START, policy=strict)
        assert [w.code for w in warnings] == ["consultation-short"]

    def test_checks_the_new_terms(self) -> None:
        with pytest.raises(InvalidInput):
            make_draft().revise(make_terms(title=""), revised_by=OFFICER, now=START)

    def test_refuses_once_opened(self) -> None:
        with pytest.raises(Conflict) as caught:
            make_open().revise(make_terms(), revised_by=OFFICER, now=START)
        assert caught.value.status == 409
        assert caught.value.extra["reason"] == "consultation-open"


class TestOpenConsultation:
    def test_opens_and_records_the_event(self) -> None:
        consultation = make_draft()
        consultation.events.clear()
        consultation.open(opened_by=OFFICER, now=START)
        assert consultation.state is ConsultationState.OPEN
        (event,) = consultation.events
        assert isinstance(event, ConsultationOpened)
        assert event.key() == consultation.id
        assert event.audiences == ["ngos", "residents"]
        assert (event.survey, event.meetings, event.programme_year) == (True, 1, 2026)

    def test_may_announce_before_the_start(self) -> None:
        consultation = make_draft()
        consultation.open(opened_by=OFFICER, now=START - timedelta(days=7))
        assert consultation.state is ConsultationState.OPEN

    def test_refuses_when_the_end_is_past(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            make_draft().open(opened_by=OFFICER, now=END)
        assert caught.value.errors[0].field == "ends_at"
        assert caught.value.status == 422

    def test_refuses_twice(self) -> None:
        with pytest.raises(Conflict):
            make_open().open(opened_by=OFFICER, now=START)


class TestCloseIfDue:
    def test_leaves_a_running_consultation_open(self) -> None:
        consultation = make_open()
        assert consultation.close_if_due(END - timedelta(seconds=1)) is False
        assert consultation.state is ConsultationState.OPEN
        assert consultation.events == []

    def test_closes_at_the_end_and_records_the_event(self) -> None:
        consultation = make_open()
        assert consultation.close_if_due(AFTER) is True
        assert consultation.state is ConsultationState.CLOSED
        assert consultation.closed_at == AFTER
        (event,) = consultation.events
        assert isinstance(event, ConsultationClosed)
        assert (event.ends_at, event.closed_at) == (END, AFTER)

    def test_closes_only_once(self) -> None:
        consultation = make_open()
        consultation.close_if_due(AFTER)
        assert consultation.close_if_due(AFTER + timedelta(days=1)) is False
        assert len(consultation.events) == 1

    def test_never_closes_a_draft(self) -> None:
        consultation = make_draft()
        assert consultation.close_if_due(AFTER) is False
        assert consultation.state is ConsultationState.DRAFT
