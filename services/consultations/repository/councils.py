"""The public benefit councils municipalities keep here."""

from __future__ import annotations

from pydantic import TypeAdapter

from services.consultations.domain.consultation.council import PublicBenefitCouncil
from shared.aggregates import AggregateRepository

__all__ = ["CouncilRepository"]


class CouncilRepository(AggregateRepository[PublicBenefitCouncil]):
    """One council per municipality, keyed by the municipality's TERYT code."""

    collection_name = "councils"
    adapter = TypeAdapter(PublicBenefitCouncil)
