"""The directory of known people, their subscriptions, and one-click unsubscribing."""

from __future__ import annotations

from dataclasses import dataclass, replace

from services.notifications.domain.recipients import Recipient
from services.notifications.domain.subscriptions import Subscription
from services.notifications.domain.unsubscribe import (
    UnsubscriberKind,
    UnsubscribeTarget,
    verify_token,
)
from services.notifications.repository import DecisionMakers, RecipientDirectory, Watches
from services.notifications.services.callers import Callers
from shared.clock import Clock
from shared.errors import Text, Unauthorized
from shared.logging import get_logger
from shared.outbox import Transaction, TransactionRunner
from shared.tenancy import Principal, TenantContext

__all__ = ["SubscriptionServices"]

log = get_logger(__name__)


@dataclass(frozen=True)
class SubscriptionServices:
    """Keeps the directory fresh from tokens and lets people choose what they hear about."""

    transactions: TransactionRunner
    recipients: RecipientDirectory
    watches: Watches
    decision_makers: DecisionMakers
    unsubscribe_key: bytes
    unsubscribe_max_age_seconds: float
    callers: Callers
    clock: Clock

    async def current(self, principal: Principal, caller_language: str | None = None) -> Recipient:
        """Make the caller known, then return them as known here, with their subscription."""
        await self.callers.remember(principal, caller_language)
        stored = await self.recipients.get(principal.tenant, principal.subject)
        if stored is None:
            # Recorded lately but gone since (a test wiped it, a restore): write them again.
            self.callers.forget(principal)
            await self.callers.remember(principal, caller_language)
            stored = await self.recipients.get(principal.tenant, principal.subject)
        assert stored is not None
        return stored.recipient

    async def update(self, recipient: Recipient, subscription: Subscription | None) -> Recipient:
        """Store the person's own subscription (None: back to their role's defaults)."""
        if subscription is not None:
            subscription.check(recipient.roles)
        before = recipient.subscription.municipalities
        changed = replace(recipient, custom=subscription)

        async def work(transaction: Transaction) -> None:
            session = transaction.session
            await self.recipients.save_subscription(recipient, subscription, session)
            await self.watches.replace(
                recipient,
                before=before,
                after=changed.subscription.municipalities,
                session=session,
            )

        await self.transactions.run(work)
        log.info("notifications.subscription.changed", subject=recipient.subject)
        return changed

    def check_link(self, token: str) -> UnsubscribeTarget:
        """Return whom a genuine, unexpired unsubscribe link names; raise otherwise."""
        return verify_token(
            token,
            self.unsubscribe_key,
            now=self.clock.timestamp(),
            max_age_seconds=self.unsubscribe_max_age_seconds,
        )

    async def unsubscribe(self, token: str) -> Text:
        """Stop e-mail to whoever the signed link names; return what was done."""
        target = self.check_link(token)
        tenant = TenantContext(target.tenant_id)
        if target.kind == UnsubscriberKind.DECISION_MAKER:
            await self.decision_makers.unsubscribe(tenant, target.id)
            return Text(
                "Nie będziesz już otrzymywać tych wiadomości.",
                "You will receive no more of these messages.",
            )
        stored = await self.recipients.get(tenant, target.id)
        if stored is None:
            raise Unauthorized(
                detail=Text(
                    "Link rezygnacji jest nieaktualny.", "The unsubscribe link is no longer valid."
                )
            )
        recipient = stored.recipient
        await self.update(recipient, recipient.subscription.without_email())
        return Text(
            "Wypisano Cię z wiadomości e-mail. Powiadomienia w skrzynce w platformie pozostają; "
            "e-maile możesz włączyć ponownie w ustawieniach subskrypcji.",
            "You were unsubscribed from e-mail. Notifications in your platform inbox stay; you "
            "can turn e-mail on again in your subscription settings.",
        )
