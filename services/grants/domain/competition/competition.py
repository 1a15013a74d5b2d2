"""The Competition aggregate: an open competition for a public task (otwarty konkurs ofert)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from services.grants.domain.common.dates import local_date, require_aware
from services.grants.domain.common.money import Money
from services.grants.domain.common.rules import conflict, reject_if_any, require_text
from services.grants.domain.competition.announcement import announcement
from services.grants.domain.competition.results import (
    GrantDecision,
    GrantedOffer,
    RankedEntry,
    check_grant,
    results_of,
)
from services.grants.domain.competition.terms import CompetitionTerms
from shared.context import new_id
from shared.contracts.base import EventContract
from shared.contracts.grants import (
    CompetitionArchived,
    CompetitionCancelled,
    CompetitionClosed,
    CompetitionDrafted,
    CompetitionGrantDecided,
    CompetitionResultsPublished,
    CompetitionReviewStarted,
    CompetitionRevised,
)
from shared.errors import InvalidInput, NotFound, Text

__all__ = [
    "MIN_DAYS_TO_DEADLINE",
    "Competition",
    "CompetitionState",
    "GrantDecision",
    "draft_competition",
]

# Art. 13(1): offers may be submitted for no less than 21 days from the announcement.
MIN_DAYS_TO_DEADLINE = 21


class CompetitionState(StrEnum):
    """Where a competition is in its life."""

    DRAFT = "draft"
    ANNOUNCED = "announced"
    CLOSED = "closed"
    IN_REVIEW = "in_review"
    RESOLVED = "resolved"
    ARCHIVED = "archived"
    CANCELLED = "cancelled"


_CANCELLABLE = (
    CompetitionState.DRAFT,
    CompetitionState.ANNOUNCED,
    CompetitionState.CLOSED,
    CompetitionState.IN_REVIEW,
)


@dataclass
class Competition:
    """An open competition of one tenant, from draft to archive."""

    id: str
    tenant_id: str
    terms: CompetitionTerms
    drafted_by: str
    drafted_at: datetime
    state: CompetitionState = CompetitionState.DRAFT
    copied_from: str | None = None
    announced_at: datetime | None = None
    closed_at: datetime | None = None
    resolved_at: datetime | None = None
    cancellation_reason: str | None = None
    decisions: dict[str, GrantDecision] = field(default_factory=dict)
    version: int = field(default=0, compare=False)
    events: list[EventContract] = field(default_factory=list, compare=False)

    @property
    def granted_total(self) -> Money:
        """Return the sum of the grants decided so far."""
        return Money.total(decision.amount for decision in self.decisions.values())

    def granted_amount(self, offer_id: str) -> Money | None:
        """Return the grant decided for an offer, if any."""
        decision = self.decisions.get(offer_id)
        return decision.amount if decision else None

    def revise(self, terms: CompetitionTerms, *, by: str, now: datetime) -> None:
        """Replace the terms of a draft."""
        self._require(CompetitionState.DRAFT, pl="zmienić", en="change")
        _validate(terms)
        self.terms = terms
        self.events.append(
            CompetitionRevised(
                competition_id=self.id,
                title=terms.title,
                area=terms.area.value,
                revised_by=by,
                revised_at=now,
            )
        )

    def copy_as_draft(
        self,
        *,
        by: str,
        now: datetime,
        shift_years: int = 0,
        competition_id: str | None = None,
    ) -> Competition:
        """Return a new draft with the same terms, its dates moved by `shift_years` years."""
        return draft_competition(
            tenant_id=self.tenant_id,
            terms=self.terms.shifted_by_years(shift_years),
            by=by,
            now=now,
            competition_id=competition_id,
            copied_from=self.id,
        )

    def announce(self, *, now: datetime) -> None:
        """Publish the announcement; the deadline must leave at least 21 days for offers."""
        self._require(CompetitionState.DRAFT, pl="ogłosić", en="announce")
        require_aware(now, "now")
        _validate(self.terms)
        days = (local_date(self.terms.offer_deadline) - local_date(now)).days
        if days < MIN_DAYS_TO_DEADLINE:
            raise InvalidInput.for_field(
                "offer_deadline",
                f"Termin składania ofert nie może być krótszy niż {MIN_DAYS_TO_DEADLINE} dni "
                f"od dnia ogłoszenia konkursu (art. 13 ust. 1 ustawy o działalności pożytku "
                f"publicznego i o wolontariacie); wyznaczono {days}.",
                f"The offer deadline must be at least {MIN_DAYS_TO_DEADLINE} days after the "
                f"announcement (art. 13(1) of the Act on Public Benefit Activity and "
                f"Volunteerism); it is {days}.",
                "deadline-too-early",
            )
        self.state, self.announced_at = CompetitionState.ANNOUNCED, now
        self.events.append(announcement(self.id, self.terms, now))

    def ensure_accepts_offers(self, now: datetime) -> None:
        """Raise Conflict unless offers may be drafted, edited, submitted or withdrawn now."""
        self._require(CompetitionState.ANNOUNCED, pl="składać ofert w", en="send offers to")
        if now >= self.terms.offer_deadline:
            raise conflict(
                "Termin składania ofert minął.",
                "The offer deadline has passed.",
                offer_deadline=self.terms.offer_deadline.isoformat(),
            )

    def close(self, *, now: datetime) -> None:
        """Stop taking offers once the deadline has passed."""
        self._require(CompetitionState.ANNOUNCED, pl="zamknąć", en="close")
        if now < self.terms.offer_deadline:
            raise conflict(
                "Termin składania ofert jeszcze trwa.",
                "The offer deadline has not passed yet.",
                offer_deadline=self.terms.offer_deadline.isoformat(),
            )
        self.state, self.closed_at = CompetitionState.CLOSED, now
        self.events.append(CompetitionClosed(competition_id=self.id, closed_at=now))

    def start_review(self, *, by: str, now: datetime) -> None:
        """Open the formal review and the committee's work."""
        self._require(CompetitionState.CLOSED, pl="rozpocząć oceny w", en="start reviewing")
        self.state = CompetitionState.IN_REVIEW
        self.events.append(
            CompetitionReviewStarted(competition_id=self.id, started_by=by, started_at=now)
        )

    def decide_grant(self, offer: GrantedOffer, amount: Money, *, by: str, now: datetime) -> None:
        """Decide an offer's grant: at most what it asks for, all grants within the funds."""
        self._require(CompetitionState.IN_REVIEW, pl="przyznawać dotacji w", en="grant in")
        self._require_own(offer)
        if not offer.is_formally_accepted:
            raise conflict(
                "Dotację można przyznać tylko ofercie przyjętej w ocenie formalnej.",
                "Only a formally accepted offer can get a grant.",
                offer_id=offer.id,
            )
        check_grant(amount, offer.budget.requested_grant, self._funds_left(offer.id))
        decision = GrantDecision(offer.id, offer.organization_id, amount, by, now)
        self.decisions[offer.id] = decision
        self.events.append(
            CompetitionGrantDecided(
                competition_id=self.id,
                offer_id=offer.id,
                organization_id=offer.organization_id,
                amount=amount.amount,
                decided_by=by,
                decided_at=now,
            )
        )

    def publish_results(
        self, *, offers: Sequence[GrantedOffer], ranking: Sequence[RankedEntry], now: datetime
    ) -> None:
        """Publish the results once every formally accepted offer has its grant decided."""
        self._require(CompetitionState.IN_REVIEW, pl="ogłosić wyników", en="publish results of")
        accepted = {
            o.id: o for o in offers if o.competition_id == self.id and o.is_formally_accepted
        }
        undecided = sorted(set(accepted) - set(self.decisions))
        if undecided:
            raise conflict(
                "Nie wszystkie oferty mają decyzję o dotacji.",
                "Not every offer has its grant decided.",
                offer_ids=undecided,
            )
        self.state, self.resolved_at = CompetitionState.RESOLVED, now
        self.events.append(
            CompetitionResultsPublished(
                competition_id=self.id,
                results=results_of(self.decisions, accepted, ranking),
                total_granted=self.granted_total.amount,
                published_at=now,
            )
        )

    def archive(self, *, now: datetime) -> None:
        """Move a resolved competition to the archive."""
        self._require(CompetitionState.RESOLVED, pl="zarchiwizować", en="archive")
        self.state = CompetitionState.ARCHIVED
        self.events.append(CompetitionArchived(competition_id=self.id, archived_at=now))

    def cancel(self, *, reason: str, now: datetime) -> None:
        """Cancel the competition before its results, giving the reason."""
        self._require(*_CANCELLABLE, pl="unieważnić", en="cancel")
        self.cancellation_reason = require_text(reason, "reason")
        self.state = CompetitionState.CANCELLED
        self.events.append(
            CompetitionCancelled(
                competition_id=self.id, reason=self.cancellation_reason, cancelled_at=now
            )
        )

    def _require(self, *allowed: CompetitionState, pl: str, en: str) -> None:
        if self.state not in allowed:
            raise conflict(
                f"Nie można {pl} konkursu w stanie „{self.state}”.",
                f"Cannot {en} a competition that is {self.state}.",
                state=self.state.value,
            )

    def _require_own(self, offer: GrantedOffer) -> None:
        if offer.competition_id != self.id:
            raise NotFound(
                detail=Text(
                    "Nie ma takiej oferty w konkursie.", "No such offer in the competition."
                ),
                extra={"offer_id": offer.id},
            )

    def _funds_left(self, offer_id: str) -> Money:
        others = Money.total(d.amount for d in self.decisions.values() if d.offer_id != offer_id)
        return self.terms.total_funds - others


def draft_competition(
    *,
    tenant_id: str,
    terms: CompetitionTerms,
    by: str,
    now: datetime,
    competition_id: str | None = None,
    copied_from: str | None = None,
) -> Competition:
    """Create a draft competition with checked terms and record the draft event."""
    _validate(terms)
    competition = Competition(
        id=competition_id or new_id(),
        tenant_id=tenant_id,
        terms=terms,
        drafted_by=by,
        drafted_at=now,
        copied_from=copied_from,
    )
    competition.events.append(
        CompetitionDrafted(
            competition_id=competition.id,
            title=terms.title,
            area=terms.area.value,
            copied_from=copied_from,
            drafted_by=by,
            drafted_at=now,
        )
    )
    return competition


def _validate(terms: CompetitionTerms) -> None:
    reject_if_any(
        terms.errors(),
        "Ogłoszenie konkursu jest niekompletne lub niespójne.",
        "The competition announcement is incomplete or inconsistent.",
    )
