"""The Offer aggregate: an organization's offer to carry out a competition's public task."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from services.grants.domain.common.budget import Budget
from services.grants.domain.common.rules import breach, conflict, reject_if_any
from services.grants.domain.competition.competition import Competition, CompetitionState
from services.grants.domain.offer.form import OfferContent
from services.grants.domain.offer.formal_review import FormalReview, assess
from shared.context import new_id
from shared.contracts.base import EventContract
from shared.contracts.grants import (
    OfferDrafted,
    OfferFormallyReviewed,
    OfferRevised,
    OfferSubmitted,
    OfferWithdrawn,
)
from shared.errors import FieldError, NotFound, Text

__all__ = ["Offer", "OfferState", "draft_offer"]


class OfferState(StrEnum):
    """Where an offer is in its life."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    FORMALLY_ACCEPTED = "formally_accepted"
    FORMALLY_REJECTED = "formally_rejected"


@dataclass
class Offer:
    """An offer of one organization (with partners, if joint) in one competition."""

    id: str
    tenant_id: str
    competition_id: str
    organization_id: str
    organization_name: str
    content: OfferContent
    drafted_by: str
    drafted_at: datetime
    state: OfferState = OfferState.DRAFT
    submitted_at: datetime | None = None
    formal_review: FormalReview | None = None
    version: int = field(default=0, compare=False)
    events: list[EventContract] = field(default_factory=list, compare=False)

    @property
    def budget(self) -> Budget:
        """Return the offer's budget."""
        return self.content.budget

    @property
    def is_formally_accepted(self) -> bool:
        """Return whether the offer passed the formal review."""
        return self.state is OfferState.FORMALLY_ACCEPTED

    def involves(self, organization_id: str) -> bool:
        """Return whether the organization is the applicant or a partner of the offer."""
        partners = {partner.organization_id for partner in self.content.partners}
        return organization_id == self.organization_id or organization_id in partners

    def ensure_visible_to(self, organization_id: str) -> None:
        """Raise NotFound unless the organization is the offer's applicant."""
        if organization_id != self.organization_id:
            # Another NGO must not learn that the offer exists.
            raise NotFound(
                detail=Text("Nie ma takiej oferty.", "No such offer."), extra={"offer_id": self.id}
            )

    def check_against(self, competition: Competition) -> list[FieldError]:
        """Return every breach of the form's rules and of the competition's terms, by field."""
        found = self.content.errors(self.organization_id)
        terms, budget, period = competition.terms, self.content.budget, self.content.task_period
        requested = budget.requested_grant
        if requested < terms.min_grant:
            found.append(
                breach(
                    "budget.requested_grant",
                    f"Wnioskowana dotacja jest niższa niż minimalna ({terms.min_grant}).",
                    f"The grant asked for is below the minimum ({terms.min_grant}).",
                    "grant-below-minimum",
                )
            )
        if requested > terms.max_grant:
            found.append(
                breach(
                    "budget.requested_grant",
                    f"Wnioskowana dotacja przekracza maksymalną ({terms.max_grant}).",
                    f"The grant asked for exceeds the maximum ({terms.max_grant}).",
                    "grant-above-maximum",
                )
            )
        if terms.own_contribution is not None:
            found += terms.own_contribution.breaches(budget)
        if period is not None and not terms.task_period.covers(period):
            found.append(
                breach(
                    "task_period",
                    f"Zadanie musi być realizowane w okresie {terms.task_period}.",
                    f"The task must be carried out within {terms.task_period}.",
                    "task-period-outside",
                )
            )
        return found

    def revise(
        self, competition: Competition, content: OfferContent, *, by: str, now: datetime
    ) -> None:
        """Replace the contents of a draft before the deadline."""
        self._before_deadline(competition, now)
        self._require(OfferState.DRAFT, pl="zmienić", en="change")
        self.content = content
        self.events.append(
            OfferRevised(
                offer_id=self.id,
                competition_id=self.competition_id,
                organization_id=self.organization_id,
                revised_by=by,
                revised_at=now,
            )
        )

    def submit(self, competition: Competition, *, by: str, now: datetime) -> None:
        """Submit the draft before the deadline if it breaks no rule."""
        self._before_deadline(competition, now)
        self._require(OfferState.DRAFT, pl="złożyć", en="submit")
        reject_if_any(
            self.check_against(competition),
            "Oferta nie spełnia warunków konkursu.",
            "The offer does not meet the competition's terms.",
        )
        self.state, self.submitted_at = OfferState.SUBMITTED, now
        budget = self.content.budget
        self.events.append(
            OfferSubmitted(
                offer_id=self.id,
                competition_id=self.competition_id,
                organization_id=self.organization_id,
                partner_organization_ids=[p.organization_id for p in self.content.partners],
                task_title=self.content.title,
                requested_grant=budget.requested_grant.amount,
                total_cost=budget.total.amount,
                submitted_by=by,
                submitted_at=now,
            )
        )

    def withdraw(self, competition: Competition, *, by: str, now: datetime) -> None:
        """Withdraw a submitted offer before the deadline."""
        self._before_deadline(competition, now)
        self._require(OfferState.SUBMITTED, pl="wycofać", en="withdraw")
        self.state = OfferState.WITHDRAWN
        self.events.append(
            OfferWithdrawn(
                offer_id=self.id,
                competition_id=self.competition_id,
                organization_id=self.organization_id,
                withdrawn_by=by,
                withdrawn_at=now,
            )
        )

    def review_formally(
        self,
        competition: Competition,
        answers: Mapping[str, bool],
        *,
        reason: str | None,
        by: str,
        now: datetime,
    ) -> None:
        """Record the officer's formal review: accepted if every check passes."""
        self._belongs_to(competition)
        if competition.state is not CompetitionState.IN_REVIEW:
            raise conflict(
                "Ocena formalna jest możliwa dopiero po rozpoczęciu oceny ofert.",
                "The formal review starts once the competition is in review.",
                state=competition.state.value,
            )
        self._require(OfferState.SUBMITTED, pl="ocenić formalnie", en="review")
        review = assess(answers, reason=reason, by=by, now=now)
        self.formal_review = review
        self.state = (
            OfferState.FORMALLY_ACCEPTED if review.accepted else OfferState.FORMALLY_REJECTED
        )
        self.events.append(
            OfferFormallyReviewed(
                offer_id=self.id,
                competition_id=self.competition_id,
                organization_id=self.organization_id,
                accepted=review.accepted,
                failed_checks=review.failed_checks,
                reason=review.reason,
                reviewed_by=by,
                reviewed_at=now,
            )
        )

    def _before_deadline(self, competition: Competition, now: datetime) -> None:
        self._belongs_to(competition)
        competition.ensure_accepts_offers(now)

    def _belongs_to(self, competition: Competition) -> None:
        if competition.id != self.competition_id:
            raise ValueError(f"offer {self.id} is not in competition {competition.id}")

    def _require(self, *allowed: OfferState, pl: str, en: str) -> None:
        if self.state not in allowed:
            raise conflict(
                f"Nie można {pl} oferty w stanie „{self.state}”.",
                f"Cannot {en} an offer that is {self.state}.",
                state=self.state.value,
            )


def draft_offer(
    competition: Competition,
    *,
    organization_id: str,
    organization_name: str,
    content: OfferContent,
    by: str,
    now: datetime,
    offer_id: str | None = None,
) -> Offer:
    """Start an offer in an announced competition before its deadline."""
    competition.ensure_accepts_offers(now)
    offer = Offer(
        id=offer_id or new_id(),
        tenant_id=competition.tenant_id,
        competition_id=competition.id,
        organization_id=organization_id,
        organization_name=organization_name,
        content=content,
        drafted_by=by,
        drafted_at=now,
    )
    offer.events.append(
        OfferDrafted(
            offer_id=offer.id,
            competition_id=competition.id,
            organization_id=organization_id,
            drafted_by=by,
            drafted_at=now,
        )
    )
    return offer
