"""Full-text search of opened consultations: the index and what it holds of each."""

from __future__ import annotations

from services.consultations.domain.consultation.consultation import Consultation
from services.consultations.domain.consultation.terms import KIND_LABELS
from shared.search.records import RecordIndex, SearchRecord

__all__ = ["consultation_index", "searchable"]


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
