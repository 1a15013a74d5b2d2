"""The consumer's tables over in-memory stores: what each registry and grants event keeps."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from services.consultations.handlers.grants_events import EVENT_HANDLERS as GRANTS_EVENTS
from services.consultations.handlers.registry_events import EVENT_HANDLERS as REGISTRY_EVENTS
from shared.contracts.base import EventContract
from shared.contracts.grants import (
    AgreementReportOverdue,
    AgreementSigned,
    OfferSubmitted,
    ReportSubmitted,
)
from shared.contracts.registry import (
    OrganizationRegistered,
    OrganizationStatusChanged,
    OrganizationUpdated,
    TenantOnboarded,
    TenantUpdated,
)
from shared.events import ReceivedEvent
from shared.tenancy import TenantContext
from tests.consultations.services.conftest import (
    CENTRE,
    OTHER_TOWN,
    TOWN,
    World,
    build_world,
    centre_staff,
    officer,
)
from tests.support.fakes import FakeTransaction

YEAR = 2025
AT = datetime(YEAR, 3, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def world() -> World:
    """The service over empty in-memory stores (no broker: events are handed over)."""
    return build_world()


async def deliver(world: World, event: EventContract, *, tenant_id: str, event_id: str) -> None:
    """Apply one event as the service's consumer would: through its bound table."""
    received = ReceivedEvent(
        id=event_id,
        source="test",
        type=event.event_type,
        time=AT,
        subject=None,
        tenant_id=tenant_id,
        correlation_id="correlation",
        data=event.model_dump(mode="json"),
        topic=event.topic,
    )
    effect = world.composition.handlers[event.topic][event.event_type]
    await world.transactions.run(lambda transaction: effect(transaction, received))


def registered(organization_id: str = "org-1", name: str = "Stowarzyszenie Seniorów") -> Any:
    """Return the registry's event of a new organization in TOWN."""
    return OrganizationRegistered(
        organization_id=organization_id,
        name=name,
        legal_form="association",
        registered_by="officer",
        registered_at=AT,
    )


def test_every_event_type_the_service_consumed_is_still_handled() -> None:
    consumed = set(REGISTRY_EVENTS) | set(GRANTS_EVENTS)

    assert {
        OrganizationRegistered,
        OrganizationUpdated,
        TenantOnboarded,
        TenantUpdated,
        OfferSubmitted,
        AgreementSigned,
        AgreementReportOverdue,
        ReportSubmitted,
    } <= consumed
    assert not set(REGISTRY_EVENTS) & set(GRANTS_EVENTS)


async def test_a_registration_keeps_the_name_and_counts_once_on_replay(world: World) -> None:
    for _ in range(2):
        await deliver(world, registered(), tenant_id=TOWN, event_id="registry-1")

    assert await world.stores.organizations.names(["org-1"]) == {"org-1": "Stowarzyszenie Seniorów"}
    known = await world.stores.organizations.get("org-1")
    assert known is not None and known.home_tenant_id == TOWN
    figures = await world.services.monitoring.municipality(officer(), TOWN, YEAR)
    assert figures.figures.organizations_registered == 1


async def test_an_update_renames_the_organization(world: World) -> None:
    await deliver(world, registered(), tenant_id=TOWN, event_id="registry-1")
    profile = {"name": "Seniorzy Razem", "legal_form": "association"}

    await deliver(
        world,
        OrganizationUpdated.model_validate(
            {
                "organization_id": "org-1",
                "profile": profile,
                "changed_fields": ["name"],
                "updated_at": AT.isoformat(),
            }
        ),
        tenant_id=TOWN,
        event_id="registry-2",
    )

    assert await world.stores.organizations.names(["org-1"]) == {"org-1": "Seniorzy Razem"}


async def test_a_status_change_is_kept_only_by_the_home_municipality(world: World) -> None:
    await deliver(world, registered(), tenant_id=TOWN, event_id="registry-1")
    change = OrganizationStatusChanged(
        organization_id="org-1", previous_status="active", status="suspended", changed_at=AT
    )

    await deliver(world, change, tenant_id=OTHER_TOWN, event_id="registry-2")
    assert (await world.stores.organizations.get("org-1")).status == "active"
    await deliver(world, change, tenant_id=TOWN, event_id="registry-3")
    known = await world.stores.organizations.get("org-1")
    assert (known.status, known.name) == ("suspended", "Stowarzyszenie Seniorów")


