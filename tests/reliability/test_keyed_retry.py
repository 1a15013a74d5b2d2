"""A keyed retry after a process died mid-request: one write, and the answer to it.

A process "dies" by hanging for good at the chosen moment (nothing after it runs, as after a
kill -9); the retry goes to a second instance of the registry on the same database, as after a
restart. Both run in this test process: each app instance is a process of its own to the claims.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from shared.contracts.registry import ORGANIZATION_TOPIC, OrganizationRegistered
from shared.http.idempotency import ABANDONED_AFTER, IDEMPOTENCY_COLLECTION
from shared.outbox import Transaction, commit_with
from tests.conftest import AppClientFactory
from tests.grants.bodies import competition_terms
from tests.support.auth import TokenFactory, bearer
from tests.support.events import emitted
from tests.support.factories import organization_payload, unique_nip
from tests.support.http import error_fields, problem
from tests.support.kafka import headers_of
from tests.support.polling import eventually
from tests.support.services import ServiceClient, running_service
from tests.support.tenants import onboard_with

Work = Callable[[Transaction], Awaitable[Any]]
Probe = Callable[[], Awaitable[None]]


@pytest.fixture
async def survivor(app_client: AppClientFactory) -> ServiceClient:
    """The registry that gets the retry (a restarted or another replica)."""
    return await app_client("registry")


@pytest.fixture
async def doomed(survivor: ServiceClient) -> AsyncIterator[ServiceClient]:
    """A second registry on the same database, whose process dies in the test."""
    async with twin(survivor) as client:
        yield client


@contextlib.asynccontextmanager
async def twin(service: ServiceClient) -> AsyncIterator[ServiceClient]:
    """Run a second instance of `service` on the same database (another process to claims)."""
    async with running_service(service.runtime.settings) as client:
        # NX-27017 cannot interleave transactions: the two instances of this one test
        # process take turns, as the transactions of one process do.
        client.runtime.transactions._serial = service.runtime.transactions._serial
        yield client


@pytest.fixture
async def officer(token: TokenFactory, tenant_id: str, survivor: ServiceClient) -> dict[str, str]:
    await onboard_with(survivor, token, tenant_id)
    return bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))


def die(registry: ServiceClient, *, after_commit: bool) -> None:
    """Make the registry die in its next keyed request's transaction: before or after commit."""
    transactions = registry.runtime.transactions
    run = transactions.run

    async def run_then_die(work: Work) -> Any:
        if commit_with.get() is None:  # background work (the import worker) runs on
            return await run(work)
        if after_commit:
            await run(work)
        await asyncio.Event().wait()  # the process is gone: nothing after this point runs

    transactions.run = run_then_die  # type: ignore[method-assign]


class ProcessKilled(BaseException):
    """The process ends here (raised, so that the test process itself goes on)."""


def crash_after_queuing(registry: ServiceClient) -> None:
    """Make the registry fail right after it queued an upload, before it answers."""

    def crash() -> None:
        raise ProcessKilled

    registry.app.state.services.imports.wake_worker.set = crash


@contextlib.asynccontextmanager
async def dying_request(
    registry: ServiceClient, headers: dict[str, str], *, until: Probe, **request: Any
) -> AsyncIterator[None]:
    """POST a request that dies, and wait until `until` sees the moment of its death."""
    path = request.pop("path", "/organizations")
    sent = asyncio.create_task(registry.post(path, headers=headers, **request))
    try:
        await eventually(until, timeout=10)
        yield
    finally:
        sent.cancel()
        with contextlib.suppress(BaseException):
            await sent


def registered(registry: ServiceClient, headers: dict[str, str]) -> Probe:
    """Probe that the organization is registered (its transaction committed)."""

    async def probe() -> None:
        assert len(await _organizations(registry, headers)) == 1

    return probe


def claimed(registry: ServiceClient, tenant_id: str) -> Probe:
    """Probe that the key is claimed (the request runs and has not committed)."""

    async def probe() -> None:
        assert await registry.database[IDEMPOTENCY_COLLECTION].find_one({"tenant_id": tenant_id})

    return probe


