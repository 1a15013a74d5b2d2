"""Body size limits enforced before a body is read whole, and idempotency records that expire."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

from shared.http.idempotency import IDEMPOTENCY_COLLECTION
from tests.conftest import AppClientFactory
from tests.support.auth import TokenFactory, bearer
from tests.support.factories import organization_payload
from tests.support.http import problem
from tests.support.namespace import new_tenant_id
from tests.support.services import ServiceClient
from tests.support.tenants import onboard_with

# Small limits for this module, so that the bodies over them stay cheap to send.
LIMITS: dict[str, Any] = {
    "http_max_body_bytes": 16 * 1024,
    "import_max_body_bytes": 256 * 1024,
    "idempotency_ttl_seconds": 3600,
}
CSV_HEADER = b"name;legal_form;description\n"


@pytest.fixture
async def registry(app_client: AppClientFactory) -> ServiceClient:
    return await app_client("registry", **LIMITS)


@pytest.fixture
def tenant_id() -> str:
    return new_tenant_id()


@pytest.fixture
async def officer(token: TokenFactory, tenant_id: str, registry: ServiceClient) -> dict[str, str]:
    await onboard_with(registry, token, tenant_id)
    return bearer(token(tenant_id=tenant_id))


async def streamed(body: bytes, piece: int = 4096) -> AsyncIterator[bytes]:
    """Send `body` in pieces with no Content-Length (chunked), as a client may."""
    for start in range(0, len(body), piece):
        yield body[start : start + piece]


def csv_of(rows: int, note_bytes: int) -> bytes:
    """Return a CSV of `rows` rows, each carrying a description of `note_bytes` bytes."""
    row = b"Fundacja Wielka;foundation;" + b"x" * note_bytes + b"\n"
    return CSV_HEADER + row * rows


async def organizations_of(registry: ServiceClient, officer: dict[str, str]) -> list[Any]:
    answer = await registry.get("/organizations", headers=officer)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return list(body["items"] if isinstance(body, dict) else body)


class TestJsonBodies:
    async def test_a_body_over_the_limit_answers_413_naming_the_body_and_writes_nothing(
        self, registry: ServiceClient, officer: dict[str, str]
    ) -> None:
        payload = organization_payload(description="x" * 20_000)

        answer = await registry.post("/organizations", json=payload, headers=officer)

        body = problem(answer, 413)
        assert [e["field"] for e in body["errors"]] == ["body"]
        assert await organizations_of(registry, officer) == []

    async def test_a_chunked_body_over_the_limit_answers_413_while_it_streams_in(
        self, registry: ServiceClient, officer: dict[str, str]
    ) -> None:
        payload = json.dumps(organization_payload(description="x" * 20_000)).encode()

        answer = await registry.post(
            "/organizations",
            content=streamed(payload),
            headers={**officer, "Content-Type": "application/json"},
        )

        assert "content-length" not in answer.request.headers
        problem(answer, 413)
        assert await organizations_of(registry, officer) == []

    async def test_with_an_idempotency_key_it_stores_no_answer(
        self, registry: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        payload = json.dumps(organization_payload(description="x" * 20_000)).encode()

        answer = await registry.post(
            "/organizations",
            content=streamed(payload),
            headers={**officer, "Content-Type": "application/json", "Idempotency-Key": "big-1"},
        )

        problem(answer, 413)
        stored = registry.database[IDEMPOTENCY_COLLECTION]
        assert await stored.count_documents({"tenant_id": tenant_id}) == 0

    async def test_english_on_request(
        self, registry: ServiceClient, officer: dict[str, str]
    ) -> None:
        payload = organization_payload(description="x" * 20_000)

        answer = await registry.post(
            "/organizations", json=payload, headers={**officer, "Accept-Language": "en"}
        )

        assert problem(answer, 413)["title"] == "Request body too large"


class TestCsvImport:
    async def test_an_import_may_be_larger_than_a_json_body(
        self, registry: ServiceClient, officer: dict[str, str]
    ) -> None:
        answer = await registry.post(
            "/imports",
            content=csv_of(rows=10, note_bytes=7000),
            headers={**officer, "Content-Type": "text/csv"},
        )

        assert answer.status_code == 202, answer.text
        assert answer.json()["total_rows"] == 10

    async def test_a_streamed_import_over_its_limit_answers_413_and_stores_nothing(
        self, registry: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        answer = await registry.post(
            "/imports",
            content=streamed(csv_of(rows=40, note_bytes=7000), piece=32 * 1024),
            headers={**officer, "Content-Type": "text/csv"},
        )

        problem(answer, 413)
        jobs = registry.database["import_jobs"]
        assert await jobs.count_documents({"tenant_id": tenant_id}) == 0

    async def test_an_import_over_its_limit_by_content_length_is_refused_unread(
        self, registry: ServiceClient, officer: dict[str, str]
    ) -> None:
        answer = await registry.post(
            "/imports",
            content=csv_of(rows=40, note_bytes=7000),
            headers={**officer, "Content-Type": "text/csv"},
        )

        problem(answer, 413)

    async def test_a_retried_import_with_an_idempotency_key_replays_the_first_answer(
        self, registry: ServiceClient, officer: dict[str, str]
    ) -> None:
        body = csv_of(rows=10, note_bytes=7000)  # more than one piece of the spooled replay
        headers = {**officer, "Content-Type": "text/csv", "Idempotency-Key": "import-1"}

        first = await registry.post("/imports", content=streamed(body), headers=headers)
        again = await registry.post("/imports", content=streamed(body), headers=headers)

        assert first.status_code == 202, first.text
        assert first.json()["total_rows"] == 10
        assert again.headers["Idempotent-Replayed"] == "true"
        assert again.json()["id"] == first.json()["id"]


class TestIdempotencyRecordsExpire:
    async def test_a_ttl_index_removes_stored_answers_after_the_setting(
        self, registry: ServiceClient
    ) -> None:
        indexes = await registry.database[IDEMPOTENCY_COLLECTION].index_information()

        expiring = [
            spec
            for spec in indexes.values()
            if [key for key, _ in spec["key"]] == ["created_at"] and "expireAfterSeconds" in spec
        ]
        assert [spec["expireAfterSeconds"] for spec in expiring] == [3600]
