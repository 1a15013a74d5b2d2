"""Events of offers (oferta realizacji zadania publicznego)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import Field

from shared.contracts.base import EventContract
from shared.contracts.grants._common import OFFER_TOPIC, PLN

__all__ = [
    "OfferDrafted",
    "OfferFormallyReviewed",
    "OfferRevised",
    "OfferSubmitted",
    "OfferWithdrawn",
]


class _OfferEvent(EventContract):
    """An offer event, keyed by the offer."""

    topic = OFFER_TOPIC
    key_field = "offer_id"

    offer_id: str = Field(description="Platform id of the offer.")
    competition_id: str = Field(description="The competition the offer answers.")
    organization_id: str = Field(description="The applicant organization.")


# Offers (oferta realizacji zadania publicznego) --------------------------------------------


class OfferDrafted(_OfferEvent):
    """An organization started an offer; its contents stay private (staff only)."""

    event_type = "pl.ngo.grants.offer.drafted"

    drafted_by: str = Field(description="Subject (user id) of the NGO member.")
    drafted_at: datetime = Field(description="When the draft was created.")


class OfferRevised(_OfferEvent):
    """A member of the organization changed its draft offer; contents stay private (staff only)."""

    event_type = "pl.ngo.grants.offer.revised"

    revised_by: str = Field(description="Subject (user id) of the NGO member.")
    revised_at: datetime = Field(description="When the draft was changed.")


class OfferSubmitted(_OfferEvent):
    """An organization submitted its offer before the deadline (staff only)."""

    event_type = "pl.ngo.grants.offer.submitted"

    partner_organization_ids: list[str] = Field(description="Partners of a joint offer.")
    task_title: str = Field(description="Title of the task offered.")
    requested_grant: Decimal = Field(description=f"Grant asked for, {PLN}.")
    total_cost: Decimal = Field(description=f"Total cost of the task, {PLN}.")
    submitted_by: str = Field(description="Subject (user id) of the NGO member.")
    submitted_at: datetime = Field(description="When the offer was submitted.")


class OfferWithdrawn(_OfferEvent):
    """An organization withdrew its submitted offer before the deadline (staff only)."""

    event_type = "pl.ngo.grants.offer.withdrawn"

    withdrawn_by: str = Field(description="Subject (user id) of the NGO member.")
    withdrawn_at: datetime = Field(description="When the offer was withdrawn.")


class OfferFormallyReviewed(_OfferEvent):
    """The officer completed the formal review of an offer (staff and the applicant)."""

    event_type = "pl.ngo.grants.offer.formally_reviewed"

    accepted: bool = Field(description="Whether the offer passed the formal review.")
    failed_checks: list[str] = Field(description="Codes of the checklist items not met.")
    reason: str | None = Field(None, description="Why it was rejected, told to the applicant.")
    reviewed_by: str = Field(description="Subject (user id) of the officer.")
    reviewed_at: datetime = Field(description="When the review was completed.")
