"""Events published by the grants service; amounts are PLN decimal strings with two places."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from shared.contracts.base import EventContract

__all__ = [
    "AGREEMENT_TOPIC",
    "COMMITTEE_TOPIC",
    "COMPETITION_TOPIC",
    "OFFER_TOPIC",
    "REPORT_TOPIC",
    "SMALL_GRANT_POLICY_TOPIC",
    "SMALL_GRANT_TOPIC",
    "TOPICS",
    "AgreementBudgetUpdated",
    "AgreementPrepared",
    "AgreementReportDue",
    "AgreementReportOverdue",
    "AgreementSettled",
    "AgreementSigned",
    "CommitteeAppointed",
    "CommitteeImpartialityDeclared",
    "CommitteeMemberData",
    "CommitteeOfferScored",
    "CompetitionAnnounced",
    "CompetitionArchived",
    "CompetitionCancelled",
    "CompetitionClosed",
    "CompetitionDrafted",
    "CompetitionGrantDecided",
    "CompetitionResult",
    "CompetitionResultsPublished",
    "CompetitionReviewStarted",
    "CompetitionRevised",
    "OfferDrafted",
    "OfferFormallyReviewed",
    "OfferRevised",
    "OfferSubmitted",
    "OfferWithdrawn",
    "ReportAccepted",
    "ReportDrafted",
    "ReportReturned",
    "ReportRevised",
    "ReportSubmitted",
    "SmallGrantCommented",
    "SmallGrantConcluded",
    "SmallGrantDeclined",
    "SmallGrantPolicySet",
    "SmallGrantPublished",
    "SmallGrantReceived",
]

COMPETITION_TOPIC = "grants.competition.v1"
OFFER_TOPIC = "grants.offer.v1"
COMMITTEE_TOPIC = "grants.committee.v1"
AGREEMENT_TOPIC = "grants.agreement.v1"
REPORT_TOPIC = "grants.report.v1"
SMALL_GRANT_TOPIC = "grants.small_grant.v1"
SMALL_GRANT_POLICY_TOPIC = "grants.small_grant_policy.v1"
TOPICS = (
    COMPETITION_TOPIC,
    OFFER_TOPIC,
    COMMITTEE_TOPIC,
    AGREEMENT_TOPIC,
    REPORT_TOPIC,
    SMALL_GRANT_TOPIC,
    SMALL_GRANT_POLICY_TOPIC,
)

PLN = "in PLN, a decimal string with two places"


class _Part(BaseModel):
    """A nested part of an event's data."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class _CompetitionEvent(EventContract):
    """A competition event, keyed by the competition."""

    topic = COMPETITION_TOPIC
    key_field = "competition_id"

    competition_id: str = Field(description="Platform id of the competition.")


class _OfferEvent(EventContract):
    """An offer event, keyed by the offer."""

    topic = OFFER_TOPIC
    key_field = "offer_id"

    offer_id: str = Field(description="Platform id of the offer.")
    competition_id: str = Field(description="The competition the offer answers.")
    organization_id: str = Field(description="The applicant organization.")


class _CommitteeEvent(EventContract):
    """A committee event, keyed by the committee."""

    topic = COMMITTEE_TOPIC
    key_field = "committee_id"

    committee_id: str = Field(description="Platform id of the committee.")
    competition_id: str = Field(description="The competition it reviews.")


class _AgreementEvent(EventContract):
    """An agreement event, keyed by the agreement."""

    topic = AGREEMENT_TOPIC
    key_field = "agreement_id"

    agreement_id: str = Field(description="Platform id of the agreement.")
    organization_id: str = Field(description="The organization that carries out the task.")


class _ReportEvent(EventContract):
    """A report event, keyed by the report."""

    topic = REPORT_TOPIC
    key_field = "report_id"

    report_id: str = Field(description="Platform id of the report.")
    agreement_id: str = Field(description="The agreement reported on.")
    organization_id: str = Field(description="The reporting organization.")


class _SmallGrantEvent(EventContract):
    """A small grant event, keyed by the small grant."""

    topic = SMALL_GRANT_TOPIC
    key_field = "small_grant_id"

    small_grant_id: str = Field(description="Platform id of the small grant.")
    organization_id: str = Field(description="The applicant organization.")


