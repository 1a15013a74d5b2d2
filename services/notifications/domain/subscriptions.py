"""Subscriptions: what a user hears about, where, and through which channel; defaults by role."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from services.notifications.domain.kinds import KIND_RULES, NoticeKind
from services.notifications.domain.notice import Notice
from shared.errors import FieldError, InvalidInput, Text
from shared.public_benefit import PublicBenefitArea
from shared.tenancy import Role

__all__ = [
    "NOTHING",
    "Delivery",
    "EmailFrequency",
    "Subscription",
    "default_audience",
    "subscribable_kinds",
]

_TENANT_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
MAX_MUNICIPALITIES = 50


class EmailFrequency(StrEnum):
    """When e-mail goes out: never, at once, or gathered in a daily or weekly digest."""

    OFF = "off"
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"

    @property
    def is_digest(self) -> bool:
        """Return whether e-mail is gathered into digests."""
        return self in (EmailFrequency.DAILY, EmailFrequency.WEEKLY)


@dataclass(frozen=True)
class Delivery:
    """Through which channels one notice reaches one person."""

    inbox: bool
    email: EmailFrequency

    @property
    def email_now(self) -> bool:
        """Return whether an e-mail goes out at once."""
        return self.email == EmailFrequency.IMMEDIATE


NOTHING = Delivery(inbox=False, email=EmailFrequency.OFF)


@dataclass(frozen=True)
class Subscription:
    """A person's choice; `areas` empty means every area (plus the organization's if chosen)."""

    kinds: frozenset[NoticeKind]
    municipalities: frozenset[str]
    areas: frozenset[str] = frozenset()
    organization_areas: bool = False
    inbox: bool = True
    email: EmailFrequency = EmailFrequency.OFF

    @classmethod
    def defaults(cls, roles: frozenset[Role], home_tenant: str) -> Subscription:
        """Return the role's defaults: NGOs hear of competitions in their areas at once,
        officers of offers, comments and reports in a daily digest."""
        kinds = frozenset(k for k, rule in KIND_RULES.items() if rule.default_for & roles)
        if Role.NGO_MEMBER in roles:
            email = EmailFrequency.IMMEDIATE
        elif Role.TENANT_OFFICER in roles:
            email = EmailFrequency.DAILY
        else:
            email = EmailFrequency.OFF
        return cls(
            kinds=kinds,
            municipalities=frozenset({home_tenant}),
            organization_areas=Role.NGO_MEMBER in roles,
            email=email,
        )

    def without_email(self) -> Subscription:
        """Return the same choice with e-mail turned off (the unsubscribe link)."""
        return replace(self, email=EmailFrequency.OFF)

    def check(self, roles: frozenset[Role]) -> None:
        """Raise InvalidInput naming each field the person may not choose."""
        errors: list[FieldError] = []
        allowed = set(subscribable_kinds(roles))
        for kind in sorted(self.kinds - allowed):
            errors.append(
                _error(
                    "kinds",
                    f"Tego rodzaju powiadomień nie można wybrać: {kind}.",
                    f"This kind cannot be chosen: {kind}.",
                    "kind-not-allowed",
                )
            )
        if not self.municipalities or len(self.municipalities) > MAX_MUNICIPALITIES:
            errors.append(
                _error(
                    "municipalities",
                    "Wybierz od 1 do 50 jednostek.",
                    "Choose 1 to 50 municipalities.",
                    "out-of-range",
                )
            )
        for tenant in sorted(m for m in self.municipalities if not _TENANT_ID.match(m)):
            errors.append(
                _error(
                    "municipalities",
                    f"Nieprawidłowy kod jednostki: {tenant}.",
                    f"Not a municipality code: {tenant}.",
                )
            )
        known = {a.value for a in PublicBenefitArea}
        for area in sorted(self.areas - known):
            errors.append(
                _error(
                    "areas",
                    f"Nieznana sfera pożytku publicznego: {area}.",
                    f"Unknown public benefit area: {area}.",
                )
            )
        if errors:
            raise InvalidInput(detail=errors[0].message, errors=errors)

    def delivery(
        self, notice: Notice, *, roles: frozenset[Role], organization_areas: frozenset[str]
    ) -> Delivery:
        """Return how a notice reaches a person with this subscription."""
        rule = notice.rule
        if not rule.subscribable or notice.kind not in self.kinds or not rule.audience & roles:
            return NOTHING
        if notice.tenant_id not in self.municipalities:
            return NOTHING
        wanted = self.areas | (organization_areas if self.organization_areas else frozenset())
        if notice.areas and wanted and not notice.areas & wanted:
            return NOTHING
        return Delivery(inbox=self.inbox, email=self.email)


def subscribable_kinds(roles: frozenset[Role]) -> list[NoticeKind]:
    """Return the kinds a person with these roles may subscribe to."""
    return [k for k, rule in KIND_RULES.items() if rule.subscribable and rule.audience & roles]


def default_audience(notice: Notice, organizations_in_areas: Iterable[str]) -> set[str]:
    """Return the audience keys that reach everyone on role defaults (known or not yet)."""
    keys = set(notice.addressees)
    for role in notice.rule.default_for:
        if role == Role.NGO_MEMBER and notice.areas:
            # An NGO's default follows its organization's areas.
            keys.update(f"org:{organization}" for organization in organizations_in_areas)
        else:
            keys.add(f"role:{role.value}")
    return keys


def _error(name: str, pl: str, en: str, code: str = "invalid") -> FieldError:
    return FieldError(f"body.{name}", Text(pl, en), code)
