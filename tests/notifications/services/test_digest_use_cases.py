"""Digests over in-memory stores: the bulletin's public content, and each digest sent once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from services.notifications.adapters.rendering import Renderer
from services.notifications.domain.digest import Period
from services.notifications.domain.kinds import NoticeKind
from services.notifications.domain.wording import Wording
from services.notifications.services.callers import Callers
from services.notifications.services.digests import DigestServices
from shared.errors import Text
from shared.tenancy import Role
from tests.notifications.domain.factories import HOME, notice, recipient
from tests.notifications.fakes import (
    FakeBoard,
    FakeEmailOutbox,
    FakeNotices,
    FakeOrganizations,
    FakeRecipients,
    FakeTenants,
)
from tests.support.clock import FixedClock
from tests.support.fakes import FakeTransactionRunner
from tests.support.principals import person

ZONE = ZoneInfo("Europe/Warsaw")
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # the digests of Sunday and of last week


class Scene:
    """Digest use cases over fakes, with an officer who gets the daily digest."""

    def __init__(self, *notices: object) -> None:
        self.clock = FixedClock(MONDAY)
        self.recipients, self.outbox = FakeRecipients(), FakeEmailOutbox()
        officer = recipient(Role.TENANT_OFFICER, subject="officer")
        self.recipients.people[(HOME, "officer")] = officer
        self.use_cases = DigestServices(
            transactions=FakeTransactionRunner(self.recipients, self.outbox),  # type: ignore[arg-type]
            notices=FakeNotices(*notices),  # type: ignore[arg-type]
            competitions=FakeBoard(),  # type: ignore[arg-type]
            consultations=FakeBoard(),  # type: ignore[arg-type]
            tenants=FakeTenants(**{HOME: "Gmina Testowa"}),  # type: ignore[arg-type]
            recipients=self.recipients,  # type: ignore[arg-type]
            organizations=FakeOrganizations(),  # type: ignore[arg-type]
            emails=self.outbox,  # type: ignore[arg-type]
            renderer=Renderer(zone=ZONE, web_base_url="https://ngo.example.org"),
            wording=Wording(ZONE),
            digest_hour=6,
            email_attempts=4,
            callers=Callers(self.recipients, self.clock),  # type: ignore[arg-type]
            clock=self.clock,
        )


SUNDAY = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def offer(number: int, at: datetime = SUNDAY) -> object:
    """Return an offer notice (officers hear of offers in the daily digest)."""
    return notice(
        NoticeKind.OFFER_SUBMITTED,
        key=f"offer:{number}",
        event_id=f"event-{number}",
        occurred_at=at,
        title=Text(f"Oferta {number}", f"Offer {number}"),
    )


class TestSending:
    async def test_the_days_digest_is_queued_once_however_often_the_job_runs(self) -> None:
        scene = Scene(offer(1), offer(2))

        first = await scene.use_cases.send_due()
        again = await scene.use_cases.send_due()

        assert (first, again) == (1, 0)
        [email] = scene.outbox.documents.values()
        assert email["to"] == "someone@example.org"
        assert [n["key"] for n in email["digest"]["notices"]] == ["offer:1", "offer:2"]
        assert email["created_at"] == MONDAY.timestamp()

    async def test_a_day_without_news_queues_no_email_but_counts_as_done(self) -> None:
        scene = Scene(offer(1, at=SUNDAY - timedelta(days=3)))

        assert await scene.use_cases.send_due() == 0

        assert scene.outbox.documents == {}
        assert scene.recipients.digests[(HOME, "officer")]["daily"] == "2026-11-22"


class TestBulletin:
    async def test_the_bulletin_holds_only_public_notices_under_the_municipalitys_name(
        self,
    ) -> None:
        announced = notice(NoticeKind.COMPETITION_ANNOUNCED, key="c:1", occurred_at=SUNDAY)
        scene = Scene(announced, offer(1))
        officer = person(HOME, Role.TENANT_OFFICER)

        text = await scene.use_cases.bulletin(
            officer,
            Period.day(SUNDAY.date(), ZONE),
            markdown=True,
            language="pl",
        )

        assert "Gmina Testowa" in text
        assert "Tytuł" in text  # the public competition notice
        assert "Oferta 1" not in text  # offers are for officers only
