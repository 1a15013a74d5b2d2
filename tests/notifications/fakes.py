"""In-memory stand-ins of the notifications stores and adapters, for fast use-case tests."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from services.notifications.adapters.webhook_http import Outcome
from services.notifications.domain.decision_makers import DecisionMaker
from services.notifications.domain.inbox import InboxItem
from services.notifications.domain.notice import Notice
from services.notifications.domain.recipients import Recipient
from services.notifications.domain.subscriptions import Subscription
from services.notifications.domain.webhooks import Attempt, Delivery, DeliveryState, Endpoint
from services.notifications.repository import KnownRecipient
from services.notifications.repository.inbox_streams import InboxPage
from shared.errors import InvalidInput
from shared.tenancy import Principal, TenantContext
from tests.support.fakes import Snapshotted


class FakeRecipients(Snapshotted):
    """People known here, by (tenant, subject); counts the writes `remember` makes."""

    def __init__(self) -> None:
        self.people: dict[tuple[str, str], Recipient] = {}
        self.digests: dict[tuple[str, str], dict[str, str]] = {}
        self.writes = 0

    async def remember(self, recipient: Recipient, *, now: float) -> None:
        key = (recipient.tenant_id, recipient.subject)
        stored = self.people.get(key)
        custom = stored.custom if stored else None
        self.people[key] = replace(recipient, custom=custom)
        self.writes += 1

    async def get(
        self, tenant: TenantContext, subject: str, session: Any = None
    ) -> KnownRecipient | None:
        key = (tenant.tenant_id, subject)
        found = self.people.get(key)
        return KnownRecipient(found, dict(self.digests.get(key, {}))) if found else None

    async def in_tenant(self, tenant: TenantContext, session: Any = None) -> list[Recipient]:
        return [r for r in self.people.values() if r.tenant_id == tenant.tenant_id]

    async def by_subjects(
        self, tenant: TenantContext, subjects: Any, session: Any
    ) -> list[Recipient]:
        return [r for r in await self.in_tenant(tenant) if r.subject in set(subjects)]

    async def tenants_with_digests(self) -> list[str]:
        return sorted({r.tenant_id for r in self.people.values() if r.digest})

    async def with_digest(self, tenant: TenantContext, frequency: Any) -> list[KnownRecipient]:
        return [
            KnownRecipient(r, dict(self.digests.get(key, {})))
            for key, r in self.people.items()
            if r.tenant_id == tenant.tenant_id and r.digest == frequency
        ]

    async def claim_digest(
        self,
        tenant: TenantContext,
        subject: str,
        *,
        kind: str,
        previous: str | None,
        label: str,
        session: Any,
    ) -> bool:
        sent = self.digests.setdefault((tenant.tenant_id, subject), {})
        if sent.get(kind) != previous:
            return False
        sent[kind] = label
        return True

    async def save_subscription(
        self, recipient: Recipient, subscription: Subscription | None, session: Any
    ) -> None:
        key = (recipient.tenant_id, recipient.subject)
        self.people[key] = replace(self.people[key], custom=subscription)


class FakeWatches(Snapshotted):
    """Which municipalities each person watches besides their own."""

    def __init__(self) -> None:
        self.watched: dict[tuple[str, str], set[str]] = {}

    async def replace(self, recipient: Recipient, *, before: Any, after: Any, session: Any) -> None:
        key = (recipient.tenant_id, recipient.subject)
        self.watched[key] = set(after) - {recipient.tenant_id}

    async def watchers(self, tenant: TenantContext, session: Any) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for (home, subject), watched in self.watched.items():
            if tenant.tenant_id in watched:
                found.setdefault(home, []).append(subject)
        return found


class FakeDecisionMakers(Snapshotted):
    """A municipality's list of decision makers."""

    def __init__(self) -> None:
        self.people: dict[str, DecisionMaker] = {}

    async def add(self, person: DecisionMaker, session: Any) -> None:
        self.people[person.id] = person

    async def by_email(self, tenant: TenantContext, email: str) -> DecisionMaker | None:
        return next(
            (
                p
                for p in self.people.values()
                if p.tenant_id == tenant.tenant_id and p.email == email
            ),
            None,
        )

    async def listed(self, tenant: TenantContext, session: Any = None) -> list[DecisionMaker]:
        return [p for p in self.people.values() if p.tenant_id == tenant.tenant_id]

    async def remove(self, tenant: TenantContext, person_id: str) -> bool:
        found = self.people.get(person_id)
        if found is None or found.tenant_id != tenant.tenant_id:
            return False
        del self.people[person_id]
        return True

    async def unsubscribe(self, tenant: TenantContext, person_id: str) -> bool:
        found = self.people.get(person_id)
        if found is None or found.tenant_id != tenant.tenant_id:
            return False
        self.people[person_id] = replace(found, active=False)
        return True


