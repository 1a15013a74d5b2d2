"""Service settings read from the environment, validated once at start-up."""

from __future__ import annotations

import ipaddress
from typing import Literal
from urllib.parse import urlparse

from limits import parse_many
from pydantic import Field, SecretStr, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = [
    "DEFAULT_BODY_LIMIT",
    "Deployment",
    "ServiceSettings",
    "mongodb_uri_checked",
    "proxy_addresses_checked",
]

Deployment = Literal["development", "production"]
DEFAULT_BODY_LIMIT = 1024 * 1024


class ServiceSettings(BaseSettings):
    """Settings every service shares; a service subclasses it with its own env prefix."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True, env_file=None)

    service_name: str = Field(description="Name of the service; the CloudEvents source.")
    deployment: Deployment = Field(
        "production",
        description="production refuses development secrets and local identity keys; the "
        "local launcher and the tests say development.",
    )
    http_host: str = Field("127.0.0.1", description="Interface the HTTP API binds to.")
    http_port: int = Field(8000, ge=1, le=65535, description="Port of the HTTP API.")
    public_base_url: str = Field("", description="URL the API is reachable at, for links.")
    http_trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses or networks of reverse proxies whose "
        "X-Forwarded-For names the client; empty: the peer address is the client.",
    )
    http_max_body_bytes: int = Field(
        DEFAULT_BODY_LIMIT, ge=1024, description="Largest request body; larger ones answer 413."
    )
    http_docs: bool = Field(
        True, description="Serve /docs and /redoc (the /openapi.json contract stays)."
    )
    metrics_port: int = Field(
        9100,
        ge=0,
        le=65535,
        description="Port of the Prometheus /metrics listener, apart from the API; 0 serves "
        "/metrics on the API port instead (development and tests).",
    )
    rate_limit_writes: str = Field(
        "10/minute;100/hour",
        description="Anonymous and resident writes (comments, self-registration, "
        "unsubscribing), per client address and per token subject.",
    )
    rate_limit_public_reads: str = Field(
        "120/minute",
        description="Public reads (search, records, Atom), per client address and subject.",
    )
    rate_limit_exports: str = Field(
        "10/minute",
        description="Expensive public exports (CSV), per client address and subject.",
    )
    idempotency_ttl_seconds: int = Field(
        86_400,
        ge=60,
        description="How long a stored answer to an Idempotency-Key is replayed; a TTL index "
        "removes it after that.",
    )

    mongodb_uri: str = Field(
        "mongodb://127.0.0.1:27017/?directConnection=true",
        description="MongoDB connection string; the server must support transactions.",
    )
    mongodb_database: str = Field("", description="Database of this service; default: its name.")
    mongodb_serial_transactions: Literal["auto", "on", "off"] = Field(
        "auto",
        description="Run one transaction at a time per process; auto: on for a server that "
        "reports no replica set yet runs transactions (the embedded NX-27017).",
    )

    otlp_endpoint: str = Field(
        "",
        description="OTLP/HTTP traces endpoint (e.g. http://otel-collector:4318/v1/traces); "
        "empty: tracing is off.",
    )

    kafka_bootstrap_servers: str = Field("127.0.0.1:9092", description="Kafka bootstrap list.")
    kafka_idempotent_producer: bool = Field(
        True, description="Idempotent producer; off for brokers that reject it (Tansu)."
    )
    kafka_topic_partitions: int = Field(3, ge=1, le=1000, description="Partitions of new topics.")
    kafka_topic_replication: int = Field(1, ge=1, le=10, description="Replicas of new topics.")
    kafka_topic_prefix: str = Field("", description="Prefix of every topic name (test isolation).")
    kafka_consumer_group: str = Field("", description="Consumer group; default: service name.")
    kafka_fetch_max_wait_ms: int = Field(
        100, ge=1, le=10_000, description="Longest a fetch waits for data (latency bound)."
    )
    # A group's first join waits about half the session timeout on some brokers (Tansu), so a
    # shorter timeout starts a consumer sooner; a longer one rides out pauses without rebalancing.
    kafka_session_timeout_ms: int = Field(
        10_000, ge=1_000, le=300_000, description="Consumer group session timeout."
    )
    kafka_heartbeat_interval_ms: int = Field(
        3_000,
        ge=100,
        le=100_000,
        description="Consumer heartbeat interval: a third of the session.",
    )

    # Kafka security: SASL and TLS, for the FastStream broker and every raw aiokafka client.
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT", description="How to reach Kafka: plain, TLS, SASL, or SASL over TLS."
    )
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = Field(
        "SCRAM-SHA-512", description="SASL mechanism (SASL_* protocols only)."
    )
    kafka_sasl_username: str = Field("", description="SASL user (SASL_* protocols only).")
    kafka_sasl_password: SecretStr = Field(SecretStr(""), description="SASL password.")
    kafka_ssl_cafile: str = Field(
        "", description="CA bundle that signed the brokers' certificates; empty: system CAs."
    )
    kafka_ssl_certfile: str = Field("", description="Client certificate (PEM) for mutual TLS.")
    kafka_ssl_keyfile: str = Field("", description="Private key (PEM) of the client certificate.")
    kafka_ssl_key_password: SecretStr = Field(
        SecretStr(""), description="Password of the client key, if it is encrypted."
    )

    auth_jwks_url: str = Field(
        description="JWKS of the identity provider: http(s):// URL or file:// path."
    )
    auth_issuer: str = Field(description="Expected `iss` claim of access tokens.")
    auth_audience: str = Field("ngo-platform", description="Expected `aud` claim.")

    outbox_poll_seconds: float = Field(0.5, gt=0, le=60, description="Relay poll interval.")
    outbox_batch_size: int = Field(200, ge=1, le=10_000, description="Relay batch size.")
    # --- Outbox relay: the durable log, its lease and the broker watch (issue 11) ---
    outbox_retention_days: float = Field(
        14,
        ge=0,
        le=3650,
        description="Days a published event stays in the outbox (outbox_published) so it can "
        "be republished after a broker lost it or on an operator's command.",
    )
    outbox_lease_seconds: float = Field(
        4.0,
        gt=0,
        le=600,
        description="Lifetime of the relay's lease: another replica takes over this long "
        "after the holder stopped renewing it (a crash).",
    )
    outbox_lease_renew_seconds: float = Field(
        1.0, gt=0, le=200, description="How often the relay holding the lease renews it."
    )
    outbox_broker_check_seconds: float = Field(
        2.0,
        gt=0,
        le=600,
        description="How often an idle relay checks that the broker still has what was "
        "published (cluster id, topics, end offsets); it also checks before every batch "
        "after a failed or suspicious send.",
    )
    # --- end of the outbox relay block ---
    consumer_max_attempts: int = Field(
        4, ge=1, le=50, description="Attempts before a message goes to the dead-letter topic."
    )
    consumer_batch_size: int = Field(
        100, ge=1, le=10_000, description="Most records of a fetch applied in one transaction."
    )
    consumer_batch_wait_ms: int = Field(
        5, ge=0, le=10_000, description="Longest a fetch waits to fill a batch (latency bound)."
    )
    consumer_stall_seconds: float = Field(
        60.0, gt=0, le=3600, description="Seconds without progress while records wait: not ready."
    )
    consumer_require_known_tenant: bool = Field(
        True,
        description="Apply an event only for a tenant whose onboarding event was applied here; "
        "others wait (parked) for it, then go to the dead-letter topic.",
    )
    consumer_unknown_tenant_seconds: float = Field(
        300.0, gt=0, le=86_400, description="How long an event of an unknown tenant waits."
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO")
    log_format: Literal["json", "console"] = Field("json", description="Log renderer.")

    @field_validator("mongodb_uri")
    @classmethod
    def _mongodb_scheme(cls, value: str) -> str:
        return mongodb_uri_checked(value)

    @field_validator("kafka_bootstrap_servers")
    @classmethod
    def _bootstrap_list(cls, value: str) -> str:
        for server in value.split(","):
            host, _, port = server.strip().rpartition(":")
            if not host or not port.isdigit():
                raise ValueError(f"'{server}' is not host:port")
        return value

    @field_validator("auth_jwks_url")
    @classmethod
    def _jwks_scheme(cls, value: str, info: ValidationInfo) -> str:
        scheme = urlparse(value).scheme
        if scheme not in {"http", "https", "file"}:
            raise ValueError("must be an http(s):// or file:// URL")
        # A file:// JWKS is the local launcher's key pair, and plain http lets anyone on the
        # path swap the keys: production verifies tokens only against an https JWKS.
        if scheme != "https" and info.data.get("deployment", "production") == "production":
            raise ValueError(
                "must be an https:// URL in production (file:// and http:// are for "
                "development: set DEPLOYMENT=development)"
            )
        return value

    @field_validator("http_trusted_proxies")
    @classmethod
    def _proxy_addresses(cls, value: str) -> str:
        return proxy_addresses_checked(value)

    @field_validator("rate_limit_writes", "rate_limit_public_reads", "rate_limit_exports")
    @classmethod
    def _rates(cls, value: str) -> str:
        # The notation of the `limits` package: "20/minute", several joined by ";".
        try:
            parse_many(value)
        except ValueError as error:
            raise ValueError('must be rates such as "20/minute;200/hour"') from error
        return value

    @model_validator(mode="after")
    def _kafka_security_complete(self) -> ServiceSettings:
        sasl = self.kafka_security_protocol.startswith("SASL_")
        if sasl and not (self.kafka_sasl_username and self.kafka_sasl_password.get_secret_value()):
            raise ValueError(
                f"kafka_security_protocol {self.kafka_security_protocol} needs "
                "kafka_sasl_username and kafka_sasl_password"
            )
        if bool(self.kafka_ssl_certfile) != bool(self.kafka_ssl_keyfile):
            raise ValueError("kafka_ssl_certfile and kafka_ssl_keyfile go together")
        return self

    @model_validator(mode="after")
    def _defaults_from_name(self) -> ServiceSettings:
        if not self.mongodb_database:
            object.__setattr__(self, "mongodb_database", self.service_name)
        if not self.kafka_consumer_group:
            object.__setattr__(self, "kafka_consumer_group", self.service_name)
        return self

    @model_validator(mode="after")
    def _lease_renewed_in_time(self) -> ServiceSettings:
        if self.outbox_lease_renew_seconds >= self.outbox_lease_seconds:
            raise ValueError("outbox_lease_renew_seconds must be below outbox_lease_seconds")
        return self

    @model_validator(mode="after")
    def _heartbeat_within_session(self) -> ServiceSettings:
        if self.kafka_heartbeat_interval_ms * 3 > self.kafka_session_timeout_ms:
            raise ValueError(
                "kafka_heartbeat_interval_ms must be at most a third of kafka_session_timeout_ms"
            )
        return self

    def topic(self, name: str) -> str:
        """Return the physical name of a logical topic."""
        return f"{self.kafka_topic_prefix}{name}"

    @property
    def base_url(self) -> str:
        """Return the URL links point at: the public one, else the address the API binds to."""
        return self.public_base_url or f"http://{self.http_host}:{self.http_port}"


def mongodb_uri_checked(value: str) -> str:
    """Return a MongoDB connection string, or raise if it is none."""
    if not value.startswith(("mongodb://", "mongodb+srv://")):
        raise ValueError("must start with mongodb:// or mongodb+srv://")
    return value


def proxy_addresses_checked(value: str) -> str:
    """Return comma-separated proxy addresses or networks, or raise naming a bad one."""
    # uvicorn takes a typo for a host name and trusts nobody, silently: refuse it here.
    for entry in filter(None, (part.strip() for part in value.split(","))):
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError as error:
            raise ValueError(f"'{entry}' is no IP address or network") from error
    return value
