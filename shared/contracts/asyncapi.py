"""Generate the AsyncAPI 3.0 document of the platform's events from the contract catalogue."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from shared.contracts.base import EventContract, registered_contracts
from shared.contracts.schemas import generate_schema

__all__ = ["ASYNCAPI_PATH", "build_document"]

ASYNCAPI_PATH = Path(__file__).resolve().parents[2] / "docs" / "asyncapi.json"

_CE_HEADERS: dict[str, Any] = {
    "type": "object",
    "description": "CloudEvents 1.0 attributes, Kafka binary content mode.",
    "required": ["ce_id", "ce_source", "ce_type", "ce_specversion", "ce_time", "ce_tenantid"],
    "properties": {
        "ce_id": {"type": "string", "description": "Unique event id (idempotency key)."},
        "ce_source": {"type": "string", "description": "Producing service."},
        "ce_type": {"type": "string", "description": "pl.ngo.<service>.<aggregate>.<verb>"},
        "ce_specversion": {"const": "1.0"},
        "ce_time": {"type": "string", "format": "date-time"},
        "ce_subject": {"type": "string", "description": "Aggregate id; also the Kafka key."},
        "ce_tenantid": {"type": "string", "description": "TERYT code of the tenant."},
        "ce_correlationid": {"type": "string", "description": "Id of the originating request."},
        "content-type": {"const": "application/json"},
    },
}


def _message_name(contract: type[EventContract]) -> str:
    return contract.__name__


def build_document() -> dict[str, Any]:
    """Return the AsyncAPI document: one channel per topic, one message per event type."""
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for event_type, contract in registered_contracts().items():
        name = _message_name(contract)
        payload = generate_schema(contract)
        messages[name] = {
            "name": event_type,
            "title": name,
            "summary": (contract.__doc__ or "").strip(),
            "contentType": "application/json",
            "headers": _CE_HEADERS,
            "payload": payload,
            "bindings": {"kafka": {"key": {"type": "string", "description": contract.key_field}}},
        }
        channel = channels.setdefault(
            contract.topic.replace(".", "_"),
            {"address": contract.topic, "messages": {}},
        )
        channel["messages"][name] = {"$ref": f"#/components/messages/{name}"}
        service = event_type.split(".")[2]
        operation = operations.setdefault(
            f"{service}_publishes_{contract.topic.replace('.', '_')}",
            {
                "action": "send",
                "channel": {"$ref": f"#/channels/{contract.topic.replace('.', '_')}"},
                "messages": [],
            },
        )
        operation["messages"].append(
            {"$ref": f"#/channels/{contract.topic.replace('.', '_')}/messages/{name}"}
        )
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "NGO cooperation platform events",
            "version": "1.0.0",
            "description": "Events the platform's services publish to Kafka, as CloudEvents.",
        },
        "defaultContentType": "application/json",
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }


def _render() -> str:
    return json.dumps(build_document(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write docs/asyncapi.json, or with --check fail if it is stale."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the document is stale")
    args = parser.parse_args(argv)
    if args.check:
        current = ASYNCAPI_PATH.read_text(encoding="utf-8") if ASYNCAPI_PATH.exists() else ""
        if current != _render():
            sys.stdout.write("stale docs/asyncapi.json (run `make schemas`)\n")
            return 1
        return 0
    ASYNCAPI_PATH.parent.mkdir(parents=True, exist_ok=True)
    ASYNCAPI_PATH.write_text(_render(), encoding="utf-8")
    sys.stdout.write(f"wrote {ASYNCAPI_PATH}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
