"""Webhook endpoints of external systems: event filters, destinations, retries and disabling."""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit

from shared.errors import InvalidInput, Text

__all__ = [
    "Attempt",
    "Delivery",
    "DeliveryState",
    "Endpoint",
    "EventFilter",
    "IpAddress",
    "address_refusal",
    "new_secret",
    "parse_destination",
    "webhook_id",
]

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
MAX_URL_LENGTH = 2048


class DeliveryState(StrEnum):
    """Where one delivery to one endpoint stands."""

    QUEUED = "queued"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class EventFilter:
    """Event types an endpoint receives: exact types, `prefix.*` patterns or `*`."""

    patterns: tuple[str, ...]

    @classmethod
    def parse(cls, patterns: Sequence[str], known_types: Iterable[str]) -> EventFilter:
        """Return the filter; raise InvalidInput if a pattern matches no known event type."""
        known = list(known_types)
        if not patterns:
            raise _invalid(
                "event_types",
                "Wybierz co najmniej jeden typ zdarzeń.",
                "Choose at least one event type.",
            )
        for pattern in patterns:
            if not any(_matches(pattern, t) for t in known):
                raise _invalid(
                    "event_types",
                    f"Żaden typ zdarzeń nie pasuje do: {pattern}.",
                    f"No event type matches: {pattern}.",
                )
        return cls(tuple(sorted(set(patterns))))

    def matches(self, event_type: str) -> bool:
        """Return whether an event of this type goes to the endpoint."""
        return any(_matches(p, event_type) for p in self.patterns)


def _matches(pattern: str, event_type: str) -> bool:
    if pattern == "*":
        return True
    if pattern.endswith(".*"):
        return event_type.startswith(pattern[:-1])
    return pattern == event_type


@dataclass(frozen=True)
class Endpoint:
    """An HTTPS endpoint an integration registered, with its signing secret."""

    id: str
    tenant_id: str
    url: str
    description: str
    event_filter: EventFilter
    secret: str
    owner: str
    enabled: bool
    consecutive_failures: int
    created_at: datetime
    disabled_reason: str | None = None

    def should_disable(self, failures: int, threshold: int) -> bool:
        """Return whether `failures` consecutive failed tries disable this endpoint."""
        return self.enabled and failures >= threshold


@dataclass(frozen=True)
class Delivery:
    """One event's delivery to one endpoint; `id` is the webhook-id of every attempt."""

    id: str
    endpoint_id: str
    event_id: str
    event_type: str
    state: str
    attempts: int
    replays: int
    last_status: int | None
    last_error: str | None
    created_at: datetime


@dataclass(frozen=True)
class Attempt:
    """One call made for a delivery, and what came back."""

    attempt: int
    at: datetime
    status_code: int | None
    error: str | None
    duration_ms: float


def parse_destination(url: str, *, require_https: bool) -> tuple[str, int]:
    """Return the host and port of an endpoint URL; raise InvalidInput if it cannot be one."""
    if len(url) > MAX_URL_LENGTH:
        raise _invalid("url", "Adres jest za długi.", "The URL is too long.")
    parts = urlsplit(url)
    schemes = {"https"} if require_https else {"https", "http"}
    if parts.scheme not in schemes:
        raise _invalid("url", "Adres musi zaczynać się od https://.", "The URL must be https://.")
    if not parts.hostname:
        raise _invalid("url", "Adres nie wskazuje serwera.", "The URL names no host.")
    if parts.username or parts.password:
        raise _invalid(
            "url",
            "Adres nie może zawierać danych logowania.",
            "The URL must not carry credentials.",
        )
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise _invalid("url", "Nieprawidłowy port.", "Invalid port.") from error
    return parts.hostname, port


# IPv6 ranges that carry an IPv4 address a gateway may forward to (NAT64, 6to4, Teredo,
# IPv4-compatible and SIIT-translated): a way to reach private IPv4 through a public-looking
# IPv6 address, so refused whatever they embed.
_EMBEDDING = tuple(
    ipaddress.IPv6Network(n)
    for n in (
        "64:ff9b::/96",
        "64:ff9b:1::/48",
        "2002::/16",
        "2001::/32",
        "::/96",
        "::ffff:0:0:0/96",
    )
)
_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")
_EMBEDDED = Text("adres IPv6 z osadzonym adresem IPv4", "an IPv6 address embedding IPv4")


def address_refusal(address: IpAddress, *, allow_private: bool) -> Text | None:
    """Return why the service must not call this address (SSRF), or None if it may."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_multicast or address.is_unspecified:
        return Text("adres rozgłoszeniowy lub nieokreślony", "a multicast or unspecified address")
    if allow_private:
        return None
    if address.is_loopback:
        return Text("adres pętli zwrotnej", "a loopback address")
    if address.is_link_local:
        return Text("adres lokalny łącza", "a link-local address")
    if isinstance(address, ipaddress.IPv6Address) and any(address in n for n in _EMBEDDING):
        return _EMBEDDED
    if isinstance(address, ipaddress.IPv4Address) and address in _CGNAT:
        return Text("adres sieci operatora (CGNAT)", "a carrier-grade NAT address")
    if address.is_reserved:
        return Text("adres zastrzeżony", "a reserved address")
    if address.is_private or not address.is_global:
        return Text("adres prywatny lub zastrzeżony", "a private or reserved address")
    return None


def new_secret() -> str:
    """Return a fresh signing secret in the Standard Webhooks form (`whsec_` + base64)."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def webhook_id(delivery_key: str) -> str:
    """Return the stable `webhook-id` of a delivery: every retry and replay repeats it."""
    digest = hashlib.sha256(delivery_key.encode()).digest()[:16]
    return "msg_" + base64.b32encode(digest).decode().rstrip("=").lower()


def _invalid(name: str, pl: str, en: str) -> InvalidInput:
    return InvalidInput.for_field(f"body.{name}", pl, en)
