"""Recipients: people who called the API with a token, as the token described them.

The platform keeps no user directory; the identity provider does. A person becomes known
here the first time they call this service, and what their token says (roles, organization,
e-mail, name) is refreshed on later calls. Role-wide inbox items reach people before that;
e-mail, digests and personal subscriptions need them known.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.notifications.domain.notice import Notice
from services.notifications.domain.subscriptions import (
    NOTHING,
    Delivery,
    EmailFrequency,
    Subscription,
)
from shared.tenancy import Principal, Role

__all__ = ["Recipient", "audience_keys"]


def audience_keys(
    subject: str, roles: frozenset[Role], organization_id: str | None
) -> frozenset[str]:
    """Return the keys an inbox item may be addressed to that reach this person."""
    keys = {f"user:{subject}", *(f"role:{role.value}" for role in roles)}
    if organization_id:
        keys.add(f"org:{organization_id}")
    return frozenset(keys)


@dataclass(frozen=True)
class Recipient:
    """A known person of one tenant, with their own subscription if they changed the defaults."""

    tenant_id: str
    subject: str
    roles: frozenset[Role]
    organization_id: str | None = None
    email: str | None = None
    name: str | None = None
    language: str = "pl"
    custom: Subscription | None = None

    @classmethod
    def of(cls, principal: Principal, language: str = "pl") -> Recipient:
        """Return the recipient a token describes."""
        return cls(
            tenant_id=principal.tenant_id,
            subject=principal.subject,
            roles=principal.roles,
            organization_id=principal.organization_id,
            email=principal.email,
            name=principal.name,
            language=language,
        )

    @property
    def keys(self) -> frozenset[str]:
        """Return the audience keys that reach this person."""
        return audience_keys(self.subject, self.roles, self.organization_id)

    @property
    def subscription(self) -> Subscription:
        """Return the subscription in force: their own, else their roles' defaults."""
        return self.custom or Subscription.defaults(self.roles, self.tenant_id)

    @property
    def digest(self) -> EmailFrequency | None:
        """Return the digest this person receives, if any."""
        frequency = self.subscription.email
        return frequency if frequency.is_digest and self.email else None

    def delivery(self, notice: Notice, organization_areas: frozenset[str]) -> Delivery:
        """Return how a notice reaches this person."""
        subscription = self.subscription
        if notice.concerns(self.keys):
            # About them: always in the inbox; e-mail at once unless they turned e-mail off.
            email = (
                EmailFrequency.OFF
                if subscription.email == EmailFrequency.OFF
                else (EmailFrequency.IMMEDIATE)
            )
            return Delivery(inbox=True, email=email)
        if not notice.rule.public and notice.tenant_id != self.tenant_id:
            # Staff-only news of a municipality stays with its own staff, whatever one chose.
            return NOTHING
        return subscription.delivery(
            notice, roles=self.roles, organization_areas=organization_areas
        )