# Competitions (otwarty konkurs ofert) ------------------------------------------------------


class CompetitionDrafted(_CompetitionEvent):
    """An officer drafted a competition, possibly as a copy of an earlier one (staff only)."""

    event_type = "pl.ngo.grants.competition.drafted"

    title: str = Field(description="Working title of the competition.")
    area: str = Field(description="Sphere of public tasks (art. 4(1) of the Act), snake_case id.")
    copied_from: str | None = Field(None, description="Competition this draft was copied from.")
    drafted_by: str = Field(description="Subject (user id) of the officer who drafted it.")
    drafted_at: datetime = Field(description="When the draft was created.")


class CompetitionRevised(_CompetitionEvent):
    """An officer changed the terms of a draft competition (staff only)."""

    event_type = "pl.ngo.grants.competition.revised"

    title: str = Field(description="Working title after the change.")
    area: str = Field(description="Sphere of public tasks (art. 4(1) of the Act), snake_case id.")
    revised_by: str = Field(description="Subject (user id) of the officer.")
    revised_at: datetime = Field(description="When the draft was changed.")


class CompetitionAnnounced(_CompetitionEvent):
    """A competition was announced and accepts offers until its deadline (public data only)."""

    event_type = "pl.ngo.grants.competition.announced"

    title: str = Field(description="Title of the competition.")
    public_task: str = Field(description="The public task the competition funds.")
    area: str = Field(description="Sphere of public tasks (art. 4(1) of the Act), snake_case id.")
    total_funds: Decimal = Field(description=f"Funds of the whole competition, {PLN}.")
    min_grant: Decimal = Field(description=f"Smallest grant one offer may ask for, {PLN}.")
    max_grant: Decimal = Field(description=f"Largest grant one offer may ask for, {PLN}.")
    offer_deadline: datetime = Field(description="Moment from which offers are refused.")
    task_start: date = Field(description="First day a funded task may start.")
    task_end: date = Field(description="Last day a funded task may end.")
    decision_date: date = Field(description="Day by which the offers will be chosen.")
    announced_at: datetime = Field(description="When the announcement was published.")


class CompetitionClosed(_CompetitionEvent):
    """The offer deadline passed; the competition takes no more offers (public data only)."""

    event_type = "pl.ngo.grants.competition.closed"

    closed_at: datetime = Field(description="When the competition was closed.")


class CompetitionReviewStarted(_CompetitionEvent):
    """The officer opened the review of the offers received (staff only)."""

    event_type = "pl.ngo.grants.competition.review_started"

    started_by: str = Field(description="Subject (user id) of the officer.")
    started_at: datetime = Field(description="When the review started.")


class CompetitionGrantDecided(_CompetitionEvent):
    """The officer decided the grant for one offer; zero means no grant (staff only)."""

    event_type = "pl.ngo.grants.competition.grant_decided"

    offer_id: str = Field(description="The offer the decision is about.")
    organization_id: str = Field(description="The applicant organization.")
    amount: Decimal = Field(description=f"Grant decided, {PLN}.")
    decided_by: str = Field(description="Subject (user id) of the officer.")
    decided_at: datetime = Field(description="When the grant was decided.")


class CompetitionResult(_Part):
    """One line of the public list of results."""

    offer_id: str = Field(description="Platform id of the offer.")
    organization_id: str = Field(description="The applicant organization.")
    organization_name: str = Field(description="Name of the applicant organization.")
    task_title: str = Field(description="Title of the task offered.")
    points: Decimal | None = Field(description="Mean of the committee members' totals.")
    granted_amount: Decimal = Field(description=f"Grant awarded (zero if none), {PLN}.")


class CompetitionResultsPublished(_CompetitionEvent):
    """The results were published: the competition is resolved (public data only)."""

    event_type = "pl.ngo.grants.competition.results_published"

    results: list[CompetitionResult] = Field(description="Offers by rank, with their grants.")
    total_granted: Decimal = Field(description=f"Sum of the grants awarded, {PLN}.")
    published_at: datetime = Field(description="When the results were published.")


