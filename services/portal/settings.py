"""Settings of the portal (environment prefix PORTAL_); it has no Kafka and verifies no token."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.settings import Deployment, mongodb_uri_checked, proxy_addresses_checked

__all__ = ["PortalSettings"]


class PortalSettings(BaseSettings):
    """What the portal needs: where it serves, its sessions store and the four services."""

    model_config = SettingsConfigDict(
        env_prefix="PORTAL_", extra="ignore", frozen=True, env_file=None
    )

    service_name: str = Field("portal", description="Name of the service, in logs.")
    deployment: Deployment = Field(
        "production",
        description="production refuses the development sign-in and sends the session "
        "cookie only over HTTPS; the local launcher and the tests say development.",
    )
    http_host: str = Field("127.0.0.1", description="Interface the portal binds to.")
    http_port: int = Field(8000, ge=1, le=65535, description="Port of the portal.")
    http_trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses or networks of reverse proxies whose "
        "X-Forwarded-For names the browser; empty: the peer address is the browser.",
    )
    http_max_body_bytes: int = Field(
        64 * 1024, ge=1024, description="Largest form body; larger ones answer 413."
    )
    metrics_port: int = Field(
        9100,
        ge=0,
        le=65535,
        description="Port of the Prometheus /metrics listener, apart from the pages; 0 serves "
        "/metrics on the portal's port instead (development and tests).",
    )
    mongodb_uri: str = Field(
        "mongodb://127.0.0.1:27017/?directConnection=true",
        description="MongoDB connection string of the portal's own database (sessions).",
    )
    mongodb_database: str = Field("portal", description="The portal's database (sessions).")
    registry_url: str = Field("http://127.0.0.1:8001", description="Registry's HTTP API.")
    grants_url: str = Field("http://127.0.0.1:8002", description="Grants' HTTP API.")
    consultations_url: str = Field("http://127.0.0.1:8003", description="Consultations' HTTP API.")
    notifications_url: str = Field("http://127.0.0.1:8004", description="Notifications' HTTP API.")
    backend_timeout_seconds: float = Field(
        10.0, gt=0, le=120, description="Longest wait for one backend call."
    )
    session_ttl_seconds: int = Field(
        8 * 3600, ge=300, description="How long a session lives without sign-in again."
    )
    municipalities: str = Field(
        "0264011=Wrocław,0223044=Kąty Wrocławskie",
        description="Municipalities the public pages offer: TERYT=name, comma-separated.",
    )
    public_base_url: str = Field(
        "", description="URL the portal is reached at (sign-in callback); default: host:port."
    )
    oidc_issuer: str = Field(
        "",
        description="OpenID provider (Keycloak realm URL) to sign in with; empty: no OIDC.",
    )
    oidc_client_id: str = Field("portal", description="The portal's client id there.")
    oidc_client_secret: SecretStr = Field(
        SecretStr(""), description="Client secret; empty: a public client (PKCE only)."
    )
    oidc_scope: str = Field("openid profile email", description="Scopes asked for.")
    dev_sign_in: bool = Field(
        False,
        description="Offer the development sign-in page that mints tokens with the local "
        "identity key; refused in production.",
    )
    dev_keys_dir: str = Field(
        ".data/keys", description="Folder of the local identity key (development sign-in)."
    )
    dev_centre_tenant: str = Field(
        "centre-02-wroclaw", description="Tenant of the demo support-centre user."
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO")
    log_format: Literal["json", "console"] = Field("json", description="Log renderer.")

    @field_validator("mongodb_uri")
    @classmethod
    def _mongodb_scheme(cls, value: str) -> str:
        return mongodb_uri_checked(value)

    @field_validator("http_trusted_proxies")
    @classmethod
    def _proxy_addresses(cls, value: str) -> str:
        return proxy_addresses_checked(value)

    @field_validator("municipalities")
    @classmethod
    def _municipality_pairs(cls, value: str) -> str:
        for pair in filter(None, (p.strip() for p in value.split(","))):
            code, _, name = pair.partition("=")
            if not (code.strip().isdigit() and name.strip()):
                raise ValueError(f"'{pair}' is not TERYT=name")
        return value

    @model_validator(mode="after")
    def _callback_reachable(self) -> PortalSettings:
        # The provider sends the browser back here: in production an https address of ours.
        production = self.deployment == "production"
        if self.oidc_issuer and production and not self.public_base_url.startswith("https://"):
            raise ValueError("oidc_issuer needs public_base_url, an https:// URL, in production")
        return self

    @model_validator(mode="after")
    def _no_dev_sign_in_in_production(self) -> PortalSettings:
        # Anyone could sign in as anyone with it: never where real people's data lives.
        if self.dev_sign_in and self.deployment == "production":
            raise ValueError(
                "dev_sign_in is for development only (set PORTAL_DEPLOYMENT=development)"
            )
        return self

    @field_validator("oidc_issuer")
    @classmethod
    def _issuer_scheme(cls, value: str, info: ValidationInfo) -> str:
        # Tokens from a provider reached over plain http could be swapped on the way.
        production = info.data.get("deployment", "production") == "production"
        if value and production and not value.startswith("https://"):
            raise ValueError("must be an https:// URL in production")
        return value

    def base_url(self) -> str:
        """Return the portal's own URL, for the provider's redirects."""
        return (self.public_base_url or f"http://{self.http_host}:{self.http_port}").rstrip("/")

    @property
    def secure_cookies(self) -> bool:
        """Return whether the session cookie is sent over HTTPS only."""
        return self.deployment != "development"

    def municipality_names(self) -> dict[str, str]:
        """Return TERYT code → name of the municipalities the public pages offer."""
        pairs = (p.partition("=") for p in self.municipalities.split(",") if p.strip())
        return {code.strip(): name.strip() for code, _, name in pairs}

    def backend_urls(self) -> dict[str, str]:
        """Return each backend service's base URL."""
        return {
            "registry": self.registry_url,
            "grants": self.grants_url,
            "consultations": self.consultations_url,
            "notifications": self.notifications_url,
        }
