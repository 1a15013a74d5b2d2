"""Events of taking part: comments, their answers and survey responses."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from shared.contracts.base import EventContract
from shared.contracts.consultations._common import (
    COMMENT_TOPIC,
    PARTICIPANTS,
    SURVEY_RESPONSE_TOPIC,
)

__all__ = ["CommentAnswered", "CommentSubmitted", "SurveyResponseSubmitted"]


class CommentSubmitted(EventContract):
    """A participant commented on a section of a consulted document."""

    event_type = "pl.ngo.consultations.comment.submitted"
    topic = COMMENT_TOPIC
    key_field = "comment_id"

    comment_id: str = Field(description="Platform id of the comment.")
    consultation_id: str = Field(description="Consultation the comment belongs to.")
    section_number: int = Field(description="Number of the commented section.")
    participant_kind: str = Field(description=f"Who commented: {PARTICIPANTS}.")
    organization_id: str | None = Field(
        None, description="Organization on whose behalf it was made; absent for others."
    )
    submitted_at: datetime = Field(description="When it was submitted (UTC).")


class CommentAnswered(EventContract):
    """The municipality answered a comment (a later answer replaces an earlier one)."""

    event_type = "pl.ngo.consultations.comment.answered"
    topic = COMMENT_TOPIC
    key_field = "comment_id"

    comment_id: str = Field(description="Platform id of the comment.")
    consultation_id: str = Field(description="Consultation the comment belongs to.")
    participant_kind: str = Field(description=f"Who made the comment: {PARTICIPANTS}.")
    organization_id: str | None = Field(
        None, description="Organization that made the comment; absent for others."
    )
    verdict: str = Field(description="The answer: accepted, partly_accepted or rejected.")
    comment_submitted_at: datetime = Field(
        description="When the answered comment was submitted (UTC)."
    )
    answered_by: str = Field(description="Subject (user id) of the answering officer.")
    answered_at: datetime = Field(description="When it was answered (UTC).")


class SurveyResponseSubmitted(EventContract):
    """A participant answered the survey of a consultation."""

    event_type = "pl.ngo.consultations.survey_response.submitted"
    topic = SURVEY_RESPONSE_TOPIC
    key_field = "response_id"

    response_id: str = Field(description="Platform id of the survey response.")
    consultation_id: str = Field(description="Consultation whose survey was answered.")
    participant_kind: str = Field(description=f"Who answered: {PARTICIPANTS}.")
    organization_id: str | None = Field(
        None, description="Organization on whose behalf it was answered; absent for others."
    )
    submitted_at: datetime = Field(description="When it was submitted (UTC).")
