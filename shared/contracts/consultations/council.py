"""The event of a public benefit council membership change."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from shared.contracts.base import EventContract
from shared.contracts.consultations._common import COUNCIL_TOPIC

__all__ = ["CouncilMembershipChanged"]


class CouncilMembershipChanged(EventContract):
    """An officer changed who sits on the public benefit council (identities stay private)."""

    event_type = "pl.ngo.consultations.council.membership_changed"
    topic = COUNCIL_TOPIC
    key_field = "council_id"

    council_id: str = Field(description="Id of the council: the TERYT code of its municipality.")
    members: int = Field(description="Number of members after the change.")
    changed_by: str = Field(description="Subject (user id) of the officer.")
    changed_at: datetime = Field(description="When the list changed (UTC).")
