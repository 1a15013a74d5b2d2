"""E-mail composition from delivery documents, and their hand-over to the SMTP server."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formataddr, formatdate, parseaddr
from typing import Any
from urllib.parse import urlencode

from services.notifications.adapters.rendering import Rendered, Renderer
from services.notifications.adapters.smtp import SmtpPool
from services.notifications.domain.digest import Digest, Period, PeriodKind, build_digest
from services.notifications.domain.kinds import KIND_RULES
from services.notifications.domain.notice import notice_from_dict
from services.notifications.domain.unsubscribe import (
    UnsubscriberKind,
    UnsubscribeTarget,
    sign_target,
)
from services.notifications.domain.wording import Wording
from services.notifications.settings import NotificationsSettings
from shared.clock import Clock
from shared.errors import Text
from shared.text import single_line

__all__ = ["Mailer"]

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


class Mailer:
    """Composes e-mails from delivery documents and hands them to the SMTP server."""

    def __init__(
        self,
        settings: NotificationsSettings,
        renderer: Renderer,
        wording: Wording,
        clock: Clock,
    ) -> None:
        self._settings = settings
        self._renderer = renderer
        self._wording = wording
        self._clock = clock
        self._base_url = settings.base_url.rstrip("/")
        self._domain = parseaddr(settings.mail_from)[1].rpartition("@")[2] or "localhost"
        self._smtp = SmtpPool(settings, size=settings.delivery_concurrency)

    def unsubscribe_url(self, target: UnsubscribeTarget) -> str:
        """Return the one-click unsubscribe link of a recipient."""
        token = sign_target(
            target, self._settings.unsubscribe_key, issued_at=self._clock.timestamp()
        )
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
        message["Date"] = formatdate(self._clock.timestamp(), localtime=False)
        # Derived from the delivery key: a resend after a crash repeats it, so clients dedupe.
        digest = hashlib.sha256(str(document["_id"]).encode()).hexdigest()[:32]
        message["Message-ID"] = f"<{digest}@{self._domain}>"
        message["List-Unsubscribe"] = f"<{url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(rendered.text)
        message.add_alternative(rendered.html, subtype="html")
        # After the body: setting it clears every Content-* header set before.
        message["Content-Language"] = document.get("language", "pl")
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
