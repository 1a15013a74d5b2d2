"""Lease: one owner at a time runs a singleton job (the outbox relay)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from shared.lease import LEASE_COLLECTION, Lease

Document = dict[str, Any]


async def _holder(database: AsyncDatabase[Document], name: str = "relay") -> str | None:
    document = await database[LEASE_COLLECTION].find_one({"_id": name})
    return document["owner"] if document else None


class TestAcquireLease:
    async def test_a_free_lease_goes_to_the_first_caller(
        self, database: AsyncDatabase[Document]
    ) -> None:
        first = Lease(database, "relay")

        assert await first.acquire()
        assert await _holder(database) == first.owner

    async def test_the_holder_renews_it(self, database: AsyncDatabase[Document]) -> None:
        holder = Lease(database, "relay")
        await holder.acquire()

        assert await holder.acquire()
        assert await _holder(database) == holder.owner

    async def test_refuses_a_second_owner_while_it_is_held(
        self, database: AsyncDatabase[Document]
    ) -> None:
        # On NX-27017 the losing upsert answers None instead of raising DuplicateKeyError.
        first, second = Lease(database, "relay"), Lease(database, "relay")
        await first.acquire()

        assert not await second.acquire()

    async def test_leases_of_different_jobs_are_independent(
        self, database: AsyncDatabase[Document]
    ) -> None:
        assert await Lease(database, "relay").acquire()
        assert await Lease(database, "reminders").acquire()


class TestHandOverLease:
    async def test_a_released_lease_is_free_at_once(
        self, database: AsyncDatabase[Document]
    ) -> None:
        first, second = Lease(database, "relay"), Lease(database, "relay")
        await first.acquire()

        await first.release()

        assert await second.acquire()
        assert await _holder(database) == second.owner

    async def test_an_expired_lease_passes_to_another_owner(
        self, database: AsyncDatabase[Document]
    ) -> None:
        lapsed = Lease(database, "relay", ttl=timedelta(seconds=-1))
        successor = Lease(database, "relay")
        await lapsed.acquire()

        assert await successor.acquire()
        assert await _holder(database) == successor.owner

    async def test_the_previous_owner_no_longer_holds_it(
        self, database: AsyncDatabase[Document]
    ) -> None:
        lapsed = Lease(database, "relay", ttl=timedelta(seconds=-1))
        successor = Lease(database, "relay")
        await lapsed.acquire()
        await successor.acquire()

        assert not await lapsed.acquire()
