"""Group commit: work that queues behind a serialized transaction commits in the next one."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from prometheus_client import REGISTRY
from pymongo.asynchronous.database import AsyncDatabase

from shared.commit_groups import CommitGroups, Unit
from shared.contracts.registry import OrganizationRegistered
from shared.errors import NotFound, Text
from shared.mongo import MongoClient
from shared.outbox import OUTBOX_COLLECTION, Transaction, TransactionRunner, commit_with
from shared.tenancy import TenantContext
from shared.write_behind import insert_later

Document = dict[str, Any]
TENANT = TenantContext("1465011")
caller: contextvars.ContextVar[str] = contextvars.ContextVar("caller", default="nobody")


class Refused(RuntimeError):
    """A unit of work's own failure (a rule it checked)."""


class Gate:
    """A first unit that holds the transaction until opened, so that others queue behind it."""

    def __init__(self) -> None:
        self.entered = asyncio.Event()
        self.opened = asyncio.Event()

    async def __call__(self, _: object) -> str:
        self.entered.set()
        await self.opened.wait()
        return "gate"


class TestQueueing:
    """CommitGroups alone, over a commit function that records what it was given."""

    @staticmethod
    def _recording(groups: list[list[Unit[Any]]]) -> Callable[[list[Unit[Any]]], Awaitable[None]]:
        async def commit(units: list[Unit[Any]]) -> None:
            groups.append(units)
            for unit in units:
                try:
                    result = await unit.run(unit.work(None))
                except Exception as error:
                    unit.settle(error=error)
                else:
                    unit.settle(result)

        return commit

    async def _behind_gate(self, *, count: int, limit: int) -> tuple[list[int], list[int]]:
        """Queue `count` units while a first one commits; return their answers and group sizes."""
        groups: list[list[Unit[Any]]] = []
        queue = CommitGroups(self._recording(groups), limit=limit)
        gate = Gate()
        first = asyncio.create_task(queue.submit(gate))
        await gate.entered.wait()
        waiting = [asyncio.create_task(queue.submit(_answer(n))) for n in range(count)]
        await asyncio.sleep(0)
        gate.opened.set()
        assert await first == "gate"
        return list(await asyncio.gather(*waiting)), [len(group) for group in groups]

    async def test_work_queued_during_a_commit_goes_together_in_the_next_one(self) -> None:
        answers, sizes = await self._behind_gate(count=5, limit=32)

        assert answers == [0, 1, 2, 3, 4]
        assert sizes == [1, 5]

    async def test_a_group_holds_at_most_the_limit(self) -> None:
        answers, sizes = await self._behind_gate(count=7, limit=3)

        assert answers == list(range(7))
        assert sizes == [1, 3, 3, 1]

    async def test_metrics_show_how_many_units_each_group_carried(self) -> None:
        groups_before, units_before = _observed()
        await self._behind_gate(count=7, limit=3)

        groups, units = _observed()
        assert (groups - groups_before, units - units_before) == (4, 8)

    async def test_each_unit_runs_in_its_callers_context(self) -> None:
        groups: list[list[Unit[Any]]] = []
        queue = CommitGroups(self._recording(groups))
        gate = Gate()
        first = asyncio.create_task(queue.submit(gate))
        await gate.entered.wait()

        async def as_caller(name: str) -> str:
            caller.set(name)
            return await queue.submit(_read_caller)

        both = asyncio.gather(as_caller("urzędnik"), as_caller("członek"))
        await asyncio.sleep(0)
        gate.opened.set()

        await first
        assert list(await both) == ["urzędnik", "członek"]
        assert len(groups[1]) == 2

    async def test_a_caller_that_stopped_waiting_is_not_run(self) -> None:
        ran: list[str] = []
        queue = CommitGroups(self._recording([]))
        gate = Gate()
        first = asyncio.create_task(queue.submit(gate))
        await gate.entered.wait()

        async def note(name: str) -> Callable[[object], Awaitable[str]]:
            async def work(_: object) -> str:
                ran.append(name)
                return name

            return work

        gone = asyncio.create_task(queue.submit(await note("gone")))
        kept = asyncio.create_task(queue.submit(await note("kept")))
        await asyncio.sleep(0)
        gone.cancel()
        gate.opened.set()

        await first
        assert await kept == "kept"
        assert ran == ["kept"]

    async def test_a_failing_commit_fails_every_waiting_caller_instead_of_hanging(self) -> None:
        async def broken(units: list[Unit[Any]]) -> None:
            raise ConnectionError("store unreachable")

        queue = CommitGroups(broken)
        results = await asyncio.gather(
            queue.submit(_answer(1)), queue.submit(_answer(2)), return_exceptions=True
        )

        assert all(isinstance(result, ConnectionError) for result in results)


def _observed() -> tuple[float, float]:
    """Return how many groups and units `transaction_group_units` counted so far."""
    count = REGISTRY.get_sample_value("transaction_group_units_count") or 0.0
    return count, REGISTRY.get_sample_value("transaction_group_units_sum") or 0.0


def _answer(value: int) -> Callable[[object], Awaitable[int]]:
    async def work(_: object) -> int:
        return value

    return work


async def _read_caller(_: object) -> str:
    return caller.get()


