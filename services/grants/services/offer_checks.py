"""A dry run of a draft offer: its totals and every breach, for contents not yet saved."""

from __future__ import annotations

import dataclasses

from services.grants.domain.offer.form import OfferContent
from services.grants.services.offers import CheckedOffer, OfferServices, offer_not_found
from shared.access import require_member
from shared.tenancy import Principal

__all__ = ["check_draft"]


async def check_draft(
    offers: OfferServices, principal: Principal, offer_id: str, content: OfferContent
) -> CheckedOffer:
    """Check `content` as the organization's offer would hold it; nothing is written."""
    organization_id = require_member(principal)
    current = await offers.get(principal, offer_id)
    if current.offer.organization_id != organization_id:
        # A reviewer may read a submitted offer, but its checks are the applicant's own.
        raise offer_not_found(offer_id)
    trial = dataclasses.replace(current.offer, content=content, events=[])
    return CheckedOffer(trial, current.competition, trial.check_against(current.competition))