class CompetitionArchived(_CompetitionEvent):
    """A resolved competition was archived (public data only)."""

    event_type = "pl.ngo.grants.competition.archived"

    archived_at: datetime = Field(description="When it was archived.")


class CompetitionCancelled(_CompetitionEvent):
    """A competition was cancelled before its results (public data only)."""

    event_type = "pl.ngo.grants.competition.cancelled"

    reason: str = Field(description="Why it was cancelled, as published.")
    cancelled_at: datetime = Field(description="When it was cancelled.")


# Offers (oferta realizacji zadania publicznego) --------------------------------------------


class OfferDrafted(_OfferEvent):
    """An organization started an offer; its contents stay private (staff only)."""

    event_type = "pl.ngo.grants.offer.drafted"

    drafted_by: str = Field(description="Subject (user id) of the NGO member.")
    drafted_at: datetime = Field(description="When the draft was created.")


class OfferRevised(_OfferEvent):
    """A member of the organization changed its draft offer; contents stay private (staff only)."""

    event_type = "pl.ngo.grants.offer.revised"

    revised_by: str = Field(description="Subject (user id) of the NGO member.")
    revised_at: datetime = Field(description="When the draft was changed.")


class OfferSubmitted(_OfferEvent):
    """An organization submitted its offer before the deadline (staff only)."""

    event_type = "pl.ngo.grants.offer.submitted"

    partner_organization_ids: list[str] = Field(description="Partners of a joint offer.")
    task_title: str = Field(description="Title of the task offered.")
    requested_grant: Decimal = Field(description=f"Grant asked for, {PLN}.")
    total_cost: Decimal = Field(description=f"Total cost of the task, {PLN}.")
    submitted_by: str = Field(description="Subject (user id) of the NGO member.")
    submitted_at: datetime = Field(description="When the offer was submitted.")


class OfferWithdrawn(_OfferEvent):
    """An organization withdrew its submitted offer before the deadline (staff only)."""

    event_type = "pl.ngo.grants.offer.withdrawn"

    withdrawn_by: str = Field(description="Subject (user id) of the NGO member.")
    withdrawn_at: datetime = Field(description="When the offer was withdrawn.")


class OfferFormallyReviewed(_OfferEvent):
    """The officer completed the formal review of an offer (staff and the applicant)."""

    event_type = "pl.ngo.grants.offer.formally_reviewed"

    accepted: bool = Field(description="Whether the offer passed the formal review.")
    failed_checks: list[str] = Field(description="Codes of the checklist items not met.")
    reason: str | None = Field(None, description="Why it was rejected, told to the applicant.")
    reviewed_by: str = Field(description="Subject (user id) of the officer.")
    reviewed_at: datetime = Field(description="When the review was completed.")


# Committee (komisja konkursowa) ------------------------------------------------------------


class CommitteeMemberData(_Part):
    """One member of a competition committee."""

    member_id: str = Field(description="Subject (user id) of the member.")
    kind: str = Field(description="officer or ngo_representative.")
    organization_id: str | None = Field(description="Organization an NGO representative is from.")


class CommitteeAppointed(_CommitteeEvent):
    """An officer appointed the committee of a competition (staff only)."""

    event_type = "pl.ngo.grants.committee.appointed"

    members: list[CommitteeMemberData] = Field(description="The members appointed.")
    appointed_by: str = Field(description="Subject (user id) of the officer.")
    appointed_at: datetime = Field(description="When the committee was appointed.")


class CommitteeImpartialityDeclared(_CommitteeEvent):
    """A member signed the conflict-of-interest declaration (staff only)."""

    event_type = "pl.ngo.grants.committee.impartiality_declared"

    member_id: str = Field(description="Subject (user id) of the member.")
    conflicted_offer_ids: list[str] = Field(description="Offers the member may not score.")
    declared_at: datetime = Field(description="When the declaration was signed.")


class CommitteeOfferScored(_CommitteeEvent):
    """A member scored an offer against every criterion (staff only)."""

    event_type = "pl.ngo.grants.committee.offer_scored"

    member_id: str = Field(description="Subject (user id) of the member.")
    offer_id: str = Field(description="The offer scored.")
    total_points: Decimal = Field(description="Sum of the member's points over the criteria.")
    scored_at: datetime = Field(description="When the score sheet was handed in.")


