"""E-mail: delivery documents queued with their notice, sent later with retries."""

from __future__ import annotations

import aiosmtplib

from services.notifications.adapters.mailer import Mailer
from services.notifications.domain.digest import Digest
from services.notifications.domain.notice import Notice, notice_to_dict
from services.notifications.domain.retries import retry_delay
from services.notifications.domain.unsubscribe import (
    UnsubscribeTarget,
)
from services.notifications.repository.queue import QUEUED, WorkQueue
from services.notifications.settings import NotificationsSettings
from shared.clock import Clock
from shared.logging import get_logger
from shared.mongo import Document

__all__ = ["EmailSender", "digest_email", "notice_email"]

log = get_logger(__name__)
SENT, FAILED = "sent", "failed"


def _envelope(
    key: str,
    *,
    tenant_id: str,
    to: str,
    name: str | None,
    language: str,
    unsubscribe: UnsubscribeTarget,
    now: float,
    attempt_limit: int,
) -> Document:
    return {
        "_id": key,
        "tenant_id": tenant_id,
        "to": to,
        "name": name,
        "language": language,
        "unsubscribe": {
            "kind": unsubscribe.kind.value,
            "tenant_id": unsubscribe.tenant_id,
            "id": unsubscribe.id,
        },
        "state": QUEUED,
        "due_at": now,
        "attempts": 0,
        "attempt_limit": attempt_limit,
        "created_at": now,
    }


def notice_email(
    notice: Notice,
    *,
    key: str,
    to: str,
    name: str | None,
    language: str,
    reason: str,
    unsubscribe: UnsubscribeTarget,
    now: float,
    attempt_limit: int,
) -> Document:
    """Return the delivery document of a notice's e-mail to one person."""
    document = _envelope(
        key,
        tenant_id=unsubscribe.tenant_id,
        to=to,
        name=name,
        language=language,
        unsubscribe=unsubscribe,
        now=now,
        attempt_limit=attempt_limit,
    )
    document.update(template="notice", reason=reason, notice=notice_to_dict(notice))
    return document


def digest_email(
    digest: Digest,
    notices: list[Notice],
    *,
    key: str,
    to: str,
    name: str | None,
    language: str,
    unsubscribe: UnsubscribeTarget,
    now: float,
    attempt_limit: int,
) -> Document:
    """Return the delivery document of a subscriber's digest."""
    document = _envelope(
        key,
        tenant_id=unsubscribe.tenant_id,
        to=to,
        name=name,
        language=language,
        unsubscribe=unsubscribe,
        now=now,
        attempt_limit=attempt_limit,
    )
    document.update(
        template="digest",
        digest={
            "tenant_id": digest.tenant_id,
            "tenant_name": digest.tenant_name,
            "kind": digest.period.kind.value,
            "label": digest.period.label,
            "start": digest.period.start.timestamp(),
            "end": digest.period.end.timestamp(),
            "notices": [notice_to_dict(n) for n in notices],
        },
    )
    return document


class EmailSender:
    """Sends one claimed e-mail; a failure waits longer each time until the attempts run out."""

    def __init__(
        self, queue: WorkQueue, mailer: Mailer, settings: NotificationsSettings, clock: Clock
    ) -> None:
        self._queue = queue
        self._mailer = mailer
        self._settings = settings
        self._clock = clock

    async def process(self, document: Document) -> None:
        """Send the e-mail and record the outcome."""
        attempt = int(document["attempts"])
        if attempt > self._limit(document):
            # Earlier attempts ended without an outcome (a crash mid-send): stop here.
            await self._give_up(document, attempt, "no outcome within the attempt limit")
            return
        try:
            message = self._mailer.compose(document)
        except Exception as error:  # no retry can mend a document that cannot be composed
            log.exception("notifications.email.uncomposable", delivery=document["_id"])
            await self._give_up(document, attempt, f"cannot compose: {error!r}")
            return
        try:
            await self._mailer.send(message)
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
            await self._failed(document, attempt, repr(error))
            return
        await self._queue.settle(
            document["_id"], attempt, {"state": SENT, "sent_at": self._clock.timestamp()}
        )

    def _limit(self, document: Document) -> int:
        return int(document.get("attempt_limit", self._settings.email_max_attempts))

    async def _give_up(self, document: Document, attempt: int, error: str) -> None:
        log.error("notifications.email.failed", delivery=document["_id"], error=error)
        changes = {"state": FAILED, "error": error[:2000], "failed_at": self._clock.timestamp()}
        await self._queue.settle(document["_id"], attempt, changes)

    async def _failed(self, document: Document, attempt: int, error: str) -> None:
        if attempt >= self._limit(document):
            await self._give_up(document, attempt, error)
            return
        delay = retry_delay(attempt, base=self._settings.email_retry_base_seconds, cap=6 * 3600.0)
        log.warning("notifications.email.retry", delivery=document["_id"], error=error)
        await self._queue.settle(
            document["_id"],
            attempt,
            {"due_at": self._clock.timestamp() + delay, "error": error[:2000]},
        )
