"""What anyone may read without a token, over in-memory stores."""

from __future__ import annotations

import pytest

from services.grants.domain.applicant import KnownTenant
from shared.errors import NotFound
from tests.grants.domain.factories import TENANT, pln
from tests.grants.fakes import World
from tests.grants.services.steps import competition, in_review, officer, submitted_offer


@pytest.fixture(autouse=True)
def known(world: World) -> None:
    world.tenants.add(KnownTenant(TENANT, "Gmina Przykładowo", "municipality"))


async def test_an_unknown_municipality_is_not_found(world: World) -> None:
    with pytest.raises(NotFound):
        await world.public.open_competitions("tenant-9999999")


async def test_only_announced_competitions_are_open(world: World) -> None:
    announced = await competition(world)
    await competition(world, announce=False)

    assert [c.id for c in await world.public.open_competitions(TENANT)] == [announced]
    feed = await world.public.competitions_feed(TENANT, "pl")
    assert "Otwarte konkursy ofert: Gmina Przykładowo" in feed.decode()
    assert announced.encode() in feed


async def test_published_results_are_listed_and_in_the_feed(world: World) -> None:
    competition_id, offer_id = await submitted_offer(world)
    await in_review(world, competition_id, offer_id)
    await world.result_services.decide_grant(officer(), competition_id, offer_id, pln(12_000))
    await world.result_services.publish(officer(), competition_id)

    [results] = await world.public.published_results(TENANT)
    assert results.competition_id == competition_id
    assert [line.granted_amount for line in results.lines] == [pln(12_000).amount]
    feed = await world.public.results_feed(TENANT, "en")
    assert b"Fundacja org-a" in feed and b"12000" in feed


async def test_search_finds_open_competitions_by_title(world: World) -> None:
    announced = await competition(world)
    found = await world.public.search_open(TENANT, "seniorów")
    assert [c.id for c, _ in found] == [announced]
    assert await world.public.search_open(TENANT, "rowerowy") == []
