"""The formal review checklist an officer goes through for each offer (ocena formalna)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from services.grants.domain.common.rules import breach, reject_if_any
from shared.errors import FieldError, Text

__all__ = ["STANDARD_CHECKLIST", "ChecklistItem", "FormalReview", "assess"]


@dataclass(frozen=True)
class ChecklistItem:
    """One formal requirement an offer must meet."""

    code: str
    label: Text


STANDARD_CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem("on_time", Text("Oferta złożona w terminie.", "Submitted on time.")),
    ChecklistItem(
        "eligible_applicant",
        Text(
            "Oferent jest uprawniony do złożenia oferty (art. 3 ust. 2 i 3 ustawy).",
            "The applicant may submit offers (art. 3(2) and (3) of the Act).",
        ),
    ),
    ChecklistItem(
        "statutory_activity",
        Text(
            "Zadanie mieści się w działalności statutowej oferenta.",
            "The task falls within the applicant's statutory activity.",
        ),
    ),
    ChecklistItem(
        "complete_form",
        Text(
            "Oferta złożona na właściwym wzorze i kompletnie wypełniona.",
            "The offer uses the statutory form and is complete.",
        ),
    ),
    ChecklistItem(
        "authorised_signatures",
        Text(
            "Oferta podpisana przez osoby upoważnione do reprezentacji.",
            "The offer is signed by the persons entitled to represent the applicant.",
        ),
    ),
)


@dataclass(frozen=True)
class FormalReview:
    """The outcome of a formal review."""

    answers: Mapping[str, bool]
    accepted: bool
    reason: str | None
    reviewed_by: str
    reviewed_at: datetime

    @property
    def failed_checks(self) -> list[str]:
        """Return the codes of the requirements not met."""
        return [code for code, passed in self.answers.items() if not passed]


def assess(
    answers: Mapping[str, bool],
    *,
    reason: str | None,
    by: str,
    now: datetime,
    checklist: Sequence[ChecklistItem] = STANDARD_CHECKLIST,
) -> FormalReview:
    """Judge the answers: accepted when every item passes, else rejected with a reason."""
    codes = [item.code for item in checklist]
    found: list[FieldError] = [
        breach(f"answers.{code}", "Odpowiedz na to pytanie.", "Answer this item.", "required")
        for code in codes
        if code not in answers
    ]
    found += [
        breach(f"answers.{code}", "Nie ma takiego punktu.", "No such item.", "unknown-item")
        for code in answers
        if code not in codes
    ]
    accepted = all(answers.get(code, False) for code in codes)
    if not accepted and not (reason or "").strip():
        found.append(
            breach(
                "reason",
                "Podaj powód odrzucenia oferty.",
                "Give the reason the offer is rejected.",
                "required",
            )
        )
    reject_if_any(found, "Ocena formalna jest niekompletna.", "The formal review is incomplete.")
    answered = {code: answers[code] for code in codes}
    return FormalReview(answered, accepted, (reason or "").strip() or None, by, now)
