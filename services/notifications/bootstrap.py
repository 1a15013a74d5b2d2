"""The notifications service's one composition root: its object graph, built once per runtime."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

import httpx

from services.notifications.adapters.destinations import DestinationGuard
from services.notifications.adapters.mailer import Mailer
from services.notifications.adapters.rendering import Renderer
from services.notifications.adapters.sealing import SecretBox
from services.notifications.adapters.webhook_http import WebhookHttp
from services.notifications.domain.notices import NoticeWriter
from services.notifications.domain.wording import Wording
from services.notifications.handlers.events import event_effects
from services.notifications.repository import (
    REPOSITORIES,
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
    Tenants,
    Watches,
    WebhookAttempts,
    WebhookDeliveries,
    WebhookQueue,
)
from services.notifications.repository.queue import WorkQueue
from services.notifications.services import NotificationServices
from services.notifications.services.callers import Callers
from services.notifications.services.decision_makers import DecisionMakerServices
from services.notifications.services.digests import DigestServices
from services.notifications.services.email_log import EmailLogServices
from services.notifications.services.emails import EmailSender
from services.notifications.services.fanout import Fanout
from services.notifications.services.inbox import InboxServices
from services.notifications.services.reactions import Reactions, ReminderTiming, Stores
from services.notifications.services.reminders import ReminderServices
from services.notifications.services.subscriptions import SubscriptionServices
from services.notifications.services.webhook_delivery import WebhookSender
from services.notifications.services.webhook_feed import WebhookFeed
from services.notifications.services.webhooks import EndpointDisabler, WebhookServices
from services.notifications.services.workers import DeliveryWorker
from services.notifications.settings import NotificationsSettings
from shared.clock import SYSTEM_CLOCK, Clock
from shared.composition import Composition
from shared.logging import get_logger
from shared.mongo import Document
from shared.runtime import Effects, Runtime, ServiceSpec
from shared.scheduler import PeriodicJob

__all__ = ["SPEC", "bootstrap", "event_handlers"]

SPEC = ServiceSpec(repositories=REPOSITORIES)

log = get_logger(__name__)
Process = Callable[[Document], Awaitable[None]]


@dataclass(frozen=True)
class _Stores:
    """Every repository, one instance each, shared by the use cases that need it."""

    notices: NoticeLog
    recipients: RecipientDirectory
    watches: Watches
    organizations: OrganizationDirectory
    competitions: CompetitionBoard
    consultations: ConsultationBoard
    tenants: Tenants
    inbox: InboxRepository
    read_marks: ReadMarkRepository
    emails: EmailLog
    email_queue: EmailQueue
    decision_makers: DecisionMakers
    reminders: ReminderBook
    reminder_clock: ReminderClock
    endpoints: Endpoints
    deliveries: WebhookDeliveries
    webhook_queue: WebhookQueue
    attempts: WebhookAttempts


def _stores(runtime: Runtime[NotificationsSettings], settings: NotificationsSettings) -> _Stores:
    database = runtime.database
    return _Stores(
        notices=NoticeLog(database),
        recipients=RecipientDirectory(database),
        watches=Watches(database),
        organizations=OrganizationDirectory(database),
        competitions=CompetitionBoard(database),
        consultations=ConsultationBoard(database),
        tenants=Tenants(database),
        inbox=InboxRepository(database),
        read_marks=ReadMarkRepository(database),
        emails=EmailLog(database),
        email_queue=EmailQueue(database),
        decision_makers=DecisionMakers(database),
        reminders=ReminderBook(database),
        reminder_clock=ReminderClock(database),
        endpoints=Endpoints(database, SecretBox(settings.webhook_secrets)),
        deliveries=WebhookDeliveries(database),
        webhook_queue=WebhookQueue(database),
        attempts=WebhookAttempts(database),
    )


def _reactions(
    settings: NotificationsSettings,
    stores: _Stores,
    writer: NoticeWriter,
    fanout: Fanout,
    clock: Clock,
) -> Reactions:
    return Reactions(
        writer=writer,
        fanout=fanout,
        feed=WebhookFeed(stores.endpoints, stores.deliveries, settings.webhook_max_attempts, clock),
        stores=Stores(
            organizations=stores.organizations,
            competitions=stores.competitions,
            consultations=stores.consultations,
            tenants=stores.tenants,
            reminders=stores.reminders,
        ),
        timing=ReminderTiming(
            competition=timedelta(days=settings.competition_reminder_days),
            consultation=timedelta(days=settings.consultation_reminder_days),
            report=timedelta(days=settings.report_reminder_days),
            zone=ZoneInfo(settings.timezone),
        ),
    )


def _worker(
    settings: NotificationsSettings,
    clock: Clock,
    name: str,
    queue: WorkQueue,
    process: Process,
    per_tenant: int | None = None,
) -> DeliveryWorker:
    return DeliveryWorker(
        name,
        queue,
        process,
        poll_seconds=settings.delivery_poll_seconds,
        concurrency=settings.delivery_concurrency,
        claim_seconds=settings.delivery_claim_seconds,
        per_tenant=per_tenant,
        clock=clock,
    )


def event_handlers(
    runtime: Runtime[NotificationsSettings], *, clock: Clock = SYSTEM_CLOCK
) -> Effects:
    """Return what consumed events do, over the runtime's stores (a test drives a consumer)."""
    settings = runtime.settings
    stores = _stores(runtime, settings)
    writer = NoticeWriter(Wording(ZoneInfo(settings.timezone)))
    fanout = _fanout(settings, stores, clock)
    return event_effects(_reactions(settings, stores, writer, fanout, clock))


