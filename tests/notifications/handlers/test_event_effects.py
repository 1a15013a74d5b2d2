"""Every platform event: its own reaction first (boards, notices, timers), then the webhooks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from services.notifications.domain.kinds import NoticeKind
from services.notifications.domain.notices import NoticeWriter
from services.notifications.domain.projections import BoardStatus
from services.notifications.domain.wording import Wording
from services.notifications.handlers.events import HANDLED, event_effects
from services.notifications.services.reactions import Reactions, ReminderTiming, Stores
from shared.contracts import consultations as cons
from shared.contracts import grants
from shared.contracts import registry as reg
from shared.contracts.base import EventContract, registered_contracts
from shared.events import ReceivedEvent
from tests.support.fakes import FakeTransaction
from tests.support.producers.grants import agreement_signed, competition_announced, report_submitted
from tests.support.producers.registry import organization_in

HOME = "1261011"
ZONE = ZoneInfo("Europe/Warsaw")


class Journal:
    """Calls made on the recording stand-ins, in order."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


class Recording:
    """A store, fanout or feed that records each call in the journal and answers from a dict."""

    def __init__(self, name: str, journal: Journal, **answers: Any) -> None:
        self._name, self._journal, self._answers = name, journal, answers

    def __getattr__(self, method: str) -> Any:
        async def call(*args: Any, **kwargs: Any) -> Any:
            self._journal.calls.append((f"{self._name}.{method}", args))
            answer = self._answers.get(method)
            if isinstance(answer, Exception):
                raise answer
            return answer

        return call


def reactions(journal: Journal, **fanout_answers: Any) -> Reactions:
    def store(name: str) -> Any:
        return Recording(name, journal)

    return Reactions(
        writer=NoticeWriter(Wording(ZONE)),
        fanout=Recording("fanout", journal, **{"deliver": 1, **fanout_answers}),  # type: ignore[arg-type]
        feed=Recording("feed", journal, enqueue=0),  # type: ignore[arg-type]
        stores=Stores(
            organizations=store("organizations"),
            competitions=store("competitions"),
            consultations=store("consultations"),
            tenants=store("tenants"),
            reminders=store("reminders"),
        ),
        timing=ReminderTiming(
            competition=timedelta(days=3),
            consultation=timedelta(days=2),
            report=timedelta(days=7),
            zone=ZONE,
        ),
    )


def received(event: EventContract, tenant_id: str = HOME) -> ReceivedEvent:
    """Return the event as the consumer hands it over."""
    return ReceivedEvent(
        id="event-1",
        source="test",
        type=event.event_type,
        time=datetime.now(UTC),
        subject=None,
        tenant_id=tenant_id,
        correlation_id="c-1",
        data=event.model_dump(mode="json"),
        topic=event.topic,
    )


async def apply(effects: Any, event: EventContract) -> None:
    await effects[event.topic][event.event_type](FakeTransaction(), received(event))


def test_every_registered_contract_has_an_effect_on_its_topic() -> None:
    effects = event_effects(reactions(Journal()))

    for event_type, contract in registered_contracts().items():
        assert event_type in effects[contract.topic], event_type


async def test_an_announced_competition_is_boarded_told_and_timed_before_its_webhooks() -> None:
    journal = Journal()

    await apply(event_effects(reactions(journal)), competition_announced())

    assert journal.names() == [
        "competitions.save",
        "fanout.deliver",
        "reminders.set",
        "feed.enqueue",
    ]
    notice = journal.calls[1][1][0]
    assert notice.kind == NoticeKind.COMPETITION_ANNOUNCED


async def test_a_registration_is_known_with_its_areas_and_told_to_officers() -> None:
    journal = Journal()

    await apply(event_effects(reactions(journal)), organization_in(["culture_heritage"]))

    saved = journal.calls[0][1][0]
    assert saved.areas == frozenset({"culture_heritage"})
    assert saved.tenant_id == HOME
    assert journal.names()[1:] == ["fanout.deliver", "feed.enqueue"]


async def test_a_closed_consultation_drops_its_timer_before_telling_anyone() -> None:
    journal = Journal()
    closed = cons.ConsultationClosed(
        consultation_id="c-1",
        title="Program",
        ends_at=datetime.now(UTC),
        closed_at=datetime.now(UTC),
    )

    await apply(event_effects(reactions(journal)), closed)

    assert journal.names() == [
        "consultations.set_status",
        "reminders.cancel_for",
        "fanout.deliver",
        "feed.enqueue",
    ]
    assert BoardStatus.CLOSED in journal.calls[0][1]


async def test_an_event_without_a_reaction_only_feeds_the_webhooks() -> None:
    journal = Journal()
    silent = next(c for t, c in sorted(registered_contracts().items()) if t not in HANDLED)
    record = replace(received(competition_announced()), type=silent.event_type, data={})

    await event_effects(reactions(journal))[silent.topic][silent.event_type](
        FakeTransaction(), record
    )

    assert journal.names() == ["feed.enqueue"]


async def test_a_failed_reaction_queues_no_webhook() -> None:
    journal = Journal()

    with pytest.raises(RuntimeError):
        await apply(
            event_effects(reactions(journal, deliver=RuntimeError("store down"))),
            competition_announced(),
        )

    assert "feed.enqueue" not in journal.names()


async def test_an_onboarded_tenant_is_kept_by_the_shared_directory_before_its_webhooks() -> None:
    journal = Journal()
    onboarded = reg.TenantOnboarded(
        tenant_id="1261021", name="Gmina Nowa", kind="municipality", onboarded_at=datetime.now(UTC)
    )

    await apply(event_effects(reactions(journal)), onboarded)

    assert journal.names() == ["tenants.put", "feed.enqueue"]
    known = journal.calls[0][1][0]
    assert (known.id, known.name, known.kind) == ("1261021", "Gmina Nowa", "municipality")


def report_of(kind: str) -> grants.ReportSubmitted:
    """Return a report handed in, `final` or `partial`."""
    return report_submitted(
        report_id="report-1",
        agreement_id="agreement-1",
        organization_id="org-1",
        obligation="final" if kind == "final" else "partial-1",
        report_kind=kind,
        grant_spent=Decimal("100.00"),
    )


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (
            agreement_signed(),
            ["reminders.set", "reminders.set", "feed.enqueue"],  # report due, then overdue
        ),
        (
            report_of("final"),
            ["reminders.cancel_for", "fanout.deliver", "feed.enqueue"],
        ),
        (report_of("partial"), ["fanout.deliver", "feed.enqueue"]),
        (
            grants.AgreementSettled(
                agreement_id="agreement-1",
                organization_id="org-1",
                final_report_id="report-1",
                settled_at=datetime.now(UTC),
            ),
            ["reminders.cancel_for", "feed.enqueue"],
        ),
    ],
    ids=["signed", "final-report", "partial-report", "settled"],
)
async def test_agreements_set_and_drop_their_report_timers(
    event: EventContract, expected: list[str]
) -> None:
    journal = Journal()

    await apply(event_effects(reactions(journal)), event)

    assert journal.names() == expected


async def test_a_cancelled_competition_is_read_before_it_leaves_the_board() -> None:
    journal = Journal()
    cancelled = grants.CompetitionCancelled(
        competition_id="competition-1", reason="no funds", cancelled_at=datetime.now(UTC)
    )

    await apply(event_effects(reactions(journal)), cancelled)

    assert journal.names() == [
        "competitions.get",
        "competitions.set_status",
        "reminders.cancel_for",
        "fanout.deliver",
        "feed.enqueue",
    ]
