"""Use cases of the notifications service (bootstrap.py builds them once at start-up)."""

from __future__ import annotations

from dataclasses import dataclass

from services.notifications.services.decision_makers import DecisionMakerServices
from services.notifications.services.digests import DigestServices
from services.notifications.services.email_log import EmailLogServices
from services.notifications.services.inbox import InboxServices, InboxView
from services.notifications.services.reminders import ReminderServices
from services.notifications.services.subscriptions import SubscriptionServices
from services.notifications.services.webhooks import WebhookServices
from services.notifications.services.workers import DeliveryWorker

__all__ = ["InboxView", "NotificationServices"]


@dataclass(frozen=True)
class NotificationServices:
    """Every use case of the service, and the delivery workers tests drive directly."""

    inbox: InboxServices
    subscriptions: SubscriptionServices
    webhooks: WebhookServices
    digests: DigestServices
    decision_makers: DecisionMakerServices
    reminders: ReminderServices
    emails: EmailLogServices
    email_worker: DeliveryWorker
    webhook_worker: DeliveryWorker
