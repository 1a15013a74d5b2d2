"""Names of the services' codes (legal forms, states, areas) in Polish and English."""

from __future__ import annotations

from shared.public_benefit import AREA_LABELS

__all__ = ["LEGAL_FORMS", "label"]

LEGAL_FORMS: dict[str, tuple[str, str]] = {
    "foundation": ("fundacja", "foundation"),
    "association": ("stowarzyszenie", "association"),
    "ordinary_association": ("stowarzyszenie zwykłe", "ordinary association"),
    "church_legal_person": ("kościelna osoba prawna", "church legal person"),
    "social_cooperative": ("spółdzielnia socjalna", "social cooperative"),
    "sports_club": ("klub sportowy", "sports club"),
    "local_action_group": ("lokalna grupa działania", "local action group"),
    "other": ("inna", "other"),
}
_STATES: dict[str, tuple[str, str]] = {
    "draft": ("szkic", "draft"),
    "open": ("otwarte", "open"),
    "closed": ("zamknięte", "closed"),
    "report_published": ("raport opublikowany", "report published"),
    "submitted": ("złożona", "submitted"),
    "withdrawn": ("wycofana", "withdrawn"),
    "formally_accepted": ("przyjęta formalnie", "formally accepted"),
    "formally_rejected": ("odrzucona formalnie", "formally rejected"),
    "active": ("działająca", "active"),
    "suspended": ("zawieszona", "suspended"),
    "in_liquidation": ("w likwidacji", "in liquidation"),
    "deregistered": ("wykreślona", "deregistered"),
    "pending": ("czeka na weryfikację", "awaiting verification"),
    "verified": ("zweryfikowana", "verified"),
    "refused": ("odrzucona", "refused"),
    "accepted": ("uwzględniona", "accepted"),
    "partly_accepted": ("uwzględniona częściowo", "partly accepted"),
    "rejected": ("nieuwzględniona", "rejected"),
    "received": ("przyjęta, czeka na publikację", "received, awaiting publication"),
    "published": ("opublikowana do uwag", "published for comments"),
    "declined": ("odrzucona", "declined"),
    "concluded": ("zawarto umowę", "agreement concluded"),
}
_KINDS: dict[str, dict[str, tuple[str, str]]] = {
    "legal_form": LEGAL_FORMS,
    "area": {area.value: names for area, names in AREA_LABELS.items()},
    "state": _STATES,
}


def label(kind: str, code: object, language: str) -> str:
    """Return the name of a code in a language; an unknown code shows as it is."""
    names = _KINDS.get(kind, {}).get(str(code))
    if names is None:
        return str(code or "")
    return names[0] if language == "pl" else names[1]
