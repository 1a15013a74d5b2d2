"""Deliver a notice: record the fact once, then inbox items and queued e-mails, together."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pymongo.asynchronous.client_session import AsyncClientSession

from services.notifications.domain.decision_makers import FOR_DECISION_MAKERS
from services.notifications.domain.fanout import plan_fanout
from services.notifications.domain.notice import Notice
from services.notifications.domain.recipients import Recipient
from services.notifications.domain.subscriptions import default_audience
from services.notifications.domain.unsubscribe import UnsubscriberKind, UnsubscribeTarget
from services.notifications.repository import (
    DecisionMakers,
    EmailLog,
    InboxRepository,
    NoticeLog,
    OrganizationDirectory,
    RecipientDirectory,
    Watches,
)
from services.notifications.services.emails import notice_email
from shared.clock import Clock
from shared.mongo import Document
from shared.tenancy import Role, TenantContext
from shared.transaction_memo import memoized

__all__ = ["Fanout"]


@dataclass(frozen=True)
class Fanout:
    """Turns a notice into deliveries; each (notice, recipient, channel) happens once."""

    notices: NoticeLog
    recipients: RecipientDirectory
    watches: Watches
    organizations: OrganizationDirectory
    inbox: InboxRepository
    emails: EmailLog
    decision_makers: DecisionMakers
    email_attempts: int
    clock: Clock

    async def deliver(self, notice: Notice, session: AsyncClientSession) -> int:
        """Deliver a notice in the caller's transaction; return the deliveries made.

        The notice log is keyed by the fact, so a fact told again (a replayed event, a timer
        and the producer's own warning) makes no second inbox item and no second e-mail.
        """
        if not await self.notices.record(notice, session):
            return 0
        tenant = TenantContext(notice.tenant_id)
        known = await self._recipients(tenant, session)
        areas = await self._organization_areas(known, session)
        plan = plan_fanout(
            notice,
            default_keys=default_audience(notice, await self._in_areas(notice, tenant, session)),
            recipients=[
                (r, areas.get((r.tenant_id, r.organization_id), frozenset())) for r in known
            ],
            now=self.clock.now(),
        )
        await self.inbox.add(plan.items, session)
        now = self.clock.timestamp()
        emails = [self._email(notice, r, now) for r in plan.emails]
        emails += await self._decision_makers(notice, tenant, session, now)
        await self.emails.enqueue(emails, session)
        return len(plan.items) + len(emails)

    async def _recipients(
        self, tenant: TenantContext, session: AsyncClientSession
    ) -> list[Recipient]:
        # A consumer's batch asks once per tenant: people and watches change through the API.
        read = memoized(
            session,
            ("recipients", tenant.tenant_id),
            lambda: self._read_recipients(tenant, session),
        )
        return list(await read)

    async def _read_recipients(
        self, tenant: TenantContext, session: AsyncClientSession
    ) -> list[Recipient]:
        found = await self.recipients.in_tenant(tenant, session)
        for home, subjects in (await self.watches.watchers(tenant, session)).items():
            found += await self.recipients.by_subjects(TenantContext(home), subjects, session)
        return found

    async def _organization_areas(
        self, recipients: list[Recipient], session: AsyncClientSession
    ) -> dict[tuple[str, str | None], frozenset[str]]:
        by_tenant: dict[str, set[str]] = defaultdict(set)
        for recipient in recipients:
            if recipient.organization_id:
                by_tenant[recipient.tenant_id].add(recipient.organization_id)
        found: dict[tuple[str, str | None], frozenset[str]] = {}
        for tenant_id, organizations in by_tenant.items():
            areas = await self.organizations.areas_of(
                TenantContext(tenant_id), organizations, session
            )
            found.update({(tenant_id, o): a for o, a in areas.items()})
        return found

    async def _in_areas(
        self, notice: Notice, tenant: TenantContext, session: AsyncClientSession
    ) -> list[str]:
        if Role.NGO_MEMBER not in notice.rule.default_for or not notice.areas:
            return []
        return await self.organizations.working_in(tenant, notice.areas, session)

    def _email(self, notice: Notice, recipient: Recipient, now: float) -> Document:
        assert recipient.email is not None
        target = UnsubscribeTarget(UnsubscriberKind.USER, recipient.tenant_id, recipient.subject)
        return notice_email(
            notice,
            key=f"{notice.tenant_id}|{notice.key}|user|{recipient.tenant_id}|{recipient.subject}",
            to=recipient.email,
            name=recipient.name,
            language=recipient.language,
            reason="about_you" if notice.concerns(recipient.keys) else "subscription",
            unsubscribe=target,
            now=now,
            attempt_limit=self.email_attempts,
        )

    async def _decision_makers(
        self, notice: Notice, tenant: TenantContext, session: AsyncClientSession, now: float
    ) -> list[Document]:
        if notice.kind not in FOR_DECISION_MAKERS:
            return []
        people = await self.decision_makers.listed(tenant, session)
        return [
            notice_email(
                notice,
                key=f"{notice.tenant_id}|{notice.key}|decision_maker|{person.id}",
                to=person.email,
                name=person.name,
                language=person.language,
                reason="decision_maker",
                unsubscribe=UnsubscribeTarget(
                    UnsubscriberKind.DECISION_MAKER, person.tenant_id, person.id
                ),
                now=now,
                attempt_limit=self.email_attempts,
            )
            for person in people
            if person.active
        ]
