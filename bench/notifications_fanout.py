"""Notifications fan-out: events × subscribers delivered per second, one replica against two.

Each run starts its own notifications processes (`python -m services.notifications`) on the
stack's servers, with a topic prefix, database and consumer group of its own, so the stack's
notifications process never sees the run's events. The run makes `recipients` NGO members
known (each calls the API once), publishes `events` competition announcements as the grants
relay would, and waits until every member got every e-mail at an SMTP sink on loopback.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from pymongo import AsyncMongoClient

from bench.catalog import BenchContext, Result, benchmark
from bench.stats import rate
from deploy.local.servers import free_port
from shared.contracts.grants import CompetitionAnnounced
from shared.events import encode_event

__all__ = ["notifications_fanout"]

REPLICAS = (1, 2)
WARM_UP_EVENTS = 6  # distinct keys: every partition has an owner before the clock starts
READY_TIMEOUT = 60.0
REPOSITORY = Path(__file__).resolve().parents[1]


class MailCounter:
    """An SMTP sink (aiosmtpd, own thread) that notes when each recipient got a message."""

    def __init__(self) -> None:
        self.arrivals: list[tuple[str, float]] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        now = time.monotonic()
        self.arrivals.extend((str(address), now) for address in envelope.rcpt_tos)
        return "250 OK"

    def received(self, domain: str) -> list[float]:
        """Return the arrival times of messages to addresses of `domain`."""
        return [when for address, when in list(self.arrivals) if address.endswith(domain)]


@contextlib.contextmanager
def smtp_sink() -> Iterator[tuple[MailCounter, int]]:
    """Run an SMTP sink on a free loopback port."""
    counter, port = MailCounter(), free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield counter, port
    finally:
        controller.stop()


@dataclass
class Run:
    """One measured configuration: its names, processes and counts."""

    replicas: int
    suffix: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    @property
    def prefix(self) -> str:
        """Return the run's topic prefix."""
        return f"fanout{self.replicas}x{self.suffix}."

    @property
    def database(self) -> str:
        """Return the run's notifications database."""
        return f"notifications_fanout{self.replicas}_{self.suffix}"

    @property
    def domain(self) -> str:
        """Return the e-mail domain of the run's recipients."""
        return f"@r{self.replicas}-{self.suffix}.example.org"


