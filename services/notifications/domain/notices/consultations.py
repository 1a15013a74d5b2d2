"""Notices of the consultations service's events and closing timers."""

from __future__ import annotations

from services.notifications.domain.notice import Notice
from services.notifications.domain.notices._base import K, WriterBase, notice_of
from services.notifications.domain.projections import ConsultationInfo, Origin
from shared.contracts import consultations as cons
from shared.errors import Text

__all__ = ["ConsultationsNotices"]


class ConsultationsNotices(WriterBase):
    """Words the notices of consultations, comments, reports and index rounds."""

    def consultation_opened(self, origin: Origin, event: cons.ConsultationOpened) -> Notice:
        """Tell NGOs that a consultation takes comments."""
        until = self.wording.moment(event.ends_at)
        return notice_of(
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
        return notice_of(
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
        return notice_of(
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
        return notice_of(
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
        return notice_of(
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
        return notice_of(
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


def _score(value: float | None, scale_max: int) -> str:
    return "—" if value is None else f"{value:.2f}/{scale_max}"
