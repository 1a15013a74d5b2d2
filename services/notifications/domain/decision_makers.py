"""Decision makers: the mayor, the council, who receive consultation reports and index results."""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.notifications.domain.kinds import NoticeKind
from shared.errors import InvalidInput

__all__ = ["FOR_DECISION_MAKERS", "DecisionMaker", "check_address"]

# Deliberately loose: the mail server is the judge; this catches typing slips.
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
FOR_DECISION_MAKERS = frozenset({NoticeKind.CONSULTATION_REPORT, NoticeKind.INDEX_PUBLISHED})


@dataclass(frozen=True)
class DecisionMaker:
    """A person on a municipality's list; `active` turns false when they unsubscribe."""

    id: str
    tenant_id: str
    name: str
    email: str
    function: str
    language: str
    active: bool
    added_by: str
    added_at: float


def check_address(address: str) -> str:
    """Return the address normalised, or raise InvalidInput naming the field."""
    normalised = address.strip()
    if not _ADDRESS.match(normalised) or len(normalised) > 254:
        raise InvalidInput.for_field(
            "body.email", "Nieprawidłowy adres e-mail.", "Not an e-mail address."
        )
    return normalised
