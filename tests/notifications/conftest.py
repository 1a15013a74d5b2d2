"""Fixtures of the notifications tests: an SMTP sink, a webhook receiver, events, people."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from deploy.local.servers import free_port
from shared.context import new_id
from shared.contracts.base import EventContract
from shared.events import KafkaRecord, encode_event
from tests.conftest import AppClientFactory
from tests.notifications.fake_dns import FakeDns
from tests.support.auth import TokenFactory, bearer
from tests.support.kafka import produce_record
from tests.support.polling import eventually
from tests.support.services import ServiceClient

Headers = dict[str, str]
_people = itertools.count(1)

# Fast clocks: polls, retries and timers in tenths of a second.
FAST_SETTINGS: dict[str, Any] = {
    "delivery_poll_seconds": 0.05,
    "reminder_poll_seconds": 0.2,
    "digest_poll_seconds": 3600,
    "email_retry_base_seconds": 0.2,
    "webhook_retry_base_seconds": 0.2,
    "webhook_max_attempts": 4,
    "webhook_disable_after_failures": 4,
    "webhook_timeout_seconds": 2.0,
    "web_base_url": "https://ngo.example",
    "public_base_url": "http://notifications.test",
}


class SmtpSink:
    """A real SMTP server on loopback (aiosmtpd) that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_RCPT(  # noqa: N802
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        """Refuse, for now, any address that starts with `refused-` (a full mailbox)."""
        if address.startswith("refused-"):
            return "452 4.2.2 Mailbox full, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        raw = envelope.original_content or envelope.content
        assert isinstance(raw, bytes)
        message = message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted"

    def to(self, address: str) -> list[EmailMessage]:
        """Return the messages sent to `address`, oldest first."""
        return [m for m in self.messages if address in str(m["To"])]

    async def wait_for(self, address: str, count: int = 1) -> list[EmailMessage]:
        """Wait until `count` messages reached `address`; return them."""

        async def arrived() -> list[EmailMessage]:
            found = self.to(address)
            assert len(found) >= count, f"{len(found)} of {count} e-mails to {address}"
            return found

        return await eventually(arrived, timeout=20)


@pytest.fixture(scope="module")
def smtp_sink() -> Iterator[tuple[SmtpSink, int]]:
    """An SMTP sink on a free loopback port, for this module's notifications service."""
    sink, port = SmtpSink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


@pytest.fixture
def mail(smtp_sink: tuple[SmtpSink, int]) -> SmtpSink:
    """The SMTP sink's messages."""
    return smtp_sink[0]


@pytest.fixture
async def notifications(
    app_client: AppClientFactory, smtp_sink: tuple[SmtpSink, int]
) -> ServiceClient:
    """The notifications service, sending mail to the sink, with fast clocks."""
    return await app_client(
        "notifications",
        smtp_port=smtp_sink[1],
        webhooks_allow_private_addresses=True,
        webhooks_require_https=False,
        **FAST_SETTINGS,
    )


Publish = Callable[..., Awaitable[KafkaRecord]]


@pytest.fixture
def publish(notifications: ServiceClient) -> Publish:
    """Put a contract event on its topic as its producer's relay would: publish(event, tenant)."""
    settings = notifications.runtime.settings

    async def send(
        event: EventContract, tenant_id: str, *, source: str | None = None, **attributes: Any
    ) -> KafkaRecord:
        record = encode_event(
            event,
            source=source or event.event_type.split(".")[2],
            tenant_id=tenant_id,
            correlation_id=new_id(),
            topic=settings.topic(event.topic),
            **attributes,
        )
        await produce_record(settings.kafka_bootstrap_servers, record)
        return record

    return send


@dataclass
class People:
    """Mints people of the platform and makes them known to the notifications service."""

    token: TokenFactory
    notifications: ServiceClient

    def headers(self, tenant_id: str, *roles: str, **claims: Any) -> Headers:
        """Return the headers of a new person with these roles and claims."""
        subject = claims.pop("subject", None) or f"person-{next(_people)}"
        return bearer(self.token(tenant_id=tenant_id, roles=roles, subject=subject, **claims))

    async def known(self, tenant_id: str, *roles: str, **claims: Any) -> Headers:
        """Return a person who has called the service once (so e-mail can reach them)."""
        headers = self.headers(tenant_id, *roles, **claims)
        answer = await self.notifications.get("/subscriptions/me", headers=headers)
        assert answer.status_code == 200, answer.text
        return headers


@pytest.fixture
def people(token: TokenFactory, notifications: ServiceClient) -> People:
    """Factory of people: people.headers(...), await people.known(...)."""
    return People(token, notifications)


def unique_address(label: str = "person") -> str:
    """Return an e-mail address no other test uses."""
    return f"{label}-{new_id()[:8]}@example.org"


async def inbox(notifications: ServiceClient, headers: Headers, **params: Any) -> list[Any]:
    """Return the caller's inbox items."""
    answer = await notifications.get("/inbox", headers=headers, params={"limit": 500, **params})
    assert answer.status_code == 200, answer.text
    items: list[Any] = answer.json()
    return items


async def inbox_eventually(
    notifications: ServiceClient, headers: Headers, count: int, **params: Any
) -> list[Any]:
    """Wait until the caller's inbox holds `count` items; return them."""

    async def filled() -> list[Any]:
        items = await inbox(notifications, headers, **params)
        assert len(items) >= count, items
        return items

    return await eventually(filled, timeout=20)


async def settled(notifications: ServiceClient) -> None:
    """Wait until no e-mail or webhook call is due (what was queued has been attempted)."""
    services = notifications.app.state.services

    async def idle() -> None:
        assert await services.email_worker.run_due() == 0
        assert await services.webhook_worker.run_due() == 0

    await eventually(idle, timeout=20)


async def known_organization(
    notifications: ServiceClient, tenant_id: str, organization_id: str
) -> None:
    """Wait until the service knows an organization (its registry event was consumed)."""
    collection = notifications.database["organizations"]

    async def known() -> None:
        assert await collection.find_one({"_id": f"{tenant_id}|{organization_id}"})

    await eventually(known, timeout=20)


@dataclass
class Received:
    """One request the webhook receiver got."""

    headers: dict[str, str]
    body: bytes


@dataclass
class WebhookReceiver:
    """A tiny HTTP server on loopback that answers with scripted statuses (then 200)."""

    script: list[int] = field(default_factory=list)
    requests: list[Received] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        """Return the receiver's URL."""
        return f"http://127.0.0.1:{self.port}/hook"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Read one request and answer it."""
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")[1:]
        headers = {
            name.strip().lower(): value.strip()
            for name, _, value in (line.partition(":") for line in lines if line)
        }
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        self.requests.append(Received(headers, body))
        status = self.script.pop(0) if self.script else 200
        answer = f"HTTP/1.1 {status} Scripted\r\nContent-Length: 2\r\nConnection: close\r\n\r\n"
        writer.write(answer.encode() + b"ok")
        await writer.drain()
        writer.close()


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    """A webhook receiver of this test only."""
    receiver = WebhookReceiver()
    server = await asyncio.start_server(receiver.handle, "127.0.0.1", 0)
    receiver.port = server.sockets[0].getsockname()[1]
    try:
        yield receiver
    finally:
        server.close()
        await server.wait_closed()


@pytest.fixture
def dns(notifications: ServiceClient) -> Iterator[FakeDns]:
    """A resolver with scripted answers in place of the system's, for this test only."""
    guard = notifications.app.state.services.webhooks.guard
    fake, system = FakeDns(), guard.resolver
    guard.resolver = fake.resolve
    yield fake
    guard.resolver = system
