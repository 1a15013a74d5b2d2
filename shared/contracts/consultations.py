"""Events published by the consultations service (public data only: no resident identities)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from shared.contracts.base import EventContract

__all__ = [
    "ANNUAL_REPORT_TOPIC",
    "COMMENT_TOPIC",
    "CONSULTATION_TOPIC",
    "COUNCIL_TOPIC",
    "INDEX_ROUND_TOPIC",
    "REPORT_TOPIC",
    "SURVEY_RESPONSE_TOPIC",
    "TOPICS",
    "AnnualReportAssembled",
    "AnnualReportSectionWritten",
    "CommentAnswered",
    "CommentSubmitted",
    "ConsultationClosed",
    "ConsultationDrafted",
    "ConsultationOpened",
    "ConsultationReportPublished",
    "ConsultationRevised",
    "CouncilMembershipChanged",
    "IndexConclusionsRecorded",
    "IndexRoundPublished",
    "IndexRoundStarted",
    "IndexScorecardSubmitted",
    "SurveyResponseSubmitted",
]

CONSULTATION_TOPIC = "consultations.consultation.v1"
COMMENT_TOPIC = "consultations.comment.v1"
SURVEY_RESPONSE_TOPIC = "consultations.survey_response.v1"
REPORT_TOPIC = "consultations.report.v1"
INDEX_ROUND_TOPIC = "consultations.index_round.v1"
ANNUAL_REPORT_TOPIC = "consultations.annual_report.v1"
COUNCIL_TOPIC = "consultations.council.v1"
TOPICS = (
    CONSULTATION_TOPIC,
    COMMENT_TOPIC,
    SURVEY_RESPONSE_TOPIC,
    REPORT_TOPIC,
    INDEX_ROUND_TOPIC,
    ANNUAL_REPORT_TOPIC,
    COUNCIL_TOPIC,
)

_KINDS = (
    "annual_cooperation_programme, multi_annual_cooperation_programme, municipal_strategy, "
    "social_problems_strategy, local_law or other"
)
_PARTICIPANTS = "organization, resident or public_benefit_council"
_AREAS = (
    "social_consultations, mutual_information, financial_cooperation, "
    "non_financial_cooperation, initiative_support, sector_integration"
)


class ConsultationDrafted(EventContract):
    """An officer drafted a consultation; drafts are not public (staff only)."""

    event_type = "pl.ngo.consultations.consultation.drafted"
    topic = CONSULTATION_TOPIC
    key_field = "consultation_id"

    consultation_id: str = Field(description="Platform id of the consultation.")
    title: str = Field(description="Working title of the consultation.")
    kind: str = Field(description=f"Kind of the consulted document: {_KINDS}.")
    starts_at: datetime = Field(description="Planned start of the consultation (UTC).")
    ends_at: datetime = Field(description="Planned end of the consultation (UTC).")
    warnings: list[str] = Field(
        default_factory=list, description="Codes of the timetable warnings the officer was shown."
    )
    drafted_by: str = Field(description="Subject (user id) of the officer who drafted it.")
    drafted_at: datetime = Field(description="When the draft was created (UTC).")


class ConsultationRevised(EventContract):
    """An officer changed the terms of a draft consultation (staff only)."""

    event_type = "pl.ngo.consultations.consultation.revised"
    topic = CONSULTATION_TOPIC
    key_field = "consultation_id"

    consultation_id: str = Field(description="Platform id of the consultation.")
    title: str = Field(description="Working title after the change.")
    kind: str = Field(description=f"Kind of the consulted document: {_KINDS}.")
    starts_at: datetime = Field(description="Planned start after the change (UTC).")
    ends_at: datetime = Field(description="Planned end after the change (UTC).")
    warnings: list[str] = Field(
        default_factory=list, description="Codes of the timetable warnings the officer was shown."
    )
    revised_by: str = Field(description="Subject (user id) of the officer.")
    revised_at: datetime = Field(description="When the draft was changed (UTC).")


class ConsultationOpened(EventContract):
    """A municipality opened a social consultation of a document."""

    event_type = "pl.ngo.consultations.consultation.opened"
    topic = CONSULTATION_TOPIC
    key_field = "consultation_id"

    consultation_id: str = Field(description="Platform id of the consultation.")
    title: str = Field(description="Title of the consultation.")
    kind: str = Field(description=f"Kind of the consulted document: {_KINDS}.")
    programme_year: int | None = Field(
        None, description="Year a consulted cooperation programme is for (its first year)."
    )
    audiences: list[str] = Field(
        description="Who may take part: ngos, residents, public_benefit_council."
    )
    written_comments: bool = Field(description="Whether written comments on sections are taken.")
    survey: bool = Field(description="Whether the consultation has a survey.")
    meetings: int = Field(description="Number of consultation meetings planned.")
    starts_at: datetime = Field(description="When comments start being accepted (UTC).")
    ends_at: datetime = Field(description="When comments stop being accepted (UTC).")
    opened_by: str = Field(description="Subject (user id) of the officer who opened it.")
    opened_at: datetime = Field(description="When it was opened (UTC).")


class ConsultationClosed(EventContract):
    """A consultation reached its end and stopped accepting comments."""

    event_type = "pl.ngo.consultations.consultation.closed"
    topic = CONSULTATION_TOPIC
    key_field = "consultation_id"

    consultation_id: str = Field(description="Platform id of the consultation.")
    title: str = Field(description="Title of the consultation.")
    ends_at: datetime = Field(description="The announced end of the consultation (UTC).")
    closed_at: datetime = Field(description="When the platform closed it (UTC).")


class CommentSubmitted(EventContract):
    """A participant commented on a section of a consulted document."""

    event_type = "pl.ngo.consultations.comment.submitted"
    topic = COMMENT_TOPIC
    key_field = "comment_id"

    comment_id: str = Field(description="Platform id of the comment.")
    consultation_id: str = Field(description="Consultation the comment belongs to.")
    section_number: int = Field(description="Number of the commented section.")
    participant_kind: str = Field(description=f"Who commented: {_PARTICIPANTS}.")
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
    participant_kind: str = Field(description=f"Who made the comment: {_PARTICIPANTS}.")
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
    participant_kind: str = Field(description=f"Who answered: {_PARTICIPANTS}.")
    organization_id: str | None = Field(
        None, description="Organization on whose behalf it was answered; absent for others."
    )
    submitted_at: datetime = Field(description="When it was submitted (UTC).")


class ConsultationReportPublished(EventContract):
    """The report of a consultation, every comment answered, was published."""

    event_type = "pl.ngo.consultations.report.published"
    topic = REPORT_TOPIC
    key_field = "consultation_id"

    consultation_id: str = Field(description="Consultation the report is about (one report each).")
    title: str = Field(description="Title of the consultation.")
    kind: str = Field(description=f"Kind of the consulted document: {_KINDS}.")
    comments: int = Field(description="Number of comments received.")
    accepted: int = Field(description="Comments accepted.")
    partly_accepted: int = Field(description="Comments partly accepted.")
    rejected: int = Field(description="Comments rejected.")
    organizations: int = Field(description="Distinct organizations that took part.")
    residents: int = Field(description="Distinct residents that took part.")
    survey_responses: int = Field(description="Number of survey responses.")
    published_by: str = Field(description="Subject (user id) of the publishing officer.")
    published_at: datetime = Field(description="When it was published (UTC).")


class IndexRoundPublished(EventContract):
    """A municipality published a round of the Local Cooperation Quality Index self-assessment."""

    event_type = "pl.ngo.consultations.index_round.published"
    topic = INDEX_ROUND_TOPIC
    key_field = "round_id"

    round_id: str = Field(description="Platform id of the assessment round.")
    title: str = Field(description="Title of the round, e.g. the first diagnosis.")
    assessed_on: date = Field(description="Day of the moderated discussion.")
    scale_max: int = Field(description="Top of the score scale; scores run from 0 to it.")
    officers_by_area: dict[str, float | None] = Field(
        description=f"Officers' mean score per area ({_AREAS}); null when unscored."
    )
    ngos_by_area: dict[str, float | None] = Field(
        description="NGO representatives' mean score per area; null when unscored."
    )
    combined_by_area: dict[str, float | None] = Field(
        description="Mean of both groups per area, each group weighing half; null unless both."
    )
    officers_overall: float | None = Field(description="Officers' mean over the areas.")
    ngos_overall: float | None = Field(description="NGO representatives' mean over the areas.")
    combined_overall: float | None = Field(description="Mean of both groups' overall scores.")
    conclusions: str = Field(description="Summary of the moderated discussion's conclusions.")
    published_by: str = Field(description="Subject (user id) of the publishing officer.")
    published_at: datetime = Field(description="When it was published (UTC).")


class IndexRoundStarted(EventContract):
    """A municipality started a round of the cooperation-quality self-assessment (staff only)."""

    event_type = "pl.ngo.consultations.index_round.started"
    topic = INDEX_ROUND_TOPIC
    key_field = "round_id"

    round_id: str = Field(description="Platform id of the assessment round.")
    title: str = Field(description="Title of the round, e.g. the first diagnosis.")
    assessed_on: date = Field(description="Day of the moderated discussion.")
    started_by: str = Field(description="Subject (user id) of the officer who started it.")
    started_at: datetime = Field(description="When it was started (UTC).")


class IndexScorecardSubmitted(EventContract):
    """A rater of one group handed in (or replaced) a scorecard; scores stay in the service."""

    event_type = "pl.ngo.consultations.index_round.scorecard_submitted"
    topic = INDEX_ROUND_TOPIC
    key_field = "round_id"

    round_id: str = Field(description="Platform id of the assessment round.")
    group: str = Field(description="Group of the rater: officers or ngos.")
    indicators_scored: int = Field(description="Number of indicators the card scores.")
    scorecards_in_group: int = Field(description="Scorecards of that group so far.")
    submitted_at: datetime = Field(description="When the card was handed in (UTC).")


class IndexConclusionsRecorded(EventContract):
    """The conclusions of a round's moderated discussion were recorded (staff only)."""

    event_type = "pl.ngo.consultations.index_round.conclusions_recorded"
    topic = INDEX_ROUND_TOPIC
    key_field = "round_id"

    round_id: str = Field(description="Platform id of the assessment round.")
    areas: list[str] = Field(description=f"Areas with their own conclusions ({_AREAS}).")
    recorded_by: str = Field(description="Subject (user id) of the officer.")
    recorded_at: datetime = Field(description="When they were recorded (UTC).")


