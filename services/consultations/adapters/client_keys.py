"""Opaque per-consultation keys of client addresses, for the per-address limits."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

__all__ = ["ClientKeys"]


@dataclass(frozen=True)
class ClientKeys:
    """Turn a client address into the key that comments and survey responses are counted by."""

    secret: bytes

    def of(self, consultation_id: str, address: str | None) -> str | None:
        """Return the address's key within one consultation, or None without an address."""
        if not address:
            return None
        # An IP address is personal data, and a plain or salted hash of one is reversed by
        # trying all 2^32 IPv4 addresses. An HMAC under a key kept out of the database cannot
        # be, even from a dump; mixing in the consultation makes the keys of one person
        # unlinkable across consultations, so they serve this one limit and nothing else.
        message = f"{consultation_id}\n{address}".encode()
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()
