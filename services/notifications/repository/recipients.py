"""Known people (a directory built from tokens), their subscriptions and watches."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from services.notifications.domain.kinds import NoticeKind
from services.notifications.domain.recipients import Recipient
from services.notifications.domain.subscriptions import EmailFrequency, Subscription
from shared.mongo import Document, TenantRepository
from shared.tenancy import Role, TenantContext

__all__ = ["KnownRecipient", "RecipientDirectory", "Watches"]

MAX_PER_TENANT = 20_000
_ROLES = {r.value for r in Role}
_KINDS = {k.value for k in NoticeKind}


def _id(tenant_id: str, subject: str) -> str:
    return f"{tenant_id}|{subject}"


class KnownRecipient:
    """A recipient with the bookkeeping of their digests."""

    def __init__(self, recipient: Recipient, digests: dict[str, str]) -> None:
        self.recipient = recipient
        self.digests = digests


class RecipientDirectory(TenantRepository):
    """People who called the API, as their last token described them."""

    collection_name = "recipients"
    indexes = (IndexModel([("tenant_id", ASCENDING), ("digest", ASCENDING)], name="tenant_digest"),)

    async def remember(self, recipient: Recipient, *, now: float) -> None:
        """Record or refresh a person as their token and stored choices describe them."""
        digest = recipient.digest
        await self._collection.update_one(
            {"_id": _id(recipient.tenant_id, recipient.subject), "tenant_id": recipient.tenant_id},
            {
                "$set": {
                    "roles": sorted(r.value for r in recipient.roles),
                    "organization_id": recipient.organization_id,
                    "email": recipient.email,
                    "name": recipient.name,
                    "language": recipient.language,
                    "digest": digest.value if digest else None,
                    "last_seen": now,
                },
                "$setOnInsert": {
                    "tenant_id": recipient.tenant_id,
                    "subject": recipient.subject,
                    "first_seen": now,
                    "subscription": None,
                },
            },
            upsert=True,
        )

    async def get(
        self, tenant: TenantContext, subject: str, session: AsyncClientSession | None = None
    ) -> KnownRecipient | None:
        """Return one known person."""
        document = await self._find_one(tenant, {"_id": _id(tenant.tenant_id, subject)}, session)
        return _from_document(document) if document else None

    async def in_tenant(
        self, tenant: TenantContext, session: AsyncClientSession | None = None
    ) -> list[Recipient]:
        """Return every known person of a tenant."""
        documents = await self._find(tenant, {}, limit=MAX_PER_TENANT, session=session)
        return [_from_document(d).recipient for d in documents]

    async def by_subjects(
        self, tenant: TenantContext, subjects: Iterable[str], session: AsyncClientSession
    ) -> list[Recipient]:
        """Return the known people of a tenant among `subjects`."""
        ids = [_id(tenant.tenant_id, s) for s in subjects]
        documents = await self._find(
            tenant, {"_id": {"$in": ids}}, limit=len(ids) or 1, session=session
        )
        return [_from_document(d).recipient for d in documents]

    async def with_digest(
        self, tenant: TenantContext, frequency: EmailFrequency
    ) -> list[KnownRecipient]:
        """Return the people of a tenant who receive this digest."""
        documents = await self._find(tenant, {"digest": frequency.value}, limit=MAX_PER_TENANT)
        return [_from_document(d) for d in documents]

    async def save_subscription(
        self,
        recipient: Recipient,
        subscription: Subscription | None,
        session: AsyncClientSession,
    ) -> None:
        """Store a person's own subscription (None: back to the role's defaults)."""
        digest = replace(recipient, custom=subscription).digest
        await self._update_one(
            TenantContext(recipient.tenant_id),
            {"_id": _id(recipient.tenant_id, recipient.subject), "tenant_id": recipient.tenant_id},
            {
                "$set": {
                    "subscription": _subscription_document(subscription),
                    "digest": digest.value if digest else None,
                }
            },
            session,
        )

    async def claim_digest(
        self,
        tenant: TenantContext,
        subject: str,
        *,
        kind: str,
        previous: str | None,
        label: str,
        session: AsyncClientSession,
    ) -> bool:
        """Move a person's last digest of `kind` from `previous` to `label`; False if taken."""
        return await self._update_one(
            tenant,
            {"_id": _id(tenant.tenant_id, subject), f"digests.{kind}": previous},
            {"$set": {f"digests.{kind}": label}},
            session,
        )

    async def tenants_with_digests(self) -> list[str]:
        """Return the tenants where someone receives a digest (the digest job's scan)."""
        # Across tenants by design: the job then works tenant by tenant.
        query = {"digest": {"$in": [EmailFrequency.DAILY.value, EmailFrequency.WEEKLY.value]}}
        values = await self._collection.distinct("tenant_id", query)
        return sorted(str(v) for v in values)


