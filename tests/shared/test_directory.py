"""The shared directory keeps what the registry says of tenants and organizations, per service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from shared.contracts.base import EventContract
from shared.contracts.registry import (
    OrganizationDeregistered,
    OrganizationRegistered,
    OrganizationStatusChanged,
    TenantOnboarded,
    TenantUpdated,
)
from shared.directory import (
    DIRECTORY_HANDLERS,
    Directory,
    KnownTenant,
    OrganizationStore,
    TenantStore,
)
from shared.events import ReceivedEvent
from shared.handlers import bind
from shared.mongo import MongoClient
from shared.outbox import OUTBOX_COLLECTION, TransactionRunner

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Applicants(OrganizationStore):
    collection_name = "applicants"  # as one service named it before the library


@dataclass(frozen=True)
class Deps:
    directory: Directory


async def _apply(
    mongo: MongoClient, database: AsyncDatabase[dict[str, Any]], deps: Deps, *events: Any
) -> None:
    """Apply each event in a transaction of its own."""
    for event in events:
        await _apply_together(mongo, database, deps, event)


async def _apply_together(
    mongo: MongoClient, database: AsyncDatabase[dict[str, Any]], deps: Deps, *events: Any
) -> None:
    """Apply the events in one transaction, as a consumer applies a batch."""
    effects = bind(DIRECTORY_HANDLERS, deps)
    runner = TransactionRunner(mongo, database, source="test", topic_name=lambda t: t, serial=True)
    applied: list[Any] = []
    for event, tenant_id in events:
        contract: EventContract = event
        received = ReceivedEvent(
            id=f"e-{id(event)}",
            source="registry",
            type=contract.event_type,
            time=NOW,
            subject=None,
            tenant_id=tenant_id,
            correlation_id="c",
            data=contract.model_dump(mode="json"),
            topic=contract.topic,
        )
        applied.append((effects[contract.topic][contract.event_type], received))

    async def work(transaction: Any) -> None:
        for effect, received in applied:
            await effect(transaction, received)

    await runner.run(work)


def _registered() -> OrganizationRegistered:
    return OrganizationRegistered(
        organization_id="org-1",
        name="Fundacja Żeglarstwa",
        legal_form="foundation",
        nip="5260250274",
        registered_by="officer-1",
        registered_at=NOW,
    )


async def _deps(database: AsyncDatabase[dict[str, Any]]) -> Deps:
    for name in ("applicants", "tenants", OUTBOX_COLLECTION):
        await database.create_collection(name)
    return Deps(Directory(TenantStore(database), Applicants(database)))


async def test_a_registered_organization_is_known_under_its_home_and_follows_its_status(
    mongo: MongoClient, database: AsyncDatabase[dict[str, Any]]
) -> None:
    deps = await _deps(database)
    registered = _registered()
    await _apply(mongo, database, deps, (registered, "1465011"))
    organizations = deps.directory.organizations
    assert organizations is not None
    known = await organizations.get("org-1")
    assert known is not None
    assert (known.home_tenant_id, known.name, known.status, known.nip) == (
        "1465011",
        "Fundacja Żeglarstwa",
        "active",
        "5260250274",
    )
    assert await database["applicants"].count_documents({}) == 1  # the service's own collection
    # Another tenant's event naming it changes nothing; its home's does.
    stranger = OrganizationStatusChanged(
        organization_id="org-1", previous_status="active", status="suspended", changed_at=NOW
    )
    await _apply(mongo, database, deps, (stranger, "0261011"))
    assert (await organizations.get("org-1")).status == "active"  # type: ignore[union-attr]
    gone = OrganizationDeregistered(organization_id="org-1", deregistered_at=NOW)
    await _apply(mongo, database, deps, (gone, "1465011"))
    assert (await organizations.get("org-1")).status == "deregistered"  # type: ignore[union-attr]
    assert await organizations.names(["org-1", "org-2"]) == {"org-1": "Fundacja Żeglarstwa"}


async def test_a_status_change_in_the_same_batch_as_the_registration_is_kept(
    mongo: MongoClient, database: AsyncDatabase[dict[str, Any]]
) -> None:
    deps = await _deps(database)
    registered = _registered()
    suspended = OrganizationStatusChanged(
        organization_id="org-1", previous_status="active", status="suspended", changed_at=NOW
    )

    # The registration's profile is held to the batch's end; the status change still finds it.
    await _apply_together(mongo, database, deps, (registered, "1465011"), (suspended, "1465011"))

    assert deps.directory.organizations is not None
    known = await deps.directory.organizations.get("org-1")
    assert known is not None
    assert (known.name, known.status) == ("Fundacja Żeglarstwa", "suspended")
    assert await database["applicants"].count_documents({}) == 1


async def test_a_centre_is_known_with_its_members_and_their_changes(
    mongo: MongoClient, database: AsyncDatabase[dict[str, Any]]
) -> None:
    deps = await _deps(database)
    onboarded = TenantOnboarded(
        tenant_id="centre-1",
        name="Centrum Wsparcia",
        kind="support_centre",
        member_ids=["0261011"],
        onboarded_at=NOW,
    )
    updated = TenantUpdated(
        tenant_id="centre-1",
        name="Centrum Wsparcia NGO",
        kind="support_centre",
        member_ids=["0261011", "0262011"],
        added_member_ids=["0262011"],
        updated_at=NOW,
    )
    await _apply(mongo, database, deps, (onboarded, "centre-1"), (updated, "centre-1"))
    tenants = deps.directory.tenants
    assert await tenants.get("centre-1") == KnownTenant(
        "centre-1", "Centrum Wsparcia NGO", "support_centre", None, ("0261011", "0262011")
    )
    assert await tenants.names(["centre-1", "nobody"]) == {"centre-1": "Centrum Wsparcia NGO"}
    assert await tenants.name_of("nobody") == "nobody"
