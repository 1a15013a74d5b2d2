"""OpenTelemetry traces across HTTP and Kafka; W3C trace context rides in the CloudEvents.

FastAPI's own instrumentation opens a server span per request, continuing the caller's
`traceparent`; every event the request writes to the outbox carries the current span's
context as the CloudEvents distributed-tracing extension (`ce_traceparent`, `ce_tracestate`
headers in Kafka binary mode); a consumer applies each event inside a span whose parent is
that context, so one trace runs from the HTTP call through Kafka to every consumer's effect.
Off by default: only `<PREFIX>_OTLP_ENDPOINT` (an OTLP/HTTP collector) installs a tracer
provider; without one nothing is recorded or propagated.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry import trace
from opentelemetry.trace import SpanKind
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

__all__ = ["TRACE_ATTRIBUTES", "configure_tracing", "consumer_span", "trace_attributes"]

TRACE_ATTRIBUTES = ("traceparent", "tracestate")
_PROPAGATOR = TraceContextTextMapPropagator()
# A proxy: it records through whichever provider is installed, whenever it is installed.
_tracer = trace.get_tracer("ngo-platform")


def configure_tracing(service_name: str, otlp_endpoint: str) -> None:
    """Export this process's spans to an OTLP/HTTP collector; no endpoint, no export."""
    if not otlp_endpoint:
        return
    # Imported here: a process that exports nothing never loads the SDK.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=otlp_endpoint)))
    trace.set_tracer_provider(provider)


def trace_attributes() -> dict[str, str]:
    """Return the current trace context as CloudEvents extension attributes (or nothing)."""
    carrier: dict[str, str] = {}
    if trace.get_current_span().get_span_context().is_valid:
        _PROPAGATOR.inject(carrier)
    return {name: carrier[name] for name in TRACE_ATTRIBUTES if carrier.get(name)}


@contextmanager
def consumer_span(event_type: str, topic: str, extensions: dict[str, str]) -> Iterator[None]:
    """Apply one consumed event inside a span whose parent is the producer's context."""
    parent = _PROPAGATOR.extract(extensions)
    attributes = {"messaging.system": "kafka", "messaging.destination.name": topic}
    with _tracer.start_as_current_span(
        f"process {event_type}", context=parent, kind=SpanKind.CONSUMER, attributes=attributes
    ):
        yield
