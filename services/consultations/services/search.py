"""Full-text search of opened consultations: the index, fed by the service's consultation topic."""

from __future__ import annotations

from services.consultations.domain.consultation.consultation import Consultation
from services.consultations.domain.consultation.terms import KIND_LABELS
from services.consultations.repository import ConsultationRepository
from shared.contracts.consultations import CONSULTATION_TOPIC
from shared.search.projector import IndexFollower
from shared.search.records import RecordIndex, SearchRecord, record_follower
from shared.settings import ServiceSettings

__all__ = ["consultation_follower", "consultation_index", "searchable"]


def consultation_index() -> RecordIndex:
    """Return an empty index of consultations: title, subject, section titles, then the text."""
    weights = {"title": 3.0, "subject": 1.5, "sections": 1.5, "text": 0.5}
    return RecordIndex(weights, clipped={"text"})


def searchable(consultation: Consultation) -> SearchRecord:
    """Return what the public may find of an opened consultation."""
    terms = consultation.terms
    kind = KIND_LABELS[terms.kind]
    sections = terms.document.sections
    return SearchRecord(
        id=consultation.id,
        tenant_id=consultation.tenant_id,
        fields={
            "title": terms.title,
            "subject": f"{kind.pl} {kind.en}",
            "sections": " · ".join(s.title for s in sections if s.title),
            "text": " ".join(s.text for s in sections),
        },
    )


def consultation_follower(
    settings: ServiceSettings, index: RecordIndex, consultations: ConsultationRepository
) -> IndexFollower[SearchRecord]:
    """Return the follower that keeps this replica's consultation index."""
    return record_follower(
        settings,
        topic=CONSULTATION_TOPIC,
        name="consultations",
        index=index,
        every=consultations.every_public,
        read=consultations.get_announced,
        searchable=searchable,
    )
