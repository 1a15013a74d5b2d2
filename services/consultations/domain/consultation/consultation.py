"""The Consultation aggregate: a document consulted from draft to published report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from services.consultations.domain.consultation.participants import Participant
from services.consultations.domain.consultation.schedule import (
    SchedulePolicy,
    ScheduleWarning,
    schedule_warnings,
)
from services.consultations.domain.consultation.terms import ConsultationTerms, check_terms
from shared.context import new_id
from shared.contracts.base import EventContract
from shared.contracts.consultations import (
    ConsultationClosed,
    ConsultationDrafted,
    ConsultationOpened,
    ConsultationRevised,
)
from shared.errors import Conflict, Forbidden, InvalidInput, Text

__all__ = ["Consultation", "ConsultationState", "draft_consultation"]


class ConsultationState(StrEnum):
    """Stages of a consultation, in order."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    REPORT_PUBLISHED = "report_published"


@dataclass
class Consultation:
    """A social consultation run by one municipality (tenant)."""

    id: str
    tenant_id: str
    terms: ConsultationTerms
    drafted_by: str
    drafted_at: datetime
    state: ConsultationState = ConsultationState.DRAFT
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    report_published_at: datetime | None = None
    version: int = field(default=0, compare=False)
    events: list[EventContract] = field(default_factory=list, compare=False)

    def schedule_warnings(self, policy: SchedulePolicy) -> list[ScheduleWarning]:
        """Return the timetable warnings the officer should see."""
        return schedule_warnings(self.terms, policy)

    def revise(
        self,
        terms: ConsultationTerms,
        *,
        revised_by: str,
        now: datetime,
        policy: SchedulePolicy | None = None,
    ) -> list[ScheduleWarning]:
        """Replace the terms of a draft; return the timetable warnings of the new terms."""
        self._require_state(ConsultationState.DRAFT, _ONLY_DRAFTS_CHANGE)
        check_terms(terms)
        self.terms = terms
        warnings = self.schedule_warnings(policy or SchedulePolicy())
        self.events.append(
            ConsultationRevised(
                consultation_id=self.id,
                title=terms.title,
                kind=terms.kind.value,
                starts_at=terms.starts_at,
                ends_at=terms.ends_at,
                warnings=[w.code for w in warnings],
                revised_by=revised_by,
                revised_at=now,
            )
        )
        return warnings

    def open(self, *, opened_by: str, now: datetime) -> None:
        """Announce the consultation; comments are taken from its start to its end."""
        self._require_state(ConsultationState.DRAFT, _ALREADY_OPENED)
        if self.terms.ends_at <= now:
            raise InvalidInput.for_field(
                "ends_at",
                "Termin końca konsultacji już minął.",
                "The end of the consultation is already past.",
                "in-past",
            )
        self.state, self.opened_at = ConsultationState.OPEN, now
        self.events.append(_opened_event(self, opened_by, now))

    def close_if_due(self, now: datetime) -> bool:
        """Close an open consultation whose end has come; return whether it closed now."""
        if self.state is not ConsultationState.OPEN or now < self.terms.ends_at:
            return False
        self.state, self.closed_at = ConsultationState.CLOSED, now
        self.events.append(
            ConsultationClosed(
                consultation_id=self.id,
                title=self.terms.title,
                ends_at=self.terms.ends_at,
                closed_at=now,
            )
        )
        return True

    def ensure_open_to(self, participant: Participant, now: datetime) -> None:
        """Raise unless `participant` may take part at `now`."""
        if participant.audience not in self.terms.audiences:
            raise Forbidden(
                detail=Text(
                    "Ta grupa nie bierze udziału w tych konsultacjach.",
                    "This group does not take part in this consultation.",
                )
            )
        if self.state is ConsultationState.DRAFT:
            raise _conflict("consultation-not-open", _NOT_OPEN)
        if self.state is not ConsultationState.OPEN or now >= self.terms.ends_at:
            raise _conflict("consultation-ended", _ENDED)
        if now < self.terms.starts_at:
            raise _conflict("consultation-not-started", _NOT_STARTED)

    def ensure_answers_allowed(self) -> None:
        """Raise unless the municipality may still answer comments."""
        if self.state is ConsultationState.DRAFT:
            raise _conflict("consultation-not-open", _NOT_OPEN)
        if self.state is ConsultationState.REPORT_PUBLISHED:
            raise _conflict("report-published", _REPORT_PUBLISHED)

    def mark_report_published(self, now: datetime) -> None:
        """Record that the report of a closed consultation was published."""
        self._require_state(ConsultationState.CLOSED, _STILL_OPEN)
        self.state, self.report_published_at = ConsultationState.REPORT_PUBLISHED, now

    def _require_state(self, expected: ConsultationState, message: Text) -> None:
        if self.state is not expected:
            raise _conflict(f"consultation-{self.state.value.replace('_', '-')}", message)


def draft_consultation(
    *,
    tenant_id: str,
    terms: ConsultationTerms,
    drafted_by: str,
    now: datetime,
    policy: SchedulePolicy | None = None,
) -> Consultation:
    """Create a draft consultation with checked terms (its warnings: `schedule_warnings`)."""
    check_terms(terms)
    consultation = Consultation(
        id=new_id(), tenant_id=tenant_id, terms=terms, drafted_by=drafted_by, drafted_at=now
    )
    warnings = consultation.schedule_warnings(policy or SchedulePolicy())
    consultation.events.append(
        ConsultationDrafted(
            consultation_id=consultation.id,
            title=terms.title,
            kind=terms.kind.value,
            starts_at=terms.starts_at,
            ends_at=terms.ends_at,
            warnings=[w.code for w in warnings],
            drafted_by=drafted_by,
            drafted_at=now,
        )
    )
    return consultation


def _opened_event(
    consultation: Consultation, opened_by: str, opened_at: datetime
) -> ConsultationOpened:
    terms = consultation.terms
    return ConsultationOpened(
        consultation_id=consultation.id,
        title=terms.title,
        kind=terms.kind.value,
        programme_year=terms.programme_year,
        audiences=sorted(a.value for a in terms.audiences),
        written_comments=terms.forms.written_comments,
        survey=bool(terms.forms.survey),
        meetings=len(terms.forms.meetings),
        starts_at=terms.starts_at,
        ends_at=terms.ends_at,
        opened_by=opened_by,
        opened_at=opened_at,
    )


def _conflict(reason: str, message: Text) -> Conflict:
    return Conflict(detail=message, extra={"reason": reason})


_ONLY_DRAFTS_CHANGE = Text(
    "Zmieniać można tylko projekt konsultacji.", "Only a draft consultation can be changed."
)
_ALREADY_OPENED = Text("Konsultacje zostały już otwarte.", "The consultation was already opened.")
_NOT_OPEN = Text("Konsultacje nie są jeszcze otwarte.", "The consultation is not open yet.")
_NOT_STARTED = Text("Konsultacje jeszcze się nie zaczęły.", "The consultation has not started yet.")
_ENDED = Text("Konsultacje już się zakończyły.", "The consultation has ended.")
_STILL_OPEN = Text(
    "Raport można opublikować po zamknięciu konsultacji.",
    "The report can be published once the consultation is closed.",
)
_REPORT_PUBLISHED = Text(
    "Raport z konsultacji został już opublikowany.", "The consultation report is already published."
)
