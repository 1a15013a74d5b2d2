"""Notices worded from the events of registry, grants and consultations, and from timers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from services.notifications.domain.kinds import NoticeKind
from services.notifications.domain.notice import Notice
from services.notifications.domain.projections import CompetitionInfo, ConsultationInfo, Origin
from services.notifications.domain.wording import Wording, area_label
from shared.contracts import consultations as cons
from shared.contracts import grants
from shared.contracts.registry import OrganizationRegistered
from shared.errors import Text

__all__ = ["NoticeWriter"]

K = NoticeKind


def _notice(
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


@dataclass(frozen=True)
class NoticeWriter:
    """Words notices in Polish and English."""

    wording: Wording

    def organization_registered(self, origin: Origin, event: OrganizationRegistered) -> Notice:
        """Tell the municipality's officers that an organization joined their registry."""
        name = event.name
        areas = event.profile.public_benefit_areas if event.profile else []
        return _notice(
            origin,
            K.ORGANIZATION_REGISTERED,
            origin.event_id,
            Text(f"Nowa organizacja: {name}", f"New organization: {name}"),
            Text(
                f"Organizacja {name} została zarejestrowana w rejestrze gminy.",
                f"The organization {name} was registered in the municipality's registry.",
            ),
            link=f"/organizations/{event.organization_id}",
            areas=frozenset(areas),
            facts={"name": name},
        )

    def competition_announced(self, origin: Origin, event: grants.CompetitionAnnounced) -> Notice:
        """Tell NGOs of a new open competition in their area."""
        deadline, area = self.wording.moment(event.offer_deadline), area_label(event.area)
        funds = self.wording.money(event.total_funds)
        return _notice(
            origin,
            K.COMPETITION_ANNOUNCED,
            origin.event_id,
            Text(f"Nowy konkurs: {event.title}", f"New competition: {event.title}"),
            Text(
                f"Ogłoszono otwarty konkurs ofert „{event.title}” ({area.pl}). Środki: "
                f"{funds.pl}. Oferty można składać do {deadline.pl}.",
                f"An open competition “{event.title}” ({area.en}) was announced. Funds: "
                f"{funds.en}. Offers are accepted until {deadline.en}.",
            ),
            link=f"/competitions/{event.competition_id}",
            areas=frozenset({event.area}),
            facts={"title": event.title, "deadline": event.offer_deadline.isoformat()},
        )

    def competition_closing(self, origin: Origin, competition: CompetitionInfo) -> Notice:
        """Remind NGOs that a competition's offer deadline is near."""
        deadline = self.wording.moment(competition.offer_deadline)
        title = competition.title
        return _notice(
            origin,
            K.COMPETITION_CLOSING,
            competition.competition_id,
            Text(f"Termin składania ofert mija: {title}", f"Offer deadline near: {title}"),
            Text(
                f"Oferty w konkursie „{title}” można składać tylko do {deadline.pl}.",
                f"Offers in the competition “{title}” are accepted only until {deadline.en}.",
            ),
            link=f"/competitions/{competition.competition_id}",
            areas=frozenset({competition.area}),
            facts={"title": title, "deadline": competition.offer_deadline.isoformat()},
        )

    def competition_results(
        self,
        origin: Origin,
        event: grants.CompetitionResultsPublished,
        competition: CompetitionInfo | None,
    ) -> Notice:
        """Tell everyone interested that a competition was resolved."""
        title = competition.title if competition else event.competition_id
        granted = sum(1 for r in event.results if r.granted_amount > 0)
        total = self.wording.money(event.total_granted)
        return _notice(
            origin,
            K.COMPETITION_RESULTS,
            origin.event_id,
            Text(f"Wyniki konkursu: {title}", f"Competition results: {title}"),
            Text(
                f"Ogłoszono wyniki konkursu „{title}”: dotacje dla {granted} ofert, "
                f"łącznie {total.pl}.",
                f"The results of “{title}” were published: {granted} offers funded, "
                f"{total.en} in total.",
            ),
            link=f"/competitions/{event.competition_id}/results",
            areas=frozenset({competition.area}) if competition else frozenset(),
            addressees=frozenset(f"org:{r.organization_id}" for r in event.results),
            facts={"title": title, "granted_offers": str(granted)},
        )

    def competition_cancelled(
        self,
        origin: Origin,
        event: grants.CompetitionCancelled,
        competition: CompetitionInfo | None,
    ) -> Notice:
        """Tell NGOs that a competition was cancelled."""
        title = competition.title if competition else event.competition_id
        return _notice(
            origin,
            K.COMPETITION_CANCELLED,
            origin.event_id,
            Text(f"Konkurs unieważniony: {title}", f"Competition cancelled: {title}"),
            Text(
                f"Konkurs „{title}” został unieważniony. Powód: {event.reason}",
                f"The competition “{title}” was cancelled. Reason: {event.reason}",
            ),
            link=f"/competitions/{event.competition_id}",
            areas=frozenset({competition.area}) if competition else frozenset(),
            facts={"title": title},
        )

    def offer_submitted(
        self, origin: Origin, event: grants.OfferSubmitted, competition: CompetitionInfo | None
    ) -> Notice:
        """Tell the officers that an offer arrived."""
        where = competition.title if competition else event.competition_id
        amount = self.wording.money(event.requested_grant)
        return _notice(
            origin,
            K.OFFER_SUBMITTED,
            origin.event_id,
            Text(f"Nowa oferta: {event.task_title}", f"New offer: {event.task_title}"),
            Text(
                f"W konkursie „{where}” złożono ofertę „{event.task_title}” "
                f"(wnioskowana dotacja {amount.pl}).",
                f"The offer “{event.task_title}” was submitted in “{where}” "
                f"(grant requested: {amount.en}).",
            ),
            link=f"/offers/{event.offer_id}",
            areas=frozenset({competition.area}) if competition else frozenset(),
        )

    def report_submitted(self, origin: Origin, event: grants.ReportSubmitted) -> Notice:
        """Tell the officers that a report arrived."""
        final = event.report_kind == "final"
        kind = Text("końcowe" if final else "częściowe", "final" if final else "partial")
        return _notice(
            origin,
            K.REPORT_SUBMITTED,
            origin.event_id,
            Text(f"Nowe sprawozdanie {kind.pl}", f"New {kind.en} report"),
            Text(
                f"Organizacja złożyła sprawozdanie {kind.pl} z umowy {event.agreement_id}.",
                f"An organization submitted a {kind.en} report on agreement {event.agreement_id}.",
            ),
            link=f"/reports/{event.report_id}",
        )

    def report_due(
        self,
        origin: Origin,
        *,
        agreement_id: str,
        organization_id: str,
        obligation: str,
        due: datetime,
    ) -> Notice:
        """Remind an organization that a report falls due (the producer's warning or a timer)."""
        day = self.wording.day(due)
        return _notice(
            origin,
            K.REPORT_DUE,
            f"{agreement_id}:{obligation}",
            Text("Zbliża się termin sprawozdania", "A report falls due soon"),
            Text(
                f"Sprawozdanie z umowy {agreement_id} należy złożyć do {day.pl}.",
                f"The report on agreement {agreement_id} is due by {day.en}.",
            ),
            link=f"/agreements/{agreement_id}",
            addressees=frozenset({f"org:{organization_id}"}),
            facts={"due": due.isoformat()},
        )

    def report_overdue(
        self,
        origin: Origin,
        *,
        agreement_id: str,
        organization_id: str,
        obligation: str,
        due: datetime,
    ) -> Notice:
        """Tell an organization and the officers that a report is late."""
        day = self.wording.day(due)
        return _notice(
            origin,
            K.REPORT_OVERDUE,
            f"{agreement_id}:{obligation}",
            Text("Sprawozdanie po terminie", "Report overdue"),
            Text(
                f"Termin złożenia sprawozdania z umowy {agreement_id} minął {day.pl}.",
                f"The report on agreement {agreement_id} was due on {day.en}.",
            ),
            link=f"/agreements/{agreement_id}",
            addressees=frozenset({f"org:{organization_id}"}),
            facts={"due": due.isoformat()},
        )

    def consultation_opened(self, origin: Origin, event: cons.ConsultationOpened) -> Notice:
        """Tell NGOs that a consultation takes comments."""
        until = self.wording.moment(event.ends_at)
        return _notice(
            origin,
            K.CONSULTATION_OPENED,
            origin.event_id,
            Text(f"Konsultacje: {event.title}", f"Consultation: {event.title}"),
            Text(
                f"Rozpoczęły się konsultacje „{event.title}”. Uwagi można zgłaszać do {until.pl}.",
                f"The consultation “{event.title}” has opened. Comments are accepted until "
                f"{until.en}.",
            ),
            link=f"/consultations/{event.consultation_id}",
            facts={"title": event.title, "ends_at": event.ends_at.isoformat()},
        )

    def consultation_closing(self, origin: Origin, consultation: ConsultationInfo) -> Notice:
        """Remind NGOs that a consultation closes soon."""
        until, title = self.wording.moment(consultation.ends_at), consultation.title
        return _notice(
            origin,
            K.CONSULTATION_CLOSING,
            consultation.consultation_id,
            Text(f"Konsultacje wkrótce się kończą: {title}", f"Consultation closing: {title}"),
            Text(
                f"Uwagi w konsultacjach „{title}” można zgłaszać tylko do {until.pl}.",
                f"Comments on “{title}” are accepted only until {until.en}.",
            ),
            link=f"/consultations/{consultation.consultation_id}",
            facts={"title": title, "ends_at": consultation.ends_at.isoformat()},
        )

    def consultation_closed(self, origin: Origin, event: cons.ConsultationClosed) -> Notice:
        """Record that a consultation stopped taking comments."""
        return _notice(
            origin,
            K.CONSULTATION_CLOSED,
            origin.event_id,
            Text(f"Konsultacje zakończone: {event.title}", f"Consultation closed: {event.title}"),
            Text(
                f"Konsultacje „{event.title}” zakończyły się. Raport zostanie opublikowany.",
                f"The consultation “{event.title}” has closed. A report will be published.",
            ),
            link=f"/consultations/{event.consultation_id}",
            facts={"title": event.title},
        )

    def comment_submitted(
        self, origin: Origin, event: cons.CommentSubmitted, consultation: ConsultationInfo | None
    ) -> Notice:
        """Tell the officers that a comment arrived."""
        title = consultation.title if consultation else event.consultation_id
        return _notice(
            origin,
            K.COMMENT_SUBMITTED,
            origin.event_id,
            Text(f"Nowa uwaga: {title}", f"New comment: {title}"),
            Text(
                f"W konsultacjach „{title}” zgłoszono uwagę do § {event.section_number}.",
                f"A comment on section {event.section_number} of “{title}” was submitted.",
            ),
            link=f"/consultations/{event.consultation_id}/comments/{event.comment_id}",
        )

    def consultation_report(
        self, origin: Origin, event: cons.ConsultationReportPublished
    ) -> Notice:
        """Tell everyone interested, and the decision makers, the outcome of a consultation."""
        counts = f"{event.comments}; {event.accepted}/{event.partly_accepted}/{event.rejected}"
        return _notice(
            origin,
            K.CONSULTATION_REPORT,
            origin.event_id,
            Text(f"Raport z konsultacji: {event.title}", f"Consultation report: {event.title}"),
            Text(
                f"Opublikowano raport z konsultacji „{event.title}”. Uwag: {event.comments} "
                f"(uwzględnione: {event.accepted}, częściowo: {event.partly_accepted}, "
                f"odrzucone: {event.rejected}); organizacji: {event.organizations}, "
                f"mieszkańców: {event.residents}.",
                f"The report of “{event.title}” was published. Comments: {event.comments} "
                f"(accepted: {event.accepted}, partly: {event.partly_accepted}, rejected: "
                f"{event.rejected}); organizations: {event.organizations}, residents: "
                f"{event.residents}.",
            ),
            link=f"/consultations/{event.consultation_id}/report",
            facts={"title": event.title, "counts": counts},
        )

    def index_published(self, origin: Origin, event: cons.IndexRoundPublished) -> Notice:
        """Tell everyone interested, and the decision makers, the cooperation index results."""
        overall = _score(event.combined_overall, event.scale_max)
        return _notice(
            origin,
            K.INDEX_PUBLISHED,
            origin.event_id,
            Text(f"Indeks Jakości Współpracy: {event.title}", f"Cooperation index: {event.title}"),
            Text(
                f"Opublikowano wyniki samooceny „{event.title}”. Wynik łączny: {overall}. "
                f"Wnioski: {event.conclusions}",
                f"The self-assessment “{event.title}” was published. Overall score: {overall}. "
                f"Conclusions: {event.conclusions}",
            ),
            link=f"/index-rounds/{event.round_id}",
            facts={"title": event.title, "overall": overall},
        )

    def webhook_disabled(
        self, origin: Origin, *, endpoint_id: str, url: str, owner: str, failures: int
    ) -> Notice:
        """Tell an endpoint's owner that it was disabled after failing again and again."""
        return _notice(
            origin,
            K.WEBHOOK_DISABLED,
            f"{endpoint_id}:{int(origin.occurred_at.timestamp())}",
            Text("Webhook wyłączony", "Webhook disabled"),
            Text(
                f"Punkt odbioru {url} nie odpowiadał poprawnie ({failures} prób z rzędu) i "
                "został wyłączony. Po naprawie włącz go ponownie i powtórz nieudane dostawy.",
                f"The endpoint {url} kept failing ({failures} attempts in a row) and was "
                "disabled. Once fixed, enable it again and replay the failed deliveries.",
            ),
            link=f"/webhooks/endpoints/{endpoint_id}",
            addressees=frozenset({f"user:{owner}"}),
        )


def _score(value: float | None, scale_max: int) -> str:
    return "—" if value is None else f"{value:.2f}/{scale_max}"
