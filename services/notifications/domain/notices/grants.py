"""Notices of the grants service's events and report timers."""

from __future__ import annotations

from datetime import datetime

from services.notifications.domain.notice import Notice
from services.notifications.domain.notices._base import K, WriterBase, notice_of
from services.notifications.domain.projections import CompetitionInfo, Origin
from services.notifications.domain.wording import area_label
from shared.contracts import grants
from shared.errors import Text

__all__ = ["GrantsNotices"]


class GrantsNotices(WriterBase):
    """Words the notices of competitions, offers, agreements and reports."""

    def competition_announced(self, origin: Origin, event: grants.CompetitionAnnounced) -> Notice:
        """Tell NGOs of a new open competition in their area."""
        deadline, area = self.wording.moment(event.offer_deadline), area_label(event.area)
        funds = self.wording.money(event.total_funds)
        return notice_of(
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
        return notice_of(
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
        return notice_of(
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
        return notice_of(
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
        return notice_of(
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
        return notice_of(
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
        return notice_of(
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
        return notice_of(
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
