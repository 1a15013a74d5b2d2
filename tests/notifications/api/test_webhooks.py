"""Webhooks: signed (Standard Webhooks), retried under one id, disabled when failing, replayed."""

from __future__ import annotations

from typing import Any

import pytest
from standardwebhooks import Webhook

from tests.notifications.conftest import (
    Headers,
    People,
    Publish,
    WebhookReceiver,
    inbox_eventually,
    settled,
)
from tests.support.http import problem
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.producers.consultations import consultation_opened
from tests.support.producers.grants import competition_announced
from tests.support.services import ServiceClient

ANNOUNCED = "pl.ngo.grants.competition.announced"


@pytest.fixture
def integration(people: People, tenant_id: str) -> Headers:
    """The municipality's website integration."""
    return people.headers(tenant_id, "integration", subject=f"website-{tenant_id}")


async def _register(
    notifications: ServiceClient, headers: Headers, url: str, event_types: list[str]
) -> dict[str, Any]:
    body = {"url": url, "event_types": event_types, "description": "Strona gminy"}
    answer = await notifications.post("/webhooks/endpoints", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    endpoint: dict[str, Any] = answer.json()
    return endpoint


async def _deliveries(
    notifications: ServiceClient, headers: Headers, endpoint_id: str
) -> list[dict[str, Any]]:
    answer = await notifications.get(
        f"/webhooks/endpoints/{endpoint_id}/deliveries", headers=headers
    )
    assert answer.status_code == 200, answer.text
    found: list[dict[str, Any]] = answer.json()
    return found


async def _requests(receiver: WebhookReceiver, count: int) -> None:
    async def arrived() -> None:
        assert len(receiver.requests) >= count, len(receiver.requests)

    await eventually(arrived, timeout=20)


class TestRegistration:
    async def test_answers_with_the_signing_secret_once(
        self, notifications: ServiceClient, integration: Headers, receiver: WebhookReceiver
    ) -> None:
        endpoint = await _register(notifications, integration, receiver.url, [ANNOUNCED])

        assert endpoint["secret"].startswith("whsec_")
        assert endpoint["enabled"] is True
        again = await notifications.get(
            f"/webhooks/endpoints/{endpoint['id']}", headers=integration
        )
        assert again.json()["secret"] is None

    async def test_keeps_the_secret_only_sealed_at_rest(
        self, notifications: ServiceClient, integration: Headers, receiver: WebhookReceiver
    ) -> None:
        endpoint = await _register(notifications, integration, receiver.url, [ANNOUNCED])

        stored = await notifications.database["webhook_endpoints"].find_one({"_id": endpoint["id"]})

        assert stored is not None
        assert endpoint["secret"] not in repr(stored)
        assert endpoint["secret"].removeprefix("whsec_") not in repr(stored)

    async def test_an_event_type_nobody_publishes_is_refused(
        self, notifications: ServiceClient, integration: Headers, receiver: WebhookReceiver
    ) -> None:
        body = {"url": receiver.url, "event_types": ["pl.ngo.astrology.*"]}

        answer = await notifications.post("/webhooks/endpoints", json=body, headers=integration)

        assert problem(answer, 422)["errors"][0]["field"] == "body.event_types"

    async def test_an_ngo_member_may_not_register(
        self,
        notifications: ServiceClient,
        people: People,
        tenant_id: str,
        receiver: WebhookReceiver,
    ) -> None:
        member = people.headers(tenant_id, "ngo_member")
        body = {"url": receiver.url, "event_types": [ANNOUNCED]}

        problem(await notifications.post("/webhooks/endpoints", json=body, headers=member), 403)

    async def test_another_municipalitys_endpoint_is_not_found(
        self,
        notifications: ServiceClient,
        integration: Headers,
        people: People,
        receiver: WebhookReceiver,
    ) -> None:
        endpoint = await _register(notifications, integration, receiver.url, [ANNOUNCED])
        outsider = people.headers(new_tenant_id(), "integration")

        answer = await notifications.get(f"/webhooks/endpoints/{endpoint['id']}", headers=outsider)

        problem(answer, 404)


class TestSignedDelivery:
    async def test_the_receiver_verifies_the_signature_and_reads_the_event(
        self,
        notifications: ServiceClient,
        publish: Publish,
        integration: Headers,
        receiver: WebhookReceiver,
        tenant_id: str,
    ) -> None:
        endpoint = await _register(notifications, integration, receiver.url, ["pl.ngo.grants.*"])
        announced = competition_announced(title="Kultura w parku")

        record = await publish(announced, tenant_id)

        await _requests(receiver, 1)
        [request] = receiver.requests
        payload = Webhook(endpoint["secret"]).verify(request.body, request.headers)
        assert payload["type"] == ANNOUNCED
        assert payload["id"] == record.headers["ce_id"]
        assert payload["tenant_id"] == tenant_id
        assert payload["data"]["title"] == "Kultura w parku"
        assert request.headers["webhook-id"].startswith("msg_")

    async def test_events_outside_the_filter_are_not_sent(
        self,
        notifications: ServiceClient,
        publish: Publish,
        integration: Headers,
        receiver: WebhookReceiver,
        tenant_id: str,
    ) -> None:
        await _register(notifications, integration, receiver.url, ["pl.ngo.consultations.*"])
        await publish(competition_announced(), tenant_id)
        await publish(consultation_opened(), tenant_id)

        await _requests(receiver, 1)
        await settled(notifications)

        assert [r.headers["content-type"] for r in receiver.requests] == ["application/json"]
        assert b"pl.ngo.consultations.consultation.opened" in receiver.requests[0].body

    async def test_a_duplicated_event_is_delivered_once(
        self,
        notifications: ServiceClient,
        publish: Publish,
        integration: Headers,
        receiver: WebhookReceiver,
        tenant_id: str,
    ) -> None:
        endpoint = await _register(notifications, integration, receiver.url, [ANNOUNCED])
        announced = competition_announced()
        record = await publish(announced, tenant_id)
        await publish(announced, tenant_id, event_id=record.headers["ce_id"])
        await publish(competition_announced(), tenant_id)  # a sentinel behind the copy

        await _requests(receiver, 2)
        await settled(notifications)

        # Distinct deliveries: a call retried after the 2 s test timeout on a loaded machine
        # comes again under its own webhook-id, a duplicated event would come under a new one.
        assert len({r.headers["webhook-id"] for r in receiver.requests}) == 2
        assert len(await _deliveries(notifications, integration, endpoint["id"])) == 2


class TestRetries:
    async def test_failures_are_retried_with_the_same_webhook_id(
        self,
        notifications: ServiceClient,
        publish: Publish,
        integration: Headers,
        receiver: WebhookReceiver,
        tenant_id: str,
    ) -> None:
        receiver.script = [500, 503]
        endpoint = await _register(notifications, integration, receiver.url, [ANNOUNCED])

        await publish(competition_announced(), tenant_id)

        await _requests(receiver, 3)
        ids = {r.headers["webhook-id"] for r in receiver.requests}
        assert len(ids) == 1
        for request in receiver.requests:
            Webhook(endpoint["secret"]).verify(request.body, request.headers)
        await settled(notifications)
        [delivery] = await _deliveries(notifications, integration, endpoint["id"])
        assert delivery["id"] == ids.pop()
        assert (delivery["state"], delivery["attempts"]) == ("succeeded", 3)
        log = (
            await notifications.get(f"/webhooks/deliveries/{delivery['id']}", headers=integration)
        ).json()
        assert [a["status_code"] for a in log["attempt_log"]] == [500, 503, 200]


class TestFailingEndpoint:
    async def test_is_disabled_its_owner_told_and_a_replay_goes_out_once_enabled(
        self,
        notifications: ServiceClient,
        publish: Publish,
        integration: Headers,
        receiver: WebhookReceiver,
        tenant_id: str,
    ) -> None:
        receiver.script = [500] * 4
        endpoint = await _register(notifications, integration, receiver.url, [ANNOUNCED])
        await publish(competition_announced(), tenant_id)

        [item] = await inbox_eventually(notifications, integration, 1)
        assert item["kind"] == "webhook_disabled"
        assert item["title"] == "Webhook wyłączony"
        state = await notifications.get(
            f"/webhooks/endpoints/{endpoint['id']}", headers=integration
        )
        assert state.json()["enabled"] is False
        [delivery] = await _deliveries(notifications, integration, endpoint["id"])
        assert delivery["state"] == "failed"
        replay = f"/webhooks/deliveries/{delivery['id']}/replay"
        problem(await notifications.post(replay, headers=integration), 409)

        enabled = await notifications.post(
            f"/webhooks/endpoints/{endpoint['id']}/enable", headers=integration
        )
        assert enabled.json()["enabled"] is True
        answer = await notifications.post(replay, headers=integration)

        assert answer.status_code == 202, answer.text
        await _requests(receiver, 5)
        assert {r.headers["webhook-id"] for r in receiver.requests} == {delivery["id"]}
        await settled(notifications)
        [done] = await _deliveries(notifications, integration, endpoint["id"])
        assert (done["state"], done["attempts"], done["replays"]) == ("succeeded", 5, 1)
