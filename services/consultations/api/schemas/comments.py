"""Request and response bodies of comments, their answers and survey responses."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from services.consultations.api.schemas.base import MAX_NUMBER, Strict
from services.consultations.domain.consultation.comment import Comment, Verdict
from services.consultations.domain.consultation.participants import ParticipantKind
from services.consultations.domain.consultation.survey import SurveyResponse
from shared.text import Line, Paragraph

__all__ = [
    "AnswerBody",
    "BulkAnswerBody",
    "CommentCreate",
    "CommentView",
    "SurveyResponseCreate",
    "SurveyResponseView",
]


class CommentCreate(Strict):
    """A comment on one section: the current and proposed wording and why."""

    section_number: int = Field(le=MAX_NUMBER, description="Number of the commented section.")
    current_wording: Paragraph | None = Field(None, description="The wording as it stands.")
    proposed_wording: Paragraph | None = Field(None, description="The wording proposed instead.")
    justification: Paragraph = Field(description="Why the change is proposed.")
    as_council_member: bool = Field(
        False, description="Speak as a member of the public benefit council."
    )


class AnswerBody(Strict):
    """The municipality's answer to a comment."""

    verdict: Verdict = Field(description="accepted, partly_accepted or rejected.")
    justification: Paragraph = Field(description="Why; every answer is justified.")


class BulkAnswerBody(Strict):
    """One answer for many comments alike: spam, duplicates, the same proposal again."""

    comment_ids: list[Line] = Field(
        min_length=1, max_length=1_000, description="Ids of the comments (the service's limit)."
    )
    verdict: Verdict = Field(description="accepted, partly_accepted or rejected.")
    justification: Paragraph = Field(description="Why; one justification for all of them.")


class AnswerView(BaseModel):
    """An answer given."""

    verdict: Verdict
    justification: str
    answered_at: datetime


class CommentView(BaseModel):
    """A comment and its answer (the author's identity stays private)."""

    id: str
    consultation_id: str
    section_number: int
    participant_kind: ParticipantKind
    organization_id: str | None
    current_wording: str | None
    proposed_wording: str | None
    justification: str
    submitted_at: datetime
    answer: AnswerView | None

    @classmethod
    def of(cls, comment: Comment) -> CommentView:
        """Render a comment."""
        answer = comment.answer
        return cls(
            id=comment.id,
            consultation_id=comment.consultation_id,
            section_number=comment.section_number,
            participant_kind=comment.author.kind,
            organization_id=comment.author.organization_id,
            current_wording=comment.current_wording,
            proposed_wording=comment.proposed_wording,
            justification=comment.justification,
            submitted_at=comment.submitted_at,
            answer=AnswerView(
                verdict=answer.verdict,
                justification=answer.justification,
                answered_at=answer.answered_at,
            )
            if answer
            else None,
        )


class SurveyResponseCreate(Strict):
    """Answers to a survey: chosen options, or one free text for an open question."""

    answers: dict[int, list[Paragraph]] = Field(description="Answers by question number.")
    as_council_member: bool = Field(
        False, description="Answer as a member of the public benefit council."
    )


class SurveyResponseView(BaseModel):
    """A survey response handed in."""

    id: str
    consultation_id: str
    participant_kind: ParticipantKind
    answers: dict[int, list[str]]
    submitted_at: datetime

    @classmethod
    def of(cls, response: SurveyResponse) -> SurveyResponseView:
        """Render a survey response."""
        return cls(
            id=response.id,
            consultation_id=response.consultation_id,
            participant_kind=response.respondent.kind,
            answers={number: list(values) for number, values in response.answers.items()},
            submitted_at=response.submitted_at,
        )
