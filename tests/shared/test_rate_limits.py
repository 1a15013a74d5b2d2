"""Rate limits: anonymous and resident writes and public reads answer 429 once over the limit."""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import pytest

from tests.conftest import AppClientFactory
from tests.consultations.conftest import comment_payload, open_consultation
from tests.support.auth import TokenFactory, bearer
from tests.support.factories import organization_payload
from tests.support.http import problem
from tests.support.namespace import new_tenant_id
from tests.support.services import ServiceClient
from tests.support.tenants import onboard_with

# Low limits for this module only; the test client's peer (127.0.0.1) is a trusted proxy,
# so each test speaks from addresses of its own through X-Forwarded-For.
LIMITS: dict[str, Any] = {
    "rate_limit_writes": "3/minute",
    "rate_limit_public_reads": "5/minute",
    "rate_limit_exports": "2/minute",
    "http_trusted_proxies": "127.0.0.1",
}
_addresses = (f"198.51.100.{n}" for n in itertools.count(1))


def from_new_address(**headers: str) -> dict[str, str]:
    """Return headers of a request a trusted proxy forwards from an address no test used."""
    return {"X-Forwarded-For": next(_addresses), **headers}


async def statuses(client: httpx.AsyncClient, times: int, *args: Any, **kwargs: Any) -> list[int]:
    """Send one request `times` times; return the statuses."""
    method, url = args
    return [(await client.request(method, url, **kwargs)).status_code for _ in range(times)]


@pytest.fixture
async def registry(app_client: AppClientFactory) -> ServiceClient:
    return await app_client("registry", **LIMITS)


