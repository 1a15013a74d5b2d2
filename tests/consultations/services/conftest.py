"""The consultations use cases over in-memory stores: no server, no broker."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.consultations.bootstrap import Stores, compose
from services.consultations.domain.consultation.consultation import Consultation
from services.consultations.domain.consultation.terms import ConsultationTerms, Forms, Meeting
from services.consultations.services import CommentDraft, ConsultationsServices
from services.consultations.settings import ConsultationsSettings
from shared.composition import Composition
from shared.directory import KnownTenant
from shared.tenancy import Principal, Role
from tests.consultations.domain.factories import SURVEY, make_terms
from tests.consultations.fakes import fake_stores
from tests.support.clock import ShiftedClock
from tests.support.fakes import FakeTransactionRunner

TOWN = "0601011"
OTHER_TOWN = "1465011"
CENTRE = "centre-1"


@dataclass
class World:
    """The use cases, the stores under them, the runner that keeps their events, the clock."""

    services: ConsultationsServices
    composition: Composition[ConsultationsServices]
    stores: Stores
    transactions: FakeTransactionRunner
    clock: ShiftedClock


def build_world(*, retries: int = 0, **settings: Any) -> World:
    """Compose the service as bootstrap does, over fakes, with settings overridden.

    `retries`: attempts of every unit of work rolled back and run again, as a transient
    transaction error would.
    """
    stores = fake_stores()
    runner = FakeTransactionRunner(*vars(stores).values(), retries=retries)
    clock = ShiftedClock()
    defaults = {
        "deployment": "development",
        "auth_jwks_url": "http://identity.invalid/jwks",
        "auth_issuer": "test",
    }
    composition = compose(ConsultationsSettings(**(defaults | settings)), runner, stores, clock)
    return World(composition.services, composition, stores, runner, clock)


@pytest.fixture
def world() -> World:
    """The use cases over empty stores, with the default settings."""
    return build_world()


def officer(tenant_id: str = TOWN, subject: str = "officer-1") -> Principal:
    """Return an officer of `tenant_id`."""
    return Principal(subject, tenant_id, frozenset({Role.TENANT_OFFICER}))


def centre_staff(tenant_id: str = CENTRE, subject: str = "centre-1") -> Principal:
    """Return a support centre's staff member."""
    return Principal(subject, tenant_id, frozenset({Role.CENTRE_STAFF}))


def ngo_member(
    tenant_id: str = TOWN, organization_id: str = "org-1", subject: str = "member-1"
) -> Principal:
    """Return an NGO member speaking for `organization_id`."""
    return Principal(subject, tenant_id, frozenset({Role.NGO_MEMBER}), organization_id)


def resident(tenant_id: str = TOWN, subject: str = "resident-1") -> Principal:
    """Return an authenticated resident (no role)."""
    return Principal(subject, tenant_id)


def running_terms(**overrides: Any) -> ConsultationTerms:
    """Return terms of a consultation that started an hour ago and runs two more weeks."""
    now = datetime.now(UTC)  # the world's clock starts at the system time
    starts, ends = now - timedelta(hours=1), now + timedelta(days=14)
    forms = Forms(
        written_comments=True,
        survey=SURVEY,
        meetings=(Meeting(now + timedelta(days=2), "Sala narad urzędu gminy"),),
    )
    terms = make_terms(starts_at=starts, ends_at=ends, forms=forms, programme_year=now.year + 2)
    return replace(terms, **overrides)


def comment_draft(section_number: int = 2, **overrides: Any) -> CommentDraft:
    """Return a comment on one section."""
    fields: dict[str, Any] = {
        "section_number": section_number,
        "current_wording": "pomoc społeczna, sport",
        "proposed_wording": "pomoc społeczna, sport, seniorzy",
        "justification": "W gminie rośnie liczba seniorów.",
    }
    return CommentDraft(**(fields | overrides))


async def opened(world: World, by: Principal | None = None, **terms: Any) -> Consultation:
    """Draft and open a running consultation of the officer's municipality."""
    who = by or officer()
    drafted = await world.services.consultations.draft(who, running_terms(**terms))
    return await world.services.consultations.open(who, drafted.consultation.id)


async def centre_of(world: World, *members: str, tenant_id: str = CENTRE) -> None:
    """Announce a support centre and its member municipalities, as the registry would."""
    await world.stores.directory.put(
        KnownTenant(tenant_id, "Centrum wsparcia", "support_centre", member_ids=members), None
    )


async def town(world: World, tenant_id: str = TOWN, name: str = "Gmina Przykładowa") -> None:
    """Announce a municipality, as the registry would."""
    await world.stores.directory.put(KnownTenant(tenant_id, name, "municipality"), None)