def _fanout(settings: NotificationsSettings, stores: _Stores, clock: Clock) -> Fanout:
    return Fanout(
        notices=stores.notices,
        recipients=stores.recipients,
        watches=stores.watches,
        organizations=stores.organizations,
        inbox=stores.inbox,
        emails=stores.emails,
        decision_makers=stores.decision_makers,
        email_attempts=settings.email_max_attempts,
        clock=clock,
    )


def bootstrap(
    runtime: Runtime[NotificationsSettings], *, clock: Clock = SYSTEM_CLOCK
) -> Composition[NotificationServices]:
    """Build every use case, consumer effect, worker and job of the service once."""
    settings, transactions = runtime.settings, runtime.transactions
    stores = _stores(runtime, settings)
    wording = Wording(ZoneInfo(settings.timezone))
    writer = NoticeWriter(wording)
    renderer = Renderer(zone=wording.zone, web_base_url=settings.web_base_url)
    guard = DestinationGuard(
        allow_private=settings.webhooks_allow_private_addresses,
        require_https=settings.webhooks_require_https,
    )
    fanout = _fanout(settings, stores, clock)
    http = httpx.AsyncClient(timeout=settings.webhook_timeout_seconds, follow_redirects=False)
    sender = WebhookSender(
        endpoints=stores.endpoints,
        queue=stores.webhook_queue,
        attempts=stores.attempts,
        http=WebhookHttp(http, guard, clock),
        settings=settings,
        disable=EndpointDisabler(transactions, stores.endpoints, fanout, writer, clock),
        clock=clock,
    )
    mailer = Mailer(settings, renderer, wording, clock)
    callers = Callers(stores.recipients, clock)
    services = NotificationServices(
        inbox=InboxServices(stores.inbox, stores.read_marks, callers),
        subscriptions=SubscriptionServices(
            transactions,
            stores.recipients,
            stores.watches,
            stores.decision_makers,
            settings.unsubscribe_key,
            settings.unsubscribe_link_days * 86_400.0,
            callers,
            clock,
        ),
        webhooks=WebhookServices(
            stores.endpoints,
            stores.deliveries,
            stores.attempts,
            guard,
            settings.webhook_max_endpoints_per_tenant,
            transactions,
            callers,
            clock,
        ),
        digests=DigestServices(
            transactions=transactions,
            notices=stores.notices,
            competitions=stores.competitions,
            consultations=stores.consultations,
            tenants=stores.tenants,
            recipients=stores.recipients,
            organizations=stores.organizations,
            emails=stores.emails,
            renderer=renderer,
            wording=wording,
            digest_hour=settings.digest_hour,
            email_attempts=settings.email_max_attempts,
            callers=callers,
            clock=clock,
        ),
        decision_makers=DecisionMakerServices(transactions, stores.decision_makers, callers, clock),
        reminders=ReminderServices(
            transactions, stores.reminders, stores.reminder_clock, fanout, clock
        ),
        emails=EmailLogServices(stores.emails, callers),
        email_worker=_worker(
            settings,
            clock,
            "emails",
            stores.email_queue,
            EmailSender(stores.email_queue, mailer, settings, clock).process,
        ),
        webhook_worker=_worker(
            settings,
            clock,
            "webhooks",
            stores.webhook_queue,
            sender.process,
            per_tenant=settings.webhook_tenant_concurrency,
        ),
    )
    return Composition(
        services=services,
        handlers=event_effects(_reactions(settings, stores, writer, fanout, clock)),
        startup=(lambda: _backfill_inbox(stores.inbox),),
        workers=(services.email_worker, services.webhook_worker),
        jobs=(
            PeriodicJob(
                "reminders",
                timedelta(seconds=settings.reminder_poll_seconds),
                services.reminders.fire_due,
            ),
            PeriodicJob(
                "digests",
                timedelta(seconds=settings.digest_poll_seconds),
                services.digests.send_due,
            ),
        ),
        closers=(http.aclose, mailer.close),
    )


async def _backfill_inbox(inbox: InboxRepository) -> int:
    backfilled = await inbox.backfill()
    if backfilled:
        log.info("inbox.backfill.done", items=backfilled)
    return backfilled
