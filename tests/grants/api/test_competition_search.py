"""Full-text search of a municipality's open competitions: Polish forms, typos, tenancy, rebuild."""

from __future__ import annotations

from typing import Any

import pytest

from tests.grants.bodies import competition_terms
from tests.grants.scene import Scene, ok
from tests.support.http import error_fields, problem
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.services import ServiceClient

pytestmark = pytest.mark.integration


async def _titles(grants: ServiceClient, tenant_id: str, q: str) -> list[str]:
    path = f"/public/municipalities/{tenant_id}/competitions"
    return [c["title"] for c in ok(await grants.get(path, params={"q": q}))]


async def _announce_pair(scene: Scene) -> None:
    await scene.announced(
        title="Zawody dla wędkarzy w codziennym życiu",
        public_task="Zajęcia ruchowe i opieka wytchnieniowa",
        area="seniors",
    )
    await scene.announced(
        title="Obozy żeglarskie dla młodzieży",
        public_task="Szkolenie żeglarstwa na jeziorach; udział wędkarzy mile widziany",
        area="physical_culture_sport",
    )


class TestCompetitionSearch:
    async def test_finds_polish_forms_without_diacritics_by_prefix_and_with_a_typo(
        self, scene: Scene, grants: ServiceClient
    ) -> None:
        await _announce_pair(scene)
        angler, sailing = "Zawody dla wędkarzy w codziennym życiu", "Obozy żeglarskie dla młodzieży"

        async def found() -> None:
            # A newly announced competition reaches the index through grants' own topic.
            # Every form meets every other; a match in the title ranks above one in the task.
            assert await _titles(grants, scene.tenant_id, "wędkarzy") == [angler, sailing]
            assert set(await _titles(grants, scene.tenant_id, "wedkarze")) == {angler, sailing}
            assert await _titles(grants, scene.tenant_id, "zeglarstwa") == [sailing]
            assert await _titles(grants, scene.tenant_id, "młodz") == [sailing]
            assert await _titles(grants, scene.tenant_id, "codzienym") == [angler]
            assert await _titles(grants, scene.tenant_id, "wytchnieniowa sport") == []

        await eventually(found, timeout=120)  # the first build waits for the dictionary

    async def test_marks_the_matched_words(self, scene: Scene, grants: ServiceClient) -> None:
        await _announce_pair(scene)
        path = f"/public/municipalities/{scene.tenant_id}/competitions"

        async def marked() -> dict[str, Any]:
            found = ok(await grants.get(path, params={"q": "zeglarskie"}))
            assert len(found) == 1
            return dict(found[0]["highlights"])

        marks = await eventually(marked, timeout=120)
        assert marks["title"] == "Obozy <mark>żeglarskie</mark> dla młodzieży"
        plain = ok(await grants.get(path))
        assert {c["highlights"] for c in plain} == {None}

    async def test_a_draft_or_another_municipality_is_never_found(
        self, scene: Scene, grants: ServiceClient
    ) -> None:
        other = new_tenant_id()
        await scene.onboard(other)
        foreign = scene.person("tenant_officer", tenant_id=other)
        body = competition_terms(scene.clock.now(), title="Turnieje szachowe dla seniorów")
        drafted = ok(await grants.post("/competitions", json=body, headers=foreign), 201)
        ok(await grants.post(f"/competitions/{drafted['id']}/announcement", headers=foreign))
        await scene.draft_competition(title="Szachy w bibliotece dla seniorów")
        await scene.announced(title="Szachy na świeżym powietrzu")

        async def only_own() -> None:
            assert await _titles(grants, other, "szachowe") == ["Turnieje szachowe dla seniorów"]
            assert await _titles(grants, scene.tenant_id, "szachy") == [
                "Szachy na świeżym powietrzu"
            ]

        await eventually(only_own, timeout=120)

    async def test_too_long_a_query_is_refused_naming_q(
        self, scene: Scene, grants: ServiceClient
    ) -> None:
        path = f"/public/municipalities/{scene.tenant_id}/competitions"
        body = problem(await grants.get(path, params={"q": "senior " * 30}), 422)
        assert error_fields(body) == ["q"]


class TestRebuild:
    async def test_rebuild_reads_the_store_again(self, scene: Scene, grants: ServiceClient) -> None:
        await scene.announced(title="Festyn rodzinny w parku")
        await eventually(lambda: _ready(grants), timeout=120)
        await eventually(lambda: _found(grants, scene.tenant_id, "festyn", 1))
        index = grants.app.state.services.public.index
        index.clear()  # a replica that lost its index answers nothing
        index.commit()
        await _found(grants, scene.tenant_id, "festyn", 0)
        admin = scene.person("platform_admin")
        answer = ok(await grants.post("/admin/search/rebuild", headers=admin))
        assert answer["indexes"]["competitions"] >= 1
        await _found(grants, scene.tenant_id, "festyn", 1)

    async def test_only_a_platform_admin_may_rebuild(
        self, scene: Scene, grants: ServiceClient
    ) -> None:
        problem(await grants.post("/admin/search/rebuild", headers=scene.officer), 403)
        problem(await grants.post("/admin/search/rebuild"), 401)


async def _found(grants: ServiceClient, tenant_id: str, q: str, count: int) -> None:
    assert len(await _titles(grants, tenant_id, q)) == count


async def _ready(grants: ServiceClient) -> None:
    assert grants.app.state.services.public.index.ready
