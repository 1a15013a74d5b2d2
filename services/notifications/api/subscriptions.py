"""Routes of subscriptions and of the caller as known here."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from services.notifications.api.deps import Caller, CallerLanguage, Subscriptions
from services.notifications.domain.kinds import KIND_RULES, NoticeKind
from services.notifications.domain.recipients import Recipient
from services.notifications.domain.subscriptions import (
    EmailFrequency,
    Subscription,
    subscribable_kinds,
)
from shared.http.problems import request_language
from shared.http.routing import BodyFieldsRoute
from shared.public_benefit import PublicBenefitArea

router = APIRouter(route_class=BodyFieldsRoute, tags=["subscriptions"])


class KindView(BaseModel):
    """A kind of notice one may subscribe to."""

    kind: NoticeKind = Field(description="Kind id.")
    label: str = Field(description="What it is, in the caller's language.")
    public: bool = Field(description="Whether it is public (in the municipality's bulletin).")


class SubscriptionBody(BaseModel):
    """What the caller wants to hear about and how."""

    model_config = ConfigDict(extra="forbid")

    kinds: list[NoticeKind] = Field(description="Kinds of notices to receive.", max_length=50)
    municipalities: list[str] | None = Field(
        None,
        description="TERYT codes of the municipalities to follow; default: your own.",
        max_length=50,
    )
    areas: list[PublicBenefitArea] = Field(
        default_factory=list, description="Public benefit areas; empty: every area."
    )
    organization_areas: bool = Field(
        False, description="Also follow your organization's areas (NGO members)."
    )
    inbox: bool = Field(True, description="Put notices in the platform inbox.")
    email: EmailFrequency = Field(
        EmailFrequency.OFF, description="E-mail: off, immediate, or a daily or weekly digest."
    )

    def to_subscription(self, home_tenant: str) -> Subscription:
        """Return the domain subscription."""
        return Subscription(
            kinds=frozenset(self.kinds),
            municipalities=frozenset(self.municipalities or [home_tenant]),
            areas=frozenset(a.value for a in self.areas),
            organization_areas=self.organization_areas,
            inbox=self.inbox,
            email=self.email,
        )


class SubscriptionView(BaseModel):
    """The subscription in force for the caller."""

    customized: bool = Field(description="False while the role's defaults apply.")
    kinds: list[NoticeKind] = Field(description="Kinds of notices received.")
    municipalities: list[str] = Field(description="Municipalities followed.")
    areas: list[str] = Field(description="Areas followed; empty: every area.")
    organization_areas: bool = Field(description="Whether the organization's areas are followed.")
    inbox: bool = Field(description="Notices go to the platform inbox.")
    email: EmailFrequency = Field(description="E-mail frequency.")
    email_address: str | None = Field(description="Where e-mail goes (the token's e-mail claim).")
    available_kinds: list[KindView] = Field(description="Kinds the caller may choose.")

    @classmethod
    def of(cls, recipient: Recipient, language: str) -> SubscriptionView:
        """Describe a recipient's subscription."""
        subscription = recipient.subscription
        return cls(
            customized=recipient.custom is not None,
            kinds=sorted(subscription.kinds),
            municipalities=sorted(subscription.municipalities),
            areas=sorted(subscription.areas),
            organization_areas=subscription.organization_areas,
            inbox=subscription.inbox,
            email=subscription.email,
            email_address=recipient.email,
            available_kinds=_kinds(recipient, language),
        )


def _kinds(recipient: Recipient, language: str) -> list[KindView]:
    return [
        KindView(
            kind=kind,
            label=KIND_RULES[kind].label.in_language(language),
            public=KIND_RULES[kind].public,
        )
        for kind in subscribable_kinds(recipient.roles)
    ]


class RecipientView(BaseModel):
    """What this service knows of the caller (from their token)."""

    subject: str = Field(description="User id.")
    tenant_id: str = Field(description="Home municipality.")
    roles: list[str] = Field(description="Roles.")
    organization_id: str | None = Field(description="Organization of an NGO member.")
    email: str | None = Field(description="E-mail address from the token.")
    name: str | None = Field(description="Name from the token.")
    language: str = Field(description="Language of e-mails: pl or en (from Accept-Language).")


@router.get("/me", summary="What this service knows of me")
async def me(
    principal: Caller, subscriptions: Subscriptions, caller_language: CallerLanguage
) -> RecipientView:
    """Return the caller as recorded from their token."""
    recipient = await subscriptions.current(principal, caller_language=caller_language)
    return RecipientView(
        subject=recipient.subject,
        tenant_id=recipient.tenant_id,
        roles=sorted(r.value for r in recipient.roles),
        organization_id=recipient.organization_id,
        email=recipient.email,
        name=recipient.name,
        language=recipient.language,
    )


@router.get("/subscriptions/me", summary="My subscription")
async def get_subscription(
    request: Request,
    principal: Caller,
    subscriptions: Subscriptions,
    caller_language: CallerLanguage,
) -> SubscriptionView:
    """Return the caller's subscription (their role's defaults until they change it)."""
    recipient = await subscriptions.current(principal, caller_language=caller_language)
    return SubscriptionView.of(recipient, request_language(request))


@router.put("/subscriptions/me", summary="Change my subscription")
async def put_subscription(
    request: Request,
    body: SubscriptionBody,
    principal: Caller,
    subscriptions: Subscriptions,
    caller_language: CallerLanguage,
) -> SubscriptionView:
    """Replace the caller's subscription."""
    recipient = await subscriptions.current(principal, caller_language=caller_language)
    changed = await subscriptions.update(recipient, body.to_subscription(principal.tenant_id))
    return SubscriptionView.of(changed, request_language(request))


@router.delete("/subscriptions/me", summary="Back to my role's defaults")
async def reset_subscription(
    request: Request,
    principal: Caller,
    subscriptions: Subscriptions,
    caller_language: CallerLanguage,
) -> SubscriptionView:
    """Drop the caller's own subscription; their role's defaults apply again."""
    recipient = await subscriptions.current(principal, caller_language=caller_language)
    changed = await subscriptions.update(recipient, None)
    return SubscriptionView.of(changed, request_language(request))


@router.get("/subscriptions/kinds", summary="Kinds of notices I may choose")
async def kinds(
    request: Request,
    principal: Caller,
    subscriptions: Subscriptions,
    caller_language: CallerLanguage,
) -> list[KindView]:
    """Return the kinds of notices the caller may subscribe to."""
    recipient = await subscriptions.current(principal, caller_language=caller_language)
    return _kinds(recipient, request_language(request))
