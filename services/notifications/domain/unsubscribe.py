"""One-click unsubscribe links: a signed token names whom to unsubscribe, no login needed."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from enum import StrEnum

from shared.errors import InvalidInput

__all__ = ["UnsubscribeTarget", "UnsubscriberKind", "sign_target", "verify_token"]

_VERSION = 1


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


def sign_target(target: UnsubscribeTarget, key: bytes) -> str:
    """Return the token of an unsubscribe link (HMAC-SHA256 over its content)."""
    content = json.dumps([_VERSION, target.kind.value, target.tenant_id, target.id])
    payload = _encode(content.encode())
    return f"{payload}.{_encode(_mac(payload, key))}"


def verify_token(token: str, key: bytes) -> UnsubscribeTarget:
    """Return the target of a genuine token; raise InvalidInput for any other."""
    payload, _, signature = token.partition(".")
    try:
        genuine = hmac.compare_digest(_decode(signature), _mac(payload, key))
        version, kind, tenant_id, subject = json.loads(_decode(payload))
        if not genuine or version != _VERSION:
            raise ValueError("not genuine")
        return UnsubscribeTarget(UnsubscriberKind(kind), str(tenant_id), str(subject))
    except (ValueError, TypeError, binascii.Error) as error:
        raise InvalidInput.for_field(
            "query.token",
            "Link rezygnacji jest nieprawidłowy lub niepełny.",
            "The unsubscribe link is invalid or incomplete.",
        ) from error


def _mac(payload: str, key: bytes) -> bytes:
    return hmac.new(key, payload.encode(), hashlib.sha256).digest()


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