async def test_a_centre_reads_the_members_the_registry_announced(world: World) -> None:
    onboarded = TenantOnboarded(
        tenant_id=CENTRE,
        name="Centrum wsparcia",
        kind="support_centre",
        member_ids=[TOWN],
        onboarded_at=AT,
    )
    await deliver(world, onboarded, tenant_id=CENTRE, event_id="registry-1")

    side_by_side = await world.services.monitoring.centre(centre_staff(), YEAR)

    assert [n.figures.tenant_id for n in side_by_side] == [TOWN]
    assert (await world.stores.directory.get(CENTRE)).member_ids == (TOWN,)


async def test_offers_and_reports_are_counted_against_their_due_day(world: World) -> None:
    offer = OfferSubmitted(
        offer_id="offer-1",
        competition_id="competition-1",
        organization_id="org-1",
        partner_organization_ids=[],
        task_title="Zajęcia dla seniorów",
        requested_grant=Decimal("12000.00"),
        total_cost=Decimal("15000.00"),
        submitted_by="member",
        submitted_at=AT,
    )
    signed = AgreementSigned(
        agreement_id="agreement-1",
        organization_id="org-1",
        competition_id="competition-1",
        offer_id="offer-1",
        amount=Decimal("1000.00"),
        task_start=date(YEAR, 4, 1),
        task_end=date(YEAR, 10, 31),
        final_report_due=date(YEAR, 11, 30),
        signed_at=AT,
    )
    report = ReportSubmitted(
        report_id="report-1",
        agreement_id="agreement-1",
        organization_id="org-1",
        obligation="final",
        report_kind="final",
        grant_spent=Decimal("1000.00"),
        submitted_by="member",
        submitted_at=datetime(YEAR, 11, 20, 10, 0, tzinfo=UTC),
    )
    for number, event in enumerate((offer, signed, report)):
        await deliver(world, event, tenant_id=TOWN, event_id=f"grants-{number}")

    figures = (await world.services.monitoring.municipality(officer(), TOWN, YEAR)).figures
    assert (figures.offers_submitted, figures.reports_submitted, figures.reports_on_time) == (
        1,
        1,
        1,
    )


async def test_a_report_handed_in_after_its_announced_due_day_is_late(world: World) -> None:
    overdue = AgreementReportOverdue(
        agreement_id="agreement-1",
        organization_id="org-1",
        obligation="final",
        report_kind="final",
        due_date=date(YEAR, 11, 30),
        detected_on=date(YEAR, 12, 1),
    )
    report = ReportSubmitted(
        report_id="report-1",
        agreement_id="agreement-1",
        organization_id="org-1",
        obligation="final",
        report_kind="final",
        grant_spent=Decimal("1000.00"),
        submitted_by="member",
        submitted_at=datetime(YEAR, 12, 3, 10, 0, tzinfo=UTC),
    )
    await deliver(world, overdue, tenant_id=TOWN, event_id="grants-1")
    await deliver(world, report, tenant_id=TOWN, event_id="grants-2")

    figures = (await world.services.monitoring.municipality(officer(), TOWN, YEAR)).figures
    assert (figures.reports_submitted, figures.reports_on_time) == (1, 0)


async def test_a_failed_event_keeps_nothing(world: World) -> None:
    event = registered()
    effect = world.composition.handlers[event.topic][event.event_type]
    received = ReceivedEvent(
        "registry-1", "test", event.event_type, AT, None, TOWN, "c", event.model_dump(mode="json")
    )

    async def fail(transaction: FakeTransaction) -> None:
        await effect(transaction, received)
        raise RuntimeError("the consumer's transaction aborts")

    with pytest.raises(RuntimeError):
        await world.transactions.run(fail)

    assert await world.stores.organizations.names(["org-1"]) == {}
    assert await world.stores.facts.of_year(TenantContext(TOWN), YEAR) == []
