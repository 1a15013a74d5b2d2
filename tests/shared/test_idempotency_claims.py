"""Idempotency-Key claims: when a retry may run a key's request; only one attempt commits."""

from __future__ import annotations

import asyncio
import hashlib
import json
import socket
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from shared.http.idempotency import IDEMPOTENCY_COLLECTION, record_id
from shared.http.idempotency_claims import Claim
from shared.outbox import Transaction, commit_with
from tests.conftest import AppClientFactory
from tests.support.auth import TokenFactory, bearer
from tests.support.factories import organization_payload
from tests.support.fakes import FakeTransaction
from tests.support.http import error_fields, problem
from tests.support.polling import eventually
from tests.support.services import ServiceClient
from tests.support.tenants import onboard_with

SUBJECT = "officer-claims"


@pytest.fixture
async def registry(app_client: AppClientFactory) -> ServiceClient:
    return await app_client("registry")


@pytest.fixture
async def officer(token: TokenFactory, tenant_id: str, registry: ServiceClient) -> dict[str, str]:
    await onboard_with(registry, token, tenant_id)
    return bearer(token(tenant_id=tenant_id, roles=["tenant_officer"], subject=SUBJECT))


async def _claimed_elsewhere(
    registry: ServiceClient, tenant_id: str, key: str, body: bytes, **claimant: Any
) -> None:
    """Store a pending claim of `key` as another process left it."""
    await registry.database[IDEMPOTENCY_COLLECTION].insert_one(
        {
            "_id": record_id(tenant_id, SUBJECT, "/organizations", key),
            "tenant_id": tenant_id,
            "state": "pending",
            "attempt": "an attempt of another process",
            "body_hash": hashlib.sha256(body).hexdigest(),
            "created_at": datetime.now(UTC),
            **claimant,
        }
    )


async def _post(registry: ServiceClient, headers: dict[str, str], key: str, body: bytes) -> Any:
    headers = {**headers, "Idempotency-Key": key, "Content-Type": "application/json"}
    return await registry.post("/organizations", content=body, headers=headers)


async def _count(registry: ServiceClient, headers: dict[str, str]) -> int:
    answer = await registry.get("/organizations", headers=headers)
    assert answer.status_code == 200, answer.text
    return len(answer.json())


class TestAClaimOfAnotherMachine:
    async def test_still_renewed_answers_in_progress(
        self, registry: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        body = json.dumps(organization_payload()).encode()
        await _claimed_elsewhere(
            registry,
            tenant_id,
            "renewed",
            body,
            process="p-1",
            host="another-host",
            pid=1,
            alive_until=time.time() + 60,
        )

        answer = await _post(registry, officer, "renewed", body)

        assert error_fields(problem(answer, 409)) == ["Idempotency-Key"]
        assert await _count(registry, officer) == 0

    async def test_no_longer_renewed_is_taken_over_at_once(
        self, registry: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        body = json.dumps(organization_payload()).encode()
        await _claimed_elsewhere(
            registry,
            tenant_id,
            "lapsed",
            body,
            process="p-2",
            host="another-host",
            pid=1,
            alive_until=time.time() - 1,
        )

        answer = await _post(registry, officer, "lapsed", body)

        assert answer.status_code == 201, answer.text
        assert await _count(registry, officer) == 1


class TestAClaimOfAProcessOfThisMachine:
    async def test_whose_process_is_gone_is_taken_over_at_once(
        self, registry: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        gone = await asyncio.create_subprocess_exec("true")  # its pid runs nothing once ended
        await gone.wait()
        body = json.dumps(organization_payload()).encode()
        await _claimed_elsewhere(
            registry,
            tenant_id,
            "gone",
            body,
            process="p-3",
            host=socket.gethostname(),
            pid=gone.pid,
            alive_until=time.time() + 60,
        )

        answer = await _post(registry, officer, "gone", body)

        assert answer.status_code == 201, answer.text
        assert await _count(registry, officer) == 1

    async def test_whose_pid_another_program_took_is_taken_over_once_its_lease_lapsed(
        self, registry: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        body = json.dumps(organization_payload()).encode()
        await _claimed_elsewhere(
            registry,
            tenant_id,
            "reused-pid",
            body,
            process="p-4",
            host=socket.gethostname(),
            pid=1,  # always runs something
            alive_until=time.time() - 1,
        )

        answer = await _post(registry, officer, "reused-pid", body)

        assert answer.status_code == 201, answer.text
        assert await _count(registry, officer) == 1


class TestAnAttemptTakenOverWhileItRuns:
    async def test_cannot_commit_so_nothing_is_written_twice(
        self,
        registry: ServiceClient,
        officer: dict[str, str],
        tenant_id: str,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        gate = asyncio.Event()
        run = registry.runtime.transactions.run

        async def run_when_let(work: Callable[[Transaction], Awaitable[Any]]) -> Any:
            if commit_with.get() is not None:
                await gate.wait()
            return await run(work)

        monkeypatch.setattr(registry.runtime.transactions, "run", run_when_let)
        body = json.dumps(organization_payload()).encode()
        first = asyncio.create_task(_post(registry, officer, "slow", body))
        keys = registry.database[IDEMPOTENCY_COLLECTION]
        stored_id = record_id(tenant_id, SUBJECT, "/organizations", "slow")

        async def claimed() -> None:
            assert await keys.find_one({"_id": stored_id})

        await eventually(claimed)
        # Another replica judged the attempt dead and took the key over (as after a lapse).
        await keys.update_one({"_id": stored_id}, {"$set": {"attempt": "the other replica's"}})
        gate.set()
        answer = await first

        assert error_fields(problem(answer, 409)) == ["Idempotency-Key"]
        assert await _count(registry, officer) == 0


class _Records:
    """The idempotency collection as far as a claim writes to it."""

    def __init__(self) -> None:
        self.writes: list[dict[str, Any]] = []

    async def update_one(self, query: Any, update: dict[str, Any], session: Any) -> Any:
        self.writes.append(update["$set"])
        return type("Result", (), {"matched_count": 1})()


async def test_a_key_names_the_aggregate_of_the_attempt_that_committed() -> None:
    records = _Records()
    claim = Claim(records, record_id="r-1", attempt="a-1")
    first, second = FakeTransaction(), FakeTransaction()
    first.about("offer-rolled-back")
    await claim.commit_in(first)  # type: ignore[arg-type]
    first.aborted()  # a transient error: the unit of work runs again and drafts anew
    second.about("offer-committed")

    await claim.commit_in(second)  # type: ignore[arg-type]

    assert records.writes[-1] == {"state": "committed", "subject": "offer-committed"}
