"""The public benefit council as the municipality keeps it: who may speak as a member."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from services.consultations.domain.common.validation import Problems
from shared.contracts.base import EventContract
from shared.contracts.consultations import CouncilMembershipChanged

__all__ = ["COUNCIL_MAX", "PublicBenefitCouncil"]

# Art. 41b of the Act: a municipal council has a handful to a few dozen members.
COUNCIL_MAX = 100
SUBJECT_MAX = 200


@dataclass
class PublicBenefitCouncil:
    """The members of one municipality's council, by their platform subject (user id)."""

    tenant_id: str
    members: frozenset[str] = frozenset()
    changed_by: str | None = None
    changed_at: datetime | None = None
    version: int = field(default=0, compare=False)
    events: list[EventContract] = field(default_factory=list, compare=False)

    @property
    def id(self) -> str:
        """Return the council's id: there is one per municipality."""
        return self.tenant_id

    def is_member(self, subject: str) -> bool:
        """Return whether `subject` sits on the council."""
        return subject in self.members

    def set_members(self, subjects: Iterable[str], *, changed_by: str, now: datetime) -> bool:
        """Replace the list of members; return whether it changed."""
        members = _checked(list(subjects))
        if members == self.members:
            return False
        self.members, self.changed_by, self.changed_at = members, changed_by, now
        self.events.append(
            CouncilMembershipChanged(
                council_id=self.tenant_id,
                members=len(members),
                changed_by=changed_by,
                changed_at=now,
            )
        )
        return True


def _checked(subjects: list[str]) -> frozenset[str]:
    problems = Problems()
    if len(subjects) > COUNCIL_MAX:
        problems.add(
            "members",
            f"Rada może mieć najwyżej {COUNCIL_MAX} członków.",
            f"A council has at most {COUNCIL_MAX} members.",
            "too-many",
        )
    cleaned = [
        problems.text(subject, f"members.{index}", max_length=SUBJECT_MAX)
        for index, subject in enumerate(subjects)
    ]
    problems.raise_if_any()
    return frozenset(cleaned)
