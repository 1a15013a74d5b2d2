"""The Comment aggregate: a participant's remark on a section and the municipality's answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from services.consultations.domain.common.validation import Problems
from services.consultations.domain.consultation.consultation import Consultation
from services.consultations.domain.consultation.participants import Participant
from services.consultations.domain.consultation.terms import SECTION_MAX
from shared.context import new_id
from shared.contracts.base import EventContract
from shared.contracts.consultations import CommentAnswered, CommentSubmitted
from shared.errors import Conflict, Text

__all__ = [
    "VERDICT_LABELS",
    "Answer",
    "Comment",
    "CommentLimits",
    "CommentTally",
    "Verdict",
    "submit_comment",
]

JUSTIFICATION_MAX = 5_000


@dataclass(frozen=True)
class CommentLimits:
    """Size of one comment; how many one author or one address may make per consultation."""

    max_chars: int = 20_000
    per_author: int = 50
    per_address: int = 200


@dataclass(frozen=True)
class CommentTally:
    """How many comments in the consultation the caller made, by subject and by address."""

    by_author: int = 0
    from_address: int = 0


class Verdict(StrEnum):
    """How the municipality answered a comment."""

    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly_accepted"
    REJECTED = "rejected"


VERDICT_LABELS: dict[Verdict, Text] = {
    Verdict.ACCEPTED: Text("uwzględniona", "accepted"),
    Verdict.PARTLY_ACCEPTED: Text("uwzględniona częściowo", "partly accepted"),
    Verdict.REJECTED: Text("nieuwzględniona", "rejected"),
}


@dataclass(frozen=True)
class Answer:
    """The municipality's answer to one comment, always with its justification."""

    verdict: Verdict
    justification: str
    answered_by: str
    answered_at: datetime


@dataclass
class Comment:
    """A comment on one section: the current and proposed wording and why."""

    id: str
    tenant_id: str
    consultation_id: str
    section_number: int
    author: Participant
    current_wording: str | None
    proposed_wording: str | None
    justification: str
    submitted_at: datetime
    answer: Answer | None = None
    # Only to count against the per-address limit: a keyed hash, never the address itself.
    client_key: str | None = None
    version: int = field(default=0, compare=False)
    events: list[EventContract] = field(default_factory=list, compare=False)

    @property
    def is_answered(self) -> bool:
        """Return whether the municipality has answered."""
        return self.answer is not None

    def answer_with(
        self,
        consultation: Consultation,
        *,
        verdict: Verdict,
        justification: str,
        answered_by: str,
        now: datetime,
    ) -> None:
        """Answer (or re-answer, until the report is out) with a justified verdict."""
        if consultation.id != self.consultation_id:
            raise ValueError("the comment belongs to another consultation")
        consultation.ensure_answers_allowed()
        problems = Problems()
        text = problems.text(justification, "justification", max_length=JUSTIFICATION_MAX)
        problems.raise_if_any()
        self.answer = Answer(verdict, text, answered_by, now)
        self.events.append(
            CommentAnswered(
                comment_id=self.id,
                consultation_id=self.consultation_id,
                participant_kind=self.author.kind.value,
                organization_id=self.author.organization_id,
                verdict=verdict.value,
                comment_submitted_at=self.submitted_at,
                answered_by=answered_by,
                answered_at=now,
            )
        )


def submit_comment(
    consultation: Consultation,
    *,
    author: Participant,
    section_number: int,
    current_wording: str | None,
    proposed_wording: str | None,
    justification: str,
    now: datetime,
    limits: CommentLimits = CommentLimits(),
    tally: CommentTally = CommentTally(),
    client_key: str | None = None,
) -> Comment:
    """Record a comment on a section of an open consultation, within the author's limits."""
    consultation.ensure_open_to(author, now)
    _ensure_below_count(limits, tally)
    if not consultation.terms.forms.written_comments:
        raise Conflict(
            detail=Text(
                "W tych konsultacjach nie zbiera się uwag pisemnych.",
                "This consultation takes no written comments.",
            ),
            extra={"reason": "written-comments-not-taken"},
        )
    current, proposed, why = _checked_texts(
        consultation, section_number, current_wording, proposed_wording, justification
    )
    _ensure_within_size(limits, current, proposed, why)
    comment = Comment(
        id=new_id(),
        tenant_id=consultation.tenant_id,
        consultation_id=consultation.id,
        section_number=section_number,
        author=author,
        current_wording=current,
        proposed_wording=proposed,
        justification=why,
        submitted_at=now,
        client_key=client_key,
    )
    comment.events.append(
        CommentSubmitted(
            comment_id=comment.id,
            consultation_id=consultation.id,
            section_number=section_number,
            participant_kind=author.kind.value,
            organization_id=author.organization_id,
            submitted_at=now,
        )
    )
    return comment


def _ensure_below_count(limits: CommentLimits, tally: CommentTally) -> None:
    if tally.by_author >= limits.per_author:
        raise Conflict(
            detail=Text(
                f"W tych konsultacjach zgłoszono już {limits.per_author} Twoich uwag; to limit.",
                f"You already made {limits.per_author} comments in this consultation, the limit.",
            ),
            extra={"reason": "comment-limit-per-author", "limit": limits.per_author},
        )
    if tally.from_address >= limits.per_address:
        raise Conflict(
            detail=Text(
                f"Z tego adresu zgłoszono już {limits.per_address} uwag w tych konsultacjach; "
                "to limit.",
                f"{limits.per_address} comments in this consultation came from this address, "
                "the limit.",
            ),
            extra={"reason": "comment-limit-per-address", "limit": limits.per_address},
        )


def _ensure_within_size(limits: CommentLimits, *texts: str | None) -> None:
    size = sum(len(text) for text in texts if text)
    if size > limits.max_chars:
        problems = Problems()
        problems.add(
            "justification",
            f"Uwaga (zapisy i uzasadnienie razem) może mieć najwyżej {limits.max_chars} znaków.",
            f"A comment (wordings and justification together) has at most "
            f"{limits.max_chars} characters.",
            "too-long",
        )
        problems.raise_if_any()


def _checked_texts(
    consultation: Consultation,
    section_number: int,
    current_wording: str | None,
    proposed_wording: str | None,
    justification: str,
) -> tuple[str | None, str | None, str]:
    problems = Problems()
    if consultation.terms.document.section(section_number) is None:
        problems.add(
            "section_number",
            "Dokument nie ma punktu o tym numerze.",
            "The document has no section with this number.",
            "unknown-section",
        )
    current = _optional(current_wording, "current_wording", problems)
    proposed = _optional(proposed_wording, "proposed_wording", problems)
    if current is None and proposed is None:
        problems.add(
            "proposed_wording",
            "Podaj obecny lub proponowany zapis.",
            "Give the current or the proposed wording.",
            "required",
        )
    why = problems.text(justification, "justification", max_length=JUSTIFICATION_MAX)
    problems.raise_if_any()
    return current, proposed, why


def _optional(value: str | None, field_name: str, problems: Problems) -> str | None:
    if value is None or not value.strip():
        return None
    return problems.text(value, field_name, max_length=SECTION_MAX)
