"""Objects the portal's member pages show, made through the services' own APIs."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.grants.api.test_small_grants_and_views import small_grant
from tests.grants.bodies import score_sheet
from tests.grants.scene import Ngo, Scene, ok
from tests.support.polling import eventually
from tests.support.services import ServiceClient

__all__ = ["open_round", "publish_round", "resolved_competition", "signed_agreement"]


async def signed_agreement(scene: Scene, ngo: Ngo) -> dict[str, Any]:
    """Return a signed small-grant agreement (art. 19a) whose two-day task has already ended."""
    today = scene.clock.now().date()
    period = {"start": str(today + timedelta(days=1)), "end": str(today + timedelta(days=2))}
    expected = [{"name": "Uczestnicy", "target_value": "100", "unit": "osób"}]
    body = small_grant(task_period=period, quantitative_results=expected)
    received = ok(await scene.grants.post("/small-grants", json=body, headers=ngo.member), 201)
    base = f"/small-grants/{received['id']}"
    ok(await scene.grants.post(f"{base}/publication", headers=scene.officer))
    scene.clock.advance(timedelta(days=8))  # past the comments and the task's end
    caps = {
        "organization_cap": "12000.00",
        "pool_share_percent": "10",
        "planned_grants_total": "500000.00",
    }
    year = scene.clock.now().year
    ok(await scene.grants.put(f"/small-grant-policies/{year}", json=caps, headers=scene.officer))
    agreement = ok(await scene.grants.post(f"{base}/agreement", headers=scene.officer), 201)
    path = f"/agreements/{agreement['id']}/signature"
    return dict(ok(await scene.grants.post(path, headers=scene.officer)))


async def resolved_competition(scene: Scene, ngo: Ngo) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return a competition whose results are published, and the offer it funded."""
    competition = await scene.announced(title=f"Rozstrzygnięty konkurs {date.today()}")
    offer = await scene.submitted(ngo, competition, grant="20000.00")
    await scene.in_review(competition)
    await scene.accept_formally(offer)
    base = f"/competitions/{competition['id']}"
    member = {"member_id": "kom-portal", "kind": "officer"}
    ok(await scene.grants.post(f"{base}/committee", json={"members": [member]},
                               headers=scene.officer), 201)  # fmt: skip
    judge = scene.person("committee_member", subject="kom-portal")
    ok(await scene.grants.post(f"{base}/committee/declarations", json={}, headers=judge))
    sheet = f"{base}/committee/sheets/{offer['id']}"
    ok(await scene.grants.put(sheet, json=score_sheet(18, 9), headers=judge))
    grant = {"amount": "20000.00"}
    ok(await scene.grants.put(f"{base}/grants/{offer['id']}", json=grant, headers=scene.officer))
    ok(await scene.grants.post(f"{base}/results", headers=scene.officer))
    return competition, offer


async def open_round(
    consultations: ServiceClient, scene: Scene, title: str = "Diagnoza wstępna"
) -> dict[str, Any]:
    """Return an assessment round the municipality's officer started."""
    body = {"title": title, "assessed_on": str(date.today())}

    async def started() -> dict[str, Any]:  # consultations learns of the tenant through Kafka
        answer = await consultations.post("/index-rounds", json=body, headers=scene.officer)
        return dict(ok(answer, 201))

    return await eventually(started)


async def publish_round(consultations: ServiceClient, scene: Scene, round_id: str) -> None:
    """Score a round as an officer and as an NGO, record its conclusions, publish it."""
    path = f"/index-rounds/{round_id}"
    scores = {"scores": {"consultations.procedure": 4, "consultations.answers": 4}}
    for rater in (scene.officer, scene.person("ngo_member", organization_id="org-scene")):
        ok(await consultations.put(f"{path}/scorecard", json=scores, headers=rater))
    conclusions = {"summary": "Konsultacje działają; odpowiedzi wymagają poprawy."}
    ok(await consultations.put(f"{path}/conclusions", json=conclusions, headers=scene.officer))
    ok(await consultations.post(f"{path}/publish", headers=scene.officer))
