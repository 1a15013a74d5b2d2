"""End-to-end flow: registrations POSTed to registry until their items show in the inbox."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Sequence

import httpx

from bench.catalog import BenchContext, Result, benchmark
from bench.child import run_in_child
from bench.environment import stack_cpu
from bench.load import PostPlan, post_registrations
from bench.payload import organization_body, stored_counts, wait_tenant_known
from bench.stats import Op, errors_of, latency_ms, rate, summarize_ops
from bench.watcher import InboxWatcher

__all__ = ["flow"]

WARM_UP = 5
WARM_UP_POLLS = 600  # a minute at 0.1 s
IDLE_GIVE_UP = 30.0  # seconds without a new inbox item after the load ends
PACED_SHARE = 0.5  # of the saturated rate: arrivals the pipeline keeps up with
PACED_MIN_COUNT = 50


@benchmark("flow", "registry → outbox → Kafka → notifications: POST to inbox item visible")
async def flow(ctx: BenchContext) -> Result:
    """Measure events/s and POST-answer→inbox-item latency of the registration flow."""
    deadline = time.monotonic() + ctx.settings.time_limit
    await _warm_up(ctx)
    # First as fast as the load generator can: throughput, latency that includes queueing.
    cpu_before, started = stack_cpu(ctx.stack), time.monotonic()
    plan, ops, watcher = await _phase(ctx, deadline, share=0.6, per_second=None)
    result = _result(ctx, plan, ops, watcher)
    result["cpu"] = _cpu_per_event(
        cpu_before, stack_cpu(ctx.stack), time.monotonic() - started, result["errors"]["delivered"]
    )
    # Then at half that rate: the latency of one registration when nothing queues.
    saturated = result["metrics"]["events_per_s"] or 1.0
    per_second = max(1.0, round(saturated * PACED_SHARE, 1))
    paced_plan, paced_ops, paced_watcher = await _phase(
        ctx, deadline, share=0.9, per_second=per_second
    )
    result["metrics"].update(_paced_metrics(paced_plan, paced_ops, paced_watcher))
    result["stored"] = {
        service: await stored_counts(ctx.mongodb_uri, ctx.service_database(service))
        for service in ("registry", "notifications")
    }
    return result


async def _phase(
    ctx: BenchContext, deadline: float, *, share: float, per_second: float | None
) -> tuple[PostPlan, list[Op], InboxWatcher]:
    """POST registrations in a fresh tenant and watch its inbox until they all arrived."""
    tenant = await ctx.onboarded_tenant()
    # Outside the clock: the first registrations would otherwise wait, parked, for it.
    await wait_tenant_known(ctx.mongodb_uri, ctx.service_database("notifications"), tenant)
    count = ctx.settings.n if per_second is None else max(PACED_MIN_COUNT, ctx.settings.n // 5)
    plan = PostPlan(
        registry_url=ctx.stack.url("registry"),
        token=ctx.officer_token(tenant),
        count=count,
        concurrency=ctx.settings.concurrency,
        # Leaves time for the pipeline to drain before the benchmark's deadline.
        time_limit=(deadline - time.monotonic()) * share * 0.8,
        name_prefix=f"Fundacja Benchmarkowa {uuid.uuid4().hex[:8]}",
        per_second=per_second,
    )
    phase_deadline = time.monotonic() + (deadline - time.monotonic()) * share
    async with _inbox_client(ctx, plan.token) as client:
        watcher = InboxWatcher(client, ctx.settings.poll_interval)
        ops = await _load_while_watching(watcher, plan, phase_deadline)
    return plan, ops, watcher


def _cpu_per_event(
    before: dict[str, float], after: dict[str, float], seconds: float, events: int
) -> dict[str, object]:
    """Return each stack process's CPU milliseconds per delivered event of the phase."""
    used = {name: after.get(name, 0.0) - spent for name, spent in before.items()}
    per_event = {
        f"ms_per_event.{name}": round(cpu / max(events, 1) * 1000, 2)
        for name, cpu in sorted(used.items(), key=lambda item: -item[1])
    }
    total = sum(used.values())
    return {
        "ms_per_event.stack": round(total / max(events, 1) * 1000, 2),
        **per_event,
        "stack_cores": round(total / seconds, 2) if seconds > 0 else None,
    }


def _paced_metrics(plan: PostPlan, ops: list[Op], watcher: InboxWatcher) -> dict[str, object]:
    created = [o for o in ops if o.value]
    seen = [
        watcher.first_seen[o.value] - o.finished for o in created if o.value in watcher.first_seen
    ]
    return {
        "paced_per_s": plan.per_second,
        "paced_posted": len(ops),
        "paced_delivered": len(seen),
        **latency_ms(seen, "paced_e2e"),
    }