@benchmark(
    "notifications_fanout",
    "events × subscribers fanned out per second (e-mail at an SMTP sink): 1 replica vs 2",
    services=(),  # starts its own notifications replicas on the stack's servers
)
async def notifications_fanout(ctx: BenchContext) -> Result:
    """Measure notifications delivered per second with one and with two replicas."""
    recipients = 10 if ctx.settings.quick else 40
    events = max(1, ctx.settings.n // recipients)
    runs: dict[int, dict[str, Any]] = {}
    with smtp_sink() as (mail, port):
        for replicas in REPLICAS:
            budget = ctx.settings.time_limit / len(REPLICAS) * 0.9
            runs[replicas] = await _measure(
                ctx, Run(replicas), mail, port, events=events, recipients=recipients, budget=budget
            )
    one, two = (runs[r]["metrics"].pop("fanout_per_s") for r in REPLICAS)
    return {
        "params": {
            "events": events,
            "recipients_per_event": recipients,
            "fanouts": events * recipients,
            "partitions": "3 (kafka_topic_partitions)",
            "channels": "inbox item + e-mail per recipient",
        },
        "metrics": {
            "fanout_per_s_1_replica": one,
            "fanout_per_s_2_replicas": two,
            "speedup_2_vs_1": round(two / one, 2) if one and two else None,
            **{f"{k}_{r}r": v for r in REPLICAS for k, v in runs[r]["metrics"].items()},
        },
        "errors": {f"not_delivered_{r}r": runs[r]["not_delivered"] for r in REPLICAS},
        "notes": _NOTES,
    }


async def _measure(
    ctx: BenchContext,
    run: Run,
    mail: MailCounter,
    smtp_port: int,
    *,
    events: int,
    recipients: int,
    budget: float,
) -> dict[str, Any]:
    deadline = time.monotonic() + budget
    tenant = ctx.new_tenant()
    async with _replicas(ctx, run, smtp_port) as urls:
        await _make_known(ctx, urls[0], tenant, run, recipients)
        async with _producer(ctx) as producer:
            await _warm_up(ctx, producer, run)
            started = time.monotonic()
            await _publish(producer, run, tenant, events)
            published = time.monotonic()
            expected = events * recipients
            recorded_at = await _recorded(ctx, run, expected, deadline)
            arrivals = await _arrived(mail, run.domain, expected, deadline)
    last = max(arrivals, default=started)
    return {
        "metrics": {
            "fanout_per_s": rate(len(arrivals), last - started),
            "recorded_per_s": rate(expected, recorded_at - started) if recorded_at else None,
            "publish_s": round(published - started, 3),
            "window_s": round(last - started, 3),
        },
        "not_delivered": expected - len(arrivals),
    }


@contextlib.asynccontextmanager
async def _replicas(ctx: BenchContext, run: Run, smtp_port: int) -> AsyncIterator[list[str]]:
    """Start the run's notifications processes; stop them however the run ends."""
    processes: list[asyncio.subprocess.Process] = []
    urls = []
    log_dir = Path(ctx.stack.data_dir) / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    try:
        for index in range(run.replicas):
            port = free_port()
            with (log_dir / f"fanout-{run.replicas}-{index}.log").open("ab") as log:
                processes.append(
                    await asyncio.create_subprocess_exec(
                        sys.executable,
                        "-m",
                        "services.notifications",
                        env=_environment(ctx, run, port, smtp_port),
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        cwd=REPOSITORY,
                        start_new_session=True,
                    )
                )
            urls.append(f"http://127.0.0.1:{port}")
        for url, process in zip(urls, processes, strict=True):
            await _ready(url, process)
        yield urls
    finally:
        for process in processes:
            await _stop(process)


def _environment(ctx: BenchContext, run: Run, port: int, smtp_port: int) -> dict[str, str]:
    env = ctx.stack.service_env("notifications", port)
    env.update(
        {
            "NOTIFICATIONS_KAFKA_TOPIC_PREFIX": run.prefix,
            "NOTIFICATIONS_MONGODB_DATABASE": run.database,
            "NOTIFICATIONS_KAFKA_CONSUMER_GROUP": f"notifications-fanout-{run.suffix}",
            "NOTIFICATIONS_SMTP_PORT": str(smtp_port),
            "NOTIFICATIONS_DELIVERY_POLL_SECONDS": "0.1",
            "NOTIFICATIONS_LOG_LEVEL": "WARNING",
            # Its announcements are forged on a private topic for tenants no registry onboarded.
            "NOTIFICATIONS_CONSUMER_REQUIRE_KNOWN_TENANT": "false",
        }
    )
    return env


async def _ready(url: str, process: asyncio.subprocess.Process) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    async with httpx.AsyncClient(timeout=2.0) as client:
        while time.monotonic() < deadline:
            if process.returncode is not None:
                raise RuntimeError(f"notifications replica exited with {process.returncode}")
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(f"{url}/readyz")).status_code == 200:
                    return
            await asyncio.sleep(0.2)
    raise TimeoutError(f"notifications replica at {url} not ready")


async def _stop(process: asyncio.subprocess.Process) -> None:
    """Stop one replica we started: SIGTERM (graceful), then SIGKILL if it lingers."""
    if process.returncode is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), 15)
    except TimeoutError:
        process.kill()
        await process.wait()


async def _make_known(ctx: BenchContext, url: str, tenant: str, run: Run, recipients: int) -> None:
    """Have each recipient call the API once: known NGO members hear of competitions by e-mail."""
    async with httpx.AsyncClient(base_url=url, timeout=10.0) as client:
        for index in range(recipients):
            token = ctx.stack.token(
                subject=f"fanout-{run.suffix}-{index}",
                tenant_id=tenant,
                roles=["ngo_member"],
                email=f"member{index}{run.domain}",
            )
            answer = await client.get(
                "/subscriptions/me", headers={"Authorization": f"Bearer {token}"}
            )
            answer.raise_for_status()


