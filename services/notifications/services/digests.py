"""Digests: the municipality's weekly bulletin, and each subscriber's daily or weekly e-mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.notifications.adapters.rendering import Renderer
from services.notifications.domain.digest import Digest, Period, PeriodKind, build_digest
from services.notifications.domain.notice import Notice
from services.notifications.domain.subscriptions import EmailFrequency
from services.notifications.domain.unsubscribe import UnsubscriberKind, UnsubscribeTarget
from services.notifications.domain.wording import Wording
from services.notifications.repository import (
    CompetitionBoard,
    ConsultationBoard,
    EmailLog,
    KnownRecipient,
    NoticeLog,
    OrganizationDirectory,
    RecipientDirectory,
    Tenants,
)
from services.notifications.services.callers import Callers
from services.notifications.services.emails import digest_email
from shared.clock import Clock
from shared.logging import get_logger
from shared.outbox import Transaction, TransactionRunner
from shared.tenancy import Principal, TenantContext

__all__ = ["DigestServices"]

log = get_logger(__name__)


@dataclass(frozen=True)
class DigestServices:
    """Builds digests from the notice log and the open competitions and consultations."""

    transactions: TransactionRunner
    notices: NoticeLog
    competitions: CompetitionBoard
    consultations: ConsultationBoard
    tenants: Tenants
    recipients: RecipientDirectory
    organizations: OrganizationDirectory
    emails: EmailLog
    renderer: Renderer
    wording: Wording
    digest_hour: int
    email_attempts: int
    callers: Callers
    clock: Clock

    async def municipality(self, tenant: TenantContext, period: Period) -> Digest:
        """Return a municipality's public digest of a period (its bulletin's content)."""
        return build_digest(
            tenant_id=tenant.tenant_id,
            tenant_name=await self.tenants.name_of(tenant.tenant_id),
            period=period,
            notices=await self.notices.in_period(
                tenant, period.start, period.end, public_only=True
            ),
            competitions=await self.competitions.open_at(tenant, period.end),
            consultations=await self.consultations.open_at(tenant, period.end),
            wording=self.wording,
        )

    async def bulletin(
        self,
        principal: Principal,
        period: Period,
        *,
        markdown: bool,
        language: str,
        caller_language: str | None = None,
    ) -> str:
        """Return the officer's municipality's digest rendered for its printed bulletin."""
        await self.callers.remember(principal, caller_language)
        digest = await self.municipality(principal.tenant, period)
        return self.renderer.bulletin(digest, language=language, markdown=markdown)

    async def send_due(self, now: datetime | None = None) -> int:
        """Queue every subscriber's digest of the last complete day and week; return how many."""
        moment = now or self.clock.now()
        queued = 0
        for kind in PeriodKind:
            period = Period.last_complete(kind, moment, self.wording.zone, self.digest_hour)
            for tenant_id in await self.recipients.tenants_with_digests():
                queued += await self._send_in(TenantContext(tenant_id), period)
        return queued

    async def _send_in(self, tenant: TenantContext, period: Period) -> int:
        frequency = EmailFrequency(period.kind.value)
        people = [
            p
            for p in await self.recipients.with_digest(tenant, frequency)
            if p.digests.get(period.kind.value) != period.label
        ]
        if not people:
            return 0
        cache: dict[str, list[Notice]] = {}
        queued = 0
        for person in people:
            notices = await self._matching(person, period, cache)
            queued += await self._queue(tenant, person, period, notices)
        return queued

    async def _matching(
        self, person: KnownRecipient, period: Period, cache: dict[str, list[Notice]]
    ) -> list[Notice]:
        recipient = person.recipient
        areas: frozenset[str] = frozenset()
        if recipient.organization_id:
            found = await self.organizations.areas_of(
                TenantContext(recipient.tenant_id), [recipient.organization_id], None
            )
            areas = found.get(recipient.organization_id, frozenset())
        wanted = EmailFrequency(period.kind.value)
        matching: list[Notice] = []
        for municipality in sorted(recipient.subscription.municipalities):
            if municipality not in cache:
                cache[municipality] = await self.notices.in_period(
                    TenantContext(municipality), period.start, period.end, public_only=False
                )
            matching += [
                n for n in cache[municipality] if recipient.delivery(n, areas).email == wanted
            ]
        return matching

    async def _queue(
        self, tenant: TenantContext, person: KnownRecipient, period: Period, notices: list[Notice]
    ) -> int:
        recipient = person.recipient
        kind, previous = period.kind.value, person.digests.get(period.kind.value)
        digest = build_digest(
            tenant_id=tenant.tenant_id,
            tenant_name=await self.tenants.name_of(tenant.tenant_id),
            period=period,
            notices=notices,
            wording=self.wording,
        )

        async def work(transaction: Transaction) -> int:
            session = transaction.session
            claimed = await self.recipients.claim_digest(
                tenant,
                recipient.subject,
                kind=kind,
                previous=previous,
                label=period.label,
                session=session,
            )
            if not claimed or digest.empty or not recipient.email:
                return 0
            document = digest_email(
                digest,
                notices,
                key=f"digest|{kind}|{period.label}|{tenant.tenant_id}|{recipient.subject}",
                to=recipient.email,
                name=recipient.name,
                language=recipient.language,
                unsubscribe=UnsubscribeTarget(
                    UnsubscriberKind.USER, tenant.tenant_id, recipient.subject
                ),
                now=self.clock.timestamp(),
                attempt_limit=self.email_attempts,
            )
            return int(await self.emails.enqueue_once(document, session))

        return await self.transactions.run(work)
