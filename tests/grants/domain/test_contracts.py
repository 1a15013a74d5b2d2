"""The grants event contracts follow the platform's naming rules and serialize cleanly."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest

import shared.contracts.grants as grants
from shared.contracts.base import EventContract

CONTRACTS = [
    getattr(grants, name)
    for name in grants.__all__
    if isinstance(getattr(grants, name), type) and issubclass(getattr(grants, name), EventContract)
]


class TestGrantsContracts:
    @pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.__name__)
    def test_name_topic_and_key_follow_the_rules(self, contract: type[EventContract]) -> None:
        aggregate = contract.event_type.split(".")[3]
        assert re.fullmatch(r"pl\.ngo\.grants\.[a-z_]+\.[a-z_]+", contract.event_type)
        assert contract.topic == f"grants.{aggregate}.v1"
        assert contract.key_field == f"{aggregate}_id"
        assert contract.key_field in contract.model_fields

    @pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.__name__)
    def test_every_field_is_described(self, contract: type[EventContract]) -> None:
        assert all(field.description for field in contract.model_fields.values())

    def test_amounts_serialize_as_decimal_strings(self) -> None:
        event = grants.CompetitionGrantDecided(
            competition_id="c-1",
            offer_id="o-1",
            organization_id="org-a",
            amount=Decimal("1500.00"),
            decided_by="officer-1",
            decided_at=datetime(2026, 4, 2, tzinfo=UTC),
        )
        assert event.model_dump(mode="json")["amount"] == "1500.00"
        assert event.key() == "c-1"

    def test_there_is_a_contract_per_state_change(self) -> None:
        assert len(CONTRACTS) == 34
