"""Settings of the consultations service (environment prefix CONSULTATIONS_)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class ConsultationsSettings(ServiceSettings):
    """Consultations settings."""

    model_config = SettingsConfigDict(env_prefix="CONSULTATIONS_", extra="ignore", frozen=True)

    service_name: str = "consultations"
    http_port: int = Field(8003, ge=1, le=65535, description="Port of the HTTP API.")
