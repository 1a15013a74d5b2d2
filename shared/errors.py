"""Domain errors that carry their HTTP status and a message in Polish and English."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

__all__ = [
    "Conflict",
    "DomainError",
    "FieldError",
    "Forbidden",
    "InvalidInput",
    "NotFound",
    "ServiceUnavailable",
    "Text",
    "Unauthorized",
]


@dataclass(frozen=True)
class Text:
    """A user-facing text in Polish (the default) and English."""

    pl: str
    en: str

    def in_language(self, language: str) -> str:
        """Return the text in `language` ("pl" or "en")."""
        return self.en if language == "en" else self.pl


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field; `field` is a dotted path such as `body.krs`."""

    field: str
    message: Text
    code: str = "invalid"


@dataclass
class DomainError(Exception):
    """A rule broken by the caller; rendered as RFC 9457 problem+json."""

    detail: Text
    errors: list[FieldError] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)

    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad-request"
    title: ClassVar[Text] = Text("Nieprawidłowe żądanie", "Bad request")

    def __str__(self) -> str:
        return self.detail.en


class InvalidInput(DomainError):
    """Input that breaks a rule of the domain."""

    status = 422
    code = "invalid-input"
    title = Text("Nieprawidłowe dane", "Invalid input")

    @classmethod
    def for_field(cls, name: str, pl: str, en: str, code: str = "invalid") -> InvalidInput:
        """Build the error for one field."""
        message = Text(pl, en)
        return cls(detail=message, errors=[FieldError(name, message, code)])


class NotFound(DomainError):
    """No such object for this caller (also when it belongs to another tenant)."""

    status = 404
    code = "not-found"
    title = Text("Nie znaleziono", "Not found")


class Conflict(DomainError):
    """The request conflicts with the current state (duplicate, wrong state, too late)."""

    status = 409
    code = "conflict"
    title = Text("Konflikt", "Conflict")


class Unauthorized(DomainError):
    """Missing, malformed, expired or untrusted credentials."""

    status = 401
    code = "unauthorized"
    title = Text("Brak uwierzytelnienia", "Unauthorized")


class Forbidden(DomainError):
    """The caller is known but lacks the role for this action."""

    status = 403
    code = "forbidden"
    title = Text("Brak uprawnień", "Forbidden")


class ServiceUnavailable(DomainError):
    """Something the request needs (the identity provider, a store) does not answer now."""

    status = 503
    code = "unavailable"
    title = Text("Usługa chwilowo niedostępna", "Service unavailable")