class TestOnTheStore:
    """TransactionRunner(serial=True) on the embedded MongoDB (NX-27017)."""

    @pytest.fixture
    async def store(self, database: AsyncDatabase[Document]) -> AsyncDatabase[Document]:
        for name in ("things", "notes", OUTBOX_COLLECTION):
            await database.create_collection(name)
        return database

    @staticmethod
    def _runner(
        mongo: MongoClient, store: AsyncDatabase[Document], commits: list[int]
    ) -> TransactionRunner:
        return TransactionRunner(
            mongo,
            store,
            source="registry",
            topic_name=lambda topic: topic,
            on_commit=lambda: commits.append(1),
            serial=True,
        )

    @staticmethod
    async def _behind_gate(runner: TransactionRunner, *units: Any) -> list[Any]:
        """Run `units` concurrently while a first transaction is open, so they form a group."""
        gate = Gate()
        first = asyncio.create_task(runner.run(gate))
        await gate.entered.wait()
        waiting = asyncio.gather(*(runner.run(unit) for unit in units), return_exceptions=True)
        await asyncio.sleep(0.05)
        gate.opened.set()
        await first
        return list(await waiting)

    async def test_queued_registrations_commit_once_with_all_their_writes_and_events(
        self, mongo: MongoClient, store: AsyncDatabase[Document]
    ) -> None:
        commits: list[int] = []
        runner = self._runner(mongo, store, commits)

        results = await self._behind_gate(runner, *(_register(store, f"org-{n}") for n in range(8)))

        assert results == [f"org-{n}" for n in range(8)]
        assert await _ids(store["things"]) == sorted(results)
        assert await store["notes"].count_documents({}) == 8  # the held inserts landed
        outbox = await store[OUTBOX_COLLECTION].find({}, sort=[("_id", 1)]).to_list()
        assert [document["key"] for document in outbox] == results  # in the callers' order
        assert len(commits) == 1  # one transaction carried all eight

    async def test_one_refused_unit_fails_alone_and_leaves_nothing_behind(
        self, mongo: MongoClient, store: AsyncDatabase[Document]
    ) -> None:
        runner = self._runner(mongo, store, [])

        async def refused(transaction: Transaction) -> str:
            await _register(store, "org-refused")(transaction)
            raise Refused("NIP już zajęty")

        results = await self._behind_gate(
            runner, _register(store, "org-1"), refused, _register(store, "org-2")
        )

        assert results[0] == "org-1" and results[2] == "org-2"
        assert isinstance(results[1], Refused)
        assert await _ids(store["things"]) == ["org-1", "org-2"]
        assert await store["notes"].count_documents({"organization_id": "org-refused"}) == 0
        keys = await store[OUTBOX_COLLECTION].distinct("key")
        assert sorted(keys) == ["org-1", "org-2"]

    async def test_a_unit_refused_by_its_own_rule_costs_the_others_one_more_group(
        self, mongo: MongoClient, store: AsyncDatabase[Document]
    ) -> None:
        commits: list[int] = []
        runner = self._runner(mongo, store, commits)
        runs: list[str] = []

        async def missing(transaction: Transaction) -> str:
            runs.append("missing")
            await _register(store, "org-half-written")(transaction)
            raise NotFound(detail=Text("Nie ma takiej oferty.", "No such offer."))

        def counted(organization_id: str) -> Any:
            async def work(transaction: Transaction) -> str:
                runs.append(organization_id)
                return str(await _register(store, organization_id)(transaction))

            return work

        results = await self._behind_gate(runner, counted("org-1"), missing, counted("org-2"))

        assert results[0] == "org-1" and results[2] == "org-2"
        assert isinstance(results[1], NotFound)
        assert runs.count("missing") == 1  # its answer stands: it is not run again alone
        assert len(commits) == 1  # the other two, again, in one group
        assert await _ids(store["things"]) == ["org-1", "org-2"]

    async def test_a_unit_reads_what_an_earlier_unit_of_its_group_wrote(
        self, mongo: MongoClient, store: AsyncDatabase[Document]
    ) -> None:
        runner = self._runner(mongo, store, [])

        async def claim(transaction: Transaction) -> bool:
            taken = await store["things"].find_one(
                {"_id": "nip:5260250274"}, session=transaction.session
            )
            if taken is not None:
                return False
            await store["things"].insert_one({"_id": "nip:5260250274"}, session=transaction.session)
            return True

        assert await self._behind_gate(runner, claim, claim) == [True, False]

    async def test_each_unit_commits_its_own_callers_hook(
        self, mongo: MongoClient, store: AsyncDatabase[Document]
    ) -> None:
        runner = self._runner(mongo, store, [])

        async def keyed(key: str) -> str:
            async def remember(transaction: Transaction) -> None:
                await store["keys"].insert_one({"_id": key}, session=transaction.session)

            commit_with.set(remember)
            return await runner.run(_register(store, f"for-{key}"))

        gate = Gate()
        first = asyncio.create_task(runner.run(gate))
        await gate.entered.wait()
        both = asyncio.gather(keyed("key-a"), keyed("key-b"))
        await asyncio.sleep(0.05)
        gate.opened.set()
        await first

        assert list(await both) == ["for-key-a", "for-key-b"]
        assert await _ids(store["keys"]) == ["key-a", "key-b"]


async def _ids(collection: Any) -> list[str]:
    return sorted([document["_id"] async for document in collection.find({})])


def _register(store: AsyncDatabase[Document], organization_id: str) -> Any:
    async def work(transaction: Transaction) -> str:
        await store["things"].insert_one({"_id": organization_id}, session=transaction.session)
        note = {"organization_id": organization_id}
        await insert_later(transaction.session, store["notes"], [note])
        event = OrganizationRegistered(
            organization_id=organization_id,
            name=f"Fundacja {organization_id}",
            legal_form="foundation",
            registered_by="officer-1",
            registered_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        )
        await transaction.emit(event, tenant=TENANT)
        return organization_id

    return work
