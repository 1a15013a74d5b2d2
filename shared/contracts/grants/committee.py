"""Events of competition committees (komisja konkursowa)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import Field

from shared.contracts.base import EventContract
from shared.contracts.grants._common import COMMITTEE_TOPIC, Part

__all__ = [
    "CommitteeAppointed",
    "CommitteeImpartialityDeclared",
    "CommitteeMemberData",
    "CommitteeOfferScored",
]


class _CommitteeEvent(EventContract):
    """A committee event, keyed by the committee."""

    topic = COMMITTEE_TOPIC
    key_field = "committee_id"

    committee_id: str = Field(description="Platform id of the committee.")
    competition_id: str = Field(description="The competition it reviews.")


# Committee (komisja konkursowa) ------------------------------------------------------------


class CommitteeMemberData(Part):
    """One member of a competition committee."""

    member_id: str = Field(description="Subject (user id) of the member.")
    kind: str = Field(description="officer or ngo_representative.")
    organization_id: str | None = Field(description="Organization an NGO representative is from.")


class CommitteeAppointed(_CommitteeEvent):
    """An officer appointed the committee of a competition (staff only)."""

    event_type = "pl.ngo.grants.committee.appointed"

    members: list[CommitteeMemberData] = Field(description="The members appointed.")
    appointed_by: str = Field(description="Subject (user id) of the officer.")
    appointed_at: datetime = Field(description="When the committee was appointed.")


class CommitteeImpartialityDeclared(_CommitteeEvent):
    """A member signed the conflict-of-interest declaration (staff only)."""

    event_type = "pl.ngo.grants.committee.impartiality_declared"

    member_id: str = Field(description="Subject (user id) of the member.")
    conflicted_offer_ids: list[str] = Field(description="Offers the member may not score.")
    declared_at: datetime = Field(description="When the declaration was signed.")


class CommitteeOfferScored(_CommitteeEvent):
    """A member scored an offer against every criterion (staff only)."""

    event_type = "pl.ngo.grants.committee.offer_scored"

    member_id: str = Field(description="Subject (user id) of the member.")
    offer_id: str = Field(description="The offer scored.")
    total_points: Decimal = Field(description="Sum of the member's points over the criteria.")
    scored_at: datetime = Field(description="When the score sheet was handed in.")
