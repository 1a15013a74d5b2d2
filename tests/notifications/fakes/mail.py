"""Fakes of e-mail: the work queue, the mailer, the e-mail log and outbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shared.tenancy import TenantContext
from tests.support.fakes import Snapshotted


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
