"""Organizations as the staff of municipalities (and their support centre) see them."""

from __future__ import annotations

from collections.abc import AsyncIterator

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.registry.domain.organization.organization import Organization
from services.registry.repository.documents import from_document, to_document
from services.registry.repository.local_lists import LocalListEntries
from shared.errors import Conflict, Text
from shared.mongo import Document, TenantRepository
from shared.tenancy import TenantContext

__all__ = ["OrganizationRepository"]


class OrganizationRepository(TenantRepository):
    """An organization belongs to its home tenant and is visible to every listing municipality."""

    collection_name = "organizations"
    tenant_fields = ("tenant_id", "listed_in")
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("name_key", ASCENDING)], name="home_name"),
        IndexModel([("listed_in", ASCENDING), ("name_key", ASCENDING)], name="listed_name"),
        IndexModel([("tenant_id", ASCENDING), ("registered_by", ASCENDING)], name="registrant"),
    )

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        super().__init__(database)
        self.lists = LocalListEntries(database)

    async def add(
        self, tenant: TenantContext, organization: Organization, session: AsyncClientSession
    ) -> None:
        """Insert a new organization registered by `tenant`."""
        # Written now: its number claims name it, and another registration of the same number
        # in the same commit group reads the holder to tell a real one from a stale claim.
        await self._insert(tenant, to_document(organization), session)
        # Its list entries are found only through it: they can wait for the transaction's end.
        await self.lists.add([organization], session, later=True)

    async def add_many(
        self, tenant: TenantContext, organizations: list[Organization], session: AsyncClientSession
    ) -> None:
        """Insert organizations registered by `tenant` in one round trip."""
        if organizations:
            documents = [self._scoped(tenant, to_document(o)) for o in organizations]
            await self._collection.insert_many(documents, session=session)
            await self.lists.add(organizations, session)

    async def listed_names(self, tenant: TenantContext) -> dict[str, str]:
        """Return lower-case name → id of the organizations on the tenant's local list."""
        cursor = self._collection.find({"listed_in": tenant.tenant_id}, projection={"name_lc": 1})
        names: dict[str, str] = {}
        async for document in cursor:
            names.setdefault(document["name_lc"], document["_id"])
        return names

    async def save(self, organization: Organization, session: AsyncClientSession) -> None:
        """Replace the stored organization if nobody changed it meanwhile (optimistic lock)."""
        expected = organization.version
        stored = await self._collection.find_one({"_id": organization.id}, session=session)
        organization.version += 1
        # A whole-document replace also keeps dates typed on NX-27017 (a $set would not).
        result = await self._collection.replace_one(
            {"_id": organization.id, "tenant_id": organization.home_tenant_id, "version": expected},
            to_document(organization),
            session=session,
        )
        if result.matched_count != 1:
            organization.version = expected
            raise Conflict(
                detail=Text(
                    "Organizację zmienił w międzyczasie ktoś inny; pobierz ją ponownie.",
                    "Someone else changed the organization meanwhile; fetch it again.",
                )
            )
        await self.lists.replace(from_document(stored) if stored else None, organization, session)

    async def any_exist(self) -> bool:
        """Return whether any organization is stored (of any tenant)."""
        return await self._collection.find_one({}, projection={"_id": 1}) is not None

    async def get_visible(self, tenant: TenantContext, organization_id: str) -> Organization | None:
        """Return the organization if the tenant (or its centre's members) may see it."""
        document = await self._collection.find_one(self._visible(tenant, {"_id": organization_id}))
        return from_document(document) if document else None

    async def get_own(self, organization_id: str) -> Organization | None:
        """Return an NGO member's own organization (the token names it, whatever the tenant)."""
        document = await self._collection.find_one({"_id": organization_id})
        return from_document(document) if document else None

    async def registered_by(
        self, tenant: TenantContext, subject: str, *, limit: int
    ) -> list[Organization]:
        """Return the organizations a user registered in the tenant, by name."""
        query = {"tenant_id": tenant.tenant_id, "registered_by": subject}
        cursor = self._collection.find(query).sort("name_key", ASCENDING)
        return [from_document(d) for d in await cursor.limit(limit).to_list()]

    async def list_visible(
        self, tenant: TenantContext, *, municipality_id: str | None, after: str | None, limit: int
    ) -> list[Organization]:
        """Return organizations on the visible local lists, by name, after a cursor."""
        # Ranges of the lists' read model, then one `_id` lookup of the page: no scan per page.
        tenants = [municipality_id] if municipality_id else tenant.visible_tenant_ids
        ids = await self.lists.page(
            tenants, listed_only=municipality_id is not None, after=after, limit=limit
        )
        if not ids:
            return []
        found = {d["_id"]: d async for d in self._collection.find({"_id": {"$in": ids}})}
        return [from_document(found[i]) for i in ids if i in found]

    async def every(self, batch: int = 1000) -> AsyncIterator[Organization]:
        """Yield every organization of every tenant in one cursor (maintenance)."""
        # One cursor, not pages by `_id` ranges: NX-27017 reads the whole collection per range.
        async for document in self._collection.find({}, batch_size=batch):
            yield from_document(document)
