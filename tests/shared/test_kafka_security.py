"""Kafka security settings: SASL and TLS reach the broker and every raw client alike."""

from __future__ import annotations

import ssl
from typing import Any

import pytest
from pydantic import ValidationError

from services.registry.settings import RegistrySettings
from shared.kafka import client_security, create_broker

VALID: dict[str, Any] = {
    "deployment": "development",
    "auth_jwks_url": "file:///etc/ngo/jwks.json",
    "auth_issuer": "urn:t",
}
SASL: dict[str, Any] = {"kafka_sasl_username": "registry", "kafka_sasl_password": "s3cret"}


def _settings(**values: Any) -> RegistrySettings:
    return RegistrySettings(**{**VALID, **values})


class TestKafkaSecuritySettings:
    def test_plaintext_is_the_default_and_adds_nothing(self) -> None:
        assert client_security(_settings()) == {}

    @pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"])
    def test_sasl_over_tls_reaches_the_raw_client(self, mechanism: str) -> None:
        settings = _settings(
            kafka_security_protocol="SASL_SSL", kafka_sasl_mechanism=mechanism, **SASL
        )

        options = client_security(settings)

        assert options["security_protocol"] == "SASL_SSL"
        assert options["sasl_mechanism"] == mechanism
        assert (options["sasl_plain_username"], options["sasl_plain_password"]) == (
            "registry",
            "s3cret",
        )
        assert isinstance(options["ssl_context"], ssl.SSLContext)

    def test_the_broker_connects_with_the_same_security(self) -> None:
        settings = _settings(
            kafka_security_protocol="SASL_PLAINTEXT", kafka_sasl_mechanism="SCRAM-SHA-512", **SASL
        )

        options = create_broker(settings).config.broker_config.builder.keywords  # type: ignore[attr-defined]

        assert options["security_protocol"] == "SASL_PLAINTEXT"
        assert options["sasl_mechanism"] == "SCRAM-SHA-512"
        assert options["sasl_plain_username"] == "registry"

    def test_tls_only_uses_the_ca_file(self, tmp_path: Any) -> None:
        settings = _settings(kafka_security_protocol="SSL", kafka_ssl_cafile=str(tmp_path / "no"))

        with pytest.raises(FileNotFoundError):
            client_security(settings)

    def test_sasl_without_credentials_is_refused_at_start(self) -> None:
        with pytest.raises(ValidationError, match="kafka_sasl_username"):
            _settings(kafka_security_protocol="SASL_SSL")

    def test_a_client_certificate_without_its_key_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="kafka_ssl_keyfile"):
            _settings(kafka_security_protocol="SSL", kafka_ssl_certfile="/etc/ngo/client.pem")
