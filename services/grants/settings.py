"""Settings of the grants service (environment prefix GRANTS_)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class GrantsSettings(ServiceSettings):
    """Grants settings."""

    model_config = SettingsConfigDict(env_prefix="GRANTS_", extra="ignore", frozen=True)

    service_name: str = "grants"
    http_port: int = Field(8002, ge=1, le=65535, description="Port of the HTTP API.")
