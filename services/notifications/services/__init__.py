"""Use cases of the notifications service, wired once at start-up."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import cast
from zoneinfo import ZoneInfo

import httpx

from services.notifications.domain.notices import NoticeWriter
from services.notifications.domain.wording import Wording
from services.notifications.repository import (
    CompetitionBoard,
    ConsultationBoard,
    DecisionMakers,
    EmailLog,
    EmailQueue,
    Endpoints,
    InboxRepository,
    NoticeLog,
    OrganizationDirectory,
    ReadMarkRepository,
    RecipientDirectory,
    ReminderBook,
    ReminderClock,
    TenantNames,
    Watches,
    WebhookAttempts,
    WebhookDeliveries,
    WebhookQueue,
)
from services.notifications.repository.queue import WorkQueue
from services.notifications.repository.sealed import SecretBox
from services.notifications.services.decision_makers import DecisionMakerServices
from services.notifications.services.destinations import DestinationGuard
from services.notifications.services.digests import DigestServices
from services.notifications.services.email_log import EmailLogServices
from services.notifications.services.emails import EmailSender, Mailer
from services.notifications.services.fanout import Fanout
from services.notifications.services.inbox import InboxServices, InboxView
from services.notifications.services.reactions import EventReactions, ReminderTiming, Stores
from services.notifications.services.reminders import ReminderServices
from services.notifications.services.rendering import Renderer
from services.notifications.services.subscriptions import SubscriptionServices
from services.notifications.services.webhook_sender import WebhookSender
from services.notifications.services.webhooks import (
    EndpointDisabler,
    WebhookFeed,
    WebhookServices,
)
from services.notifications.services.workers import DeliveryWorker
from services.notifications.settings import NotificationsSettings
from shared.mongo import Document
from shared.runtime import Runtime
from shared.scheduler import PeriodicJob, run_periodic_jobs
from shared.tasks import stop_tasks

__all__ = ["InboxView", "NotificationServices", "build_reactions", "build_services", "run_workers"]

Process = Callable[[Document], Awaitable[None]]


@dataclass(frozen=True)
class NotificationServices:
    """Every use case and worker of the service."""

    settings: NotificationsSettings
    inbox: InboxServices
    subscriptions: SubscriptionServices
    webhooks: WebhookServices
    digests: DigestServices
    decision_makers: DecisionMakerServices
    reminders: ReminderServices
    emails: EmailLogServices
    email_worker: DeliveryWorker
    webhook_worker: DeliveryWorker
    http: httpx.AsyncClient
    mailer: Mailer


def _settings(runtime: Runtime) -> NotificationsSettings:
    return cast(NotificationsSettings, runtime.settings)


def _wording(settings: NotificationsSettings) -> Wording:
    return Wording(ZoneInfo(settings.timezone))


def _fanout(runtime: Runtime) -> Fanout:
    database = runtime.database
    return Fanout(
        notices=NoticeLog(database),
        recipients=RecipientDirectory(database),
        watches=Watches(database),
        organizations=OrganizationDirectory(database),
        inbox=InboxRepository(database),
        emails=EmailLog(database),
        decision_makers=DecisionMakers(database),
        email_attempts=_settings(runtime).email_max_attempts,
    )


def build_reactions(runtime: Runtime) -> EventReactions:
    """Return what consumed events do (the runtime's consumers call it)."""
    settings, database = _settings(runtime), runtime.database
    return EventReactions(
        writer=NoticeWriter(_wording(settings)),
        fanout=_fanout(runtime),
        feed=WebhookFeed(
            Endpoints(database, SecretBox(settings.webhook_secrets)),
            WebhookDeliveries(database),
            settings.webhook_max_attempts,
        ),
        stores=Stores(
            organizations=OrganizationDirectory(database),
            competitions=CompetitionBoard(database),
            consultations=ConsultationBoard(database),
            tenants=TenantNames(database),
            reminders=ReminderBook(database),
        ),
        timing=ReminderTiming(
            competition=timedelta(days=settings.competition_reminder_days),
            consultation=timedelta(days=settings.consultation_reminder_days),
            report=timedelta(days=settings.report_reminder_days),
            zone=ZoneInfo(settings.timezone),
        ),
    )


def build_services(runtime: Runtime) -> NotificationServices:
    """Wire every use case and worker from the runtime."""
    settings, database, transactions = _settings(runtime), runtime.database, runtime.transactions
    wording = _wording(settings)
    renderer = Renderer(zone=wording.zone, web_base_url=settings.web_base_url)
    guard = DestinationGuard(
        allow_private=settings.webhooks_allow_private_addresses,
        require_https=settings.webhooks_require_https,
    )
    fanout = _fanout(runtime)
    endpoints, deliveries, attempts = (
        Endpoints(database, SecretBox(settings.webhook_secrets)),
        WebhookDeliveries(database),
        WebhookAttempts(database),
    )
    http = httpx.AsyncClient(timeout=settings.webhook_timeout_seconds, follow_redirects=False)
    sender = WebhookSender(
        endpoints=endpoints,
        queue=WebhookQueue(database),
        attempts=attempts,
        client=http,
        guard=guard,
        settings=settings,
        disable=EndpointDisabler(transactions, endpoints, fanout, NoticeWriter(wording)),
    )
    mailer = Mailer(settings, renderer, wording)

    def worker(
        name: str, queue: WorkQueue, process: Process, per_tenant: int | None = None
    ) -> DeliveryWorker:
        return DeliveryWorker(
            name,
            queue,
            process,
            poll_seconds=settings.delivery_poll_seconds,
            concurrency=settings.delivery_concurrency,
            claim_seconds=settings.delivery_claim_seconds,
            per_tenant=per_tenant,
        )

    return NotificationServices(
        settings=settings,
        inbox=InboxServices(InboxRepository(database), ReadMarkRepository(database)),
        subscriptions=SubscriptionServices(
            transactions,
            RecipientDirectory(database),
            Watches(database),
            DecisionMakers(database),
            settings.unsubscribe_key,
            settings.unsubscribe_link_days * 86_400.0,
        ),
        webhooks=WebhookServices(
            endpoints,
            deliveries,
            attempts,
            guard,
            settings.webhook_max_endpoints_per_tenant,
            transactions,
        ),
        digests=DigestServices(
            transactions=transactions,
            notices=NoticeLog(database),
            competitions=CompetitionBoard(database),
            consultations=ConsultationBoard(database),
            tenants=TenantNames(database),
            recipients=RecipientDirectory(database),
            organizations=OrganizationDirectory(database),
            emails=EmailLog(database),
            renderer=renderer,
            wording=wording,
            digest_hour=settings.digest_hour,
            email_attempts=settings.email_max_attempts,
        ),
        decision_makers=DecisionMakerServices(transactions, DecisionMakers(database)),
        reminders=ReminderServices(
            transactions, ReminderBook(database), ReminderClock(database), fanout
        ),
        emails=EmailLogServices(EmailLog(database)),
        email_worker=worker(
            "emails",
            EmailQueue(database),
            EmailSender(EmailQueue(database), mailer, settings).process,
        ),
        webhook_worker=worker(
            "webhooks",
            WebhookQueue(database),
            sender.process,
            per_tenant=settings.webhook_tenant_concurrency,
        ),
        http=http,
        mailer=mailer,
    )


@contextlib.asynccontextmanager
async def run_workers(runtime: Runtime, services: NotificationServices) -> AsyncIterator[None]:
    """Run the delivery workers (every replica) and the timer and digest jobs (one replica)."""
    settings = services.settings
    workers = [services.email_worker, services.webhook_worker]
    tasks = [asyncio.create_task(w.run_forever(), name=f"worker:{w.name}") for w in workers]
    jobs = [
        PeriodicJob(
            "reminders",
            timedelta(seconds=settings.reminder_poll_seconds),
            services.reminders.fire_due,
        ),
        PeriodicJob(
            "digests", timedelta(seconds=settings.digest_poll_seconds), services.digests.send_due
        ),
    ]
    try:
        async with run_periodic_jobs(runtime.database, jobs):
            yield
    finally:
        await stop_tasks(tasks)
        await services.http.aclose()
        await services.mailer.close()
