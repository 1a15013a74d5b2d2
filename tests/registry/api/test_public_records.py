"""The search page's records are what the public record model would answer, field for field."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pydantic_core
import pytest

from services.registry.api.schemas.public import PublicOrganization, public_record
from services.registry.services.public import PublicRecord


def _document(**profile: Any) -> dict[str, Any]:
    return {
        "_id": "org-1",
        "status": "active",
        "listed_in": ["0264011"],
        "registered_at": datetime(2026, 11, 26, 8, 30, 0, 123000, tzinfo=UTC),
        "profile": {"name": "Fundacja Żeglarstwa", "legal_form": "foundation", **profile},
    }


class TestPublicRecord:
    @pytest.mark.parametrize(
        "document",
        [
            _document(),
            _document(
                short_name=None,  # a null stored before PATCH refused nulls: the default
                description="Uczymy żeglować.",
                public_benefit_areas=["seniors", "tourism"],
                public_benefit_status=True,
                address={"city": "Wrocław", "municipality_teryt": "0264011"},
                declarations={"no_debts": True},
                contact_persons=[{"name": "never public"}],  # not a public field
                scope=None,
            ),
            {**_document(), "listed_in": []},
        ],
    )
    def test_serializes_as_the_model_does(self, document: dict[str, Any]) -> None:
        mine = json.loads(pydantic_core.to_json(public_record(document)))
        model = json.loads(PublicOrganization.of(PublicRecord.of(document)).model_dump_json())

        assert mine == model
        assert list(mine) == list(model)
        assert "contact_persons" not in mine