# Agreements (umowa) ------------------------------------------------------------------------


class AgreementPrepared(_AgreementEvent):
    """An officer prepared an agreement for a granted offer or small grant (staff only)."""

    event_type = "pl.ngo.grants.agreement.prepared"

    competition_id: str | None = Field(None, description="Competition of the offer, if any.")
    offer_id: str | None = Field(None, description="The granted offer, if from a competition.")
    small_grant_id: str | None = Field(None, description="The small grant, if under art. 19a.")
    amount: Decimal = Field(description=f"Grant agreed, {PLN}.")
    task_start: date = Field(description="First day of the task.")
    task_end: date = Field(description="Last day of the task.")
    prepared_by: str = Field(description="Subject (user id) of the officer.")
    prepared_at: datetime = Field(description="When it was prepared.")


class AgreementBudgetUpdated(_AgreementEvent):
    """The budget was updated to a grant lower than requested, before signing (staff only)."""

    event_type = "pl.ngo.grants.agreement.budget_updated"

    amount: Decimal = Field(description=f"Grant agreed, {PLN}.")
    total_cost: Decimal = Field(description=f"Total cost of the task after the update, {PLN}.")
    updated_by: str = Field(description="Subject (user id) of the officer.")
    updated_at: datetime = Field(description="When the budget was updated.")


class AgreementSigned(_AgreementEvent):
    """Both parties signed the agreement (public data only)."""

    event_type = "pl.ngo.grants.agreement.signed"

    competition_id: str | None = Field(None, description="Competition of the offer, if any.")
    offer_id: str | None = Field(None, description="The granted offer, if from a competition.")
    small_grant_id: str | None = Field(None, description="The small grant, if under art. 19a.")
    amount: Decimal = Field(description=f"Grant agreed, {PLN}.")
    task_start: date = Field(description="First day of the task.")
    task_end: date = Field(description="Last day of the task.")
    final_report_due: date = Field(description="Last day to hand in the final report.")
    signed_at: datetime = Field(description="When it was signed.")


class AgreementReportDue(_AgreementEvent):
    """A report under the agreement falls due soon and is not in yet (staff and the NGO)."""

    event_type = "pl.ngo.grants.agreement.report_due"

    obligation: str = Field(description="Which report: final, or partial-<n>.")
    report_kind: str = Field(description="partial or final.")
    due_date: date = Field(description="Last day to hand the report in.")
    detected_on: date = Field(description="Day the reminder was raised.")


class AgreementReportOverdue(_AgreementEvent):
    """A report under the agreement is past its due date (staff and the NGO)."""

    event_type = "pl.ngo.grants.agreement.report_overdue"

    obligation: str = Field(description="Which report: final, or partial-<n>.")
    report_kind: str = Field(description="partial or final.")
    due_date: date = Field(description="Last day it should have been handed in.")
    detected_on: date = Field(description="Day the lateness was detected.")


class AgreementSettled(_AgreementEvent):
    """The final report was accepted: the task is settled (public data only)."""

    event_type = "pl.ngo.grants.agreement.settled"

    final_report_id: str = Field(description="The accepted final report.")
    settled_at: datetime = Field(description="When the task was settled.")


# Reports (sprawozdanie) --------------------------------------------------------------------


class ReportDrafted(_ReportEvent):
    """An organization started a report; its contents stay private (staff only)."""

    event_type = "pl.ngo.grants.report.drafted"

    obligation: str = Field(description="Which report: final, or partial-<n>.")
    drafted_by: str = Field(description="Subject (user id) of the NGO member.")
    drafted_at: datetime = Field(description="When the draft was created.")


class ReportRevised(_ReportEvent):
    """An organization changed its draft or returned report; contents stay private (staff only)."""

    event_type = "pl.ngo.grants.report.revised"

    revised_by: str = Field(description="Subject (user id) of the NGO member.")
    revised_at: datetime = Field(description="When the report was changed.")


class ReportSubmitted(_ReportEvent):
    """An organization handed in a partial or final report (staff only)."""

    event_type = "pl.ngo.grants.report.submitted"

    obligation: str = Field(description="Which report: final, or partial-<n>.")
    report_kind: str = Field(description="partial or final.")
    grant_spent: Decimal = Field(description=f"Grant spent in the period reported, {PLN}.")
    submitted_by: str = Field(description="Subject (user id) of the NGO member.")
    submitted_at: datetime = Field(description="When it was handed in.")


