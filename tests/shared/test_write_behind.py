"""Held writes: sent at a transaction's end in one command, yet read back as if sent at once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from shared.mongo import TenantRepository
from shared.outbox import OUTBOX_COLLECTION, Transaction, TransactionRunner
from shared.tenancy import TenantContext
from shared.write_behind import replace_later
from tests.support.commands import TransactionCommands
from tests.support.infrastructure import Infrastructure
from tests.support.namespace import Namespace

Document = dict[str, Any]
HOME = TenantContext("1465011")
OTHER = TenantContext("0201011")


class Counters(TenantRepository):
    """A read model of one number per key, replaced whole, as the consumers' read models are."""

    collection_name = "counters"

    async def get(self, tenant: TenantContext, key: str, session: AsyncClientSession) -> int:
        """Return the key's number, 0 when none was stored."""
        document = await self._find_one(tenant, {"_id": key}, session)
        return int(document["value"]) if document else 0

    async def put(self, tenant: TenantContext, key: str, value: int, session: Any) -> None:
        """Store the key's number whole, at the end of the transaction."""
        document = self._scoped(tenant, {"_id": key, "value": value})
        query = self._scoped(tenant, {"_id": key})
        await replace_later(session, self._collection, query, document)

    async def total(self, tenant: TenantContext, session: AsyncClientSession) -> int:
        """Add up the tenant's numbers with a query (not by id)."""
        documents = await self._find(tenant, {}, session=session)
        return sum(int(d["value"]) for d in documents)

    async def bump(self, tenant: TenantContext, key: str, session: AsyncClientSession) -> bool:
        """Add one in the store directly, as an update operator."""
        return await self._update_one(tenant, {"_id": key}, {"$inc": {"value": 1}}, session)


@pytest.fixture
async def listened(
    infrastructure: Infrastructure, namespace: Namespace
) -> AsyncIterator[tuple[AsyncDatabase[Document], TransactionCommands]]:
    """A database of this test on a client whose transaction commands are recorded."""
    commands = TransactionCommands()
    client: AsyncMongoClient[Document] = AsyncMongoClient(
        infrastructure.mongodb_uri, tz_aware=True, event_listeners=[commands]
    )
    database = client[namespace.database("held")]
    for name in ("counters", OUTBOX_COLLECTION):
        await database.create_collection(name)
    yield database, commands
    await client.close()


def _runner(database: AsyncDatabase[Document]) -> TransactionRunner:
    return TransactionRunner(
        database.client,
        database,
        source="consultations",
        topic_name=lambda topic: topic,
        serial=True,
    )


def _sent(commands: TransactionCommands) -> list[tuple[str, str]]:
    [sent] = commands.by_transaction.values()
    return [command for command in sent if command[0] != "commitTransaction"]


class TestHeldReplacements:
    async def test_many_replacements_go_in_one_command_and_reads_by_id_see_the_newest(
        self, listened: tuple[AsyncDatabase[Document], TransactionCommands]
    ) -> None:
        database, commands = listened
        counters = Counters(database)
        seen: list[int] = []

        async def work(transaction: Transaction) -> None:
            for key in ("a", "b", "a", "c", "a"):
                value = await counters.get(HOME, key, transaction.session)
                seen.append(value)
                await counters.put(HOME, key, value + 1, transaction.session)

        await _runner(database).run(work)

        assert seen == [0, 0, 1, 0, 2]  # each read saw the earlier, still held, writes
        stored = await database["counters"].find({}, sort=[("_id", 1)]).to_list()
        assert [(d["_id"], d["value"]) for d in stored] == [("a", 3), ("b", 1), ("c", 1)]
        # Three reads of keys nobody held, no read of a held one, one write for all five.
        assert _sent(commands) == [("find", "counters")] * 3 + [("update", "counters")]

    async def test_a_held_document_of_another_tenant_is_not_read(
        self, listened: tuple[AsyncDatabase[Document], TransactionCommands]
    ) -> None:
        database, _ = listened
        counters = Counters(database)
        seen: list[int] = []

        async def work(transaction: Transaction) -> None:
            await counters.put(HOME, "a", 5, transaction.session)
            seen.append(await counters.get(OTHER, "a", transaction.session))

        await _runner(database).run(work)

        assert seen == [0]

    async def test_a_query_sends_what_is_held_first(
        self, listened: tuple[AsyncDatabase[Document], TransactionCommands]
    ) -> None:
        database, commands = listened
        counters = Counters(database)
        totals: list[int] = []

        async def work(transaction: Transaction) -> None:
            await counters.put(HOME, "a", 2, transaction.session)
            await counters.put(HOME, "b", 3, transaction.session)
            totals.append(await counters.total(HOME, transaction.session))
            await counters.put(HOME, "c", 4, transaction.session)

        await _runner(database).run(work)

        assert totals == [5]
        assert _sent(commands) == [
            ("update", "counters"),
            ("find", "counters"),
            ("update", "counters"),
        ]
        assert await database["counters"].count_documents({}) == 3

    async def test_a_direct_write_of_a_held_document_comes_after_it(
        self, listened: tuple[AsyncDatabase[Document], TransactionCommands]
    ) -> None:
        database, _ = listened
        counters = Counters(database)

        async def work(transaction: Transaction) -> None:
            await counters.put(HOME, "a", 2, transaction.session)
            await counters.put(HOME, "b", 7, transaction.session)
            assert await counters.bump(HOME, "a", transaction.session)

        await _runner(database).run(work)

        stored = await database["counters"].find({}, sort=[("_id", 1)]).to_list()
        assert [(d["_id"], d["value"]) for d in stored] == [("a", 3), ("b", 7)]

    async def test_a_failed_transaction_leaves_nothing_it_held(
        self, listened: tuple[AsyncDatabase[Document], TransactionCommands]
    ) -> None:
        database, _ = listened
        counters = Counters(database)

        async def work(transaction: Transaction) -> None:
            await counters.put(HOME, "a", 1, transaction.session)
            raise LookupError("refused")

        with pytest.raises(LookupError):
            await _runner(database).run(work)

        assert await database["counters"].count_documents({}) == 0
