"""Every MongoDB query of the notifications service."""

from services.notifications.repository.boards import CompetitionBoard, ConsultationBoard
from services.notifications.repository.decision_makers import DecisionMakers
from services.notifications.repository.emails import EmailLog, EmailQueue
from services.notifications.repository.inbox import InboxRepository, ReadMarkRepository
from services.notifications.repository.inbox_streams import InboxHeads, InboxStreams
from services.notifications.repository.notices import NoticeLog
from services.notifications.repository.organizations import OrganizationDirectory
from services.notifications.repository.recipients import KnownRecipient, RecipientDirectory, Watches
from services.notifications.repository.reminders import ReminderBook, ReminderClock
from services.notifications.repository.tenants import Tenants
from services.notifications.repository.webhooks import (
    Endpoints,
    WebhookAttempts,
    WebhookDeliveries,
    WebhookQueue,
)

__all__ = [
    "REPOSITORIES",
    "CompetitionBoard",
    "ConsultationBoard",
    "DecisionMakers",
    "EmailLog",
    "EmailQueue",
    "Endpoints",
    "InboxRepository",
    "KnownRecipient",
    "NoticeLog",
    "OrganizationDirectory",
    "ReadMarkRepository",
    "RecipientDirectory",
    "ReminderBook",
    "ReminderClock",
    "Tenants",
    "Watches",
    "WebhookAttempts",
    "WebhookDeliveries",
    "WebhookQueue",
]

# Every collection a transaction writes must exist before it (NX-27017), so all are listed.
REPOSITORIES: list[type] = [
    InboxRepository,
    InboxStreams,
    InboxHeads,
    ReadMarkRepository,
    RecipientDirectory,
    Watches,
    OrganizationDirectory,
    CompetitionBoard,
    ConsultationBoard,
    Tenants,
    NoticeLog,
    EmailLog,
    EmailQueue,
    ReminderBook,
    ReminderClock,
    DecisionMakers,
    Endpoints,
    WebhookDeliveries,
    WebhookQueue,
    WebhookAttempts,
]
