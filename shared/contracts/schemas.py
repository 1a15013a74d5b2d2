"""Generate the committed JSON Schemas of event contracts and judge their compatibility."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from shared.contracts.base import EventContract, registered_contracts

__all__ = ["SCHEMA_DIR", "breaking_changes", "generate_schema", "write_schemas"]

SCHEMA_DIR = Path(__file__).parent / "schemas"


def generate_schema(contract: type[EventContract]) -> dict[str, Any]:
    """Return the JSON Schema of a contract, with its type and topic."""
    schema = contract.model_json_schema(mode="serialization")
    schema["$id"] = f"urn:{contract.event_type}"
    schema["x-event-type"] = contract.event_type
    schema["x-topic"] = contract.topic
    schema["x-key"] = contract.key_field
    return schema


def _render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    """Write one schema file per contract; return the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for event_type, contract in registered_contracts().items():
        path = directory / f"{event_type}.json"
        path.write_text(_render(generate_schema(contract)), encoding="utf-8")
        written.append(path)
    return written


def _types(prop: dict[str, Any]) -> set[str]:
    if "anyOf" in prop:
        return set().union(*(_types(p) for p in prop["anyOf"]))
    if "$ref" in prop:
        return {prop["$ref"]}
    kind = prop.get("type", "any")
    fmt = prop.get("format")
    return {f"{kind}:{fmt}" if fmt else str(kind)}


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """List what makes `new` unable to read events written under `old`, or old readers `new`."""
    problems = []
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
    for name, prop in old_props.items():
        if name not in new_props:
            problems.append(f"field '{name}' was removed")
        elif not _types(prop) <= _types(new_props[name]):
            problems.append(
                f"field '{name}' changed type {_types(prop)} -> {_types(new_props[name])}"
            )
    for name in sorted(new_required - old_required):
        problems.append(f"field '{name}' became required")
    if old.get("x-topic") != new.get("x-topic"):
        problems.append(f"topic changed {old.get('x-topic')} -> {new.get('x-topic')}")
    if old.get("x-key") != new.get("x-key"):
        problems.append(f"key changed {old.get('x-key')} -> {new.get('x-key')}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Write the schemas, or with --check report drift from the committed ones."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if schemas are stale")
    args = parser.parse_args(argv)
    if not args.check:
        for path in write_schemas():
            sys.stdout.write(f"wrote {path}\n")
        return 0
    stale = [
        event_type
        for event_type, contract in registered_contracts().items()
        if not (SCHEMA_DIR / f"{event_type}.json").exists()
        or (SCHEMA_DIR / f"{event_type}.json").read_text(encoding="utf-8")
        != _render(generate_schema(contract))
    ]
    for event_type in stale:
        sys.stdout.write(f"stale schema: {event_type} (run `make schemas`)\n")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