def _inbox_client(ctx: BenchContext, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=ctx.stack.url("notifications"),
        headers={"Authorization": f"Bearer {token}"},
        timeout=10.0,
    )


async def _load_while_watching(watcher: InboxWatcher, plan: PostPlan, deadline: float) -> list[Op]:
    stop = asyncio.Event()
    watching = asyncio.create_task(watcher.run(stop), name="inbox-watcher")
    try:
        ops = await run_in_child(
            post_registrations, plan, time_limit=deadline - time.monotonic(), name="bench-post"
        )
        await _drain(watcher, [o.value for o in ops if o.value], deadline)
    finally:
        stop.set()
        await asyncio.wait_for(watching, 15)  # cancels the watcher if it hangs
    return ops


async def _drain(watcher: InboxWatcher, expected: Sequence[str], deadline: float) -> None:
    """Wait until every expected item was seen, the deadline passes or arrivals stop."""
    last_count, last_change = -1, time.monotonic()
    while time.monotonic() < deadline:
        count = sum(key in watcher.first_seen for key in expected)
        if count == len(expected):
            return
        if count != last_count:
            last_count, last_change = count, time.monotonic()
        elif time.monotonic() - last_change > IDLE_GIVE_UP:
            return
        await asyncio.sleep(0.05)


async def _warm_up(ctx: BenchContext) -> None:
    """Register a few organizations in a throw-away tenant and wait for their inbox items."""
    # Also makes sure the notifications consumer has joined its group before the clock starts.
    tenant = await ctx.onboarded_tenant()
    token = ctx.officer_token(tenant)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=ctx.stack.url("registry"), headers=headers) as client:
        for index in range(WARM_UP):
            answer = await client.post("/organizations", json=organization_body("Warm-up", index))
            answer.raise_for_status()
    async with _inbox_client(ctx, token) as inbox:
        for _ in range(WARM_UP_POLLS):
            if await _inbox_size(inbox) >= WARM_UP:
                return
            await asyncio.sleep(0.1)
    raise TimeoutError("warm-up registrations never reached the inbox")


async def _inbox_size(inbox: httpx.AsyncClient) -> int:
    answer = await inbox.get("/inbox")
    answer.raise_for_status()
    return len(answer.json())


def _result(ctx: BenchContext, plan: PostPlan, ops: list[Op], watcher: InboxWatcher) -> Result:
    created = [o for o in ops if o.value]
    seen = [(o, watcher.first_seen[o.value]) for o in created if o.value in watcher.first_seen]
    # The tenant is fresh: an item for an id no 2xx answer gave is a failed request's write.
    unexpected = set(watcher.first_seen) - {o.value for o in created}
    first_post = min((o.started for o in ops), default=0.0)
    last_seen = max((when for _, when in seen), default=first_post)
    errors = errors_of(ops)
    return {
        "params": _params(ctx, plan),
        "metrics": {
            "events_per_s": rate(len(seen), last_seen - first_post),
            "flow_window_s": round(last_seen - first_post, 3),
            **latency_ms([when - o.finished for o, when in seen], "e2e"),
            **summarize_ops(ops, "post"),
        },
        "errors": {
            "posted": len(ops),
            "created": len(created),
            "delivered": len(seen),
            "not_delivered": len(created) - len(seen),
            "not_posted": plan.count - len(ops),
            "unexpected_items": len(unexpected),
            **errors["by_kind"],
            "samples": errors["samples"],
        },
        "poller": watcher.stats(),
        "notes": _NOTES,
    }


def _params(ctx: BenchContext, plan: PostPlan) -> dict[str, object]:
    return {
        "n": plan.count,
        "concurrency": plan.concurrency,
        "poll_interval_ms": round(ctx.settings.poll_interval * 1000, 1),
        "load_generator": "separate process, httpx, closed loop",
        "body": "name + legal_form (no KRS/NIP/REGON)",
    }


_NOTES = [
    "events_per_s: delivered items ÷ (first POST sent → last inbox item seen).",
    "cpu: CPU time of each stack process over the saturated phase (its tenant's set-up and"
    " the drain included, not the load generator) ÷ delivered items.",
    "e2e latency: POST answer received → first poll answer listing the item (an upper bound; "
    "resolution ≈ poll interval + poll request time). In the closed loop, POSTs arrive faster "
    "than notifications consumes, so it includes the time queued behind earlier events.",
    "paced_*: a second tenant, registrations POSTed at a fixed rate of half events_per_s "
    "(open loop, n/5 of them): the latency of one registration when nothing queues.",
    "post_per_s / post latency: registry HTTP answers alone (its transaction included).",
    "stored: documents per collection after the flow (warm-up included): what one "
    "registration writes at this commit.",
    "Each event costs a registry transaction and a notifications transaction (separate "
    "databases, one NX-27017 process) plus the relay's reads and updates.",
]
