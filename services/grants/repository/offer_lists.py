"""Lists of offers, numbered as offers join them: a competition's received, an NGO's own."""

from __future__ import annotations

from services.grants.domain.offer.offer import Offer, OfferState
from shared.contracts.grants import OfferSubmitted
from shared.paging import Placement, PositionIndex, list_prefix, time_key

__all__ = [
    "OfferListEntries",
    "joined_on_drafting",
    "joined_on_submission",
    "own",
    "placements_in_order",
    "received",
]


class OfferListEntries(PositionIndex):
    """`<tenant>|received|<competition>|offers|<n>` and `<tenant>|own|<organization>|offers|<n>`."""

    collection_name = "offer_list_entries"


_NAME = "offers"


def received(tenant_id: str, competition_id: str) -> tuple[str, str]:
    """Return the list of offers a competition received, in the order they were submitted."""
    return list_prefix(tenant_id, "received", competition_id), _NAME


def own(tenant_id: str, organization_id: str) -> tuple[str, str]:
    """Return the list of one organization's offers in a municipality, in drafting order."""
    return list_prefix(tenant_id, "own", organization_id), _NAME


def _placed(offer: Offer, group: str) -> Placement:
    return Placement(group, _NAME, offer.id, offer.tenant_id)


def joined_on_drafting(offer: Offer) -> list[Placement]:
    """Return the list a new offer joins."""
    return [_placed(offer, own(offer.tenant_id, offer.organization_id)[0])]


def joined_on_submission(offer: Offer) -> list[Placement]:
    """Return the list an offer joins when this save submits it (none otherwise)."""
    # The pending event says this save is the submission, not a later withdrawal or review.
    if not any(isinstance(event, OfferSubmitted) for event in offer.events):
        return []
    return [_placed(offer, received(offer.tenant_id, offer.competition_id)[0])]


def placements_in_order(offer: Offer) -> list[tuple[str, Placement]]:
    """Return where a stored offer belongs, with the key that orders it in each list."""
    drafted = time_key(offer.drafted_at) + offer.id
    placed = [(drafted, _placed(offer, own(offer.tenant_id, offer.organization_id)[0]))]
    if offer.state is not OfferState.DRAFT:
        submitted = time_key(offer.submitted_at or offer.drafted_at) + offer.id
        group = received(offer.tenant_id, offer.competition_id)[0]
        placed.append((submitted, _placed(offer, group)))
    return placed
