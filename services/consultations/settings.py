"""Settings of the consultations service (environment prefix CONSULTATIONS_)."""

from __future__ import annotations

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings

DEVELOPMENT_CLIENT_ADDRESS_KEY = "development-only-client-address-key-change-me"
_MIN_KEY_LENGTH = 32


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
    comments_per_address: int = Field(
        200,
        ge=1,
        description="Most comments, and most survey responses, from one client address in a "
        "consultation; generous, as a municipal office or a library shares one address.",
    )
    client_address_key: SecretStr = Field(
        SecretStr(DEVELOPMENT_CLIENT_ADDRESS_KEY),
        description="HMAC key that turns a client address into the opaque key the "
        "per-address limit counts; 32+ random characters, kept apart from the database.",
    )
    bulk_answer_max_ids: int = Field(
        200, ge=1, le=1_000, description="Most comments one bulk answer may cover."
    )

    @model_validator(mode="after")
    def _refuse_development_key(self) -> ConsultationsSettings:
        key = self.client_address_key.get_secret_value()
        if self.deployment == "production" and (
            key == DEVELOPMENT_CLIENT_ADDRESS_KEY or len(key) < _MIN_KEY_LENGTH
        ):
            raise ValueError(
                "CONSULTATIONS_CLIENT_ADDRESS_KEY must be set to a random value of at least "
                f"{_MIN_KEY_LENGTH} characters in production"
            )
        return self

    @property
    def address_key(self) -> bytes:
        """Return the HMAC key of client addresses."""
        return self.client_address_key.get_secret_value().encode()