@contextlib.asynccontextmanager
async def _producer(ctx: BenchContext) -> AsyncIterator[AIOKafkaProducer]:
    producer = AIOKafkaProducer(bootstrap_servers=ctx.kafka_bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        yield producer
    finally:
        await producer.stop()


async def _publish(producer: AIOKafkaProducer, run: Run, tenant: str, count: int) -> None:
    """Publish competition announcements as the grants relay would (one per competition)."""
    sends = []
    for _ in range(count):
        record = encode_event(
            _announcement(),
            source="grants",
            tenant_id=tenant,
            correlation_id=uuid.uuid4().hex,
            topic=f"{run.prefix}{CompetitionAnnounced.topic}",
        )
        sends.append(
            await producer.send(
                record.topic,
                record.value,
                key=record.key.encode(),
                headers=[(k, v.encode()) for k, v in record.headers.items()],
            )
        )
    await asyncio.gather(*sends)


def _announcement() -> CompetitionAnnounced:
    now = datetime.now(UTC)
    return CompetitionAnnounced(
        competition_id=str(uuid.uuid4()),
        title="Konkurs benchmarkowy",
        public_task="Zadanie publiczne",
        area="physical_culture_sport",
        total_funds=Decimal("100000.00"),
        min_grant=Decimal("1000.00"),
        max_grant=Decimal("10000.00"),
        offer_deadline=now + timedelta(days=1),
        task_start=date.today() + timedelta(days=30),
        task_end=date.today() + timedelta(days=60),
        decision_date=date.today() + timedelta(days=10),
        announced_at=now,
    )


async def _warm_up(ctx: BenchContext, producer: AIOKafkaProducer, run: Run) -> None:
    """Publish events nobody subscribed to, and wait until each was consumed."""
    await _publish(producer, run, ctx.new_tenant(), WARM_UP_EVENTS)
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(ctx.mongodb_uri)
    try:
        notices = client[run.database]["notices"]
        for _ in range(int(READY_TIMEOUT / 0.2)):
            if await notices.count_documents({}) >= WARM_UP_EVENTS:
                return
            await asyncio.sleep(0.2)
    finally:
        await client.close()
    raise TimeoutError("warm-up events never reached the notifications replicas")


async def _recorded(ctx: BenchContext, run: Run, expected: int, deadline: float) -> float | None:
    """Return when every e-mail was recorded (queued with its notice), or None at the deadline."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(ctx.mongodb_uri)
    try:
        deliveries = client[run.database]["email_deliveries"]
        # The run's database holds only its tenant's deliveries (the warm-up's events reach
        # nobody): the collection's size, not count_documents, which NX-27017 answers by
        # reading every document in Python (33 ms at 2,000) while the replicas wait for it.
        while time.monotonic() < deadline:
            if await deliveries.estimated_document_count() >= expected:
                return time.monotonic()
            await asyncio.sleep(0.05)
    finally:
        await client.close()
    return None


async def _arrived(mail: MailCounter, domain: str, expected: int, deadline: float) -> list[float]:
    """Wait until `expected` e-mails reached the sink or the deadline passed."""
    # The sink runs in its own thread: polling its list is the simple, honest way to wait.
    while time.monotonic() < deadline and len(mail.received(domain)) < expected:  # noqa: ASYNC110
        await asyncio.sleep(0.05)
    return sorted(mail.received(domain))


_NOTES = [
    "fanout_per_s: e-mails received by the SMTP sink ÷ (first event published → last e-mail "
    "received); each fan-out also made the event's inbox item (one per tenant, addressed "
    "by audience keys) and its notice record.",
    "recorded_per_s: e-mail deliveries committed (in the consumer's transaction) ÷ (first "
    "event published → last committed); sending happens after, on every replica's workers.",
    "Replicas share the consumer group (3 partitions) and one NX-27017 server; NX-27017 "
    "serialises transactions per process, so two processes also contend inside SQLite.",
    "Each run has its own notifications database, topic prefix and consumer group; the "
    "stack's own notifications process does not see the run's events.",
]
