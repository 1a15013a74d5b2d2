"""The CloudEvents envelope: any CloudEvents SDK reads a platform event."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cloudevents.core.bindings.kafka import KafkaMessage, from_binary
from cloudevents.core.formats.json import JSONFormat

from shared.contracts.registry import OrganizationRegistered
from shared.events import MalformedEvent, decode_record, encode_event
from tests.support.producers.registry import organization_registered

TOPIC = "registry.organization.v1"


def _encode(event: OrganizationRegistered, **overrides: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = {
        "source": "registry",
        "tenant_id": "1465011",
        "correlation_id": "corr-1",
        "topic": TOPIC,
        "event_id": "evt-1",
        "time": datetime(2026, 3, 1, 12, 30, tzinfo=UTC),
        **overrides,
    }
    return encode_event(event, **values)  # type: ignore[arg-type]


def _as_message(record) -> KafkaMessage:  # type: ignore[no-untyped-def]
    headers = {name: value.encode() for name, value in record.headers.items()}
    return KafkaMessage(headers=headers, key=record.key.encode(), value=record.value)


class TestEncodeEvent:
    def test_reference_reader_sees_every_required_attribute(self) -> None:
        event = organization_registered()

        read = from_binary(_as_message(_encode(event)), JSONFormat())

        assert read.get_id() == "evt-1"
        assert read.get_source() == "registry"
        assert read.get_type() == "pl.ngo.registry.organization.registered"
        assert read.get_specversion() == "1.0"
        assert read.get_time() == datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
        assert read.get_subject() == event.organization_id

    def test_reference_reader_sees_tenant_and_correlation_extensions(self) -> None:
        read = from_binary(_as_message(_encode(organization_registered())), JSONFormat())

        assert read.get_extension("tenantid") == "1465011"
        assert read.get_extension("correlationid") == "corr-1"

    def test_attributes_travel_in_ce_headers_and_data_as_json_value(self) -> None:
        event = organization_registered(name="Fundacja Ala")

        record = _encode(event)

        expected = {"ce_id", "ce_source", "ce_type", "ce_specversion", "ce_time", "ce_subject"}
        assert expected | {"ce_tenantid", "ce_correlationid"} <= set(record.headers)
        assert record.headers["content-type"] == "application/json"
        data = from_binary(_as_message(record), JSONFormat()).get_data()
        assert data["name"] == "Fundacja Ala"
        assert OrganizationRegistered.model_validate(data) == event

    def test_keys_the_record_by_aggregate_id(self) -> None:
        event = organization_registered()

        record = _encode(event)

        assert record.key == event.organization_id
        assert record.topic == TOPIC

    def test_gives_each_event_its_own_id_when_none_is_given(self) -> None:
        first = _encode(organization_registered(), event_id=None)
        second = _encode(organization_registered(), event_id=None)

        assert first.headers["ce_id"] != second.headers["ce_id"]


class TestDecodeRecord:
    def test_reads_back_what_was_encoded(self) -> None:
        event = organization_registered()
        record = _encode(event)
        headers = [(name, value.encode()) for name, value in record.headers.items()]

        received = decode_record(headers, record.key.encode(), record.value, TOPIC)

        assert (received.id, received.source, received.type) == (
            "evt-1",
            "registry",
            event.event_type,
        )
        assert (received.tenant_id, received.correlation_id) == ("1465011", "corr-1")
        assert received.parse(OrganizationRegistered) == event
        assert received.key == event.organization_id

    @pytest.mark.parametrize(
        ("headers", "value"),
        [
            pytest.param([], b"hello", id="plain-text"),
            pytest.param([("content-type", b"application/json")], b'{"a": 1}', id="no-ce-headers"),
            pytest.param(
                [
                    ("ce_id", b"1"),
                    ("ce_source", b"s"),
                    ("ce_type", b"t"),
                    ("ce_specversion", b"1.0"),
                ],
                b'{"a": 1}',
                id="no-tenant",
            ),
            pytest.param(
                [
                    ("ce_id", b"1"),
                    ("ce_source", b"s"),
                    ("ce_type", b"t"),
                    ("ce_specversion", b"1.0"),
                    ("ce_tenantid", b"1465011"),
                ],
                b"[1, 2]",
                id="data-not-an-object",
            ),
            pytest.param(
                [
                    ("ce_id", b"1"),
                    ("ce_source", b"s"),
                    ("ce_type", b"t"),
                    ("ce_specversion", b"1.0"),
                    ("ce_tenantid", b"1465011"),
                    ("ce_time", b"yesterday"),
                ],
                b"{}",
                id="bad-time",
            ),
            pytest.param(
                [
                    ("ce_id", b"1"),
                    ("ce_source", b"s"),
                    ("ce_type", b"t"),
                    ("ce_specversion", b"1.0"),
                    ("ce_tenantid", b"\xff\xfe"),
                ],
                b"{}",
                id="header-not-utf8",
            ),
        ],
    )
    def test_rejects_a_record_that_is_not_a_platform_cloud_event(
        self, headers: list[tuple[str, bytes]], value: bytes
    ) -> None:
        with pytest.raises(MalformedEvent):
            decode_record(headers, b"key", value)
