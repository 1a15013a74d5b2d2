"""The consultations service's event contracts: naming, keys, descriptions, public data."""

from __future__ import annotations

import re

import pytest

from shared.contracts import consultations
from shared.contracts.base import EventContract, contract_for_type
from shared.contracts.schemas import generate_schema

CONTRACTS: list[type[EventContract]] = [
    getattr(consultations, name)
    for name in consultations.__all__
    if isinstance(getattr(consultations, name), type)
]
PRIVATE_FIELDS = {"subject", "author", "respondent", "rater", "email", "name"}


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.__name__)
class TestConsultationsContract:
    def test_is_named_for_this_service(self, contract: type[EventContract]) -> None:
        assert re.fullmatch(r"pl\.ngo\.consultations\.[a-z_]+\.[a-z_]+", contract.event_type)
        aggregate = contract.event_type.split(".")[3]
        assert contract.topic == f"consultations.{aggregate}.v1"
        assert contract_for_type(contract.event_type) is contract

    def test_is_keyed_by_a_required_id(self, contract: type[EventContract]) -> None:
        key = contract.model_fields[contract.key_field]
        assert contract.key_field.endswith("_id")
        assert key.is_required()

    def test_describes_every_field(self, contract: type[EventContract]) -> None:
        assert all(f.description for f in contract.model_fields.values())

    def test_carries_no_personal_identity(self, contract: type[EventContract]) -> None:
        assert not PRIVATE_FIELDS & set(contract.model_fields)

    def test_has_a_flat_schema(self, contract: type[EventContract]) -> None:
        schema = generate_schema(contract)
        assert "$defs" not in schema
        assert schema["x-topic"] == contract.topic


class TestCatalogueOfConsultationsEvents:
    def test_covers_every_state_change(self) -> None:
        assert {c.event_type.removeprefix("pl.ngo.consultations.") for c in CONTRACTS} == {
            "consultation.drafted",
            "consultation.revised",
            "consultation.opened",
            "consultation.closed",
            "comment.submitted",
            "comment.answered",
            "survey_response.submitted",
            "report.published",
            "index_round.started",
            "index_round.scorecard_submitted",
            "index_round.conclusions_recorded",
            "index_round.published",
            "annual_report.assembled",
            "annual_report.section_written",
            "council.membership_changed",
        }
