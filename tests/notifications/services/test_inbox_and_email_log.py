"""The inbox and the e-mail log use cases against in-memory stores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.notifications.domain.inbox import InboxItem, item_for
from services.notifications.services.callers import Callers
from services.notifications.services.email_log import EmailLogServices
from services.notifications.services.inbox import InboxServices
from shared.errors import NotFound
from shared.tenancy import Role
from tests.notifications.domain.factories import HOME, notice
from tests.notifications.fakes import FakeEmailLog, FakeInbox, FakeReadMarks, FakeRecipients
from tests.support.clock import FixedClock
from tests.support.principals import person

OTHER = "1465011"
AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def officers_item(number: int, tenant_id: str = HOME) -> InboxItem:
    """Return an item addressed to a municipality's officers."""
    return item_for(
        notice(key=f"k:{number}", event_id=f"event-{number}", tenant_id=tenant_id),
        tenant_id=tenant_id,
        audience=["role:tenant_officer"],
        created_at=AT + timedelta(minutes=number),
    )


def inbox(*items: InboxItem) -> tuple[InboxServices, FakeRecipients]:
    recipients = FakeRecipients()
    services = InboxServices(
        FakeInbox(*items),  # type: ignore[arg-type]
        FakeReadMarks(),  # type: ignore[arg-type]
        Callers(recipients, FixedClock(AT)),  # type: ignore[arg-type]
    )
    return services, recipients


class TestInbox:
    async def test_items_come_newest_first_with_their_read_flags(self) -> None:
        first, second = officers_item(1), officers_item(2)
        services, _ = inbox(first, second)
        officer = person(HOME, Role.TENANT_OFFICER)
        await services.mark_read(officer, first.id)

        page = await services.list_inbox(officer, limit=10)

        assert [(v.item.id, v.read) for v in page.views] == [
            (second.id, False),
            (first.id, True),
        ]

    async def test_read_marks_are_each_persons_own(self) -> None:
        item = officers_item(1)
        services, _ = inbox(item)
        reader, colleague = person(HOME, Role.TENANT_OFFICER), person(HOME, Role.TENANT_OFFICER)

        await services.mark_read(reader, item.id)

        assert await services.unread_count(reader) == 0
        assert await services.unread_count(colleague) == 1

    async def test_an_item_not_addressed_to_the_caller_is_not_found(self) -> None:
        item = officers_item(1)
        services, _ = inbox(item)

        with pytest.raises(NotFound):
            await services.mark_read(person(HOME, Role.NGO_MEMBER, organization_id="o"), item.id)
        with pytest.raises(NotFound):
            await services.mark_read(person(OTHER, Role.TENANT_OFFICER), item.id)

    async def test_reading_the_inbox_makes_the_caller_known(self) -> None:
        services, recipients = inbox()
        officer = person(HOME, Role.TENANT_OFFICER)

        await services.unread_count(officer, caller_language="en")

        assert recipients.people[(HOME, officer.subject)].language == "en"


def email(number: int, state: str, tenant_id: str = HOME) -> dict[str, object]:
    """Return an e-mail delivery document as the log keeps it."""
    return {
        "_id": f"mail-{number}",
        "tenant_id": tenant_id,
        "to": f"p{number}@example.org",
        "state": state,
        "template": "notice",
        "notice": {"title": {"pl": f"Tytuł {number}", "en": f"Title {number}"}},
        "attempts": 1,
        "attempt_limit": 4,
        "created_at": 1_700_000_000.0 + number,
    }


class TestEmailLog:
    async def test_an_officer_sees_the_failed_emails_of_their_municipality_only(self) -> None:
        log = FakeEmailLog(email(1, "failed"), email(2, "sent"), email(3, "failed", OTHER))
        services = EmailLogServices(log, Callers(FakeRecipients(), FixedClock(AT)))  # type: ignore[arg-type]

        found = await services.listed(person(HOME, Role.TENANT_OFFICER), state="failed", limit=10)

        assert [(d.id, d.about) for d in found] == [("mail-1", "Tytuł 1")]
