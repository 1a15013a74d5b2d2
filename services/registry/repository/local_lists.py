"""The local lists' read model: one entry per (municipality, organization), in `key` order."""

from __future__ import annotations

import heapq
from collections.abc import AsyncIterator, Iterable

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.registry.domain.organization.local_list import name_key
from services.registry.domain.organization.organization import Organization
from shared.key_ranges import KEY, KEY_INDEX, backfill_keys, key_page, scope_bounds
from shared.mongo import Document
from shared.write_behind import insert_later

__all__ = ["LocalListEntries", "list_key"]

# `_id` and `key` are `<tenant>|<name_key>`: a page of one tenant's list is a range of `key`,
# which the tenant prefix scopes. Not of `_id`: NX-27017 answers an `_id` range by reading and
# sorting the whole collection in Python, and an added `tenant_id` equality by a scan (it checks
# array containment), while a range of `key` alone is a range of its SQLite index.
_SEPARATOR = "|"


def list_key(tenant_id: str, name_key: str) -> str:
    """Return the `_id` of an entry."""
    return f"{tenant_id}{_SEPARATOR}{name_key}"


def _entries(organization: Organization) -> dict[str, Document]:
    """Return the entries of an organization: its home tenant's (listed or not) and each list's."""
    key = name_key(organization)
    tenants = {organization.home_tenant_id: False} | dict.fromkeys(organization.listed_in, True)
    return {
        list_key(tenant, key): {
            "_id": list_key(tenant, key),
            "key": list_key(tenant, key),
            "tenant_id": tenant,
            "organization_id": organization.id,
            "name_key": key,
            "listed": listed,
        }
        for tenant, listed in tenants.items()
    }


class LocalListEntries:
    """Written in the same transaction as the organization; read by `key` ranges only."""

    collection_name = "local_list_entries"
    # Starts with `key`, not `tenant_id`: the key starts with the tenant (see above).
    indexes = (KEY_INDEX,)

    def __init__(self, database: AsyncDatabase[Document]) -> None:
        self._entries = database[self.collection_name]

    async def add(
        self,
        organizations: Iterable[Organization],
        session: AsyncClientSession,
        *,
        later: bool = False,
    ) -> None:
        """Write the entries of new organizations (`later`: held to the transaction's end)."""
        documents = [e for o in organizations for e in _entries(o).values()]
        if not documents:
            return
        if later:
            await insert_later(session, self._entries, documents)
        else:
            await self._entries.insert_many(documents, session=session)

    async def replace(
        self, before: Organization | None, after: Organization, session: AsyncClientSession
    ) -> None:
        """Move an organization's entries from its stored state to its new one."""
        old = _entries(before) if before else {}
        new = _entries(after)
        for key in old.keys() - new.keys():
            await self._entries.delete_one({"_id": key}, session=session)
        for key, entry in new.items():
            if old.get(key) != entry:
                await self._entries.replace_one({"_id": key}, entry, upsert=True, session=session)

    async def page(
        self, tenant_ids: Iterable[str], *, listed_only: bool, after: str | None, limit: int
    ) -> list[str]:
        """Return organization ids by name over the tenants' lists, after a name cursor."""
        ranges = [await self._range(t, listed_only, after, limit) for t in sorted(set(tenant_ids))]
        ids: list[str] = []
        seen: set[str] = set()
        # Each tenant's range is in name order; merged, an organization on two lists shares
        # its name key, so it comes once.
        for order_key, organization_id in heapq.merge(*ranges):
            if order_key not in seen:
                seen.add(order_key)
                ids.append(organization_id)
                if len(ids) == limit:
                    break
        return ids

    async def _range(
        self, tenant_id: str, listed_only: bool, after: str | None, limit: int
    ) -> list[tuple[str, str]]:
        low, high = scope_bounds(tenant_id)
        low = list_key(tenant_id, after) if after else low
        found: list[tuple[str, str]] = []
        while len(found) < limit:
            batch = await key_page(self._entries, low, high, limit=limit)
            found += [
                (e["name_key"], e["organization_id"])
                for e in batch
                if e["listed"] or not listed_only
            ]
            if len(batch) < limit:
                break
            low = batch[-1][KEY]
        return found[:limit]

    async def backfill(self, organizations: AsyncIterator[Organization]) -> int:
        """Write the entries of a store kept before this read model existed, once."""
        if await self._entries.find_one({}, projection={"_id": 1}) is not None:
            await backfill_keys(self._entries, _own_id)  # entries of a version before `key`
            return 0
        count = 0
        async for organization in organizations:
            for entry in _entries(organization).values():
                await self._entries.replace_one({"_id": entry["_id"]}, entry, upsert=True)
            count += 1
        await backfill_keys(self._entries, _own_id)  # all keyed already: marks the collection so
        return count


def _own_id(entry: Document) -> str:
    return str(entry["_id"])  # an entry's key is its `_id`
