"""Route of the offer dry run: the portal shows totals and breaches while the user types."""

from __future__ import annotations

from fastapi import APIRouter

from services.grants.api.deps import Language, Offers
from services.grants.api.schemas.offers import OfferContentBody, OfferView
from services.grants.services.offer_checks import check_draft
from shared.http.deps import CurrentPrincipal
from shared.http.routing import BodyFieldsRoute

router = APIRouter(tags=["offers"], route_class=BodyFieldsRoute)


@router.post("/offers/{offer_id}/checks", summary="Check contents without saving them")
async def check_offer(
    offer_id: str,
    body: OfferContentBody,
    principal: CurrentPrincipal,
    use: Offers,
    language: Language,
) -> OfferView:
    """Answer the offer as it would be with these contents: totals and every breach by field."""
    checked = await check_draft(use, principal, offer_id, body.to_content())
    return OfferView.of(checked.offer, language, checked.breaches)
