"""Finding the consultation a use case works on, or the 404 that hides it."""

from __future__ import annotations

from pymongo.asynchronous.client_session import AsyncClientSession

from services.consultations.domain.consultation.consultation import Consultation
from services.consultations.repository import ConsultationRepository
from shared.access import not_found
from shared.errors import Text
from shared.tenancy import TenantContext

__all__ = ["NO_SUCH_CONSULTATION", "announced_consultation", "own_consultation"]

NO_SUCH_CONSULTATION = Text("Nie ma takich konsultacji.", "No such consultation.")


async def own_consultation(
    consultations: ConsultationRepository,
    tenant: TenantContext,
    consultation_id: str,
    session: AsyncClientSession | None,
) -> Consultation:
    """Return a consultation of the officer's own municipality, or 404."""
    consultation = await consultations.get(tenant, consultation_id, session)
    if consultation is None:
        raise not_found(NO_SUCH_CONSULTATION, consultation_id=consultation_id)
    return consultation


async def announced_consultation(
    consultations: ConsultationRepository,
    consultation_id: str,
    session: AsyncClientSession | None,
) -> Consultation:
    """Return an opened consultation of any municipality (participants come from anywhere)."""
    consultation = await consultations.get_announced(consultation_id, session)
    if consultation is None:
        raise not_found(NO_SUCH_CONSULTATION, consultation_id=consultation_id)
    return consultation
