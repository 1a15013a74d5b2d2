"""Lists of a consultation's comments, numbered as comments come: every one, one author's."""

from __future__ import annotations

from services.consultations.domain.consultation.comment import Comment
from shared.paging import Placement, PositionIndex, list_prefix, time_key

__all__ = ["CommentListEntries", "comment_list", "joined", "placements_in_order"]


class CommentListEntries(PositionIndex):
    """`<tenant>|<consultation>|all|<n>` and `<tenant>|<consultation>|author:<subject>|<n>`."""

    collection_name = "comment_list_entries"


def comment_list(
    tenant_id: str, consultation_id: str, author_subject: str | None
) -> tuple[str, str]:
    """Return the consultation's list of every comment, or of one author's."""
    name = "all" if author_subject is None else f"author:{author_subject}"
    return list_prefix(tenant_id, consultation_id), name


def joined(comment: Comment) -> list[Placement]:
    """Return the lists a new comment joins: one counter of its consultation numbers both."""
    return [
        Placement(*comment_list(comment.tenant_id, comment.consultation_id, author), comment.id,
                  comment.tenant_id)
        for author in (None, comment.author.subject)
    ]  # fmt: skip


def placements_in_order(comment: Comment) -> list[tuple[str, Placement]]:
    """Return where a stored comment belongs, with the key that orders it in each list."""
    order = time_key(comment.submitted_at) + comment.id
    return [(order, placement) for placement in joined(comment)]
