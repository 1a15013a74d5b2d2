"""Callers, subscriptions, unsubscribe links and decision makers, against in-memory stores."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.notifications.domain.kinds import NoticeKind
from services.notifications.domain.subscriptions import EmailFrequency, Subscription
from services.notifications.domain.unsubscribe import (
    LinkExpired,
    UnsubscriberKind,
    UnsubscribeTarget,
    sign_target,
)
from services.notifications.services.callers import Callers
from services.notifications.services.decision_makers import DecisionMakerServices
from services.notifications.services.subscriptions import SubscriptionServices
from shared.errors import Conflict, InvalidInput, NotFound, Unauthorized
from shared.tenancy import Role
from tests.notifications.fakes import FakeDecisionMakers, FakeRecipients, FakeWatches
from tests.support.clock import FixedClock
from tests.support.fakes import FakeTransactionRunner
from tests.support.principals import person

HOME, OTHER, NEIGHBOUR = "1261011", "1465011", "1261021"
KEY = b"k" * 32


class Scene:
    """Subscription and decision-maker use cases over fakes."""

    def __init__(self) -> None:
        self.recipients, self.watches = FakeRecipients(), FakeWatches()
        self.people = FakeDecisionMakers()
        self.transactions = FakeTransactionRunner(self.recipients, self.watches, self.people)
        self.clock = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
        self.callers = Callers(self.recipients, self.clock)  # type: ignore[arg-type]
        self.subscriptions = SubscriptionServices(
            self.transactions,  # type: ignore[arg-type]
            self.recipients,  # type: ignore[arg-type]
            self.watches,  # type: ignore[arg-type]
            self.people,  # type: ignore[arg-type]
            KEY,
            3600.0,
            self.callers,
            self.clock,
        )
        self.decision_makers = DecisionMakerServices(
            self.transactions,  # type: ignore[arg-type]
            self.people,  # type: ignore[arg-type]
            self.callers,
            self.clock,
        )

    def link(self, kind: UnsubscriberKind, tenant_id: str, id: str, age: float = 0.0) -> str:
        target = UnsubscribeTarget(kind, tenant_id, id)
        return sign_target(target, KEY, issued_at=self.clock.timestamp() - age)


class TestCallers:
    async def test_a_first_call_makes_the_person_known_with_their_roles_defaults(self) -> None:
        scene = Scene()
        member = person(HOME, Role.NGO_MEMBER, organization_id="org-1")

        recipient = await scene.subscriptions.current(member)

        assert recipient.organization_id == "org-1"
        assert recipient.subscription.email == EmailFrequency.IMMEDIATE
        assert recipient.language == "pl"

    async def test_a_busy_caller_is_written_once_until_their_token_changes(self) -> None:
        scene = Scene()
        officer = person(HOME, Role.TENANT_OFFICER)

        for _ in range(3):
            await scene.callers.remember(officer, "en")
        await scene.callers.remember(officer, "pl")

        assert scene.recipients.writes == 2

    async def test_no_language_keeps_the_one_chosen_before(self) -> None:
        scene = Scene()
        officer = person(HOME, Role.TENANT_OFFICER)
        await scene.callers.remember(officer, "en")
        scene.callers.forget(officer)

        recipient = await scene.subscriptions.current(officer)

        assert recipient.language == "en"


class TestSubscriptions:
    async def test_a_kind_the_role_may_not_choose_is_refused_and_nothing_changes(self) -> None:
        scene = Scene()
        member = person(HOME, Role.NGO_MEMBER, organization_id="org-1")
        recipient = await scene.subscriptions.current(member)
        staff_only = Subscription(
            kinds=frozenset({NoticeKind.OFFER_SUBMITTED}), municipalities=frozenset({HOME})
        )

        with pytest.raises(InvalidInput):
            await scene.subscriptions.update(recipient, staff_only)

        assert (await scene.subscriptions.current(member)).custom is None
        assert scene.transactions.runs == 0

    async def test_watching_a_neighbour_is_stored_with_the_choice(self) -> None:
        scene = Scene()
        member = person(HOME, Role.NGO_MEMBER, organization_id="org-1")
        recipient = await scene.subscriptions.current(member)
        wider = Subscription(
            kinds=frozenset({NoticeKind.COMPETITION_ANNOUNCED}),
            municipalities=frozenset({HOME, NEIGHBOUR}),
        )

        changed = await scene.subscriptions.update(recipient, wider)

        assert changed.custom == wider
        assert scene.watches.watched[(HOME, member.subject)] == {NEIGHBOUR}

    async def test_back_to_defaults_drops_the_watches(self) -> None:
        scene = Scene()
        member = person(HOME, Role.NGO_MEMBER, organization_id="org-1")
        wider = Subscription(
            kinds=frozenset({NoticeKind.COMPETITION_ANNOUNCED}),
            municipalities=frozenset({HOME, NEIGHBOUR}),
        )
        await scene.subscriptions.update(await scene.subscriptions.current(member), wider)

        reset = await scene.subscriptions.update(await scene.subscriptions.current(member), None)

        assert reset.custom is None
        assert scene.watches.watched[(HOME, member.subject)] == set()


class TestUnsubscribing:
    async def test_a_link_turns_email_off_and_keeps_the_inbox(self) -> None:
        scene = Scene()
        member = person(HOME, Role.NGO_MEMBER, organization_id="org-1")
        await scene.subscriptions.current(member)

        await scene.subscriptions.unsubscribe(
            scene.link(UnsubscriberKind.USER, HOME, member.subject)
        )

        after = await scene.subscriptions.current(member)
        assert after.subscription.email == EmailFrequency.OFF
        assert after.subscription.inbox is True

    async def test_a_link_for_someone_unknown_is_refused(self) -> None:
        scene = Scene()

        with pytest.raises(Unauthorized):
            await scene.subscriptions.unsubscribe(scene.link(UnsubscriberKind.USER, HOME, "ghost"))

    async def test_an_expired_link_is_refused(self) -> None:
        scene = Scene()
        member = person(HOME, Role.NGO_MEMBER, organization_id="org-1")
        await scene.subscriptions.current(member)
        old = scene.link(UnsubscriberKind.USER, HOME, member.subject, age=7200.0)

        with pytest.raises(LinkExpired):
            scene.subscriptions.check_link(old)

        assert (await scene.subscriptions.current(member)).custom is None

    async def test_a_decision_maker_link_takes_them_off_the_mailing(self) -> None:
        scene = Scene()
        officer = person(HOME, Role.TENANT_OFFICER)
        added = await scene.decision_makers.add(
            officer, name="Rada", email="rada@example.org", function="chair", language="pl"
        )

        await scene.subscriptions.unsubscribe(
            scene.link(UnsubscriberKind.DECISION_MAKER, HOME, added.id)
        )

        assert [p.active for p in await scene.decision_makers.listed(officer)] == [False]


class TestDecisionMakers:
    async def test_the_same_address_twice_is_a_conflict(self) -> None:
        scene = Scene()
        officer = person(HOME, Role.TENANT_OFFICER)
        await scene.decision_makers.add(
            officer, name="A", email="a@example.org", function="", language="pl"
        )

        with pytest.raises(Conflict):
            await scene.decision_makers.add(
                officer, name="B", email=" a@example.org ", function="", language="en"
            )

        assert len(scene.people.people) == 1

    async def test_a_bad_address_names_the_field(self) -> None:
        scene = Scene()

        with pytest.raises(InvalidInput) as refused:
            await scene.decision_makers.add(
                person(HOME, Role.TENANT_OFFICER),
                name="A",
                email="not-an-address",
                function="",
                language="pl",
            )

        assert "body.email" in str(refused.value.errors)

    async def test_another_municipalitys_list_is_neither_seen_nor_changed(self) -> None:
        scene = Scene()
        officer, stranger = person(HOME, Role.TENANT_OFFICER), person(OTHER, Role.TENANT_OFFICER)
        added = await scene.decision_makers.add(
            officer, name="A", email="a@example.org", function="", language="pl"
        )

        assert await scene.decision_makers.listed(stranger) == []
        with pytest.raises(NotFound):
            await scene.decision_makers.remove(stranger, added.id)
        assert [p.id for p in await scene.decision_makers.listed(officer)] == [added.id]
