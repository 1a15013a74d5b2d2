"""The announcement of a competition: its terms as the public event carries them."""

from __future__ import annotations

from datetime import datetime

from services.grants.domain.competition.terms import CompetitionTerms
from shared.contracts.grants import CompetitionAnnounced

__all__ = ["announcement"]


def announcement(
    competition_id: str, terms: CompetitionTerms, now: datetime
) -> CompetitionAnnounced:
    """Return the event that publishes a competition's terms, as announced at `now`."""
    return CompetitionAnnounced(
        competition_id=competition_id,
        title=terms.title,
        public_task=terms.public_task,
        area=terms.area.value,
        total_funds=terms.total_funds.amount,
        min_grant=terms.min_grant.amount,
        max_grant=terms.max_grant.amount,
        offer_deadline=terms.offer_deadline,
        task_start=terms.task_period.start,
        task_end=terms.task_period.end,
        decision_date=terms.decision_date,
        announced_at=now,
    )
