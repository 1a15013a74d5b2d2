"""The public search engine: Polish forms, diacritics, typos, prefixes, facets, freshness."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.registry.conftest import Headers, onboard_named, register
from tests.support.http import ok
from tests.support.polling import eventually
from tests.support.services import ServiceClient


@pytest.fixture
async def town(
    registry: ServiceClient, admin: Headers, person: Callable[..., Headers]
) -> dict[str, Any]:
    """A municipality with five organizations, once the engine serves all of them."""
    tenant_id = await onboard_named(registry, admin, "Gmina Wyszukiwań")
    officer = person(tenant_id, "tenant_officer")
    names = [
        ("Klub Seniorów", "association"),
        ("Seniorzy Razem", "association"),
        ("Akademia Senior", "foundation"),
        ("Klub Żeglarstwa Morskiego", "sports_club"),
        ("Stowarzyszenie Miłośników Teatru", "association"),
    ]
    created = [
        await register(registry, officer, name=f"{name} {tenant_id}", legal_form=form)
        for name, form in names
    ]
    town = {"id": tenant_id, "officer": officer, "organizations": created}
    await eventually(lambda: _served(registry, tenant_id, "", len(created)))
    return town


async def _served(registry: ServiceClient, tenant_id: str, q: str, count: int) -> dict[str, Any]:
    page = ok(await registry.get(f"/public/organizations?municipality={tenant_id}&q={q}"))
    assert page["facets"] is not None, "the engine does not answer yet"
    assert len(page["items"]) == count, page["items"]
    return page


async def _names(registry: ServiceClient, town: dict[str, Any], q: str) -> list[str]:
    page = ok(await registry.get(f"/public/organizations?municipality={town['id']}&q={q}"))
    return sorted(item["name"].removesuffix(f" {town['id']}") for item in page["items"])


class TestPolishText:
    @pytest.mark.parametrize("q", ["senior", "seniorów", "seniorzy", "Seniorów"])
    async def test_every_form_of_senior_finds_the_others(
        self, registry: ServiceClient, town: dict[str, Any], q: str
    ) -> None:
        names = await _names(registry, town, q)

        assert names == ["Akademia Senior", "Klub Seniorów", "Seniorzy Razem"]

    async def test_a_query_without_diacritics_finds_them(
        self, registry: ServiceClient, town: dict[str, Any]
    ) -> None:
        assert await _names(registry, town, "zeglarstwa") == ["Klub Żeglarstwa Morskiego"]
        assert await _names(registry, town, "milosnikow") == ["Stowarzyszenie Miłośników Teatru"]

    async def test_one_typo_is_forgiven(
        self, registry: ServiceClient, town: dict[str, Any]
    ) -> None:
        assert await _names(registry, town, "stowarzyszneie") == [
            "Stowarzyszenie Miłośników Teatru"
        ]

    async def test_a_prefix_finds_as_you_type(
        self, registry: ServiceClient, town: dict[str, Any]
    ) -> None:
        assert await _names(registry, town, "klub żeg") == ["Klub Żeglarstwa Morskiego"]

    async def test_an_unrelated_word_finds_nothing(
        self, registry: ServiceClient, town: dict[str, Any]
    ) -> None:
        assert await _names(registry, town, "pszczelarze") == []


class TestAnswerShape:
    async def test_facets_count_every_match(
        self, registry: ServiceClient, town: dict[str, Any]
    ) -> None:
        page = ok(
            await registry.get(f"/public/organizations?municipality={town['id']}&q=klub&limit=1")
        )

        assert len(page["items"]) == 1 and page["next_cursor"]
        assert page["facets"]["legal_form"] == {"association": 1, "sports_club": 1}
        assert page["facets"]["municipality"][town["id"]] == 2

    async def test_matches_are_marked_and_escaped(
        self, registry: ServiceClient, town: dict[str, Any]
    ) -> None:
        page = ok(await registry.get(f"/public/organizations?municipality={town['id']}&q=seniorzy"))

        marked = {page["highlights"][item["id"]]["name"] for item in page["items"]}
        assert f"Klub <mark>Seniorów</mark> {town['id']}" in marked

    async def test_pages_of_the_engine_neither_repeat_nor_skip(
        self, registry: ServiceClient, town: dict[str, Any]
    ) -> None:
        seen: list[str] = []
        cursor = ""
        while True:
            page = ok(
                await registry.get(
                    f"/public/organizations?municipality={town['id']}&limit=2{cursor}"
                )
            )
            seen += [item["id"] for item in page["items"]]
            if not page["next_cursor"]:
                break
            cursor = f"&cursor={page['next_cursor']}"

        assert sorted(seen) == sorted(o["id"] for o in town["organizations"])
        assert len(seen) == len(set(seen))


class TestFreshness:
    async def test_a_deregistered_organization_never_appears(
        self, registry: ServiceClient, town: dict[str, Any]
    ) -> None:
        gone = town["organizations"][4]
        ok(
            await registry.post(
                f"/organizations/{gone['id']}/status",
                json={"status": "deregistered", "reason": "likwidacja"},
                headers=town["officer"],
            )
        )

        await eventually(lambda: _served(registry, town["id"], "", 4))
        assert await _names(registry, town, "teatru") == []
        assert ok(await registry.get("/public/organizations?status=deregistered"))["items"] == []

    async def test_a_renamed_organization_is_found_by_its_new_name(
        self, registry: ServiceClient, town: dict[str, Any]
    ) -> None:
        renamed = town["organizations"][3]
        ok(
            await registry.patch(
                f"/organizations/{renamed['id']}",
                json={"name": f"Fundacja Kajakarstwa {town['id']}"},
                headers=town["officer"],
            )
        )

        page = await eventually(lambda: _served(registry, town["id"], "kajakarstwo", 1))
        assert page["items"][0]["id"] == renamed["id"]
        assert await _names(registry, town, "zeglarstwa") == []