class AnnualReportAssembled(EventContract):
    """The draft report on a year's cooperation programme was (re)assembled from the figures."""

    event_type = "pl.ngo.consultations.annual_report.assembled"
    topic = ANNUAL_REPORT_TOPIC
    key_field = "annual_report_id"

    annual_report_id: str = Field(description="Id of the report: <tenant id>-<programme year>.")
    programme_year: int = Field(description="Year of the cooperation programme reported on.")
    due_on: date = Field(description="Day by which the report must be published (art. 5a(3)).")
    active_organizations: int = Field(description="Organizations active in cooperation.")
    missing_sections: list[str] = Field(description="Sections still without the officer's text.")
    assembled_by: str = Field(description="Subject (user id) of the officer.")
    assembled_at: datetime = Field(description="When the figures were assembled (UTC).")


class AnnualReportSectionWritten(EventContract):
    """An officer wrote a section of the draft report on a year's cooperation programme."""

    event_type = "pl.ngo.consultations.annual_report.section_written"
    topic = ANNUAL_REPORT_TOPIC
    key_field = "annual_report_id"

    annual_report_id: str = Field(description="Id of the report: <tenant id>-<programme year>.")
    programme_year: int = Field(description="Year of the cooperation programme reported on.")
    section: str = Field(description="Key of the section written.")
    missing_sections: list[str] = Field(description="Sections still without the officer's text.")
    written_by: str = Field(description="Subject (user id) of the officer.")
    written_at: datetime = Field(description="When it was written (UTC).")


class CouncilMembershipChanged(EventContract):
    """An officer changed who sits on the public benefit council (identities stay private)."""

    event_type = "pl.ngo.consultations.council.membership_changed"
    topic = COUNCIL_TOPIC
    key_field = "council_id"

    council_id: str = Field(description="Id of the council: the TERYT code of its municipality.")
    members: int = Field(description="Number of members after the change.")
    changed_by: str = Field(description="Subject (user id) of the officer.")
    changed_at: datetime = Field(description="When the list changed (UTC).")