class ReportAccepted(_ReportEvent):
    """The officer accepted a report (staff and the NGO)."""

    event_type = "pl.ngo.grants.report.accepted"

    report_kind: str = Field(description="partial or final.")
    accepted_by: str = Field(description="Subject (user id) of the officer.")
    accepted_at: datetime = Field(description="When it was accepted.")


class ReportReturned(_ReportEvent):
    """The officer returned a report with remarks for correction (staff and the NGO)."""

    event_type = "pl.ngo.grants.report.returned"

    report_kind: str = Field(description="partial or final.")
    remarks: str = Field(description="What the organization must correct.")
    returned_by: str = Field(description="Subject (user id) of the officer.")
    returned_at: datetime = Field(description="When it was returned.")


# Small grants (art. 19a) -------------------------------------------------------------------


class SmallGrantReceived(_SmallGrantEvent):
    """A simplified offer outside a competition was received (staff only)."""

    event_type = "pl.ngo.grants.small_grant.received"

    task_title: str = Field(description="Title of the task offered.")
    requested_grant: Decimal = Field(description=f"Grant asked for, {PLN}.")
    received_on: date = Field(description="Day the offer was received.")
    publication_due: date = Field(description="Last day to publish it (7 working days).")


class SmallGrantPublished(_SmallGrantEvent):
    """The offer was published for seven days of public comments (public data only)."""

    event_type = "pl.ngo.grants.small_grant.published"

    organization_name: str = Field(description="Name of the applicant organization.")
    task_title: str = Field(description="Title of the task offered.")
    requested_grant: Decimal = Field(description=f"Grant asked for, {PLN}.")
    task_start: date = Field(description="First day of the task.")
    task_end: date = Field(description="Last day of the task.")
    published_at: datetime = Field(description="When it was published.")
    comments_until: datetime = Field(description="Moment the comment period ends.")
    published_late: bool = Field(description="Whether it was published after the 7 working days.")


class SmallGrantCommented(_SmallGrantEvent):
    """Someone commented on a published small grant offer (public data only, no author)."""

    event_type = "pl.ngo.grants.small_grant.commented"

    comment_id: str = Field(description="Platform id of the comment.")
    commented_at: datetime = Field(description="When the comment was made.")


class SmallGrantDeclined(_SmallGrantEvent):
    """The officer declined to fund the small grant offer (staff and the applicant)."""

    event_type = "pl.ngo.grants.small_grant.declined"

    reason: str = Field(description="Why it was declined, told to the applicant.")
    declined_by: str = Field(description="Subject (user id) of the officer.")
    declined_at: datetime = Field(description="When it was declined.")


class SmallGrantConcluded(_SmallGrantEvent):
    """After the comment period an agreement was prepared for the small grant (staff only)."""

    event_type = "pl.ngo.grants.small_grant.concluded"

    agreement_id: str = Field(description="The agreement prepared for it.")
    amount: Decimal = Field(description=f"Grant agreed, {PLN}.")
    concluded_at: datetime = Field(description="When it was concluded.")


# Small grant caps (art. 19a(2) and (4)) -----------------------------------------------------


class SmallGrantPolicySet(EventContract):
    """A municipality set its yearly caps of small grants (public data only)."""

    event_type = "pl.ngo.grants.small_grant_policy.set"
    topic = SMALL_GRANT_POLICY_TOPIC
    key_field = "small_grant_policy_id"

    small_grant_policy_id: str = Field(description="Id of the caps: <tenant id>-<year>.")
    year: int = Field(description="Budget year the caps apply to.")
    organization_cap: Decimal = Field(description=f"Most one organization may get a year, {PLN}.")
    pool_share_percent: Decimal = Field(description="Share of the planned grants, in percent.")
    planned_grants_total: Decimal = Field(description=f"Grants planned for the year, {PLN}.")
    set_by: str = Field(description="Subject (user id) of the officer.")
    set_at: datetime = Field(description="When the caps were set.")
