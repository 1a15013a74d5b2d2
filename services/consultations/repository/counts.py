"""Counting the documents of one consultation, for the per-author and per-address limits."""

from __future__ import annotations

from pymongo.asynchronous.client_session import AsyncClientSession

from shared.mongo import TenantRepository
from shared.tenancy import TenantContext

__all__ = ["CountsInConsultation"]


class CountsInConsultation(TenantRepository):
    """Counts documents of one consultation with one field's value, for the limits."""

    async def _count_in(
        self,
        tenant: TenantContext,
        consultation_id: str,
        field: str,
        value: str | None,
        session: AsyncClientSession,
    ) -> int:
        # Within one consultation only, on an index that starts with the tenant and it.
        if value is None:
            return 0
        query = self._scoped(tenant, {"consultation_id": consultation_id, field: value})
        return await self._collection.count_documents(query, session=session)
