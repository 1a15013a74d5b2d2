"""Each municipality's list of decision makers, who receive reports and index results."""

from __future__ import annotations

from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.notifications.domain.decision_makers import DecisionMaker
from shared.mongo import TenantRepository
from shared.tenancy import TenantContext

__all__ = ["DecisionMakers"]


class DecisionMakers(TenantRepository):
    """Decision makers of a municipality."""

    collection_name = "decision_makers"
    indexes = (IndexModel([("tenant_id", ASCENDING), ("email", ASCENDING)], name="tenant_email"),)

    async def add(self, person: DecisionMaker, session: AsyncClientSession) -> None:
        """Add a decision maker."""
        await self._insert(TenantContext(person.tenant_id), _document(person), session)

    async def by_email(self, tenant: TenantContext, email: str) -> DecisionMaker | None:
        """Return the decision maker with this address."""
        document = await self._find_one(tenant, {"email": email})
        return _person(document) if document else None

    async def listed(
        self, tenant: TenantContext, session: AsyncClientSession | None = None
    ) -> list[DecisionMaker]:
        """Return the municipality's decision makers."""
        documents = await self._find(
            tenant, {}, sort=[("name", ASCENDING)], limit=500, session=session
        )
        return [_person(d) for d in documents]

    async def remove(self, tenant: TenantContext, person_id: str) -> bool:
        """Take someone off the list."""
        result = await self._collection.delete_one(self._scoped(tenant, {"_id": person_id}))
        return result.deleted_count == 1

    async def unsubscribe(self, tenant: TenantContext, person_id: str) -> bool:
        """Stop e-mailing someone who used the link in an e-mail."""
        result = await self._collection.update_one(
            self._scoped(tenant, {"_id": person_id}), {"$set": {"active": False}}
        )
        return result.matched_count == 1


def _document(person: DecisionMaker) -> dict[str, Any]:
    return {
        "_id": person.id,
        "name": person.name,
        "email": person.email,
        "function": person.function,
        "language": person.language,
        "active": person.active,
        "added_by": person.added_by,
        "added_at": person.added_at,
    }


def _person(document: dict[str, Any]) -> DecisionMaker:
    return DecisionMaker(
        id=document["_id"],
        tenant_id=document["tenant_id"],
        name=document["name"],
        email=document["email"],
        function=document.get("function", ""),
        language=document.get("language", "pl"),
        active=bool(document.get("active", True)),
        added_by=document.get("added_by", ""),
        added_at=float(document.get("added_at", 0.0)),
    )
