"""A caller's trace reaches the consumers: HTTP traceparent, CloudEvents headers, consumer span."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from shared.events import KafkaRecord, decode_record, encode_event
from shared.tracing import consumer_span
from tests.conftest import AppClientFactory
from tests.support.auth import TokenFactory, bearer
from tests.support.factories import organization_payload
from tests.support.polling import eventually
from tests.support.producers.registry import organization_registered
from tests.support.tenants import onboard_with

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER = f"00-{TRACE_ID}-00f067aa0ba902b7-01"
_EXPORTER = InMemorySpanExporter()


@pytest.fixture(scope="module", autouse=True)
def recorded_spans() -> Iterator[InMemorySpanExporter]:
    """Record every span of this process in memory (production exports over OTLP instead)."""
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    provider.add_span_processor(SimpleSpanProcessor(_EXPORTER))
    yield _EXPORTER
    # A provider stays installed for the process; the later modules' spans are dropped.
    _EXPORTER.shutdown()


@pytest.fixture(autouse=True)
def _fresh(recorded_spans: InMemorySpanExporter) -> None:
    recorded_spans.clear()


def _trace_id(span: ReadableSpan) -> str:
    return format(span.context.trace_id, "032x")


def _app_writing_an_event(records: list[KafkaRecord]) -> FastAPI:
    app = FastAPI()

    @app.post("/organizations/{organization_id}")
    async def register(organization_id: str) -> dict[str, str]:
        event = organization_registered(organization_id=organization_id)
        records.append(
            encode_event(
                event, source="registry", tenant_id="0264011", correlation_id="c", topic="t"
            )
        )
        return {"id": organization_id}

    return app


async def _post(app: FastAPI, path: str, headers: dict[str, str]) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.post(path, headers=headers)


def _span_ids(spans: Sequence[ReadableSpan]) -> set[str]:
    return {format(s.context.span_id, "016x") for s in spans}


class TestTraceContext:
    async def test_an_event_written_in_a_request_carries_its_trace(
        self, recorded_spans: InMemorySpanExporter
    ) -> None:
        records: list[KafkaRecord] = []

        answer = await _post(
            _app_writing_an_event(records), "/organizations/o-1", {"traceparent": CALLER}
        )

        assert answer.status_code == 200
        spans = recorded_spans.get_finished_spans()
        [server] = [s for s in spans if s.kind is SpanKind.SERVER]
        assert (server.name, _trace_id(server)) == (
            "POST /organizations/{organization_id}",
            TRACE_ID,
        )
        assert server.parent is not None
        assert format(server.parent.span_id, "016x") == CALLER.split("-")[2]
        [record] = records
        version, trace_id, span_id, flags = record.headers["ce_traceparent"].split("-")
        assert (version, trace_id, flags) == ("00", TRACE_ID, "01")
        assert span_id in _span_ids(spans)

    async def test_the_consumer_span_continues_the_producer_s_trace(
        self, recorded_spans: InMemorySpanExporter
    ) -> None:
        records: list[KafkaRecord] = []
        await _post(_app_writing_an_event(records), "/organizations/o-2", {"traceparent": CALLER})
        [record] = records
        producer_span = record.headers["ce_traceparent"].split("-")[2]

        headers = [(name, value.encode()) for name, value in record.headers.items()]
        event = decode_record(headers, record.key.encode(), record.value, "t")
        with consumer_span(event.type, event.topic, event.trace):
            pass

        consumer = recorded_spans.get_finished_spans()[-1]
        assert consumer.kind is SpanKind.CONSUMER
        assert consumer.name == "process pl.ngo.registry.organization.registered"
        assert _trace_id(consumer) == TRACE_ID
        assert consumer.parent is not None
        assert format(consumer.parent.span_id, "016x") == producer_span

    async def test_an_event_outside_any_trace_has_no_trace_headers(self) -> None:
        record = encode_event(
            organization_registered(),
            source="registry",
            tenant_id="0264011",
            correlation_id="c",
            topic="t",
        )

        assert not {"ce_traceparent", "ce_tracestate"} & set(record.headers)


class TestAcrossServices:
    async def test_a_registration_s_trace_reaches_the_notifications_consumer(
        self,
        app_client: AppClientFactory,
        token: TokenFactory,
        tenant_id: str,
        recorded_spans: InMemorySpanExporter,
    ) -> None:
        registry = await app_client("registry")
        await app_client("notifications")  # consumes the registry's events
        await onboard_with(registry, token, tenant_id)
        officer = bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))
        body = organization_payload(name="Fundacja Ślad", krs=..., regon=..., nip=...)

        answer = await registry.post(
            "/organizations", json=body, headers={**officer, "traceparent": CALLER}
        )
        assert answer.status_code == 201, answer.text

        async def consumed() -> list[Any]:
            spans = [
                s
                for s in recorded_spans.get_finished_spans()
                if s.name == "process pl.ngo.registry.organization.registered"
                and _trace_id(s) == TRACE_ID
            ]
            assert spans
            return spans

        [span, *_] = await eventually(consumed)
        assert span.kind is SpanKind.CONSUMER
        [server] = [
            s
            for s in recorded_spans.get_finished_spans()
            if s.kind is SpanKind.SERVER and s.name == "POST /organizations"
        ]
        assert _trace_id(server) == TRACE_ID
