"""Settings of the consultations service (environment prefix CONSULTATIONS_)."""

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class ConsultationsSettings(ServiceSettings):
    """Consultations settings."""

    model_config = SettingsConfigDict(env_prefix="CONSULTATIONS_", extra="ignore", frozen=True)

    service_name: str = "consultations"
    http_port: int = 8003
