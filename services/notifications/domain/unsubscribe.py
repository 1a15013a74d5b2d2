"""One-click unsubscribe links: a signed token names whom to unsubscribe, no login needed."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from enum import StrEnum

from shared.errors import DomainError, FieldError, InvalidInput, Text

__all__ = [
    "LinkExpired",
    "UnsubscribeTarget",
    "UnsubscriberKind",
    "sign_target",
    "verify_token",
]

# Version 2 carries the signing time; version 1 links had none, so they count as expired.
_VERSION = 2
_UNDATED_VERSION = 1
_EXPIRED = Text(
    "Link rezygnacji wygasł. Zaloguj się do platformy i wyłącz e-maile w ustawieniach "
    "subskrypcji albo użyj linku z nowszej wiadomości.",
    "The unsubscribe link has expired. Sign in to the platform and turn e-mail off in your "
    "subscription settings, or use the link of a newer message.",
)


class LinkExpired(DomainError):
    """A genuine unsubscribe link older than links may be."""

    status = 410
    code = "link-expired"
    title = Text("Link wygasł", "Link expired")

    @classmethod
    def of_token(cls) -> LinkExpired:
        """Build the error naming the token."""
        return cls(detail=_EXPIRED, errors=[FieldError("query.token", _EXPIRED, "expired")])


class UnsubscriberKind(StrEnum):
    """Who the link unsubscribes."""

    USER = "user"
    DECISION_MAKER = "decision_maker"


@dataclass(frozen=True)
class UnsubscribeTarget:
    """A user, or a municipality's decision maker, to stop e-mailing."""

    kind: UnsubscriberKind
    tenant_id: str
    id: str


def sign_target(target: UnsubscribeTarget, key: bytes, *, issued_at: float) -> str:
    """Return the token of an unsubscribe link (HMAC-SHA256 over its content and date)."""
    content = json.dumps([_VERSION, target.kind.value, target.tenant_id, target.id, int(issued_at)])
    payload = _encode(content.encode())
    return f"{payload}.{_encode(_mac(payload, key))}"


def verify_token(
    token: str, key: bytes, *, now: float, max_age_seconds: float
) -> UnsubscribeTarget:
    """Return the target of a genuine, fresh token; raise InvalidInput or LinkExpired."""
    payload, _, signature = token.partition(".")
    try:
        genuine = hmac.compare_digest(_decode(signature), _mac(payload, key))
        content = json.loads(_decode(payload))
        if not genuine or not isinstance(content, list):
            raise ValueError("not genuine")
        if content[0] == _UNDATED_VERSION:
            raise LinkExpired.of_token()
        version, kind, tenant_id, subject, issued_at = content
        if version != _VERSION or not isinstance(issued_at, int):
            raise ValueError("unknown version")
        target = UnsubscribeTarget(UnsubscriberKind(kind), str(tenant_id), str(subject))
    except (ValueError, TypeError, IndexError, binascii.Error) as error:
        raise InvalidInput.for_field(
            "query.token",
            "Link rezygnacji jest nieprawidłowy lub niepełny.",
            "The unsubscribe link is invalid or incomplete.",
        ) from error
    if now - issued_at > max_age_seconds:
        raise LinkExpired.of_token()
    return target


def _mac(payload: str, key: bytes) -> bytes:
    return hmac.new(key, payload.encode(), hashlib.sha256).digest()


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
