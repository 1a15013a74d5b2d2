"""Who takes part in a consultation: an organization, a resident or a council member."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from services.consultations.domain.consultation.terms import Audience

__all__ = ["AUDIENCE_OF", "Participant", "ParticipantKind"]


class ParticipantKind(StrEnum):
    """On whose behalf a participant speaks."""

    ORGANIZATION = "organization"
    RESIDENT = "resident"
    PUBLIC_BENEFIT_COUNCIL = "public_benefit_council"


AUDIENCE_OF: dict[ParticipantKind, Audience] = {
    ParticipantKind.ORGANIZATION: Audience.NGOS,
    ParticipantKind.RESIDENT: Audience.RESIDENTS,
    ParticipantKind.PUBLIC_BENEFIT_COUNCIL: Audience.PUBLIC_BENEFIT_COUNCIL,
}


@dataclass(frozen=True)
class Participant:
    """An authenticated person taking part; `subject` is private and never published."""

    kind: ParticipantKind
    subject: str
    organization_id: str | None = None

    def __post_init__(self) -> None:
        speaks_for_organization = self.kind is ParticipantKind.ORGANIZATION
        if speaks_for_organization != (self.organization_id is not None):
            raise ValueError("an organization participant, and only one, names its organization")

    @classmethod
    def for_organization(cls, subject: str, organization_id: str) -> Participant:
        """Return an NGO member speaking on behalf of `organization_id`."""
        return cls(ParticipantKind.ORGANIZATION, subject, organization_id)

    @classmethod
    def resident(cls, subject: str) -> Participant:
        """Return an authenticated resident speaking for themselves."""
        return cls(ParticipantKind.RESIDENT, subject)

    @classmethod
    def council_member(cls, subject: str) -> Participant:
        """Return a member of the public benefit council."""
        return cls(ParticipantKind.PUBLIC_BENEFIT_COUNCIL, subject)

    @property
    def audience(self) -> Audience:
        """Return the audience a consultation must admit for this participant."""
        return AUDIENCE_OF[self.kind]
