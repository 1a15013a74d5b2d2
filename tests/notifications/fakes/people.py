"""Fakes of the people known here: recipients, their watches, decision makers."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from services.notifications.domain.decision_makers import DecisionMaker
from services.notifications.domain.recipients import Recipient
from services.notifications.domain.subscriptions import Subscription
from services.notifications.repository import KnownRecipient
from shared.tenancy import TenantContext
from tests.support.fakes import Snapshotted


class FakeRecipients(Snapshotted):
    """People known here, by (tenant, subject); counts the writes `remember` makes."""

    def __init__(self) -> None:
        self.people: dict[tuple[str, str], Recipient] = {}
        self.digests: dict[tuple[str, str], dict[str, str]] = {}
        self.writes = 0

    async def remember(self, recipient: Recipient, *, now: float) -> None:
        key = (recipient.tenant_id, recipient.subject)
        stored = self.people.get(key)
        custom = stored.custom if stored else None
        self.people[key] = replace(recipient, custom=custom)
        self.writes += 1

    async def get(
        self, tenant: TenantContext, subject: str, session: Any = None
    ) -> KnownRecipient | None:
        key = (tenant.tenant_id, subject)
        found = self.people.get(key)
        return KnownRecipient(found, dict(self.digests.get(key, {}))) if found else None

    async def in_tenant(self, tenant: TenantContext, session: Any = None) -> list[Recipient]:
        return [r for r in self.people.values() if r.tenant_id == tenant.tenant_id]

    async def by_subjects(
        self, tenant: TenantContext, subjects: Any, session: Any
    ) -> list[Recipient]:
        return [r for r in await self.in_tenant(tenant) if r.subject in set(subjects)]

    async def tenants_with_digests(self) -> list[str]:
        return sorted({r.tenant_id for r in self.people.values() if r.digest})

    async def with_digest(self, tenant: TenantContext, frequency: Any) -> list[KnownRecipient]:
        return [
            KnownRecipient(r, dict(self.digests.get(key, {})))
            for key, r in self.people.items()
            if r.tenant_id == tenant.tenant_id and r.digest == frequency
        ]

    async def claim_digest(
        self,
        tenant: TenantContext,
        subject: str,
        *,
        kind: str,
        previous: str | None,
        label: str,
        session: Any,
    ) -> bool:
        sent = self.digests.setdefault((tenant.tenant_id, subject), {})
        if sent.get(kind) != previous:
            return False
        sent[kind] = label
        return True

    async def save_subscription(
        self, recipient: Recipient, subscription: Subscription | None, session: Any
    ) -> None:
        key = (recipient.tenant_id, recipient.subject)
        self.people[key] = replace(self.people[key], custom=subscription)


class FakeWatches(Snapshotted):
    """Which municipalities each person watches besides their own."""

    def __init__(self) -> None:
        self.watched: dict[tuple[str, str], set[str]] = {}

    async def replace(self, recipient: Recipient, *, before: Any, after: Any, session: Any) -> None:
        key = (recipient.tenant_id, recipient.subject)
        self.watched[key] = set(after) - {recipient.tenant_id}

    async def watchers(self, tenant: TenantContext, session: Any) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for (home, subject), watched in self.watched.items():
            if tenant.tenant_id in watched:
                found.setdefault(home, []).append(subject)
        return found


class FakeDecisionMakers(Snapshotted):
    """A municipality's list of decision makers."""

    def __init__(self) -> None:
        self.people: dict[str, DecisionMaker] = {}

    async def add(self, person: DecisionMaker, session: Any) -> None:
        self.people[person.id] = person

    async def by_email(self, tenant: TenantContext, email: str) -> DecisionMaker | None:
        return next(
            (
                p
                for p in self.people.values()
                if p.tenant_id == tenant.tenant_id and p.email == email
            ),
            None,
        )

    async def listed(self, tenant: TenantContext, session: Any = None) -> list[DecisionMaker]:
        return [p for p in self.people.values() if p.tenant_id == tenant.tenant_id]

    async def remove(self, tenant: TenantContext, person_id: str) -> bool:
        found = self.people.get(person_id)
        if found is None or found.tenant_id != tenant.tenant_id:
            return False
        del self.people[person_id]
        return True

    async def unsubscribe(self, tenant: TenantContext, person_id: str) -> bool:
        found = self.people.get(person_id)
        if found is None or found.tenant_id != tenant.tenant_id:
            return False
        self.people[person_id] = replace(found, active=False)
        return True
