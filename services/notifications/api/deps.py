"""Dependencies of the notifications API: the use cases, the caller, the language they ask for."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.notifications.services.decision_makers import DecisionMakerServices
from services.notifications.services.digests import DigestServices
from services.notifications.services.email_log import EmailLogServices
from services.notifications.services.inbox import InboxServices
from services.notifications.services.subscriptions import SubscriptionServices
from services.notifications.services.webhooks import WebhookServices
from services.notifications.services.workers import DeliveryWorker
from shared.http.deps import CurrentPrincipal, require_roles, use_case
from shared.tenancy import Principal, Role

__all__ = [
    "Caller",
    "CallerLanguage",
    "DecisionMakers",
    "Digests",
    "Emails",
    "Inbox",
    "Integration",
    "Officer",
    "Subscriptions",
    "WebhookWorker",
    "Webhooks",
]

Inbox = Annotated[InboxServices, Depends(use_case("inbox"))]
Subscriptions = Annotated[SubscriptionServices, Depends(use_case("subscriptions"))]
Webhooks = Annotated[WebhookServices, Depends(use_case("webhooks"))]
Digests = Annotated[DigestServices, Depends(use_case("digests"))]
DecisionMakers = Annotated[DecisionMakerServices, Depends(use_case("decision_makers"))]
Emails = Annotated[EmailLogServices, Depends(use_case("emails"))]
# Replaying a delivery wakes the worker so the attempt goes out now, not at its next poll.
WebhookWorker = Annotated[DeliveryWorker, Depends(use_case("webhook_worker"))]


def _language(request: Request) -> str | None:
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith(("pl", "en")):
            return tag[:2]
    return None


# The language a caller's e-mails go out in: the use cases remember it with the caller.
CallerLanguage = Annotated[str | None, Depends(_language)]
Caller = CurrentPrincipal
Officer = Annotated[Principal, Depends(require_roles(Role.TENANT_OFFICER))]
Integration = Annotated[Principal, Depends(require_roles(Role.INTEGRATION, Role.TENANT_OFFICER))]
