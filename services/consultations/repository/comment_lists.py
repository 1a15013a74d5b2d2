"""Lists of a consultation's comments as `_id` ranges: every one, by answer, by author."""

from __future__ import annotations

from services.consultations.domain.consultation.comment import Comment
from shared.paging import Entry, RangeIndex, list_prefix, sort_key, time_key

__all__ = ["CommentListEntries", "answer_entries", "comment_list", "entries"]


class CommentListEntries(RangeIndex):
    """Entries `<tenant>|<consultation>|<list>|<submitted>\\0<comment>`, oldest first."""

    collection_name = "comment_list_entries"


def comment_list(
    tenant_id: str, consultation_id: str, *, author_subject: str | None, answered: bool | None
) -> str:
    """Return the prefix of the list that serves a filter (an author's: answered or not)."""
    if author_subject is not None:
        return list_prefix(tenant_id, consultation_id, "author", author_subject)
    if answered is not None:
        return list_prefix(tenant_id, consultation_id, "answered" if answered else "open")
    return list_prefix(tenant_id, consultation_id, "all")


def _entry(comment: Comment, *, author: bool = False, answered: bool | None = None) -> Entry:
    prefix = comment_list(
        comment.tenant_id,
        comment.consultation_id,
        author_subject=comment.author.subject if author else None,
        answered=answered,
    )
    # Submission time and id never change: an entry never moves within its list.
    key = sort_key(time_key(comment.submitted_at), comment.id)
    return Entry(prefix, key, comment.id, comment.tenant_id)


def answer_entries(comment: Comment) -> tuple[Entry, Entry]:
    """Return the comment's entry on the list of its answer state, and on the other one."""
    answered = comment.is_answered
    return _entry(comment, answered=answered), _entry(comment, answered=not answered)


def entries(comment: Comment) -> list[Entry]:
    """Return every place of the comment."""
    return [_entry(comment), _entry(comment, author=True), answer_entries(comment)[0]]
