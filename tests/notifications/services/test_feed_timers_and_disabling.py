"""The webhook feed, the reminder timers and disabling a failing endpoint, over fakes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from services.notifications.domain.notice import Notice
from services.notifications.domain.notices import NoticeWriter
from services.notifications.domain.reminders import Reminder
from services.notifications.domain.webhooks import Endpoint, EventFilter
from services.notifications.domain.wording import Wording
from services.notifications.services.reminders import ReminderServices
from services.notifications.services.webhook_feed import WebhookFeed
from services.notifications.services.webhooks import EndpointDisabler
from shared.events import ReceivedEvent
from shared.tenancy import TenantContext
from tests.notifications.domain.factories import HOME, notice
from tests.notifications.fakes import FakeDeliveries, FakeEndpoints
from tests.support.clock import FixedClock
from tests.support.fakes import FakeTransactionRunner, Snapshotted

AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
ANNOUNCED = "pl.ngo.grants.competition.announced"


def endpoint(id: str, *patterns: str, tenant_id: str = HOME, enabled: bool = True) -> Endpoint:
    """Return an endpoint wanting `patterns`."""
    return Endpoint(
        id=id,
        tenant_id=tenant_id,
        url=f"https://{id}.example.org/",
        description="",
        event_filter=EventFilter(patterns),
        secret="whsec_x",
        owner="owner",
        enabled=enabled,
        consecutive_failures=0,
        created_at=AT,
    )


def event(type: str = ANNOUNCED, tenant_id: str = HOME, id: str = "event-1") -> ReceivedEvent:
    """Return a consumed event."""
    return ReceivedEvent(
        id=id,
        source="grants",
        type=type,
        time=AT,
        subject="competition-1",
        tenant_id=tenant_id,
        correlation_id="c-1",
        data={"competition_id": "competition-1"},
    )


class TestFeed:
    async def test_each_enabled_endpoint_that_wants_the_type_gets_one_delivery(self) -> None:
        endpoints, deliveries = FakeEndpoints(), FakeDeliveries()
        for e in (
            endpoint("all", "*"),
            endpoint("grants", "pl.ngo.grants.*"),
            endpoint("registry", "pl.ngo.registry.*"),
            endpoint("off", "*", enabled=False),
            endpoint("elsewhere", "*", tenant_id="1465011"),
        ):
            await endpoints.add(e, None)
        feed = WebhookFeed(endpoints, deliveries, 5, FixedClock(AT))  # type: ignore[arg-type]

        queued = await feed.enqueue(event(), None)  # type: ignore[arg-type]

        assert queued == 2
        assert sorted(d["endpoint_id"] for d in deliveries.documents.values()) == ["all", "grants"]

    async def test_the_same_event_again_makes_no_second_delivery(self) -> None:
        endpoints, deliveries = FakeEndpoints(), FakeDeliveries()
        await endpoints.add(endpoint("all", "*"), None)
        feed = WebhookFeed(endpoints, deliveries, 5, FixedClock(AT))  # type: ignore[arg-type]

        await feed.enqueue(event(), None)  # type: ignore[arg-type]
        await feed.enqueue(event(), None)  # type: ignore[arg-type]

        assert len(deliveries.documents) == 1

    async def test_the_body_is_the_standard_webhooks_shape(self) -> None:
        endpoints, deliveries = FakeEndpoints(), FakeDeliveries()
        await endpoints.add(endpoint("all", "*"), None)
        feed = WebhookFeed(endpoints, deliveries, 5, FixedClock(AT))  # type: ignore[arg-type]

        await feed.enqueue(event(), None)  # type: ignore[arg-type]

        [delivery] = deliveries.documents.values()
        body = json.loads(delivery["payload"])
        assert (body["type"], body["data"], body["tenant_id"]) == (
            ANNOUNCED,
            {"competition_id": "competition-1"},
            HOME,
        )
        assert (delivery["attempt_limit"], delivery["due_at"]) == (5, AT.timestamp())


@dataclass
class FakeFanout(Snapshotted):
    """Delivers notices into a list, once per notice key (as the notice log does)."""

    delivered: list[Notice] = field(default_factory=list)

    async def deliver(self, notice: Notice, session: Any) -> int:
        if any(n.key == notice.key for n in self.delivered):
            return 0
        self.delivered.append(notice)
        return 1


@dataclass
class FakeTimers(Snapshotted):
    """Reminder timers by key; a claim succeeds once."""

    timers: dict[str, Reminder] = field(default_factory=dict)
    fired: set[str] = field(default_factory=set)

    async def due(self, now: float, *, limit: int) -> list[Reminder]:
        return [r for r in self.timers.values() if r.due_at.timestamp() <= now][:limit]

    async def claim(self, tenant: TenantContext, key: str, *, now: float, session: Any) -> bool:
        if key in self.fired:
            return False
        self.fired.add(key)
        return True


class TestReminders:
    def scene(self) -> tuple[ReminderServices, FakeTimers, FakeFanout]:
        timers, fanout, self.clock = FakeTimers(), FakeFanout(), FixedClock(AT)
        for hours in (1, 48):
            n = notice(key=f"closing:{hours}")
            timers.timers[n.key] = Reminder(n.key, HOME, "c-1", AT + timedelta(hours=hours), n)
        runner = FakeTransactionRunner(timers, fanout)
        services = ReminderServices(runner, timers, timers, fanout, self.clock)  # type: ignore[arg-type]
        return services, timers, fanout

    async def test_only_due_timers_fire_with_the_moment_they_fired(self) -> None:
        services, _, fanout = self.scene()
        later = AT + timedelta(hours=2)
        self.clock.set(later)

        assert await services.fire_due() == 1
        assert [(n.key, n.occurred_at) for n in fanout.delivered] == [("closing:1", later)]

    async def test_a_timer_fires_once_however_often_asked(self) -> None:
        services, _, fanout = self.scene()
        later = AT + timedelta(hours=2)

        await services.fire_due(now=later)

        assert await services.fire_due(now=later) == 0
        assert len(fanout.delivered) == 1


class TestDisabling:
    async def test_a_failing_endpoint_is_disabled_once_and_its_owner_told(self) -> None:
        endpoints, fanout = FakeEndpoints(), FakeFanout()
        hook = endpoint("flaky", "*")
        await endpoints.add(hook, None)
        disable = EndpointDisabler(
            FakeTransactionRunner(endpoints, fanout),  # type: ignore[arg-type]
            endpoints,  # type: ignore[arg-type]
            fanout,  # type: ignore[arg-type]
            NoticeWriter(Wording(ZoneInfo("Europe/Warsaw"))),
            FixedClock(AT),
        )

        await disable(hook, 5)
        await disable(replace(hook, enabled=False), 6)

        assert endpoints.items["flaky"].enabled is False
        assert "5 consecutive" in str(endpoints.items["flaky"].disabled_reason)
        [told] = fanout.delivered
        assert told.addressees == frozenset({"user:owner"})
