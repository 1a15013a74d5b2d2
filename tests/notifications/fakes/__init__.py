"""In-memory stand-ins of the notifications stores and adapters, for fast use-case tests."""

from tests.notifications.fakes.inbox import FakeInbox, FakeReadMarks
from tests.notifications.fakes.mail import FakeEmailLog, FakeEmailOutbox, FakeMailer, FakeQueue
from tests.notifications.fakes.people import FakeDecisionMakers, FakeRecipients, FakeWatches
from tests.notifications.fakes.read_models import (
    FakeBoard,
    FakeNotices,
    FakeOrganizations,
    FakeTenants,
)
from tests.notifications.fakes.webhooks import (
    FakeAttempts,
    FakeDeliveries,
    FakeEndpoints,
    FakeGuard,
    FakeWebhookHttp,
    failure,
)

__all__ = [
    "FakeAttempts",
    "FakeBoard",
    "FakeDecisionMakers",
    "FakeDeliveries",
    "FakeEmailLog",
    "FakeEmailOutbox",
    "FakeEndpoints",
    "FakeGuard",
    "FakeInbox",
    "FakeMailer",
    "FakeNotices",
    "FakeOrganizations",
    "FakeQueue",
    "FakeReadMarks",
    "FakeRecipients",
    "FakeTenants",
    "FakeWatches",
    "FakeWebhookHttp",
    "failure",
]
