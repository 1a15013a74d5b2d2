"""A webhook call connects to the address that was checked, never to a fresh DNS answer."""

from __future__ import annotations

from tests.notifications.conftest import Headers, People, Publish, WebhookReceiver
from tests.notifications.fake_dns import FakeDns
from tests.support.polling import eventually
from tests.support.producers.grants import competition_announced
from tests.support.services import ServiceClient

ANNOUNCED = "pl.ngo.grants.competition.announced"


class TestPinnedAddress:
    async def test_the_call_goes_to_the_checked_address_with_the_registered_host(
        self,
        notifications: ServiceClient,
        people: People,
        publish: Publish,
        receiver: WebhookReceiver,
        dns: FakeDns,
        tenant_id: str,
    ) -> None:
        dns.answer("hooks.gmina.test", "127.0.0.1")
        integration: Headers = people.headers(tenant_id, "integration")
        url = f"http://hooks.gmina.test:{receiver.port}/hook"
        body = {"url": url, "event_types": [ANNOUNCED]}
        answer = await notifications.post("/webhooks/endpoints", json=body, headers=integration)
        assert answer.status_code == 201, answer.text

        await publish(competition_announced(), tenant_id)

        async def arrived() -> None:
            assert receiver.requests

        await eventually(arrived, timeout=20)
        assert receiver.requests[0].headers["host"] == f"hooks.gmina.test:{receiver.port}"
        assert dns.asked == ["hooks.gmina.test", "hooks.gmina.test"]
