"""Events of open competitions (otwarty konkurs ofert)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import Field

from shared.contracts.base import EventContract
from shared.contracts.grants._common import COMPETITION_TOPIC, PLN, Part

__all__ = [
    "CompetitionAnnounced",
    "CompetitionArchived",
    "CompetitionCancelled",
    "CompetitionClosed",
    "CompetitionDrafted",
    "CompetitionGrantDecided",
    "CompetitionResult",
    "CompetitionResultsPublished",
    "CompetitionReviewStarted",
    "CompetitionRevised",
]


class _CompetitionEvent(EventContract):
    """A competition event, keyed by the competition."""

    topic = COMPETITION_TOPIC
    key_field = "competition_id"

    competition_id: str = Field(description="Platform id of the competition.")


# Competitions (otwarty konkurs ofert) ------------------------------------------------------


class CompetitionDrafted(_CompetitionEvent):
    """An officer drafted a competition, possibly as a copy of an earlier one (staff only)."""

    event_type = "pl.ngo.grants.competition.drafted"

    title: str = Field(description="Working title of the competition.")
    area: str = Field(description="Sphere of public tasks (art. 4(1) of the Act), snake_case id.")
    copied_from: str | None = Field(None, description="Competition this draft was copied from.")
    drafted_by: str = Field(description="Subject (user id) of the officer who drafted it.")
    drafted_at: datetime = Field(description="When the draft was created.")


class CompetitionRevised(_CompetitionEvent):
    """An officer changed the terms of a draft competition (staff only)."""

    event_type = "pl.ngo.grants.competition.revised"

    title: str = Field(description="Working title after the change.")
    area: str = Field(description="Sphere of public tasks (art. 4(1) of the Act), snake_case id.")
    revised_by: str = Field(description="Subject (user id) of the officer.")
    revised_at: datetime = Field(description="When the draft was changed.")


class CompetitionAnnounced(_CompetitionEvent):
    """A competition was announced and accepts offers until its deadline (public data only)."""

    event_type = "pl.ngo.grants.competition.announced"

    title: str = Field(description="Title of the competition.")
    public_task: str = Field(description="The public task the competition funds.")
    area: str = Field(description="Sphere of public tasks (art. 4(1) of the Act), snake_case id.")
    total_funds: Decimal = Field(description=f"Funds of the whole competition, {PLN}.")
    min_grant: Decimal = Field(description=f"Smallest grant one offer may ask for, {PLN}.")
    max_grant: Decimal = Field(description=f"Largest grant one offer may ask for, {PLN}.")
    offer_deadline: datetime = Field(description="Moment from which offers are refused.")
    task_start: date = Field(description="First day a funded task may start.")
    task_end: date = Field(description="Last day a funded task may end.")
    decision_date: date = Field(description="Day by which the offers will be chosen.")
    announced_at: datetime = Field(description="When the announcement was published.")


class CompetitionClosed(_CompetitionEvent):
    """The offer deadline passed; the competition takes no more offers (public data only)."""

    event_type = "pl.ngo.grants.competition.closed"

    closed_at: datetime = Field(description="When the competition was closed.")


class CompetitionReviewStarted(_CompetitionEvent):
    """The officer opened the review of the offers received (staff only)."""

    event_type = "pl.ngo.grants.competition.review_started"

    started_by: str = Field(description="Subject (user id) of the officer.")
    started_at: datetime = Field(description="When the review started.")


class CompetitionGrantDecided(_CompetitionEvent):
    """The officer decided the grant for one offer; zero means no grant (staff only)."""

    event_type = "pl.ngo.grants.competition.grant_decided"

    offer_id: str = Field(description="The offer the decision is about.")
    organization_id: str = Field(description="The applicant organization.")
    amount: Decimal = Field(description=f"Grant decided, {PLN}.")
    decided_by: str = Field(description="Subject (user id) of the officer.")
    decided_at: datetime = Field(description="When the grant was decided.")


class CompetitionResult(Part):
    """One line of the public list of results."""

    offer_id: str = Field(description="Platform id of the offer.")
    organization_id: str = Field(description="The applicant organization.")
    organization_name: str = Field(description="Name of the applicant organization.")
    task_title: str = Field(description="Title of the task offered.")
    points: Decimal | None = Field(description="Mean of the committee members' totals.")
    granted_amount: Decimal = Field(description=f"Grant awarded (zero if none), {PLN}.")


class CompetitionResultsPublished(_CompetitionEvent):
    """The results were published: the competition is resolved (public data only)."""

    event_type = "pl.ngo.grants.competition.results_published"

    results: list[CompetitionResult] = Field(description="Offers by rank, with their grants.")
    total_granted: Decimal = Field(description=f"Sum of the grants awarded, {PLN}.")
    published_at: datetime = Field(description="When the results were published.")


class CompetitionArchived(_CompetitionEvent):
    """A resolved competition was archived (public data only)."""

    event_type = "pl.ngo.grants.competition.archived"

    archived_at: datetime = Field(description="When it was archived.")


class CompetitionCancelled(_CompetitionEvent):
    """A competition was cancelled before its results (public data only)."""

    event_type = "pl.ngo.grants.competition.cancelled"

    reason: str = Field(description="Why it was cancelled, as published.")
    cancelled_at: datetime = Field(description="When it was cancelled.")
