"""SASL and TLS to Kafka from the settings, alike for the broker and every raw client."""

from __future__ import annotations

from typing import Any

from aiokafka.helpers import create_ssl_context
from faststream.kafka.security import parse_security
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512

from shared.settings import ServiceSettings

__all__ = ["client_security", "kafka_security"]

_SASL = {"PLAIN": SASLPlaintext, "SCRAM-SHA-256": SASLScram256, "SCRAM-SHA-512": SASLScram512}


def kafka_security(settings: ServiceSettings) -> BaseSecurity | None:
    """Return the SASL and TLS configuration of the settings (None: plain connections)."""
    protocol = settings.kafka_security_protocol
    if protocol == "PLAINTEXT":
        return None
    use_ssl = protocol in ("SSL", "SASL_SSL")
    context = (
        create_ssl_context(
            cafile=settings.kafka_ssl_cafile or None,
            certfile=settings.kafka_ssl_certfile or None,
            keyfile=settings.kafka_ssl_keyfile or None,
            password=settings.kafka_ssl_key_password.get_secret_value() or None,
        )
        if use_ssl
        else None
    )
    if protocol == "SSL":
        return BaseSecurity(ssl_context=context, use_ssl=True)
    mechanism = _SASL[settings.kafka_sasl_mechanism]
    return mechanism(
        settings.kafka_sasl_username,
        settings.kafka_sasl_password.get_secret_value(),
        ssl_context=context,
        use_ssl=use_ssl,
    )


def client_security(settings: ServiceSettings) -> dict[str, Any]:
    """Return the keyword arguments of a raw aiokafka client, same security as the broker."""
    return parse_security(kafka_security(settings))
