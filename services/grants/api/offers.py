"""Routes of offers and their formal review: parse, call one use case, answer."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Response, status
from fastapi.responses import HTMLResponse

from services.grants.api.deps import Documents, Language, Offers
from services.grants.api.schemas.offers import (
    ChecklistItemView,
    FormalReviewBody,
    OfferContentBody,
    OfferView,
    checklist,
)
from shared.http.cursors import PageCursor, PageSize, decode_cursor, link_next
from shared.http.deps import CurrentPrincipal
from shared.http.routing import BodyFieldsRoute

router = APIRouter(tags=["offers"], route_class=BodyFieldsRoute)


@router.post(
    "/competitions/{competition_id}/offers",
    status_code=status.HTTP_201_CREATED,
    summary="Draft an offer",
)
async def draft_offer(
    competition_id: str,
    body: OfferContentBody,
    principal: CurrentPrincipal,
    use: Offers,
    language: Language,
    response: Response,
) -> OfferView:
    """Start an offer of the caller's organization; the answer lists every breach so far."""
    checked = await use.draft(principal, competition_id, body.to_content())
    response.headers["Location"] = f"/offers/{checked.offer.id}"
    return OfferView.checked(checked, language)


@router.get("/competitions/{competition_id}/offers", summary="Offers received")
async def competition_offers(
    competition_id: str,
    principal: CurrentPrincipal,
    use: Offers,
    language: Language,
    response: Response,
    cursor: PageCursor = None,
    limit: PageSize = 100,
) -> list[OfferView]:
    """Return the offers a competition received to its officers and committee, as they came."""
    page = await use.of_competition(
        principal, competition_id, after=decode_cursor(cursor), limit=limit
    )
    path = f"/competitions/{quote(competition_id, safe='')}/offers"
    link_next(response, path, page.next_after, {"limit": limit})
    return [OfferView.of(o, language) for o in page.items]


@router.get("/offers", summary="My organization's offers")
async def my_offers(
    principal: CurrentPrincipal,
    use: Offers,
    language: Language,
    response: Response,
    cursor: PageCursor = None,
    limit: PageSize = 100,
) -> list[OfferView]:
    """Return the offers of the caller's organization in this municipality, newest first."""
    page = await use.list_own(principal, after=decode_cursor(cursor), limit=limit)
    link_next(response, "/offers", page.next_after, {"limit": limit})
    return [OfferView.of(o, language) for o in page.items]


@router.get("/offers/{offer_id}", summary="One offer")
async def get_offer(
    offer_id: str, principal: CurrentPrincipal, use: Offers, language: Language
) -> OfferView:
    """Return an offer: one's own (with its breaches), or a submitted one to the reviewers."""
    return OfferView.checked(await use.get(principal, offer_id), language)


@router.put("/offers/{offer_id}", summary="Edit a draft offer")
async def revise_offer(
    offer_id: str,
    body: OfferContentBody,
    principal: CurrentPrincipal,
    use: Offers,
    language: Language,
) -> OfferView:
    """Replace the draft's contents; the answer gives the totals and every breach by field."""
    return OfferView.checked(await use.revise(principal, offer_id, body.to_content()), language)


@router.post("/offers/{offer_id}/submission", summary="Submit")
async def submit_offer(
    offer_id: str, principal: CurrentPrincipal, use: Offers, language: Language
) -> OfferView:
    """Submit the draft before the deadline (409 after it; 422 naming every breach)."""
    return OfferView.checked(await use.submit(principal, offer_id), language)


@router.post("/offers/{offer_id}/withdrawal", summary="Withdraw")
async def withdraw_offer(
    offer_id: str, principal: CurrentPrincipal, use: Offers, language: Language
) -> OfferView:
    """Withdraw a submitted offer before the deadline."""
    return OfferView.checked(await use.withdraw(principal, offer_id), language)


@router.put("/offers/{offer_id}/formal-review", summary="Formal review")
async def review_offer(
    offer_id: str,
    body: FormalReviewBody,
    principal: CurrentPrincipal,
    use: Offers,
    language: Language,
) -> OfferView:
    """Record the officer's checklist: accepted if every item passes, else rejected with reason."""
    checked = await use.review_formally(principal, offer_id, body.answers, body.reason)
    return OfferView.checked(checked, language)


@router.get("/formal-review/checklist", summary="The formal review checklist")
async def formal_checklist(language: Language) -> list[ChecklistItemView]:
    """Return the items every offer is checked against."""
    return checklist(language)


@router.get(
    "/offers/{offer_id}/document",
    summary="The offer as a printable document (annex 1)",
    response_class=HTMLResponse,
)
async def offer_document(
    offer_id: str, principal: CurrentPrincipal, use: Documents
) -> HTMLResponse:
    """Return the offer laid out like annex 1 of Dz.U. 2018 poz. 2057, in Polish."""
    return HTMLResponse(await use.offer(principal, offer_id))
