"""Routes of consultations for staff: draft, revise, open, read; the council's members."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from services.consultations.api.deps import Consultations, Language
from services.consultations.api.schemas.consultations import (
    ConsultationTermsBody,
    CouncilBody,
    CouncilView,
    StaffConsultationView,
)
from services.consultations.domain.consultation.consultation import ConsultationState
from shared.http.deps import CurrentPrincipal
from shared.http.routing import BodyFieldsRoute

router = APIRouter(route_class=BodyFieldsRoute, tags=["consultations"])


@router.post("/consultations", status_code=status.HTTP_201_CREATED, summary="Draft a consultation")
async def draft_consultation(
    body: ConsultationTermsBody,
    principal: CurrentPrincipal,
    use: Consultations,
    language: Language,
    response: Response,
) -> StaffConsultationView:
    """Draft a consultation of the officer's municipality; the answer carries its warnings."""
    drafted = await use.draft(principal, body.to_terms())
    response.headers["Location"] = f"/consultations/{drafted.consultation.id}"
    return StaffConsultationView.of_staff(drafted.consultation, drafted.warnings, language)


@router.get("/consultations", summary="Consultations I may see")
async def list_consultations(
    principal: CurrentPrincipal,
    use: Consultations,
    language: Language,
    state: ConsultationState | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[StaffConsultationView]:
    """Return an officer's consultations, or the opened ones of a centre's members."""
    found = await use.visible(principal, state=state, limit=limit)
    return [StaffConsultationView.of_staff(c, [], language) for c in found]


@router.get("/consultations/{consultation_id}", summary="One consultation")
async def get_consultation(
    consultation_id: str, principal: CurrentPrincipal, use: Consultations, language: Language
) -> StaffConsultationView:
    """Return a consultation the caller may see, with a draft's warnings."""
    found = await use.get(principal, consultation_id)
    return StaffConsultationView.of_staff(found.consultation, found.warnings, language)


@router.put("/consultations/{consultation_id}/terms", summary="Revise a draft")
async def revise_consultation(
    consultation_id: str,
    body: ConsultationTermsBody,
    principal: CurrentPrincipal,
    use: Consultations,
    language: Language,
) -> StaffConsultationView:
    """Replace the terms of a draft; the answer carries the new warnings."""
    revised = await use.revise(principal, consultation_id, body.to_terms())
    return StaffConsultationView.of_staff(revised.consultation, revised.warnings, language)


@router.post("/consultations/{consultation_id}/open", summary="Open a consultation")
async def open_consultation(
    consultation_id: str, principal: CurrentPrincipal, use: Consultations, language: Language
) -> StaffConsultationView:
    """Announce a draft; it closes by itself at its end."""
    consultation = await use.open(principal, consultation_id)
    return StaffConsultationView.of_staff(consultation, [], language)


@router.get("/council", summary="The public benefit council")
async def get_council(principal: CurrentPrincipal, use: Consultations) -> CouncilView:
    """Return who may speak as a member of the officer's public benefit council."""
    return CouncilView.of(await use.council(principal))


@router.put("/council", summary="Set the council's members")
async def set_council(
    body: CouncilBody, principal: CurrentPrincipal, use: Consultations
) -> CouncilView:
    """Replace the list of the council's members (their platform user ids)."""
    return CouncilView.of(await use.set_council(principal, body.members))
