"""A notice: one thing that happened in a municipality, worded for people, before delivery."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from services.notifications.domain.kinds import KIND_RULES, KindRule, NoticeKind
from shared.errors import Text

__all__ = ["Notice", "notice_from_dict", "notice_to_dict"]


@dataclass(frozen=True)
class Notice:
    """What to tell, in which municipality, about which areas, and to whom in any case.

    `key` names what is told: the event for most notices, the fact itself where two sources
    may tell it (a timer and the producer's own warning of a report falling due), so that it
    is delivered once either way.
    """

    key: str
    kind: NoticeKind
    tenant_id: str
    event_type: str
    event_id: str
    occurred_at: datetime
    title: Text
    body: Text
    link: str | None = None
    areas: frozenset[str] = frozenset()
    # Audience keys (`org:<id>`, `user:<subject>`) told whatever they subscribed to.
    addressees: frozenset[str] = frozenset()
    facts: Mapping[str, str] = field(default_factory=dict)

    @property
    def rule(self) -> KindRule:
        """Return the rules of the notice's kind."""
        return KIND_RULES[self.kind]

    def concerns(self, keys: frozenset[str]) -> bool:
        """Return whether the notice is addressed to any of the audience keys."""
        return bool(self.addressees & keys)


def notice_to_dict(notice: Notice) -> dict[str, Any]:
    """Return the notice as plain data (stored with deliveries and in the digest log)."""
    return {
        "key": notice.key,
        "kind": notice.kind.value,
        "tenant_id": notice.tenant_id,
        "event_type": notice.event_type,
        "event_id": notice.event_id,
        "occurred_at": notice.occurred_at.timestamp(),
        "title": {"pl": notice.title.pl, "en": notice.title.en},
        "body": {"pl": notice.body.pl, "en": notice.body.en},
        "link": notice.link,
        "areas": sorted(notice.areas),
        "addressees": sorted(notice.addressees),
        "facts": dict(notice.facts),
    }


def notice_from_dict(data: Mapping[str, Any]) -> Notice:
    """Rebuild a notice from `notice_to_dict` data."""
    return Notice(
        key=data["key"],
        kind=NoticeKind(data["kind"]),
        tenant_id=data["tenant_id"],
        event_type=data["event_type"],
        event_id=data["event_id"],
        occurred_at=datetime.fromtimestamp(float(data["occurred_at"]), UTC),
        title=Text(**data["title"]),
        body=Text(**data["body"]),
        link=data.get("link"),
        areas=frozenset(data.get("areas", ())),
        addressees=frozenset(data.get("addressees", ())),
        facts=dict(data.get("facts", {})),
    )
