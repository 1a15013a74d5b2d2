"""Lists of offers as `_id` ranges: a competition's received offers, an organization's own."""

from __future__ import annotations

from services.grants.domain.offer import Offer, OfferState
from shared.paging import Entry, RangeIndex, list_prefix, sort_key, time_key

__all__ = [
    "OfferListEntries",
    "entries",
    "organization_list",
    "own_entry",
    "received_entry",
    "received_list",
]


class OfferListEntries(RangeIndex):
    """Entries `<tenant>|received|<competition>|<key>` and `<tenant>|own|<organization>|<key>`."""

    collection_name = "offer_list_entries"


def received_list(tenant_id: str, competition_id: str) -> str:
    """Return the prefix of the offers a competition received (every state past the draft)."""
    return list_prefix(tenant_id, "received", competition_id)


def organization_list(tenant_id: str, organization_id: str) -> str:
    """Return the prefix of one organization's offers in a municipality."""
    return list_prefix(tenant_id, "own", organization_id)


def _key(offer: Offer) -> str:
    # The drafting time never changes, so an entry, once written, never moves.
    return sort_key(time_key(offer.drafted_at), offer.id)


def own_entry(offer: Offer) -> Entry:
    """Return the offer's place on its organization's list."""
    prefix = organization_list(offer.tenant_id, offer.organization_id)
    return Entry(prefix, _key(offer), offer.id, offer.tenant_id)


def received_entry(offer: Offer) -> Entry | None:
    """Return the offer's place on its competition's list, once it is past the draft."""
    if offer.state is OfferState.DRAFT:
        return None
    prefix = received_list(offer.tenant_id, offer.competition_id)
    return Entry(prefix, _key(offer), offer.id, offer.tenant_id)


def entries(offer: Offer) -> list[Entry]:
    """Return every place of the offer."""
    received = received_entry(offer)
    return [own_entry(offer), *([received] if received else [])]
