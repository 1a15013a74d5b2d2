"""One e-mail attempt against a fake mailer: sent, retried, given up."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import aiosmtplib

from services.notifications.services.emails import EmailSender
from tests.notifications.fakes import FakeMailer, FakeQueue
from tests.support.clock import FixedClock

SETTINGS = SimpleNamespace(email_max_attempts=4, email_retry_base_seconds=60.0)
CLOCK = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))


def claimed(attempt: int = 1, **changes: Any) -> dict[str, Any]:
    """Return a claimed e-mail delivery document."""
    return {"_id": "mail-1", "to": "someone@example.org", "attempts": attempt, **changes}


def sender(mailer: FakeMailer, queue: FakeQueue) -> EmailSender:
    return EmailSender(queue, mailer, SETTINGS, CLOCK)  # type: ignore[arg-type]


async def test_a_sent_email_is_settled_as_sent() -> None:
    mailer, queue = FakeMailer(), FakeQueue()

    await sender(mailer, queue).process(claimed())

    assert mailer.sent == ["someone@example.org"]
    assert queue.last() == {"state": "sent", "sent_at": CLOCK.timestamp()}


async def test_an_smtp_error_retries_later() -> None:
    mailer = FakeMailer(fail_with=[aiosmtplib.SMTPServerDisconnected("gone")])
    queue = FakeQueue()

    await sender(mailer, queue).process(claimed(attempt=1))

    assert "state" not in queue.last()
    assert queue.last()["due_at"] > CLOCK.timestamp()


async def test_the_documents_own_attempt_limit_ends_the_retries() -> None:
    mailer, queue = FakeMailer(fail_with=[OSError("refused")]), FakeQueue()

    await sender(mailer, queue).process(claimed(attempt=2, attempt_limit=2))

    assert queue.last()["state"] == "failed"
    assert "refused" in queue.last()["error"]


async def test_an_email_that_cannot_be_composed_fails_at_once() -> None:
    mailer, queue = FakeMailer(uncomposable=True), FakeQueue()

    await sender(mailer, queue).process(claimed(attempt=1))

    assert queue.last()["state"] == "failed"
    assert mailer.sent == []


async def test_a_claim_past_the_limit_gives_up_without_sending() -> None:
    mailer, queue = FakeMailer(), FakeQueue()

    await sender(mailer, queue).process(claimed(attempt=5))

    assert queue.last()["state"] == "failed"
    assert mailer.sent == []