class Watches(TenantRepository):
    """Who watches a municipality other than their own: stored under the watched one."""

    collection_name = "watches"
    indexes = (
        IndexModel([("tenant_id", ASCENDING), ("subject", ASCENDING)], name="tenant_subject"),
    )

    async def replace(
        self,
        recipient: Recipient,
        *,
        before: Iterable[str],
        after: Iterable[str],
        session: AsyncClientSession,
    ) -> None:
        """Move a person's watches from the municipalities `before` to those `after`."""
        home, subject = recipient.tenant_id, recipient.subject
        for tenant_id in set(before) - {home}:
            await self._collection.delete_one(
                {"_id": f"{tenant_id}|{home}|{subject}", "tenant_id": tenant_id}, session=session
            )
        for tenant_id in sorted(set(after) - {home}):
            await self._collection.update_one(
                {"_id": f"{tenant_id}|{home}|{subject}", "tenant_id": tenant_id},
                {
                    "$setOnInsert": {
                        "tenant_id": tenant_id,
                        "home_tenant_id": home,
                        "subject": subject,
                    }
                },
                upsert=True,
                session=session,
            )

    async def watchers(
        self, tenant: TenantContext, session: AsyncClientSession
    ) -> dict[str, list[str]]:
        """Return the subjects watching a municipality, by their home tenant."""
        documents = await self._find(tenant, {}, limit=MAX_PER_TENANT, session=session)
        found: dict[str, list[str]] = {}
        for document in documents:
            found.setdefault(document["home_tenant_id"], []).append(document["subject"])
        return found


def _subscription_document(subscription: Subscription | None) -> Document | None:
    if subscription is None:
        return None
    return {
        "kinds": sorted(k.value for k in subscription.kinds),
        "municipalities": sorted(subscription.municipalities),
        "areas": sorted(subscription.areas),
        "organization_areas": subscription.organization_areas,
        "inbox": subscription.inbox,
        "email": subscription.email.value,
    }


def _subscription(document: dict[str, Any] | None) -> Subscription | None:
    if not document:
        return None
    return Subscription(
        kinds=frozenset(NoticeKind(k) for k in document["kinds"] if k in _KINDS),
        municipalities=frozenset(document["municipalities"]),
        areas=frozenset(document["areas"]),
        organization_areas=bool(document["organization_areas"]),
        inbox=bool(document["inbox"]),
        email=EmailFrequency(document["email"]),
    )


def _from_document(document: dict[str, Any]) -> KnownRecipient:
    recipient = Recipient(
        tenant_id=document["tenant_id"],
        subject=document["subject"],
        roles=frozenset(Role(r) for r in document.get("roles", ()) if r in _ROLES),
        organization_id=document.get("organization_id"),
        email=document.get("email"),
        name=document.get("name"),
        language=document.get("language") or "pl",
        custom=_subscription(document.get("subscription")),
    )
    return KnownRecipient(recipient, dict(document.get("digests") or {}))
