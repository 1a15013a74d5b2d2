"""Events of small grants outside competitions (art. 19a) and their caps."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import Field

from shared.contracts.base import EventContract
from shared.contracts.grants._common import PLN, SMALL_GRANT_POLICY_TOPIC, SMALL_GRANT_TOPIC

__all__ = [
    "SmallGrantCommented",
    "SmallGrantConcluded",
    "SmallGrantDeclined",
    "SmallGrantPolicySet",
    "SmallGrantPublished",
    "SmallGrantReceived",
]


class _SmallGrantEvent(EventContract):
    """A small grant event, keyed by the small grant."""

    topic = SMALL_GRANT_TOPIC
    key_field = "small_grant_id"

    small_grant_id: str = Field(description="Platform id of the small grant.")
    organization_id: str = Field(description="The applicant organization.")


# Competitions (otwarty konkurs ofert) ------------------------------------------------------

# Small grants (art. 19a) -------------------------------------------------------------------


class SmallGrantReceived(_SmallGrantEvent):
    """A simplified offer outside a competition was received (staff only)."""

    event_type = "pl.ngo.grants.small_grant.received"

    task_title: str = Field(description="Title of the task offered.")
    requested_grant: Decimal = Field(description=f"Grant asked for, {PLN}.")
    received_on: date = Field(description="Day the offer was received.")
    publication_due: date = Field(description="Last day to publish it (7 working days).")


class SmallGrantPublished(_SmallGrantEvent):
    """The offer was published for seven days of public comments (public data only)."""

    event_type = "pl.ngo.grants.small_grant.published"

    organization_name: str = Field(description="Name of the applicant organization.")
    task_title: str = Field(description="Title of the task offered.")
    requested_grant: Decimal = Field(description=f"Grant asked for, {PLN}.")
    task_start: date = Field(description="First day of the task.")
    task_end: date = Field(description="Last day of the task.")
    published_at: datetime = Field(description="When it was published.")
    comments_until: datetime = Field(description="Moment the comment period ends.")
    published_late: bool = Field(description="Whether it was published after the 7 working days.")


class SmallGrantCommented(_SmallGrantEvent):
    """Someone commented on a published small grant offer (public data only, no author)."""

    event_type = "pl.ngo.grants.small_grant.commented"

    comment_id: str = Field(description="Platform id of the comment.")
    commented_at: datetime = Field(description="When the comment was made.")


class SmallGrantDeclined(_SmallGrantEvent):
    """The officer declined to fund the small grant offer (staff and the applicant)."""

    event_type = "pl.ngo.grants.small_grant.declined"

    reason: str = Field(description="Why it was declined, told to the applicant.")
    declined_by: str = Field(description="Subject (user id) of the officer.")
    declined_at: datetime = Field(description="When it was declined.")


class SmallGrantConcluded(_SmallGrantEvent):
    """After the comment period an agreement was prepared for the small grant (staff only)."""

    event_type = "pl.ngo.grants.small_grant.concluded"

    agreement_id: str = Field(description="The agreement prepared for it.")
    amount: Decimal = Field(description=f"Grant agreed, {PLN}.")
    concluded_at: datetime = Field(description="When it was concluded.")


# Small grant caps (art. 19a(2) and (4)) -----------------------------------------------------


class SmallGrantPolicySet(EventContract):
    """A municipality set its yearly caps of small grants (public data only)."""

    event_type = "pl.ngo.grants.small_grant_policy.set"
    topic = SMALL_GRANT_POLICY_TOPIC
    key_field = "small_grant_policy_id"

    small_grant_policy_id: str = Field(description="Id of the caps: <tenant id>-<year>.")
    year: int = Field(description="Budget year the caps apply to.")
    organization_cap: Decimal = Field(description=f"Most one organization may get a year, {PLN}.")
    pool_share_percent: Decimal = Field(description="Share of the planned grants, in percent.")
    planned_grants_total: Decimal = Field(description=f"Grants planned for the year, {PLN}.")
    set_by: str = Field(description="Subject (user id) of the officer.")
    set_at: datetime = Field(description="When the caps were set.")
