"""The statutory documents and the dry run of a draft offer, over in-memory stores."""

from __future__ import annotations

import pytest

from services.grants.domain.applicant import KnownTenant
from services.grants.services.offer_checks import check_draft
from shared.errors import Forbidden, NotFound
from tests.grants.domain.factories import TENANT, content
from tests.grants.fakes import World
from tests.grants.services.steps import competition, member, officer, submitted_offer


async def test_the_offer_document_names_the_municipality(world: World) -> None:
    world.tenants.add(KnownTenant(TENANT, "Gmina Przykładowo", "municipality"))
    _, offer_id = await submitted_offer(world)

    document = await world.documents.offer(member(), offer_id)
    assert "Gmina Przykładowo" in document and "Fundacja org-a" in document


async def test_another_organization_gets_no_document(world: World) -> None:
    _, offer_id = await submitted_offer(world)
    with pytest.raises(NotFound):
        await world.documents.offer(member("org-b"), offer_id)


async def test_a_dry_run_reports_breaches_and_writes_nothing(world: World) -> None:
    competition_id = await competition(world)
    drafted = await world.offer_services.draft(member(), competition_id, content())
    version = world.offers.all()[0].version

    checked = await check_draft(world.offer_services, member(), drafted.offer.id, content(title=""))
    assert {breach.field for breach in checked.breaches} == {"title"}
    [stored] = world.offers.all()
    assert stored.version == version and stored.content.title == content().title


async def test_the_dry_run_is_the_applicants_own(world: World) -> None:
    _, offer_id = await submitted_offer(world)
    with pytest.raises(Forbidden):
        await check_draft(world.offer_services, officer(), offer_id, content())
    with pytest.raises(NotFound):
        await check_draft(world.offer_services, member("org-b"), offer_id, content())
