"""Numbers no database can store are refused with a 422, never a 500."""

from __future__ import annotations

from tests.grants.bodies import competition_terms
from tests.grants.scene import Scene, ok
from tests.support.http import error_fields, problem


class TestCriterionPoints:
    async def test_points_beyond_eight_bytes_are_refused(self, scene: Scene) -> None:
        body = competition_terms(scene.clock.now())
        body["criteria"][0]["max_points"] = 10**30
        answer = await scene.grants.post("/competitions", json=body, headers=scene.officer)
        assert error_fields(problem(answer, 422)) == ["max_points"]

    async def test_a_revision_with_such_points_is_refused_too(self, scene: Scene) -> None:
        draft = await scene.draft_competition()
        body = competition_terms(scene.clock.now())
        body["criteria"][1]["max_points"] = 2**63
        path = f"/competitions/{draft['id']}"
        answer = await scene.grants.put(path, json=body, headers=scene.officer)
        assert error_fields(problem(answer, 422)) == ["max_points"]
        assert (
            ok(await scene.grants.get(path, headers=scene.officer))["terms"]["criteria"]
            == (draft["terms"]["criteria"])
        )