class FakeEndpoints(Snapshotted):
    """Webhook endpoints with their failure counts."""

    def __init__(self) -> None:
        self.items: dict[str, Endpoint] = {}

    def _of(self, tenant: TenantContext, endpoint_id: str) -> Endpoint | None:
        found = self.items.get(endpoint_id)
        return found if found is not None and found.tenant_id == tenant.tenant_id else None

    async def add(self, endpoint: Endpoint, session: Any) -> None:
        self.items[endpoint.id] = endpoint

    async def get(
        self, tenant: TenantContext, endpoint_id: str, session: Any = None
    ) -> Endpoint | None:
        return self._of(tenant, endpoint_id)

    async def count(self, tenant: TenantContext) -> int:
        return len(await self.listed(tenant))

    async def listed(self, tenant: TenantContext) -> list[Endpoint]:
        return [e for e in self.items.values() if e.tenant_id == tenant.tenant_id]

    async def enabled(self, tenant: TenantContext, session: Any) -> list[Endpoint]:
        return [e for e in await self.listed(tenant) if e.enabled]

    async def remove(self, tenant: TenantContext, endpoint_id: str) -> bool:
        return self._of(tenant, endpoint_id) is not None and bool(self.items.pop(endpoint_id))

    async def succeeded(self, tenant: TenantContext, endpoint_id: str) -> None:
        found = self._of(tenant, endpoint_id)
        if found is not None:
            self.items[endpoint_id] = replace(found, consecutive_failures=0)

    async def failed(self, tenant: TenantContext, endpoint_id: str) -> int:
        found = self._of(tenant, endpoint_id)
        assert found is not None
        failures = found.consecutive_failures + 1
        self.items[endpoint_id] = replace(found, consecutive_failures=failures)
        return failures

    async def disable(
        self, tenant: TenantContext, endpoint_id: str, reason: str, session: Any
    ) -> bool:
        found = self._of(tenant, endpoint_id)
        if found is None or not found.enabled:
            return False
        self.items[endpoint_id] = replace(found, enabled=False, disabled_reason=reason)
        return True

    async def enable(self, tenant: TenantContext, endpoint_id: str) -> bool:
        found = self._of(tenant, endpoint_id)
        if found is None:
            return False
        self.items[endpoint_id] = replace(
            found, enabled=True, disabled_reason=None, consecutive_failures=0
        )
        return True


class FakeDeliveries(Snapshotted):
    """Webhook delivery documents, as the feed queues them."""

    def __init__(self) -> None:
        self.documents: dict[str, dict[str, Any]] = {}

    async def enqueue(self, documents: list[dict[str, Any]], session: Any) -> None:
        for document in documents:
            self.documents.setdefault(document["_id"], copy.deepcopy(document))

    def _of(self, tenant: TenantContext, delivery_id: str) -> dict[str, Any] | None:
        found = self.documents.get(delivery_id)
        return found if found is not None and found["tenant_id"] == tenant.tenant_id else None

    async def of_endpoint(
        self, tenant: TenantContext, endpoint_id: str, *, limit: int
    ) -> list[Delivery]:
        found = [
            d
            for d in self.documents.values()
            if d["tenant_id"] == tenant.tenant_id and d["endpoint_id"] == endpoint_id
        ]
        return [_delivery(d) for d in found[:limit]]

    async def get(self, tenant: TenantContext, delivery_id: str) -> Delivery | None:
        found = self._of(tenant, delivery_id)
        return _delivery(found) if found else None

    async def replay(
        self, tenant: TenantContext, delivery_id: str, *, now: float, session: Any
    ) -> bool:
        found = self._of(tenant, delivery_id)
        if found is None or found["state"] == DeliveryState.QUEUED.value:
            return False
        found.update(state=DeliveryState.QUEUED.value, due_at=now, replays=found["replays"] + 1)
        found["attempt_limit"] = found["attempts"] + 1
        return True


