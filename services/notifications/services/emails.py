"""E-mail: delivery documents queued with their notice, composed and sent over SMTP later."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formataddr, formatdate, parseaddr
from typing import Any
from urllib.parse import urlencode

import aiosmtplib

from services.notifications.domain.digest import Digest, Period, PeriodKind, build_digest
from services.notifications.domain.kinds import KIND_RULES
from services.notifications.domain.notice import Notice, notice_from_dict, notice_to_dict
from services.notifications.domain.retries import retry_delay
from services.notifications.domain.unsubscribe import (
    UnsubscriberKind,
    UnsubscribeTarget,
    sign_target,
)
from services.notifications.domain.wording import Wording
from services.notifications.repository.queue import QUEUED, WorkQueue
from services.notifications.services.rendering import Rendered, Renderer
from services.notifications.services.smtp import SmtpPool
from services.notifications.settings import NotificationsSettings
from shared.errors import Text
from shared.logging import get_logger
from shared.mongo import Document
from shared.text import single_line

__all__ = ["EmailSender", "Mailer", "digest_email", "notice_email"]

log = get_logger(__name__)
SENT, FAILED = "sent", "failed"

_REASONS = {
    "about_you": Text(
        "Otrzymujesz tę wiadomość, bo dotyczy Ciebie lub Twojej organizacji.",
        "You receive this message because it concerns you or your organization.",
    ),
    "decision_maker": Text(
        "Otrzymujesz tę wiadomość, bo jesteś na liście decydentów gminy.",
        "You receive this message because you are on the municipality's list of decision makers.",
    ),
}


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


class Mailer:
    """Composes e-mails from delivery documents and hands them to the SMTP server."""

    def __init__(
        self, settings: NotificationsSettings, renderer: Renderer, wording: Wording
    ) -> None:
        self._settings = settings
        self._renderer = renderer
        self._wording = wording
        self._base_url = (
            settings.public_base_url or f"http://{settings.http_host}:{settings.http_port}"
        ).rstrip("/")
        self._domain = parseaddr(settings.mail_from)[1].rpartition("@")[2] or "localhost"
        self._smtp = SmtpPool(settings, size=settings.delivery_concurrency)

    def unsubscribe_url(self, target: UnsubscribeTarget) -> str:
        """Return the one-click unsubscribe link of a recipient."""
        token = sign_target(target, self._settings.unsubscribe_key, issued_at=time.time())
        return f"{self._base_url}/unsubscribe?{urlencode({'token': token})}"

    def compose(self, document: Mapping[str, Any]) -> EmailMessage:
        """Build the MIME message (plain text with an HTML alternative)."""
        data = document["unsubscribe"]
        target = UnsubscribeTarget(UnsubscriberKind(data["kind"]), data["tenant_id"], data["id"])
        url = self.unsubscribe_url(target)
        rendered = self._render(document, url)
        message = EmailMessage()
        message["From"] = self._settings.mail_from
        # Titles come from other services' events: a line break must not end the header.
        message["To"] = formataddr((single_line(document.get("name") or ""), document["to"]))
        message["Subject"] = single_line(rendered.subject)
        message["Date"] = formatdate(localtime=False)
        # Derived from the delivery key: a resend after a crash repeats it, so clients dedupe.
        digest = hashlib.sha256(str(document["_id"]).encode()).hexdigest()[:32]
        message["Message-ID"] = f"<{digest}@{self._domain}>"
        message["List-Unsubscribe"] = f"<{url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message["Auto-Submitted"] = "auto-generated"
        message["Content-Language"] = document.get("language", "pl")
        message.set_content(rendered.text)
        message.add_alternative(rendered.html, subtype="html")
        return message

    def _render(self, document: Mapping[str, Any], unsubscribe_url: str) -> Rendered:
        language, name = document.get("language", "pl"), document.get("name")
        if document["template"] == "digest":
            return self._renderer.digest_email(
                self._digest(document["digest"]),
                language=language,
                name=name,
                unsubscribe_url=unsubscribe_url,
            )
        notice = notice_from_dict(document["notice"])
        reason = _REASONS.get(document.get("reason", ""))
        if reason is None:
            label = KIND_RULES[notice.kind].label
            reason = Text(
                f"Otrzymujesz tę wiadomość, bo subskrybujesz: {label.pl}.",
                f"You receive this message because you subscribed to: {label.en}.",
            )
        return self._renderer.notice(
            language=language,
            title=notice.title,
            body=notice.body,
            link=notice.link,
            name=name,
            reason=reason,
            unsubscribe_url=unsubscribe_url,
        )

    def _digest(self, data: Mapping[str, Any]) -> Digest:
        zone = self._wording.zone
        start = datetime.fromtimestamp(data["start"], UTC).astimezone(zone)
        period = Period(
            PeriodKind(data["kind"]),
            data["label"],
            start,
            datetime.fromtimestamp(data["end"], UTC).astimezone(zone),
        )
        return build_digest(
            tenant_id=data["tenant_id"],
            tenant_name=data["tenant_name"],
            period=period,
            notices=[notice_from_dict(n) for n in data["notices"]],
            wording=self._wording,
        )

    async def send(self, message: EmailMessage) -> None:
        """Hand one message to the SMTP server."""
        await self._smtp.send(message)

    async def close(self) -> None:
        """Close the SMTP connections."""
        await self._smtp.close()


class EmailSender:
    """Sends one claimed e-mail; a failure waits longer each time until the attempts run out."""

    def __init__(self, queue: WorkQueue, mailer: Mailer, settings: NotificationsSettings) -> None:
        self._queue = queue
        self._mailer = mailer
        self._settings = settings

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
        await self._queue.settle(document["_id"], attempt, {"state": SENT, "sent_at": time.time()})

    def _limit(self, document: Document) -> int:
        return int(document.get("attempt_limit", self._settings.email_max_attempts))

    async def _give_up(self, document: Document, attempt: int, error: str) -> None:
        log.error("notifications.email.failed", delivery=document["_id"], error=error)
        changes = {"state": FAILED, "error": error[:2000], "failed_at": time.time()}
        await self._queue.settle(document["_id"], attempt, changes)

    async def _failed(self, document: Document, attempt: int, error: str) -> None:
        if attempt >= self._limit(document):
            await self._give_up(document, attempt, error)
            return
        delay = retry_delay(attempt, base=self._settings.email_retry_base_seconds, cap=6 * 3600.0)
        log.warning("notifications.email.retry", delivery=document["_id"], error=error)
        await self._queue.settle(
            document["_id"], attempt, {"due_at": time.time() + delay, "error": error[:2000]}
        )
