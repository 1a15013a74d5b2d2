"""Webhook endpoint use cases against in-memory stores: limits, tenancy, enabling, replays."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from services.notifications.domain.webhooks import DeliveryState
from services.notifications.services.callers import Callers
from services.notifications.services.webhooks import WebhookServices
from shared.errors import Conflict, InvalidInput, NotFound
from shared.tenancy import Role
from tests.notifications.fakes import (
    FakeAttempts,
    FakeDeliveries,
    FakeEndpoints,
    FakeGuard,
    FakeRecipients,
)
from tests.support.clock import FixedClock
from tests.support.fakes import FakeTransactionRunner
from tests.support.principals import person

HOME, OTHER = "1261011", "1465011"
ANNOUNCED = "pl.ngo.grants.competition.announced"
CLOCK = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))


class Scene:
    """Webhook use cases over fakes, with a few callers."""

    def __init__(self, max_endpoints: int = 3) -> None:
        self.endpoints, self.deliveries = FakeEndpoints(), FakeDeliveries()
        self.attempts, self.guard, self.recipients = FakeAttempts(), FakeGuard(), FakeRecipients()
        self.transactions = FakeTransactionRunner(self.endpoints, self.deliveries)
        self.use_cases = WebhookServices(
            self.endpoints,  # type: ignore[arg-type]
            self.deliveries,  # type: ignore[arg-type]
            self.attempts,  # type: ignore[arg-type]
            self.guard,  # type: ignore[arg-type]
            max_endpoints,
            self.transactions,  # type: ignore[arg-type]
            Callers(self.recipients, CLOCK),  # type: ignore[arg-type]
            CLOCK,
        )
        self.integration = person(HOME, Role.INTEGRATION)
        self.stranger = person(OTHER, Role.INTEGRATION)

    async def register(self, url: str = "https://hooks.example.org/in") -> str:
        endpoint = await self.use_cases.register(
            self.integration, url=url, event_types=["pl.ngo.grants.*"], description=""
        )
        return endpoint.id

    def delivery(self, endpoint_id: str, state: DeliveryState, **changes: object) -> str:
        document = {
            "_id": "msg_1",
            "tenant_id": HOME,
            "endpoint_id": endpoint_id,
            "event_id": "event-1",
            "event_type": ANNOUNCED,
            "payload": "{}",
            "state": state.value,
            "due_at": 0.0,
            "attempts": 2,
            "attempt_limit": 2,
            "replays": 0,
            "created_at": datetime(2026, 11, 23, tzinfo=UTC).timestamp(),
            **changes,
        }
        self.deliveries.documents[document["_id"]] = document
        return document["_id"]


class TestRegistering:
    async def test_an_endpoint_is_stored_with_a_fresh_signing_secret(self) -> None:
        scene = Scene()

        endpoint = await scene.use_cases.register(
            scene.integration, url="https://a.example.org/", event_types=["*"], description="x"
        )

        assert endpoint.secret.startswith("whsec_")
        assert endpoint.created_at == CLOCK.now()
        assert scene.endpoints.items[endpoint.id].owner == scene.integration.subject
        assert scene.transactions.runs == 1

    async def test_a_tenant_at_its_limit_gets_a_409_naming_the_limit(self) -> None:
        scene = Scene(max_endpoints=1)
        await scene.register()

        with pytest.raises(Conflict) as refused:
            await scene.register("https://second.example.org/")

        assert refused.value.extra == {"limit": 1}
        assert len(scene.endpoints.items) == 1

    async def test_the_limit_counts_only_the_tenants_own_endpoints(self) -> None:
        scene = Scene(max_endpoints=1)
        await scene.use_cases.register(
            scene.stranger, url="https://theirs.example.org/", event_types=["*"], description=""
        )

        await scene.register()

        assert len(scene.endpoints.items) == 2

    async def test_a_refused_destination_stores_nothing(self) -> None:
        scene = Scene()
        scene.guard.refused.add("intranet")

        with pytest.raises(InvalidInput):
            await scene.register("https://intranet.local/hook")

        assert scene.endpoints.items == {}

    async def test_an_event_type_no_contract_has_is_refused(self) -> None:
        scene = Scene()

        with pytest.raises(InvalidInput):
            await scene.use_cases.register(
                scene.integration,
                url="https://a.example.org/",
                event_types=["pl.ngo.nope"],
                description="",
            )

        assert scene.endpoints.items == {}


class TestTenancy:
    async def test_another_tenants_endpoint_is_not_found(self) -> None:
        scene = Scene()
        endpoint_id = await scene.register()

        with pytest.raises(NotFound):
            await scene.use_cases.get(scene.stranger, endpoint_id)
        with pytest.raises(NotFound):
            await scene.use_cases.remove(scene.stranger, endpoint_id)
        with pytest.raises(NotFound):
            await scene.use_cases.deliveries_of(scene.stranger, endpoint_id, limit=10)

        assert endpoint_id in scene.endpoints.items

    async def test_the_list_holds_only_the_callers_tenant(self) -> None:
        scene = Scene()
        mine = await scene.register()
        await scene.use_cases.register(
            scene.stranger, url="https://theirs.example.org/", event_types=["*"], description=""
        )

        listed = await scene.use_cases.listed(scene.integration)

        assert [e.id for e in listed] == [mine]

    async def test_another_tenants_delivery_is_not_found(self) -> None:
        scene = Scene()
        delivery_id = scene.delivery(await scene.register(), DeliveryState.FAILED)

        with pytest.raises(NotFound):
            await scene.use_cases.delivery(scene.stranger, delivery_id)
        with pytest.raises(NotFound):
            await scene.use_cases.replay(scene.stranger, delivery_id)


class TestEnablingAndReplaying:
    async def test_enabling_checks_the_destination_again(self) -> None:
        scene = Scene()
        endpoint_id = await scene.register("https://moved.example.org/")
        scene.endpoints.items[endpoint_id] = replace(
            scene.endpoints.items[endpoint_id], enabled=False, disabled_reason="failing"
        )
        scene.guard.refused.add("moved")

        with pytest.raises(InvalidInput):
            await scene.use_cases.enable(scene.integration, endpoint_id)

        assert scene.endpoints.items[endpoint_id].enabled is False

    async def test_an_enabled_endpoint_starts_without_failures(self) -> None:
        scene = Scene()
        endpoint_id = await scene.register()
        scene.endpoints.items[endpoint_id] = replace(
            scene.endpoints.items[endpoint_id], enabled=False, consecutive_failures=9
        )

        enabled = await scene.use_cases.enable(scene.integration, endpoint_id)

        assert (enabled.enabled, enabled.consecutive_failures) == (True, 0)

    async def test_a_finished_delivery_is_queued_once_more(self) -> None:
        scene = Scene()
        delivery_id = scene.delivery(await scene.register(), DeliveryState.FAILED)

        replayed = await scene.use_cases.replay(scene.integration, delivery_id)

        assert (replayed.delivery.state, replayed.delivery.replays) == ("queued", 1)

    async def test_a_delivery_still_waiting_is_not_replayed(self) -> None:
        scene = Scene()
        delivery_id = scene.delivery(await scene.register(), DeliveryState.QUEUED)

        with pytest.raises(Conflict):
            await scene.use_cases.replay(scene.integration, delivery_id)

        assert scene.deliveries.documents[delivery_id]["replays"] == 0

    async def test_a_delivery_to_a_disabled_endpoint_is_not_replayed(self) -> None:
        scene = Scene()
        endpoint_id = await scene.register()
        delivery_id = scene.delivery(endpoint_id, DeliveryState.FAILED)
        scene.endpoints.items[endpoint_id] = replace(
            scene.endpoints.items[endpoint_id], enabled=False
        )

        with pytest.raises(Conflict):
            await scene.use_cases.replay(scene.integration, delivery_id)

        assert scene.deliveries.documents[delivery_id]["state"] == "failed"

    async def test_a_delivery_comes_with_its_attempts_in_order(self) -> None:
        scene = Scene()
        delivery_id = scene.delivery(await scene.register(), DeliveryState.FAILED)
        for attempt in (1, 2):
            await scene.attempts.record(
                {
                    "tenant_id": HOME,
                    "delivery_id": delivery_id,
                    "attempt": attempt,
                    "at": datetime(2026, 11, 23, tzinfo=UTC),
                    "status_code": 500,
                    "error": "HTTP 500",
                    "duration_ms": 3.0,
                }
            )

        log = await scene.use_cases.delivery(scene.integration, delivery_id)

        assert [a.attempt for a in log.attempts] == [1, 2]
        assert log.delivery.id == delivery_id


class TestCallers:
    async def test_each_use_case_makes_its_caller_known_even_when_it_refuses(self) -> None:
        scene = Scene()

        with pytest.raises(NotFound):
            await scene.use_cases.get(scene.stranger, "missing", caller_language="en")

        known = scene.recipients.people[(OTHER, scene.stranger.subject)]
        assert known.language == "en"
