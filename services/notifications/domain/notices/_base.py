"""What every notice writer shares: the wording, and one way to build a notice."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from services.notifications.domain.kinds import NoticeKind
from services.notifications.domain.notice import Notice
from services.notifications.domain.projections import Origin
from services.notifications.domain.wording import Wording
from shared.errors import Text

__all__ = ["K", "WriterBase", "notice_of"]

K = NoticeKind


@dataclass(frozen=True)
class WriterBase:
    """Words notices in Polish and English."""

    wording: Wording


def notice_of(
    origin: Origin,
    kind: NoticeKind,
    key: str,
    title: Text,
    body: Text,
    *,
    link: str | None = None,
    areas: frozenset[str] = frozenset(),
    addressees: frozenset[str] = frozenset(),
    facts: Mapping[str, str] | None = None,
) -> Notice:
    """Return the notice of one fact, keyed by its kind and the fact's own key."""
    return Notice(
        key=f"{kind.value}:{key}",
        kind=kind,
        tenant_id=origin.tenant_id,
        event_type=origin.event_type,
        event_id=origin.event_id,
        occurred_at=origin.occurred_at,
        title=title,
        body=body,
        link=link,
        areas=areas,
        addressees=addressees,
        facts=dict(facts or {}),
    )
