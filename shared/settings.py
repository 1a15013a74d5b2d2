"""Service settings read from the environment, validated once at start-up."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlparse

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["ServiceSettings"]


class ServiceSettings(BaseSettings):
    """Settings every service shares; a service subclasses it with its own env prefix."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True, env_file=None)

    service_name: str = Field(description="Name of the service; the CloudEvents source.")
    http_host: str = Field("127.0.0.1", description="Interface the HTTP API binds to.")
    http_port: int = Field(8000, ge=1, le=65535, description="Port of the HTTP API.")
    public_base_url: str = Field("", description="URL the API is reachable at, for links.")

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
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO")
    log_format: Literal["json", "console"] = Field("json", description="Log renderer.")

    @field_validator("mongodb_uri")
    @classmethod
    def _mongodb_scheme(cls, value: str) -> str:
        if not value.startswith(("mongodb://", "mongodb+srv://")):
            raise ValueError("must start with mongodb:// or mongodb+srv://")
        return value

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
    def _jwks_scheme(cls, value: str) -> str:
        if urlparse(value).scheme not in {"http", "https", "file"}:
            raise ValueError("must be an http(s):// or file:// URL")
        return value

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

    def topic(self, name: str) -> str:
        """Return the physical name of a logical topic."""
        return f"{self.kafka_topic_prefix}{name}"
