"""Settings of the notifications service (environment prefix NOTIFICATIONS_)."""

from __future__ import annotations

from typing import Literal

from cryptography.fernet import Fernet
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings

__all__ = [
    "DEVELOPMENT_UNSUBSCRIBE_SECRET",
    "DEVELOPMENT_WEBHOOK_SECRET_KEY",
    "NotificationsSettings",
]

# Good enough on a laptop; refused when `deployment` is production.
DEVELOPMENT_UNSUBSCRIBE_SECRET = "development-only-unsubscribe-secret-change-me"  # noqa: S105
_MIN_SECRET_LENGTH = 32
# A valid Fernet key that says what it is when decoded; production refuses it.
DEVELOPMENT_WEBHOOK_SECRET_KEY = "ZGV2ZWxvcG1lbnQtb25seS1rZXktY2hhbmdlLW1lISE="  # noqa: S105


class NotificationsSettings(ServiceSettings):
    """Notifications settings: SMTP, unsubscribe links, webhooks, reminders and digests."""

    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore", frozen=True)

    service_name: str = "notifications"
    http_port: int = Field(8004, ge=1, le=65535, description="Port of the HTTP API.")
    web_base_url: str = Field("", description="Base URL of the web app, for links in e-mails.")
    timezone: str = Field("Europe/Warsaw", description="Zone of days and weeks of digests.")

    unsubscribe_secret: SecretStr = Field(
        SecretStr(DEVELOPMENT_UNSUBSCRIBE_SECRET),
        description="HMAC key of one-click unsubscribe links (at least 32 characters).",
    )
    unsubscribe_link_days: int = Field(
        60, ge=1, le=3650, description="Days an e-mail's unsubscribe link keeps working."
    )

    webhook_secret_key: SecretStr = Field(
        SecretStr(DEVELOPMENT_WEBHOOK_SECRET_KEY),
        description="Key sealing webhook signing secrets at rest: Fernet, url-safe base64 of 32 "
        "bytes (python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key())').",
    )

    smtp_host: str = Field("127.0.0.1", description="SMTP server that relays e-mail.")
    smtp_port: int = Field(1025, ge=1, le=65535, description="Port of the SMTP server.")
    smtp_security: Literal["none", "starttls", "tls"] = Field(
        "none", description="none, STARTTLS after connecting, or TLS from the start."
    )
    smtp_username: str = Field("", description="SMTP user; empty: no authentication.")
    smtp_password: SecretStr = Field(SecretStr(""), description="SMTP password.")
    smtp_timeout_seconds: float = Field(15.0, gt=0, le=300, description="SMTP timeout.")
    mail_from: str = Field(
        "Platforma NGO <powiadomienia@ngo-platform.local>", description="From: of every e-mail."
    )
    email_max_attempts: int = Field(8, ge=1, le=50, description="Tries of one e-mail.")
    email_retry_base_seconds: float = Field(
        30.0, gt=0, le=3600, description="First retry delay of an e-mail; doubles each time."
    )

    delivery_poll_seconds: float = Field(
        1.0, gt=0, le=60, description="How often idle delivery workers look for due work."
    )
    delivery_concurrency: int = Field(4, ge=1, le=64, description="Sends in flight per worker.")
    delivery_claim_seconds: float = Field(
        120.0, gt=0, le=3600, description="A claimed delivery is retried after this if unfinished."
    )

    webhooks_allow_private_addresses: bool = Field(
        False, description="Allow endpoints on private, loopback or link-local addresses."
    )
    webhooks_require_https: bool = Field(True, description="Refuse plain http:// endpoints.")
    webhook_timeout_seconds: float = Field(10.0, gt=0, le=120, description="Answer timeout.")
    webhook_max_attempts: int = Field(8, ge=1, le=50, description="Tries of one delivery.")
    webhook_retry_base_seconds: float = Field(
        5.0, gt=0, le=3600, description="First retry delay of a delivery; doubles each time."
    )
    webhook_retry_max_seconds: float = Field(
        36_000.0, gt=0, description="Longest delay between two tries of a delivery."
    )
    webhook_max_endpoints_per_tenant: int = Field(
        20, ge=1, le=1000, description="Endpoints one municipality may register."
    )
    webhook_tenant_concurrency: int = Field(
        2,
        ge=1,
        le=64,
        description="Webhook calls of one municipality in flight per replica; below "
        "delivery_concurrency, so one tenant's slow endpoints leave workers for the others.",
    )
    webhook_disable_after_failures: int = Field(
        20, ge=1, le=10_000, description="Consecutive failed tries that disable an endpoint."
    )

    reminder_poll_seconds: float = Field(30.0, gt=0, le=3600, description="Timer check period.")
    competition_reminder_days: int = Field(3, ge=0, le=60, description="Days before a deadline.")
    consultation_reminder_days: int = Field(2, ge=0, le=60, description="Days before closing.")
    report_reminder_days: int = Field(7, ge=0, le=60, description="Days before a report is due.")
    digest_poll_seconds: float = Field(300.0, gt=0, le=86_400, description="Digest check period.")
    digest_hour: int = Field(6, ge=0, le=23, description="Local hour after which digests go out.")

    @field_validator("webhook_secret_key")
    @classmethod
    def _a_fernet_key(cls, key: SecretStr) -> SecretStr:
        try:
            Fernet(key.get_secret_value().encode())
        except ValueError as error:
            raise ValueError("must be url-safe base64 of 32 bytes (a Fernet key)") from error
        return key

    @model_validator(mode="after")
    def _room_for_other_tenants(self) -> NotificationsSettings:
        if 1 < self.delivery_concurrency <= self.webhook_tenant_concurrency:
            raise ValueError(
                "webhook_tenant_concurrency must be below delivery_concurrency, or one "
                "tenant's slow endpoints can hold every delivery worker"
            )
        return self

    @model_validator(mode="after")
    def _refuse_development_secrets(self) -> NotificationsSettings:
        if self.deployment != "production":
            return self
        problems = []
        secret = self.unsubscribe_secret.get_secret_value()
        if secret == DEVELOPMENT_UNSUBSCRIBE_SECRET or len(secret) < _MIN_SECRET_LENGTH:
            problems.append(
                "NOTIFICATIONS_UNSUBSCRIBE_SECRET must be set to a random value of at least "
                f"{_MIN_SECRET_LENGTH} characters"
            )
        if self.webhook_secret_key.get_secret_value() == DEVELOPMENT_WEBHOOK_SECRET_KEY:
            problems.append("NOTIFICATIONS_WEBHOOK_SECRET_KEY must be set to a key of its own")
        if problems:
            raise ValueError("; ".join(problems) + " in production")
        return self

    @property
    def webhook_secrets(self) -> str:
        """Return the key that seals webhook signing secrets."""
        return self.webhook_secret_key.get_secret_value()

    @property
    def unsubscribe_key(self) -> bytes:
        """Return the HMAC key of unsubscribe links."""
        return self.unsubscribe_secret.get_secret_value().encode()
