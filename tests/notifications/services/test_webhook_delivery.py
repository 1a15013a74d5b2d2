"""One webhook attempt against scripted answers: success, retry, giving up, disabling."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from services.notifications.domain.webhooks import Endpoint, EventFilter
from services.notifications.services.webhook_delivery import WebhookSender
from tests.notifications.fakes import (
    FakeAttempts,
    FakeEndpoints,
    FakeQueue,
    FakeWebhookHttp,
    failure,
)
from tests.support.clock import FixedClock

HOME = "1261011"
SETTINGS = SimpleNamespace(
    webhook_retry_base_seconds=30.0,
    webhook_retry_max_seconds=3600.0,
    webhook_disable_after_failures=3,
)
CLOCK = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))


class Scene:
    """A sender with one enabled endpoint and a scripted HTTP side."""

    def __init__(self, *outcomes: Any, failures: int = 0) -> None:
        self.endpoints, self.queue = FakeEndpoints(), FakeQueue()
        self.attempts, self.http = FakeAttempts(), FakeWebhookHttp(list(outcomes))
        self.disabled: list[tuple[str, int]] = []
        self.endpoint = Endpoint(
            id="endpoint-1",
            tenant_id=HOME,
            url="https://hooks.example.org/in",
            description="",
            event_filter=EventFilter(("*",)),
            secret="whsec_x",
            owner="owner",
            enabled=True,
            consecutive_failures=failures,
            created_at=datetime(2026, 11, 23, tzinfo=UTC),
        )
        self.endpoints.items[self.endpoint.id] = self.endpoint

        async def disable(endpoint: Endpoint, count: int) -> None:
            self.disabled.append((endpoint.id, count))

        self.sender = WebhookSender(
            endpoints=self.endpoints,  # type: ignore[arg-type]
            queue=self.queue,  # type: ignore[arg-type]
            attempts=self.attempts,  # type: ignore[arg-type]
            http=self.http,  # type: ignore[arg-type]
            settings=SETTINGS,  # type: ignore[arg-type]
            disable=disable,
            clock=CLOCK,
        )

    def claimed(self, attempt: int = 1, limit: int = 5) -> dict[str, Any]:
        return {
            "_id": "msg_1",
            "tenant_id": HOME,
            "endpoint_id": self.endpoint.id,
            "payload": "{}",
            "attempts": attempt,
            "attempt_limit": limit,
        }


async def test_a_2xx_answer_settles_the_delivery_and_clears_the_failures() -> None:
    scene = Scene(failures=2)

    await scene.sender.process(scene.claimed())

    assert scene.queue.last()["state"] == "succeeded"
    assert scene.endpoints.items["endpoint-1"].consecutive_failures == 0
    assert [a["attempt"] for a in scene.attempts.documents] == [1]


async def test_a_failed_attempt_waits_longer_before_the_next() -> None:
    scene = Scene(failure(503))

    await scene.sender.process(scene.claimed(attempt=1))

    changes = scene.queue.last()
    assert "state" not in changes  # still queued
    assert changes["due_at"] > CLOCK.timestamp()
    assert (changes["last_status"], changes["last_error"]) == (503, "HTTP 503")


async def test_the_last_allowed_attempt_fails_the_delivery() -> None:
    scene = Scene(failure())

    await scene.sender.process(scene.claimed(attempt=5, limit=5))

    assert scene.queue.last()["state"] == "failed"


async def test_an_endpoint_failing_again_and_again_is_disabled() -> None:
    scene = Scene(failure(), failures=2)

    await scene.sender.process(scene.claimed())

    assert scene.disabled == [("endpoint-1", 3)]


async def test_a_disabled_endpoint_is_skipped_without_a_call() -> None:
    scene = Scene()
    scene.endpoints.items["endpoint-1"] = Endpoint(**{**scene.endpoint.__dict__, "enabled": False})

    await scene.sender.process(scene.claimed())

    assert scene.queue.last()["state"] == "skipped"
    assert scene.http.calls == []


async def test_a_claim_past_its_limit_fails_without_a_call() -> None:
    scene = Scene()

    await scene.sender.process(scene.claimed(attempt=6, limit=5))

    assert scene.queue.last()["state"] == "failed"
    assert scene.http.calls == []
