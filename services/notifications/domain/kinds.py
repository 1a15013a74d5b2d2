"""Kinds of notices a user can hear about, who may hear of each and who does by default."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from shared.errors import Text
from shared.tenancy import Role

__all__ = ["KIND_RULES", "STAFF", "KindRule", "NoticeKind", "Section"]


class NoticeKind(StrEnum):
    """What a notice tells."""

    ORGANIZATION_REGISTERED = "organization_registered"
    COMPETITION_ANNOUNCED = "competition_announced"
    COMPETITION_CLOSING = "competition_closing"
    COMPETITION_RESULTS = "competition_results"
    COMPETITION_CANCELLED = "competition_cancelled"
    OFFER_SUBMITTED = "offer_submitted"
    REPORT_SUBMITTED = "report_submitted"
    REPORT_DUE = "report_due"
    REPORT_OVERDUE = "report_overdue"
    CONSULTATION_OPENED = "consultation_opened"
    CONSULTATION_CLOSING = "consultation_closing"
    CONSULTATION_CLOSED = "consultation_closed"
    COMMENT_SUBMITTED = "comment_submitted"
    CONSULTATION_REPORT = "consultation_report"
    INDEX_PUBLISHED = "index_published"
    WEBHOOK_DISABLED = "webhook_disabled"


class Section(StrEnum):
    """Part of a digest a notice belongs to."""

    ORGANIZATIONS = "organizations"
    COMPETITIONS = "competitions"
    OPEN_COMPETITIONS = "open_competitions"
    RESULTS = "results"
    CONSULTATIONS = "consultations"
    OPEN_CONSULTATIONS = "open_consultations"
    REPORTS = "reports"
    STAFF = "staff"


STAFF = frozenset({Role.TENANT_OFFICER, Role.PLATFORM_ADMIN})
EVERYONE = frozenset(Role)
_NGO = frozenset({Role.NGO_MEMBER})
_OFFICER = frozenset({Role.TENANT_OFFICER})


@dataclass(frozen=True)
class KindRule:
    """Who may subscribe to a kind, whose default includes it, and whether it is public."""

    label: Text
    audience: frozenset[Role]
    default_for: frozenset[Role]
    public: bool
    section: Section
    subscribable: bool = True


K = NoticeKind
KIND_RULES: dict[NoticeKind, KindRule] = {
    K.ORGANIZATION_REGISTERED: KindRule(
        label=Text("Nowe organizacje", "New organizations"),
        audience=EVERYONE,
        default_for=_OFFICER,
        public=True,
        section=Section.ORGANIZATIONS,
    ),
    K.COMPETITION_ANNOUNCED: KindRule(
        label=Text("Ogłoszone konkursy", "Announced competitions"),
        audience=EVERYONE,
        default_for=_NGO,
        public=True,
        section=Section.COMPETITIONS,
    ),
    K.COMPETITION_CLOSING: KindRule(
        label=Text("Konkursy, którym mija termin", "Competitions closing soon"),
        audience=EVERYONE,
        default_for=_NGO,
        public=True,
        section=Section.COMPETITIONS,
    ),
    K.COMPETITION_RESULTS: KindRule(
        label=Text("Wyniki konkursów", "Competition results"),
        audience=EVERYONE,
        default_for=_NGO,
        public=True,
        section=Section.RESULTS,
    ),
    K.COMPETITION_CANCELLED: KindRule(
        label=Text("Unieważnione konkursy", "Cancelled competitions"),
        audience=EVERYONE,
        default_for=_NGO,
        public=True,
        section=Section.COMPETITIONS,
    ),
    K.OFFER_SUBMITTED: KindRule(
        label=Text("Złożone oferty", "Offers submitted"),
        audience=STAFF,
        default_for=_OFFICER,
        public=False,
        section=Section.STAFF,
    ),
    K.REPORT_SUBMITTED: KindRule(
        label=Text("Złożone sprawozdania", "Reports submitted"),
        audience=STAFF,
        default_for=_OFFICER,
        public=False,
        section=Section.STAFF,
    ),
    K.REPORT_DUE: KindRule(
        label=Text("Zbliżające się terminy sprawozdań", "Reports falling due"),
        audience=STAFF,
        default_for=frozenset(),
        public=False,
        section=Section.STAFF,
    ),
    K.REPORT_OVERDUE: KindRule(
        label=Text("Zaległe sprawozdania", "Overdue reports"),
        audience=STAFF,
        default_for=_OFFICER,
        public=False,
        section=Section.STAFF,
    ),
    K.CONSULTATION_OPENED: KindRule(
        label=Text("Otwarte konsultacje", "Consultations opened"),
        audience=EVERYONE,
        default_for=_NGO,
        public=True,
        section=Section.CONSULTATIONS,
    ),
    K.CONSULTATION_CLOSING: KindRule(
        label=Text("Konsultacje, które wkrótce się kończą", "Consultations closing soon"),
        audience=EVERYONE,
        default_for=_NGO,
        public=True,
        section=Section.CONSULTATIONS,
    ),
    K.CONSULTATION_CLOSED: KindRule(
        label=Text("Zakończone konsultacje", "Consultations closed"),
        audience=EVERYONE,
        default_for=frozenset(),
        public=True,
        section=Section.CONSULTATIONS,
    ),
    K.COMMENT_SUBMITTED: KindRule(
        label=Text("Uwagi w konsultacjach", "Consultation comments"),
        audience=STAFF,
        default_for=_OFFICER,
        public=False,
        section=Section.STAFF,
    ),
    K.CONSULTATION_REPORT: KindRule(
        label=Text("Raporty z konsultacji", "Consultation reports"),
        audience=EVERYONE,
        default_for=_NGO | _OFFICER,
        public=True,
        section=Section.REPORTS,
    ),
    K.INDEX_PUBLISHED: KindRule(
        label=Text("Wyniki Indeksu Jakości Współpracy", "Cooperation Quality Index results"),
        audience=EVERYONE,
        default_for=_NGO | _OFFICER,
        public=True,
        section=Section.REPORTS,
    ),
    K.WEBHOOK_DISABLED: KindRule(
        label=Text("Wyłączone webhooki", "Disabled webhooks"),
        audience=frozenset(),
        default_for=frozenset(),
        public=False,
        section=Section.STAFF,
        subscribable=False,
    ),
}
