"""Settings of the grants service (environment prefix GRANTS_)."""

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class GrantsSettings(ServiceSettings):
    """Grants settings."""

    model_config = SettingsConfigDict(env_prefix="GRANTS_", extra="ignore", frozen=True)

    service_name: str = "grants"
    http_port: int = 8002
