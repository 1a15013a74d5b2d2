"""Settings of the registry service (environment prefix REGISTRY_)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class RegistrySettings(ServiceSettings):
    """Registry settings."""

    model_config = SettingsConfigDict(env_prefix="REGISTRY_", extra="ignore", frozen=True)

    service_name: str = "registry"
    http_port: int = Field(8001, ge=1, le=65535, description="Port of the HTTP API.")
    import_max_body_bytes: int = Field(
        50 * 1024 * 1024, ge=1024, description="Largest CSV upload to POST /imports (413 above)."
    )
    demo_data: bool = Field(False, description="Load demo tenants and organizations if empty.")
    import_max_rows: int = Field(
        200_000, ge=1, description="Most data rows one CSV import takes (413 beyond)."
    )
