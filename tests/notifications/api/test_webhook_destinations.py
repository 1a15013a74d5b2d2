"""Webhook endpoints must be https:// and resolve to public addresses (SSRF), by default."""

from __future__ import annotations

import pytest

from tests.conftest import AppClientFactory
from tests.notifications.conftest import Headers, People, Publish
from tests.notifications.fake_dns import FakeDns
from tests.support.http import problem
from tests.support.polling import eventually
from tests.support.producers.grants import competition_announced
from tests.support.services import ServiceClient


@pytest.fixture
async def notifications(app_client: AppClientFactory) -> ServiceClient:
    """The service with the operator's defaults: no private addresses, https only."""
    return await app_client("notifications")


@pytest.fixture
def integration(people: People, tenant_id: str) -> Headers:
    return people.headers(tenant_id, "integration")


class TestRefusedDestinations:
    @pytest.mark.parametrize(
        "url",
        [
            "https://127.0.0.1/hook",
            "https://localhost:8443/hook",
            "https://[::1]/hook",
            "https://10.1.2.3/hook",
            "https://192.168.0.10/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://[::ffff:127.0.0.1]/hook",
            "https://0.0.0.0/hook",
            "https://[64:ff9b::a9fe:a9fe]/latest/meta-data",
            "https://[64:ff9b:1::a00:1]/hook",
            "https://[2002:a00:1::1]/hook",
            "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook",
            "https://[::a00:1]/hook",
            "https://100.64.0.1/hook",
            "https://240.0.0.1/hook",
            "https://[ff02::1]/hook",
        ],
    )
    async def test_private_loopback_and_link_local_addresses(
        self, notifications: ServiceClient, integration: Headers, url: str
    ) -> None:
        body = {"url": url, "event_types": ["*"]}

        answer = await notifications.post("/webhooks/endpoints", json=body, headers=integration)

        [error] = problem(answer, 422)["errors"]
        assert (error["field"], error["code"]) == ("body.url", "address-not-allowed")

    @pytest.mark.parametrize(
        "url",
        ["http://93.184.215.14/hook", "ftp://93.184.215.14/", "https://user:pw@93.184.215.14/"],
    )
    async def test_plain_http_other_schemes_and_credentials(
        self, notifications: ServiceClient, integration: Headers, url: str
    ) -> None:
        body = {"url": url, "event_types": ["*"]}

        answer = await notifications.post("/webhooks/endpoints", json=body, headers=integration)

        assert problem(answer, 422)["errors"][0]["field"] == "body.url"

    async def test_a_host_that_does_not_resolve(
        self, notifications: ServiceClient, integration: Headers
    ) -> None:
        body = {"url": "https://no-such-host.invalid/hook", "event_types": ["*"]}

        answer = await notifications.post("/webhooks/endpoints", json=body, headers=integration)

        assert problem(answer, 422)["errors"][0]["code"] == "host-unknown"


class TestAcceptedDestination:
    async def test_a_public_address(
        self, notifications: ServiceClient, integration: Headers
    ) -> None:
        body = {"url": "https://93.184.215.14/hook", "event_types": ["pl.ngo.registry.*"]}

        answer = await notifications.post("/webhooks/endpoints", json=body, headers=integration)

        assert answer.status_code == 201, answer.text


class TestDnsRebinding:
    @pytest.mark.parametrize(
        "answers", [("64:ff9b::7f00:1",), ("93.184.215.14", "10.0.0.7"), ("2002:7f00:1::1",)]
    )
    async def test_a_name_with_any_refused_address_is_refused(
        self,
        notifications: ServiceClient,
        integration: Headers,
        dns: FakeDns,
        answers: tuple[str, ...],
    ) -> None:
        dns.answer("hooks.gmina.test", *answers)
        body = {"url": "https://hooks.gmina.test/hook", "event_types": ["*"]}

        answer = await notifications.post("/webhooks/endpoints", json=body, headers=integration)

        assert problem(answer, 422)["errors"][0]["code"] == "address-not-allowed"

    async def test_a_name_that_turns_private_after_registration_is_not_called(
        self,
        notifications: ServiceClient,
        integration: Headers,
        publish: Publish,
        dns: FakeDns,
        tenant_id: str,
    ) -> None:
        dns.answer("hooks.gmina.test", "93.184.215.14")
        body = {"url": "https://hooks.gmina.test/hook", "event_types": ["*"]}
        answer = await notifications.post("/webhooks/endpoints", json=body, headers=integration)
        assert answer.status_code == 201, answer.text
        endpoint_id = answer.json()["id"]
        dns.answer("hooks.gmina.test", "169.254.169.254")

        await publish(competition_announced(), tenant_id)

        async def refused() -> None:
            listed = await notifications.get(
                f"/webhooks/endpoints/{endpoint_id}/deliveries", headers=integration
            )
            [delivery] = listed.json() or [None]
            assert delivery is not None
            assert (delivery["last_error"] or "").startswith("refused:"), delivery

        await eventually(refused, timeout=20)
