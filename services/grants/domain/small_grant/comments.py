"""Public comments on a published small grant offer (art. 19a(3)), kept apart from the offer."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import datetime

from services.grants.domain.common.rules import conflict, require_text
from services.grants.domain.small_grant.small_grant import SmallGrant
from shared.contracts.grants import SmallGrantCommented
from shared.errors import InvalidInput

__all__ = ["CommentLimits", "CommentTally", "SmallGrantComment", "comment_on", "ordered_id"]


@dataclass(frozen=True)
class CommentLimits:
    """How long a comment may be and how many one author or one address may leave per offer."""

    max_length: int = 5_000
    per_author: int = 20
    per_address: int = 50


@dataclass(frozen=True)
class CommentTally:
    """How many comments on the offer the caller already made, by subject and by address."""

    by_author: int
    from_address: int


@dataclass(frozen=True)
class SmallGrantComment:
    """A remark anyone made during the comment period; the author's name is optional."""

    id: str
    tenant_id: str
    small_grant_id: str
    text: str
    made_at: datetime
    author_name: str | None = None
    # Who and from where, only to count against the limits; never shown to anyone.
    author_subject: str | None = None
    client_address: str | None = None


def ordered_id(now: datetime) -> str:
    """Return a UUIDv7 (time first), so that paging by `_id` lists comments oldest first."""
    millis = int(now.timestamp() * 1000) & ((1 << 48) - 1)
    random = int.from_bytes(os.urandom(10), "big")
    value = (millis << 80) | (0x7 << 76) | ((random >> 68) << 64) | (0b10 << 62)
    value |= random & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


def comment_on(
    small_grant: SmallGrant,
    text: str,
    *,
    now: datetime,
    limits: CommentLimits,
    tally: CommentTally,
    author_name: str | None = None,
    author_subject: str | None = None,
    client_address: str | None = None,
) -> tuple[SmallGrantComment, SmallGrantCommented]:
    """Make a comment on an offer open for comments, within the size and count limits."""
    small_grant.ensure_open_for_comments(now)
    body = require_text(text, "text")
    if len(body) > limits.max_length:
        raise InvalidInput.for_field(
            "text",
            f"Uwaga może mieć najwyżej {limits.max_length} znaków.",
            f"A comment has at most {limits.max_length} characters.",
            "too-long",
        )
    _within_count(tally, limits, author_subject is not None)
    comment = SmallGrantComment(
        id=ordered_id(now),
        tenant_id=small_grant.tenant_id,
        small_grant_id=small_grant.id,
        text=body,
        made_at=now,
        author_name=author_name.strip() or None if author_name else None,
        author_subject=author_subject,
        client_address=client_address,
    )
    event = SmallGrantCommented(
        small_grant_id=small_grant.id,
        organization_id=small_grant.organization_id,
        comment_id=comment.id,
        commented_at=now,
    )
    return comment, event


def _within_count(tally: CommentTally, limits: CommentLimits, signed_in: bool) -> None:
    if signed_in and tally.by_author >= limits.per_author:
        raise conflict(
            f"Do tej oferty zgłoszono już {limits.per_author} Twoich uwag; to limit.",
            f"You already left {limits.per_author} comments on this offer, the limit.",
            reason="comment-limit-per-author",
            limit=limits.per_author,
        )
    if tally.from_address >= limits.per_address:
        raise conflict(
            f"Z tego adresu zgłoszono już {limits.per_address} uwag do tej oferty; to limit.",
            f"{limits.per_address} comments on this offer came from this address, the limit.",
            reason="comment-limit-per-address",
            limit=limits.per_address,
        )
