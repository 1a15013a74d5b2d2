"""Events of tenants a consumer has never heard of wait, parked, for the tenant's onboarding.

A tenant exists here once its `pl.ngo.registry.tenant.onboarded` event was applied (the inbox
records it). Topics carry no order between them, so a tenant's first organization event may
arrive before its onboarding: such a record is parked in MongoDB (its offset is committed, the
partition goes on), applied as soon as the onboarding is, and dead-lettered with the reason if
the tenant stays unknown for the hold time (a forged or mistyped tenant).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from shared.contracts.registry import TenantOnboarded
from shared.mongo import Document

__all__ = [
    "INDEXED_STORES",
    "ONBOARDED",
    "PARKED_COLLECTION",
    "KnownTenants",
    "ParkedRecord",
    "ParkedRecords",
]

ONBOARDED = TenantOnboarded.event_type
PARKED_COLLECTION = "consumer_parked"


class _InboxByTenant:
    """Finds a tenant's onboarding in the inbox without a scan."""

    collection_name = "inbox"
    indexes = (IndexModel([("tenant_id", ASCENDING), ("type", ASCENDING)], name="tenant_type"),)


class _ParkedByTenant:
    """Finds the records waiting for one tenant without a scan."""

    collection_name = PARKED_COLLECTION
    indexes = (IndexModel([("tenant_id", ASCENDING)], name="tenant"),)


INDEXED_STORES: tuple[type, ...] = (_InboxByTenant, _ParkedByTenant)


class KnownTenants:
    """Which tenants were onboarded, as far as this service's inbox knows."""

    def __init__(self, inbox: AsyncCollection[Document]) -> None:
        self._inbox = inbox
        self._known: set[str] = set()

    async def known(self, tenant_id: str) -> bool:
        """Return True if the tenant's onboarding was applied here (cached once seen)."""
        if tenant_id in self._known:
            return True
        query = {"type": ONBOARDED, "tenant_id": tenant_id}
        if await self._inbox.find_one(query, projection={"_id": 1}):
            self._known.add(tenant_id)
            return True
        return False

    def learn(self, tenant_id: str) -> None:
        """Remember a tenant whose onboarding was just committed."""
        self._known.add(tenant_id)


@dataclass(frozen=True)
class ParkedRecord:
    """A consumed record kept as it came, with the tenant it waits for."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: Sequence[tuple[str, bytes]]
    tenant_id: str
    parked_at: datetime

    @property
    def parked_id(self) -> str:
        """Return the record's identity in the parking collection."""
        return f"{self.topic}|{self.partition}|{self.offset}"


class ParkedRecords:
    """Records waiting for their tenant, in MongoDB so that committing past them loses nothing."""

    def __init__(self, collection: AsyncCollection[Document]) -> None:
        self._collection = collection

    async def park(self, record: Any, tenant_id: str) -> None:
        """Keep the record (a redelivered record is kept once)."""
        parked = ParkedRecord(
            record.topic,
            record.partition,
            record.offset,
            record.key,
            record.value,
            list(record.headers),
            tenant_id,
            datetime.now(UTC),
        )
        document = {
            "_id": parked.parked_id,
            "tenant_id": tenant_id,
            "topic": parked.topic,
            "partition": parked.partition,
            "offset": parked.offset,
            "key": parked.key,
            "value": parked.value,
            "headers": [[name, value] for name, value in parked.headers],
            # Epoch seconds: NX-27017 stores some datetimes as text.
            "parked_at": parked.parked_at.timestamp(),
        }
        with contextlib.suppress(DuplicateKeyError):
            await self._collection.insert_one(document)

    async def of_tenant(self, tenant_id: str) -> list[ParkedRecord]:
        """Return the records waiting for one tenant, in offset order per partition."""
        return _ordered(await self._collection.find({"tenant_id": tenant_id}).to_list())

    async def older_than(self, age: timedelta) -> list[ParkedRecord]:
        """Return the records parked longer than `age` ago."""
        cutoff = (datetime.now(UTC) - age).timestamp()
        documents = await self._collection.find({"parked_at": {"$lt": cutoff}}).to_list()
        return _ordered(documents)

    async def remove(self, records: Sequence[ParkedRecord]) -> None:
        """Forget records that were applied or dead-lettered."""
        for record in records:
            await self._collection.delete_one({"_id": record.parked_id})


def _ordered(documents: list[Document]) -> list[ParkedRecord]:
    records = [
        ParkedRecord(
            d["topic"],
            d["partition"],
            d["offset"],
            d["key"],
            d["value"],
            [(name, bytes(value)) for name, value in d["headers"]],
            d["tenant_id"],
            datetime.fromtimestamp(d["parked_at"], UTC),
        )
        for d in documents
    ]
    return sorted(records, key=lambda r: (r.topic, r.partition, r.offset))