def _delivery(document: dict[str, Any]) -> Delivery:
    return Delivery(
        id=document["_id"],
        endpoint_id=document["endpoint_id"],
        event_id=document["event_id"],
        event_type=document["event_type"],
        state=document["state"],
        attempts=document["attempts"],
        replays=document.get("replays", 0),
        last_status=document.get("last_status"),
        last_error=document.get("last_error"),
        created_at=datetime.fromtimestamp(document["created_at"], UTC),
    )


class FakeAttempts(Snapshotted):
    """The attempt log of webhook deliveries."""

    def __init__(self) -> None:
        self.documents: list[dict[str, Any]] = []

    async def record(self, document: dict[str, Any]) -> None:
        self.documents.append(dict(document))

    async def of_delivery(self, tenant: TenantContext, delivery_id: str) -> list[Attempt]:
        return [
            Attempt(d["attempt"], d["at"], d["status_code"], d["error"], d["duration_ms"])
            for d in self.documents
            if d["tenant_id"] == tenant.tenant_id and d["delivery_id"] == delivery_id
        ]


class FakeQueue:
    """A work queue that only records how each claimed document was settled."""

    def __init__(self) -> None:
        self.settled: list[tuple[str, int, dict[str, Any]]] = []

    async def settle(self, document_id: str, attempt: int, changes: dict[str, Any]) -> bool:
        self.settled.append((document_id, attempt, dict(changes)))
        return True

    def last(self) -> dict[str, Any]:
        """Return the changes of the last settlement."""
        return self.settled[-1][2]


class FakeInbox(Snapshotted):
    """Inbox items by id, each reaching the people its audience names."""

    def __init__(self, *items: InboxItem) -> None:
        self.items = {i.id: i for i in items}

    async def entries(self, principal: Principal, *, after: Any, limit: int) -> InboxPage[str]:
        newest = sorted(self.items.values(), key=lambda i: i.created_at, reverse=True)
        ids = [i.id for i in newest if i.tenant_id == principal.tenant_id and i.is_for(principal)]
        return InboxPage(ids[:limit], None)

    async def for_principal(
        self, principal: Principal, *, after: Any, limit: int
    ) -> InboxPage[InboxItem]:
        page = await self.entries(principal, after=after, limit=limit)
        return InboxPage([self.items[i] for i in page.items], None)

    async def add(self, items: list[InboxItem], session: Any) -> None:
        for item in items:
            self.items.setdefault(item.id, item)

    async def get(self, principal: Principal, item_id: str) -> InboxItem | None:
        found = self.items.get(item_id)
        if found is None or found.tenant_id != principal.tenant_id:
            return None
        return found if found.is_for(principal) else None


class FakeReadMarks(Snapshotted):
    """Which items each person has read."""

    def __init__(self) -> None:
        self.read: set[tuple[str, str, str]] = set()

    async def mark(self, principal: Principal, item_id: str) -> None:
        self.read.add((principal.tenant_id, principal.subject, item_id))

    async def read_ids(self, principal: Principal, item_ids: list[str]) -> set[str]:
        return {i for i in item_ids if (principal.tenant_id, principal.subject, i) in self.read}


class FakeEmailLog:
    """E-mail delivery documents of a tenant, newest last."""

    def __init__(self, *documents: dict[str, Any]) -> None:
        self.documents = list(documents)

    async def newest(
        self, tenant: TenantContext, *, state: str | None, limit: int
    ) -> list[dict[str, Any]]:
        found = [
            d
            for d in reversed(self.documents)
            if d["tenant_id"] == tenant.tenant_id and (state is None or d["state"] == state)
        ]
        return found[:limit]


