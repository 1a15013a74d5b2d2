"""The fanout over in-memory stores: one inbox item and the right e-mails, once per fact."""

from __future__ import annotations

from datetime import UTC, datetime

from services.notifications.domain.decision_makers import DecisionMaker
from services.notifications.domain.kinds import NoticeKind
from services.notifications.services.fanout import Fanout
from shared.tenancy import Role
from tests.notifications.domain.factories import HOME, notice, recipient
from tests.notifications.fakes import (
    FakeDecisionMakers,
    FakeEmailOutbox,
    FakeInbox,
    FakeNotices,
    FakeOrganizations,
    FakeRecipients,
    FakeWatches,
)
from tests.support.clock import FixedClock

SPORT = "physical_culture_sport"
AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


class Scene:
    """A fanout over fakes, with a sports club's member and an officer of the municipality."""

    def __init__(self) -> None:
        self.recipients, self.inbox, self.emails = FakeRecipients(), FakeInbox(), FakeEmailOutbox()
        self.people = FakeDecisionMakers()
        member = recipient(Role.NGO_MEMBER, subject="member", organization_id="club")
        officer = recipient(Role.TENANT_OFFICER, subject="officer", email="officer@example.org")
        for person in (member, officer):
            self.recipients.people[(HOME, person.subject)] = person
        self.fanout = Fanout(
            notices=FakeNotices(),  # type: ignore[arg-type]
            recipients=self.recipients,  # type: ignore[arg-type]
            watches=FakeWatches(),  # type: ignore[arg-type]
            organizations=FakeOrganizations(club=frozenset({SPORT})),  # type: ignore[arg-type]
            inbox=self.inbox,  # type: ignore[arg-type]
            emails=self.emails,  # type: ignore[arg-type]
            decision_makers=self.people,  # type: ignore[arg-type]
            email_attempts=4,
            clock=FixedClock(AT),
        )


async def test_a_competition_in_the_clubs_area_reaches_its_member_at_once() -> None:
    scene = Scene()

    made = await scene.fanout.deliver(notice(areas=frozenset({SPORT})), None)  # type: ignore[arg-type]

    [item] = scene.inbox.items.values()
    assert "org:club" in item.audience
    assert [e["to"] for e in scene.emails.documents.values()] == ["someone@example.org"]
    assert made == 2  # the inbox item and the e-mail


async def test_a_fact_told_twice_is_delivered_once() -> None:
    scene = Scene()
    told = notice(areas=frozenset({SPORT}))
    await scene.fanout.deliver(told, None)  # type: ignore[arg-type]

    again = await scene.fanout.deliver(told, None)  # type: ignore[arg-type]

    assert again == 0
    assert (len(scene.inbox.items), len(scene.emails.documents)) == (1, 1)


async def test_an_offer_reaches_officers_inbox_and_waits_for_their_daily_digest() -> None:
    scene = Scene()

    await scene.fanout.deliver(notice(NoticeKind.OFFER_SUBMITTED, key="offer:1"), None)  # type: ignore[arg-type]

    [item] = scene.inbox.items.values()
    assert "role:tenant_officer" in item.audience
    assert scene.emails.documents == {}


async def test_a_consultation_report_is_emailed_to_the_active_decision_makers() -> None:
    scene = Scene()
    for id, active in (("dm-1", True), ("dm-2", False)):
        await scene.people.add(
            DecisionMaker(id, HOME, "Rada", f"{id}@example.org", "", "pl", active, "o", 0.0),
            None,
        )

    await scene.fanout.deliver(notice(NoticeKind.CONSULTATION_REPORT, key="report:1"), None)  # type: ignore[arg-type]

    sent = [e for e in scene.emails.documents.values() if e["reason"] == "decision_maker"]
    assert [e["to"] for e in sent] == ["dm-1@example.org"]
    assert sent[0]["created_at"] == AT.timestamp()
