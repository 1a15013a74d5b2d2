"""The dry run of a draft offer: totals and breaches of unsaved contents, nothing written."""

from __future__ import annotations

from tests.grants.bodies import offer_content
from tests.grants.scene import Scene, ok, task_start
from tests.support.http import problem


class TestCheckOffer:
    async def test_answers_totals_and_breaches_without_saving(self, scene: Scene) -> None:
        ngo = await scene.ngo()
        competition = await scene.announced()
        offer = await scene.offer(ngo, competition)
        greedy = offer_content(task_start(competition), grant="50000.00")

        checked = ok(
            await scene.grants.post(
                f"/offers/{offer['id']}/checks", json=greedy, headers=ngo.member
            )
        )

        assert checked["totals"]["requested_grant"] == "50000.00"
        assert checked["totals"]["total_cost"] == "53000.00"
        codes = {(b["field"], b["code"]) for b in checked["breaches"]}
        assert ("budget.requested_grant", "grant-above-maximum") in codes
        assert ("budget.own_contribution", "own-contribution-too-low") in codes
        stored = ok(await scene.grants.get(f"/offers/{offer['id']}", headers=ngo.member))
        assert stored["totals"]["requested_grant"] == "20000.00"
        assert stored["breaches"] == []

    async def test_another_organization_gets_404(self, scene: Scene) -> None:
        owner, other = await scene.ngo(), await scene.ngo()
        competition = await scene.announced()
        offer = await scene.offer(owner, competition)

        answer = await scene.grants.post(
            f"/offers/{offer['id']}/checks", json={}, headers=other.member
        )

        problem(answer, 404)

    async def test_bad_input_names_the_field(self, scene: Scene) -> None:
        ngo = await scene.ngo()
        offer = await scene.offer(ngo, await scene.announced())
        body = {"budget": {"lines": [{"key": "I.1", "category": "action", "name": "x",
                                      "requested_grant": "-5"}]}}  # fmt: skip

        answer = await scene.grants.post(
            f"/offers/{offer['id']}/checks", json=body, headers=ngo.member
        )

        fields = [e["field"] for e in problem(answer, 422)["errors"]]
        assert any(f.endswith("requested_grant") for f in fields), fields
