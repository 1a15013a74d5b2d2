"""A batch of registrations applied in one transaction: what it asks MongoDB, and how often.

On NX-27017 every command in a transaction is a round trip that all other transactions wait
for, so a batch must not ask once per event what it could ask once per tenant.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from services.notifications.bootstrap import event_handlers
from shared.consumer import IdempotentConsumer, Outcome
from shared.contracts.base import EventContract
from shared.contracts.registry import OrganizationListed, OrganizationRegistered
from shared.events import KafkaRecord, encode_event
from tests.support.auth import TokenFactory, bearer
from tests.support.commands import TransactionCommands, listening
from tests.support.producers.registry import organization_registered
from tests.support.services import ServiceClient

REGISTRATIONS = 4


@pytest.fixture(scope="module")
def commands() -> Iterator[TransactionCommands]:
    """The commands of this module's notifications service inside its transactions."""
    yield from listening()


@dataclass(frozen=True)
class _Record:
    """A consumed record as the subscription hands it over."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes]]


def _consumer(notifications: ServiceClient) -> IdempotentConsumer:
    runtime = notifications.runtime

    async def no_dead_letters(record: KafkaRecord) -> None:
        raise AssertionError(f"dead-lettered: {record.headers.get('dlt_reason')}")

    effects = {
        kind: e for per_topic in event_handlers(runtime).values() for kind, e in per_topic.items()
    }
    return IdempotentConsumer(
        runtime.database,
        runtime.transactions,
        effects,
        no_dead_letters,
        name="notifications",
        dead_letter_topic="unused",
        max_attempts=1,
        topic_name=runtime.settings.topic,
    )


def _record(
    notifications: ServiceClient, event: EventContract, tenant_id: str, offset: int
) -> _Record:
    encoded = encode_event(
        event,
        source="registry",
        tenant_id=tenant_id,
        correlation_id=f"c-{offset}",
        topic=notifications.runtime.settings.topic(event.topic),
    )
    headers = [(name, value.encode()) for name, value in encoded.headers.items()]
    return _Record(encoded.topic, 0, offset, encoded.key.encode(), encoded.value, headers)


def _registration(notifications: ServiceClient, tenant_id: str, offset: int) -> list[_Record]:
    """The two events of an officer's registration: registered, and listed at home."""
    registered: OrganizationRegistered = organization_registered()
    listed = OrganizationListed(
        organization_id=registered.organization_id,
        municipality_id=tenant_id,
        name=registered.name,
        public_benefit_areas=[],
        listed_at=datetime.now(UTC),
    )
    return [
        _record(notifications, registered, tenant_id, offset),
        _record(notifications, listed, tenant_id, offset + 1),
    ]


class TestABatchOfRegistrations:
    async def test_reads_the_tenants_audience_once_and_writes_its_inbox_items_at_once(
        self, commands: TransactionCommands, notifications: ServiceClient, tenant_id: str
    ) -> None:
        records = [
            record
            for number in range(REGISTRATIONS)
            for record in _registration(notifications, tenant_id, 2 * number)
        ]

        outcomes = await _consumer(notifications).handle_batch(records)

        assert outcomes == [Outcome.APPLIED] * len(records)
        [transaction] = commands.writing("inbox")
        sent = Counter(transaction)
        for read in ("webhook_endpoints", "recipients", "watches"):
            assert sent[("find", read)] == 1, read
        # A notice's upsert answers whether it is new, so each goes at once.
        assert sent[("update", "notices")] == REGISTRATIONS
        # Every inbox item of the batch in one command at the transaction's end, and so
        # their stream entries and heads (each head is read once, numbers count on in
        # memory) and the organizations' directory entries.
        for written in ("inbox_items", "inbox_entries", "inbox_heads", "organizations"):
            assert sent[("update", written)] == 1, written
        assert sent[("find", "inbox_heads")] == 1

    async def test_an_endpoint_added_between_two_batches_gets_the_second(
        self, notifications: ServiceClient, tenant_id: str, token: TokenFactory
    ) -> None:
        consumer = _consumer(notifications)
        await consumer.handle_batch(_registration(notifications, tenant_id, 0))
        website = bearer(token(tenant_id=tenant_id, roles=["integration"], subject="website"))
        body = {
            "url": "http://127.0.0.1:9/hook",
            "event_types": [OrganizationRegistered.event_type],
        }
        answer = await notifications.post("/webhooks/endpoints", json=body, headers=website)
        assert answer.status_code == 201, answer.text

        # What the first transaction read is not what the next one knows.
        await consumer.handle_batch(_registration(notifications, tenant_id, 2))

        deliveries = notifications.database["webhook_deliveries"]
        assert await deliveries.count_documents({"tenant_id": tenant_id}) == 1
