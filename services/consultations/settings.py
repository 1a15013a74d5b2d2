"""Settings of the consultations service (environment prefix CONSULTATIONS_)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class ConsultationsSettings(ServiceSettings):
    """Consultations settings."""

    model_config = SettingsConfigDict(env_prefix="CONSULTATIONS_", extra="ignore", frozen=True)

    service_name: str = "consultations"
    http_port: int = Field(8003, ge=1, le=65535, description="Port of the HTTP API.")
    programme_days_after_end: int = Field(
        14,
        ge=0,
        le=120,
        description="Days a programme needs after its consultation ends (the public benefit "
        "council's opinion and a council session) before adoption by 30 November.",
    )
    minimum_days_open: int = Field(
        7, ge=1, le=90, description="Shortest consultation the officer is not warned about."
    )
    closing_interval_seconds: float = Field(
        30.0,
        gt=0,
        le=3600,
        description="How often consultations past their end are closed (one replica runs it).",
    )
    comment_max_chars: int = Field(
        20_000,
        ge=100,
        le=45_000,
        description="Most characters of one comment: wordings and justification together.",
    )
    comments_per_author: int = Field(
        50, ge=1, description="Most comments one author (token subject) makes in a consultation."
    )
    bulk_answer_max_ids: int = Field(
        200, ge=1, le=1_000, description="Most comments one bulk answer may cover."
    )
