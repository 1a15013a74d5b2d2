"""Fixtures of the consultations tests: the service, people with tokens, payloads, events."""

from __future__ import annotations

import itertools
import json
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from shared.context import new_id
from shared.contracts.base import EventContract
from shared.events import KafkaRecord, encode_event
from tests.support.auth import TokenFactory, bearer
from tests.support.http import ok
from tests.support.kafka import headers_of, produce_record, read_topic
from tests.support.namespace import new_namespace
from tests.support.services import ServiceClient, SettingsFactory, running_service

Headers = dict[str, str]
_events = itertools.count(1)
# Often enough that a test waiting for the closing job stays short; see test_closing.py.
CLOSING_INTERVAL = 0.3


@pytest.fixture(scope="session")
async def consultations(service_settings: SettingsFactory) -> AsyncIterator[ServiceClient]:
    """The consultations service, in-process, started once for every consultations test.

    Starting it waits for a consumer-group rebalance of several seconds on the embedded
    broker, so the modules share it; tests stay apart through their own municipalities.
    """
    settings = service_settings(
        "consultations", new_namespace(), closing_interval_seconds=CLOSING_INTERVAL
    )
    async with running_service(settings) as client:
        yield client


@pytest.fixture
def person(token: TokenFactory) -> Callable[..., Headers]:
    """Headers of a user: person(tenant_id, "tenant_officer", organization_id=..., subject=...)."""

    def headers(tenant_id: str, *roles: str, **claims: Any) -> Headers:
        return bearer(token(tenant_id=tenant_id, roles=roles, **claims))

    return headers


@pytest.fixture
def officer(person: Callable[..., Headers], tenant_id: str) -> Headers:
    """An officer of the test's municipality."""
    return person(tenant_id, "tenant_officer")


def from_address(service: ServiceClient, address: str) -> httpx.AsyncClient:
    """Return a client of the same in-process service calling from another client address."""
    transport = httpx.ASGITransport(app=service.app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url=f"http://{service.service}")


def terms_payload(**overrides: Any) -> dict[str, Any]:
    """Return valid terms of an annual programme consultation running now, with overrides."""
    now = datetime.now(UTC)
    starts, ends = now - timedelta(hours=1), now + timedelta(days=14)
    payload: dict[str, Any] = {
        "title": f"Program współpracy z organizacjami pozarządowymi na {now.year + 2} r.",
        "kind": "annual_cooperation_programme",
        "programme_year": now.year + 2,
        "document": {
            "sections": [
                {"number": 1, "title": "§ 1. Cele", "text": "Celem programu jest partnerstwo."},
                {"number": 2, "title": "§ 2. Priorytety", "text": "Pomoc społeczna, sport."},
                {"number": 3, "text": "Na realizację programu przeznacza się 500 000 zł."},
            ],
            "links": [{"title": "Sprawozdanie", "url": "https://bip.example.pl/sprawozdanie"}],
        },
        "audiences": ["ngos", "residents"],
        "forms": {
            "written_comments": True,
            "survey": [
                {"number": 1, "text": "Najważniejszy priorytet?", "options": ["seniorzy", "sport"]},
                {"number": 2, "text": "Co jeszcze chcesz nam powiedzieć?"},
            ],
            "meetings": [
                {"starts_at": (now + timedelta(minutes=30)).isoformat(), "place": "Sala narad"}
            ],
        },
        "starts_at": starts.isoformat(),
        "ends_at": ends.isoformat(),
    }
    payload.update(overrides)
    return {name: value for name, value in payload.items() if value is not ...}


def comment_payload(**overrides: Any) -> dict[str, Any]:
    """Return a valid comment on section 2."""
    return {
        "section_number": 2,
        "current_wording": "Pomoc społeczna, sport.",
        "proposed_wording": "Pomoc społeczna, sport, działania na rzecz seniorów.",
        "justification": "W gminie rośnie liczba seniorów.",
        **overrides,
    }


async def open_consultation(
    consultations: ServiceClient, officer: Headers, **overrides: Any
) -> dict[str, Any]:
    """Draft and open a consultation; return the opened consultation."""
    drafted = ok(
        await consultations.post(
            "/consultations", json=terms_payload(**overrides), headers=officer
        ),
        201,
    )
    return dict(
        ok(await consultations.post(f"/consultations/{drafted['id']}/open", headers=officer))
    )


def record_of(
    consultations: ServiceClient, event: EventContract, *, tenant_id: str, source: str
) -> KafkaRecord:
    """Return `event` as its producer's relay writes it to Kafka (in this module's topics)."""
    return encode_event(
        event,
        source=source,
        tenant_id=tenant_id,
        correlation_id=new_id(),
        topic=consultations.runtime.settings.topic(event.topic),
        event_id=f"{source}-event-{next(_events)}-{new_id()[:8]}",
    )


async def publish(consultations: ServiceClient, *records: KafkaRecord) -> None:
    """Write records to Kafka as their producers would, one after another."""
    for record in records:
        await produce_record(consultations.runtime.settings.kafka_bootstrap_servers, record)


async def consumed(consultations: ServiceClient, logical_topic: str, outcome: str) -> float:
    """Return how many records of a topic the service's consumer ended with `outcome`."""
    topic = consultations.runtime.settings.topic(logical_topic)
    metrics = text_string_to_metric_families((await consultations.get("/metrics")).text)
    return sum(
        sample.value
        for family in metrics
        for sample in family.samples
        if sample.name == "events_consumed_total"
        and sample.labels == {"topic": topic, "outcome": outcome}
    )


async def events_about(
    consultations: ServiceClient, logical_topic: str, keys: set[str]
) -> list[tuple[str, dict[str, Any]]]:
    """Return (type, data) of the records on a topic whose key is one of `keys`, in order."""
    settings = consultations.runtime.settings
    records = await read_topic(settings.kafka_bootstrap_servers, settings.topic(logical_topic))
    found = []
    for record in sorted(records, key=lambda r: (r.timestamp, r.offset)):
        if record.key is not None and record.key.decode() in keys:
            found.append((headers_of(record)["ce_type"], json.loads(record.value or b"{}")))
    return found
