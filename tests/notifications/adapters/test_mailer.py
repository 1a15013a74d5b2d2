"""An e-mail as composed from its delivery document: headers, one-click unsubscribe, language."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from services.notifications.adapters.mailer import Mailer
from services.notifications.adapters.rendering import Renderer
from services.notifications.domain.unsubscribe import (
    UnsubscriberKind,
    UnsubscribeTarget,
    verify_token,
)
from services.notifications.domain.wording import Wording
from services.notifications.services.emails import notice_email
from services.notifications.settings import NotificationsSettings
from shared.errors import Text
from tests.notifications.domain.factories import HOME, notice
from tests.support.clock import FixedClock

ZONE = ZoneInfo("Europe/Warsaw")
AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def settings_of(**overrides: object) -> NotificationsSettings:
    """Return development settings with a made-up identity provider."""
    return NotificationsSettings(
        deployment="development",
        auth_jwks_url="https://idp.example/jwks.json",
        auth_issuer="i",
        **overrides,
    )


def mailer(settings: NotificationsSettings) -> Mailer:
    renderer = Renderer(zone=ZONE, web_base_url="https://ngo.example.org")
    return Mailer(settings, renderer, Wording(ZONE), FixedClock(AT))


def document(title: Text, name: str | None = "Anna", language: str = "pl") -> dict[str, object]:
    return notice_email(
        notice(title=title),
        key="delivery-1",
        to="anna@example.org",
        name=name,
        language=language,
        reason="subscription",
        unsubscribe=UnsubscribeTarget(UnsubscriberKind.USER, HOME, "anna"),
        now=AT.timestamp(),
        attempt_limit=4,
    )


def test_a_title_with_a_line_break_cannot_add_a_header() -> None:
    settings = settings_of(public_base_url="https://api.example.org/")
    title = Text("Konkurs\r\nBcc: victim@example.org", "Competition\r\nBcc: victim@example.org")

    message = mailer(settings).compose(document(title))

    assert "Bcc" not in message
    assert "\n" not in message["Subject"]


def test_the_unsubscribe_link_is_signed_for_the_recipient_at_the_clocks_time() -> None:
    settings = settings_of(public_base_url="https://api.example.org/")

    message = mailer(settings).compose(document(Text("Konkurs", "Competition")))

    url = message["List-Unsubscribe"].strip("<>")
    assert url.startswith("https://api.example.org/unsubscribe?token=")
    token = parse_qs(urlsplit(url).query)["token"][0]
    target = verify_token(token, settings.unsubscribe_key, now=AT.timestamp(), max_age_seconds=60.0)
    assert (target.tenant_id, target.id) == (HOME, "anna")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsedate_to_datetime(message["Date"]).replace(tzinfo=UTC) == AT


def test_the_same_delivery_composes_the_same_message_id() -> None:
    settings = settings_of()
    compose = mailer(settings).compose

    first = compose(document(Text("Konkurs", "Competition")))
    again = compose(document(Text("Konkurs", "Competition")))

    assert first["Message-ID"] == again["Message-ID"]


def test_an_email_says_its_language() -> None:
    message = mailer(settings_of()).compose(document(Text("Konkurs", "Competition"), language="en"))

    assert message["Content-Language"] == "en"
