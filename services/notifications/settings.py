"""Settings of the notifications service (environment prefix NOTIFICATIONS_)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class NotificationsSettings(ServiceSettings):
    """Notifications settings."""

    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore", frozen=True)

    service_name: str = "notifications"
    http_port: int = Field(8004, ge=1, le=65535, description="Port of the HTTP API.")