@dataclass
class FakeGuard:
    """A destination guard that refuses the hosts it is told to, with the real error type."""

    refused: set[str] = field(default_factory=set)
    checked: list[str] = field(default_factory=list)

    async def check(self, url: str) -> None:
        self.checked.append(url)
        if any(host in url for host in self.refused):
            raise InvalidInput.for_field(
                "url", "Adres niedozwolony.", "The address is not allowed.", "url"
            )


@dataclass
class FakeWebhookHttp:
    """Answers webhook calls from a script of outcomes (then success), recording each call."""

    script: list[Outcome] = field(default_factory=list)
    calls: list[tuple[str, str]] = field(default_factory=list)

    async def call(self, endpoint: Endpoint, webhook_id: str, payload: str) -> Outcome:
        self.calls.append((endpoint.id, webhook_id))
        if self.script:
            return self.script.pop(0)
        return Outcome(True, 200, None, "ok", 1.0)


def failure(status: int = 500) -> Outcome:
    """Return the outcome of a call the endpoint answered with an error."""
    return Outcome(False, status, f"HTTP {status}", "", 1.0)


@dataclass
class FakeMailer:
    """Composes a message as the document's recipient and records what it is asked to send."""

    fail_with: list[Exception] = field(default_factory=list)
    uncomposable: bool = False
    sent: list[str] = field(default_factory=list)

    def compose(self, document: dict[str, Any]) -> str:
        if self.uncomposable:
            raise KeyError("template")
        return str(document["to"])

    async def send(self, message: str) -> None:
        if self.fail_with:
            raise self.fail_with.pop(0)
        self.sent.append(message)


class FakeNotices(Snapshotted):
    """The notice log: notices by key."""

    def __init__(self, *notices: Notice) -> None:
        self.notices = {n.key: n for n in notices}

    async def in_period(
        self, tenant: TenantContext, start: datetime, end: datetime, *, public_only: bool
    ) -> list[Notice]:
        found = [
            n
            for n in self.notices.values()
            if n.tenant_id == tenant.tenant_id
            and start <= n.occurred_at < end
            and (n.rule.public or not public_only)
        ]
        return sorted(found, key=lambda n: n.occurred_at)

    async def record(self, notice: Notice, session: Any) -> bool:
        if notice.key in self.notices:
            return False
        self.notices[notice.key] = notice
        return True


class FakeBoard:
    """A competition or consultation board with nothing open."""

    async def open_at(self, tenant: TenantContext, moment: datetime) -> list[Any]:
        return []


class FakeTenants:
    """Tenant names, by id."""

    def __init__(self, **names: str) -> None:
        self.names = names

    async def name_of(self, tenant_id: str) -> str:
        return self.names.get(tenant_id, tenant_id)


class FakeOrganizations:
    """Organizations' areas of work, by (tenant, organization)."""

    def __init__(self, **areas: frozenset[str]) -> None:
        self.areas = areas  # organization id -> areas, all in one tenant for brevity

    async def areas_of(
        self, tenant: TenantContext, organization_ids: Any, session: Any
    ) -> dict[str, frozenset[str]]:
        return {o: self.areas[o] for o in organization_ids if o in self.areas}

    async def working_in(self, tenant: TenantContext, areas: Any, session: Any) -> list[str]:
        return sorted(o for o, worked in self.areas.items() if worked & set(areas))


class FakeEmailOutbox(Snapshotted):
    """E-mail delivery documents queued once per key."""

    def __init__(self) -> None:
        self.documents: dict[str, dict[str, Any]] = {}

    async def enqueue(self, documents: list[dict[str, Any]], session: Any) -> None:
        for document in documents:
            self.documents.setdefault(document["_id"], dict(document))

    async def enqueue_once(self, document: dict[str, Any], session: Any) -> bool:
        if document["_id"] in self.documents:
            return False
        self.documents[document["_id"]] = dict(document)
        return True
