"""Secrets kept encrypted at rest (Fernet: AES-128-CBC with an HMAC), opened only to sign."""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken

__all__ = ["SecretBox", "SecretUnreadable"]


class SecretUnreadable(RuntimeError):
    """A stored secret does not open with the configured key (was the key changed?)."""


class SecretBox:
    """Seals and opens short secrets with one symmetric key from the settings."""

    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode())

    def seal(self, secret: str) -> str:
        """Return the secret encrypted and authenticated, as text to store."""
        return self._fernet.encrypt(secret.encode()).decode()

    def open(self, sealed: str) -> str:
        """Return the secret a `seal` call produced."""
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken as error:
            raise SecretUnreadable("a stored secret does not open with this key") from error
