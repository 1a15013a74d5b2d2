"""Event contracts: committed schemas are current and incompatible changes are caught."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import Field

from shared.contracts import base
from shared.contracts.base import EventContract, registered_contracts
from shared.contracts.registry import OrganizationRegistered
from shared.contracts.schemas import SCHEMA_DIR, breaking_changes, generate_schema

CONTRACTS = registered_contracts()


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield every property of a schema and of the models it defines, with a dotted name."""
    for name, prop in schema.get("properties", {}).items():
        yield name, prop
    for model, definition in schema.get("$defs", {}).items():
        for name, prop in definition.get("properties", {}).items():
            yield f"{model}.{name}", prop


@pytest.fixture
def schema() -> dict[str, Any]:
    return generate_schema(OrganizationRegistered)


class TestCommittedSchemas:
    @pytest.mark.parametrize("event_type", sorted(CONTRACTS))
    def test_equal_the_generated_ones(self, event_type: str) -> None:
        committed = json.loads((SCHEMA_DIR / f"{event_type}.json").read_text(encoding="utf-8"))

        assert committed == generate_schema(CONTRACTS[event_type]), "run `make schemas`"

    def test_exist_only_for_declared_contracts(self) -> None:
        committed = {path.name.removesuffix(".json") for path in SCHEMA_DIR.glob("*.json")}

        assert committed == set(CONTRACTS)


class TestContractDeclarations:
    @pytest.mark.parametrize("event_type", sorted(CONTRACTS))
    def test_describe_every_field(self, event_type: str) -> None:
        schema = generate_schema(CONTRACTS[event_type])

        undescribed = [name for name, prop in _properties(schema) if not prop.get("description")]
        assert undescribed == []

    @pytest.mark.parametrize("event_type", sorted(CONTRACTS))
    def test_follow_the_naming_rules(self, event_type: str) -> None:
        contract = CONTRACTS[event_type]

        service = event_type.split(".")[2]
        assert contract.topic.startswith(f"{service}.")
        assert contract.key_field in contract.model_fields

    def test_refuse_a_field_without_description(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(base, "_CATALOGUE", dict(base._CATALOGUE))

        with pytest.raises(TypeError, match="without description"):

            class Undescribed(EventContract):
                thing_id: str = Field(description="Id.")
                colour: str

    def test_refuse_a_type_name_that_breaks_the_rule(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(base, "_CATALOGUE", dict(base._CATALOGUE))

        with pytest.raises(TypeError, match="naming rule"):

            class Shouting(EventContract):
                event_type = "pl.ngo.registry.Organization.Registered"
                topic = "registry.organization.v1"
                key_field = "thing_id"

                thing_id: str = Field(description="Id.")


class TestBreakingChanges:
    def test_accept_the_same_schema(self, schema: dict[str, Any]) -> None:
        assert breaking_changes(schema, copy.deepcopy(schema)) == []

    def test_flag_a_removed_field(self, schema: dict[str, Any]) -> None:
        new = copy.deepcopy(schema)
        del new["properties"]["krs"]

        assert breaking_changes(schema, new) == ["field 'krs' was removed"]

    def test_flag_a_type_change(self, schema: dict[str, Any]) -> None:
        new = copy.deepcopy(schema)
        new["properties"]["name"] = {"type": "integer", "description": "Name."}

        problems = breaking_changes(schema, new)

        assert len(problems) == 1
        assert problems[0].startswith("field 'name' changed type")

    def test_flag_a_nullable_field_made_non_null(self, schema: dict[str, Any]) -> None:
        new = copy.deepcopy(schema)
        new["properties"]["nip"] = {"type": "string", "description": "NIP."}

        assert [p.split(" changed")[0] for p in breaking_changes(schema, new)] == ["field 'nip'"]

    def test_flag_a_newly_required_field(self, schema: dict[str, Any]) -> None:
        new = copy.deepcopy(schema)
        new["required"] = [*schema["required"], "regon"]

        assert breaking_changes(schema, new) == ["field 'regon' became required"]

    def test_flag_a_new_required_field(self, schema: dict[str, Any]) -> None:
        new = copy.deepcopy(schema)
        new["properties"]["seat"] = {"type": "string", "description": "Seat."}
        new["required"] = [*schema["required"], "seat"]

        assert breaking_changes(schema, new) == ["field 'seat' became required"]

    def test_accept_a_new_optional_field(self, schema: dict[str, Any]) -> None:
        new = copy.deepcopy(schema)
        new["properties"]["website"] = {
            "anyOf": [{"type": "string"}, {"type": "null"}],
            "default": None,
            "description": "Website.",
        }

        assert breaking_changes(schema, new) == []

    def test_flag_a_moved_topic_or_key(self, schema: dict[str, Any]) -> None:
        new = copy.deepcopy(schema)
        new["x-topic"] = "registry.organization.v2"
        new["x-key"] = "name"

        assert len(breaking_changes(schema, new)) == 2