async def _organizations(registry: ServiceClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    answer = await registry.get("/organizations", headers=headers)
    assert answer.status_code == 200, answer.text
    found: list[dict[str, Any]] = answer.json()
    return found


async def _registrations(registry: ServiceClient, tenant_id: str) -> list[str]:
    await eventually(_outbox_empty(registry))
    records = await emitted(registry, ORGANIZATION_TOPIC)
    return [
        r.key.decode()
        for r in records
        if r.key
        and headers_of(r)["ce_type"] == OrganizationRegistered.event_type
        and headers_of(r)["ce_tenantid"] == tenant_id
    ]


def _outbox_empty(registry: ServiceClient) -> Callable[[], Awaitable[None]]:
    async def probe() -> None:
        assert await registry.runtime.relay.pending() == 0

    return probe


class TestRetryAfterTheProcessDiedAfterItsCommit:
    async def test_the_retry_gets_the_first_answer_and_nothing_is_written_twice(
        self,
        survivor: ServiceClient,
        doomed: ServiceClient,
        officer: dict[str, str],
        tenant_id: str,
    ) -> None:
        body = organization_payload(krs=..., nip=...)
        headers = {**officer, "Idempotency-Key": "died-after-commit"}
        die(doomed, after_commit=True)

        async with dying_request(doomed, headers, json=body, until=registered(survivor, officer)):
            retried = await survivor.post("/organizations", json=body, headers=headers)
            again = await survivor.post("/organizations", json=body, headers=headers)

        assert retried.status_code == again.status_code == 201, retried.text
        [organization] = await _organizations(survivor, officer)
        assert retried.headers["idempotent-replayed"] == "true"
        assert retried.headers["location"] == f"/organizations/{organization['id']}"
        assert retried.json() == organization
        assert again.json() == retried.json()
        assert await _registrations(survivor, tenant_id) == [organization["id"]]

    async def test_a_retry_with_a_nip_learns_its_organization_instead_of_a_conflict(
        self,
        survivor: ServiceClient,
        doomed: ServiceClient,
        officer: dict[str, str],
        tenant_id: str,
    ) -> None:
        body = organization_payload()  # with a NIP and a KRS, which only one organization holds
        headers = {**officer, "Idempotency-Key": "died-after-commit-nip"}
        die(doomed, after_commit=True)

        async with dying_request(doomed, headers, json=body, until=registered(survivor, officer)):
            await _age_records(survivor, tenant_id)  # retried after any "in progress" window
            retried = await survivor.post("/organizations", json=body, headers=headers)

        assert retried.status_code == 201, retried.text
        [organization] = await _organizations(survivor, officer)
        assert retried.json()["id"] == organization["id"]
        assert retried.json()["nip"] == body["nip"]

    async def test_a_retry_with_another_body_is_refused(
        self,
        survivor: ServiceClient,
        doomed: ServiceClient,
        officer: dict[str, str],
        tenant_id: str,
    ) -> None:
        headers = {**officer, "Idempotency-Key": "died-after-commit-other"}
        die(doomed, after_commit=True)

        async with dying_request(
            doomed, headers, json=organization_payload(), until=registered(survivor, officer)
        ):
            other = await survivor.post(
                "/organizations", json=organization_payload(), headers=headers
            )

        assert error_fields(problem(other, 422)) == ["Idempotency-Key"]
        assert len(await _organizations(survivor, officer)) == 1


class TestRetryOfAnImportAfterTheProcessDiedAfterQueuingIt:
    async def test_the_retry_gets_the_queued_job_and_no_second_one(
        self,
        survivor: ServiceClient,
        doomed: ServiceClient,
        officer: dict[str, str],
        tenant_id: str,
    ) -> None:
        body = f"name;legal_form;nip\nStowarzyszenie Import;association;{unique_nip()}\n"
        headers = {**officer, "Content-Type": "text/csv", "Idempotency-Key": "import-died"}
        jobs = survivor.database["import_jobs"]

        async def queued() -> None:
            assert await jobs.find_one({"tenant_id": tenant_id, "state": {"$ne": "receiving"}})

        crash_after_queuing(doomed)
        async with dying_request(doomed, headers, path="/imports", content=body, until=queued):
            retried = await survivor.post("/imports", content=body, headers=headers)

        assert retried.status_code == 202, retried.text
        [job] = await jobs.find({"tenant_id": tenant_id}).to_list()
        assert retried.json()["id"] == job["_id"]
        assert retried.headers["location"] == f"/imports/{job['_id']}"
        assert retried.headers["idempotent-replayed"] == "true"


class TestRetryAfterTheProcessDiedBeforeItsCommit:
    async def test_the_retry_registers_at_once(
        self,
        survivor: ServiceClient,
        doomed: ServiceClient,
        officer: dict[str, str],
        tenant_id: str,
    ) -> None:
        body = organization_payload()
        headers = {**officer, "Idempotency-Key": "died-before-commit"}
        die(doomed, after_commit=False)

        async with dying_request(doomed, headers, json=body, until=claimed(doomed, tenant_id)):
            retried = await survivor.post("/organizations", json=body, headers=headers)
            again = await survivor.post("/organizations", json=body, headers=headers)

        assert retried.status_code == again.status_code == 201, retried.text
        [organization] = await _organizations(survivor, officer)
        assert retried.json()["id"] == organization["id"]
        assert again.json() == retried.json()
        assert again.headers["idempotent-replayed"] == "true"
        assert await _registrations(survivor, tenant_id) == [organization["id"]]


class TestRetryWhileTheFirstRequestStillRuns:
    async def test_the_retry_is_told_it_is_in_progress(
        self, doomed: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        body = organization_payload()
        headers = {**officer, "Idempotency-Key": "still-running"}
        die(doomed, after_commit=False)  # a request that takes its time, in a live process

        async with dying_request(doomed, headers, json=body, until=claimed(doomed, tenant_id)):
            retried = await doomed.post("/organizations", json=body, headers=headers)

        assert error_fields(problem(retried, 409)) == ["Idempotency-Key"]
        assert await _organizations(doomed, officer) == []


async def _age_records(registry: ServiceClient, tenant_id: str) -> None:
    """Date the tenant's key records back past the old two-minute "in progress" window."""
    keys = registry.database[IDEMPOTENCY_COLLECTION]
    async for record in keys.find({"tenant_id": tenant_id}):
        record["created_at"] = record["created_at"] - ABANDONED_AFTER - timedelta(seconds=1)
        await keys.replace_one({"_id": record["_id"]}, record)


class TestRetryOfAWebhookRegistration:
    async def test_the_retry_answers_with_the_same_endpoint_and_no_secret_is_kept(
        self, app_client: AppClientFactory, token: TokenFactory, tenant_id: str
    ) -> None:
        notifications = await app_client(
            "notifications", webhooks_allow_private_addresses=True, webhooks_require_https=False
        )
        headers = bearer(
            token(tenant_id=tenant_id, roles=["integration"]), **{"Idempotency-Key": "hook-1"}
        )
        body = {"url": "http://127.0.0.1:9/hook", "event_types": ["pl.ngo.grants.*"]}

        first = await notifications.post("/webhooks/endpoints", json=body, headers=headers)
        again = await notifications.post("/webhooks/endpoints", json=body, headers=headers)

        assert first.status_code == again.status_code == 201, again.text
        assert again.json()["id"] == first.json()["id"]
        assert again.headers["location"] == first.headers["location"]
        assert again.headers["idempotent-replayed"] == "true"
        assert again.json()["secret"] is None  # shown once, with the first answer only
        keys = notifications.database[IDEMPOTENCY_COLLECTION]
        kept = await keys.find({"tenant_id": tenant_id}).to_list()
        assert first.json()["secret"].removeprefix("whsec_") not in repr(kept)
        endpoints = notifications.database["webhook_endpoints"]
        assert await endpoints.count_documents({"tenant_id": tenant_id}) == 1


class TestRetryOfOtherRoutesAfterTheProcessDiedAfterItsCommit:
    @pytest.fixture
    async def grants(self, app_client: AppClientFactory) -> ServiceClient:
        return await app_client("grants")

    @pytest.fixture
    async def competition(self, grants: ServiceClient, officer: dict[str, str]) -> dict[str, Any]:
        body = competition_terms(datetime.now(UTC))
        answer = await grants.post("/competitions", json=body, headers=officer)
        assert answer.status_code == 201, answer.text
        drafted: dict[str, Any] = answer.json()
        return drafted

    async def test_a_copy_is_answered_with_the_copy_it_made(
        self, grants: ServiceClient, officer: dict[str, str], competition: dict[str, Any]
    ) -> None:
        path = f"/competitions/{competition['id']}/copy"
        headers = {**officer, "Idempotency-Key": "copy-died"}

        async def copied() -> None:
            assert len(await _listed(grants, officer)) == 2

        async with twin(grants) as doomed_grants:
            die(doomed_grants, after_commit=True)
            async with dying_request(doomed_grants, headers, path=path, until=copied):
                retried = await grants.post(path, headers=headers)

        assert retried.status_code == 201, retried.text
        [copy] = [c for c in await _listed(grants, officer) if c["id"] != competition["id"]]
        assert retried.json()["id"] == copy["id"]
        assert retried.headers["location"] == f"/competitions/{copy['id']}"
        assert retried.headers["idempotent-replayed"] == "true"

    async def test_an_announcement_is_answered_with_the_announced_competition(
        self, grants: ServiceClient, officer: dict[str, str], competition: dict[str, Any]
    ) -> None:
        path = f"/competitions/{competition['id']}/announcement"
        headers = {**officer, "Idempotency-Key": "announce-died"}

        async def announced() -> None:
            [listed] = await _listed(grants, officer)
            assert listed["state"] == "announced"

        async with twin(grants) as doomed_grants:
            die(doomed_grants, after_commit=True)
            async with dying_request(doomed_grants, headers, path=path, until=announced):
                retried = await grants.post(path, headers=headers)

        assert retried.status_code == 200, retried.text
        assert (retried.json()["id"], retried.json()["state"]) == (competition["id"], "announced")
        assert retried.headers["idempotent-replayed"] == "true"


async def _listed(grants: ServiceClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    answer = await grants.get("/competitions", headers=headers)
    assert answer.status_code == 200, answer.text
    found: list[dict[str, Any]] = answer.json()
    return found