class TestPublicReads:
    async def test_the_search_answers_429_with_retry_after_once_an_address_is_over(
        self, registry: ServiceClient
    ) -> None:
        headers = from_new_address()

        allowed = await statuses(registry, 5, "GET", "/public/organizations", headers=headers)
        answer = await registry.get("/public/organizations", headers=headers)

        assert allowed == [200] * 5
        body = problem(answer, 429)
        assert body["title"] == "Zbyt wiele żądań"
        assert 1 <= int(answer.headers["Retry-After"]) <= 60
        assert body["retry_after"] == int(answer.headers["Retry-After"])

    async def test_answers_in_english_on_request(self, registry: ServiceClient) -> None:
        headers = from_new_address(**{"Accept-Language": "en"})
        await statuses(registry, 5, "GET", "/public/organizations", headers=headers)

        answer = await registry.get("/public/organizations", headers=headers)

        assert problem(answer, 429)["title"] == "Too many requests"

    async def test_another_address_keeps_its_own_budget(self, registry: ServiceClient) -> None:
        await statuses(registry, 6, "GET", "/public/organizations", headers=from_new_address())

        answer = await registry.get("/public/organizations", headers=from_new_address())

        assert answer.status_code == 200

    async def test_the_csv_export_has_a_tighter_limit(self, registry: ServiceClient) -> None:
        headers = from_new_address()

        allowed = await statuses(registry, 2, "GET", "/public/organizations.csv", headers=headers)
        answer = await registry.get("/public/organizations.csv", headers=headers)

        assert allowed == [200, 200]
        problem(answer, 429)

    async def test_the_atom_feed_is_limited(self, registry: ServiceClient) -> None:
        url = f"/public/municipalities/{new_tenant_id()}/organizations.atom"
        headers = from_new_address()

        allowed = await statuses(registry, 5, "GET", url, headers=headers)
        answer = await registry.get(url, headers=headers)

        assert 429 not in allowed
        problem(answer, 429)

    async def test_an_untrusted_peer_cannot_escape_by_forging_x_forwarded_for(
        self, registry: ServiceClient
    ) -> None:
        transport = httpx.ASGITransport(app=registry.app, client=("203.0.113.9", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://registry") as other:
            answers = [
                await other.get("/public/organizations", headers=from_new_address())
                for _ in range(6)
            ]

        assert [a.status_code for a in answers] == [200] * 5 + [429]


class TestSelfRegistration:
    async def test_an_ngo_member_is_limited_per_subject_whatever_the_address(
        self, registry: ServiceClient, token: TokenFactory
    ) -> None:
        tenant_id = await onboard_with(registry, token, new_tenant_id())
        member = bearer(token(tenant_id=tenant_id, roles=["ngo_member"]))
        answers = [
            await registry.post(
                "/organizations", json=organization_payload(), headers=from_new_address(**member)
            )
            for _ in range(4)
        ]

        assert [a.status_code for a in answers[:3]] == [201] * 3
        problem(answers[3], 429)

    async def test_a_token_without_a_role_is_limited_too(
        self, registry: ServiceClient, token: TokenFactory
    ) -> None:
        resident = from_new_address(**bearer(token(tenant_id=new_tenant_id(), roles=[])))

        answers = [
            await registry.post("/organizations", json=organization_payload(), headers=resident)
            for _ in range(4)
        ]

        assert 429 not in [a.status_code for a in answers[:3]]
        problem(answers[3], 429)

    async def test_an_officer_registering_the_local_list_is_not_limited(
        self, registry: ServiceClient, token: TokenFactory
    ) -> None:
        tenant_id = await onboard_with(registry, token, new_tenant_id())
        officer = from_new_address(**bearer(token(tenant_id=tenant_id)))

        answers = [
            await registry.post("/organizations", json=organization_payload(), headers=officer)
            for _ in range(5)
        ]

        assert [a.status_code for a in answers] == [201] * 5


class TestOtherServices:
    async def test_a_resident_flooding_a_consultation_with_comments_gets_429(
        self, app_client: AppClientFactory, token: TokenFactory
    ) -> None:
        consultations = await app_client("consultations", **LIMITS)
        tenant_id = new_tenant_id()
        consultation = await open_consultation(consultations, bearer(token(tenant_id=tenant_id)))
        resident = from_new_address(**bearer(token(tenant_id=tenant_id, roles=[])))
        url = f"/consultations/{consultation['id']}/comments"

        answers = [
            await consultations.post(url, json=comment_payload(), headers=resident)
            for _ in range(4)
        ]

        assert [a.status_code for a in answers[:3]] == [201] * 3
        problem(answers[3], 429)

    async def test_consultations_public_reads_are_limited(
        self, app_client: AppClientFactory
    ) -> None:
        consultations = await app_client("consultations", **LIMITS)
        url = f"/public/municipalities/{new_tenant_id()}/consultations"
        headers = from_new_address()

        allowed = await statuses(consultations, 5, "GET", url, headers=headers)

        assert 429 not in allowed
        problem(await consultations.get(url, headers=headers), 429)

    async def test_grants_small_grant_comments_and_public_reads_are_limited(
        self, app_client: AppClientFactory
    ) -> None:
        grants = await app_client("grants", **LIMITS)
        base = f"/public/municipalities/{new_tenant_id()}"
        writer, reader = from_new_address(), from_new_address()
        comment = {"text": "Dobry pomysł.", "author_name": "Jan"}

        written = await statuses(
            grants, 4, "POST", f"{base}/small-grants/x/comments", json=comment, headers=writer
        )
        read = await statuses(grants, 6, "GET", f"{base}/competitions.atom", headers=reader)

        assert 429 not in written[:3] and written[3] == 429
        assert 429 not in read[:5] and read[5] == 429

    @pytest.mark.parametrize("method", ["GET", "POST"])
    async def test_notifications_unsubscribe_is_limited(
        self, app_client: AppClientFactory, method: str
    ) -> None:
        notifications = await app_client("notifications", **LIMITS)
        headers = from_new_address()
        url = "/unsubscribe?token=forged-token-0123456789"

        tried = await statuses(notifications, 3, method, url, headers=headers)
        answer = await notifications.request(method, url, headers=headers)

        assert 429 not in tried
        problem(answer, 429)
