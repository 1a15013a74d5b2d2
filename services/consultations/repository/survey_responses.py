"""Survey responses of consultations: once per participant, bounded per client address."""

from __future__ import annotations

from pydantic import TypeAdapter
from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.consultations.domain.consultation.survey import SurveyResponse
from services.consultations.repository.consultations import ALL_OF_ONE
from services.consultations.repository.counts import CountsInConsultation
from shared.aggregates import AggregateRepository
from shared.mongo import Document
from shared.tenancy import TenantContext

__all__ = ["SurveyResponseRepository"]


class SurveyResponseRepository(CountsInConsultation, AggregateRepository[SurveyResponse]):
    """Survey responses of consultations."""

    collection_name = "survey_responses"
    adapter = TypeAdapter(SurveyResponse)
    indexes = (
        IndexModel(
            [
                ("tenant_id", ASCENDING),
                ("consultation_id", ASCENDING),
                ("respondent_subject", ASCENDING),
            ],
            name="by_respondent",
        ),
        IndexModel(
            [
                ("tenant_id", ASCENDING),
                ("consultation_id", ASCENDING),
                ("client_key", ASCENDING),
            ],
            name="by_client",
        ),
    )

    def query_fields(self, aggregate: SurveyResponse) -> Document:
        """Return the consultation and respondent the once-per-person rule looks up."""
        return {
            "consultation_id": aggregate.consultation_id,
            "respondent_subject": aggregate.respondent.subject,
            "client_key": aggregate.client_key,
            "submitted_at": aggregate.submitted_at,
        }

    async def answered(
        self,
        tenant: TenantContext,
        consultation_id: str,
        subject: str,
        session: AsyncClientSession,
    ) -> bool:
        """Return whether `subject` already answered the consultation's survey."""
        query = {"consultation_id": consultation_id, "respondent_subject": subject}
        return await self._find_one(tenant, query, session) is not None

    async def count_from_client(
        self,
        tenant: TenantContext,
        consultation_id: str,
        client_key: str | None,
        session: AsyncClientSession,
    ) -> int:
        """Return how many survey responses of the consultation came from the client."""
        return await self._count_in(tenant, consultation_id, "client_key", client_key, session)

    async def of_consultation(
        self, tenant: TenantContext, consultation_id: str, session: AsyncClientSession
    ) -> list[SurveyResponse]:
        """Return every survey response of a consultation."""
        return await self._load_many(
            self._scoped(tenant, {"consultation_id": consultation_id}),
            sort=[("submitted_at", ASCENDING), ("_id", ASCENDING)],
            limit=ALL_OF_ONE,
            session=session,
        )
