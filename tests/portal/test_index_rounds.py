"""The cooperation-quality scorecard: filled while the round is open, its result once published."""

from __future__ import annotations

from tests.grants.scene import Scene, ok
from tests.portal.conftest import Backends, PortalClient
from tests.portal.scenes import open_round

CODES = ("consultations.procedure", "consultations.answers")


async def _publish(backends: Backends, scene: Scene, round_id: str) -> None:
    consultations, base = backends["consultations"], f"/index-rounds/{round_id}"
    scores = {"scores": dict.fromkeys(CODES, 4)}
    ok(await consultations.put(f"{base}/scorecard", json=scores, headers=scene.officer))
    conclusions = {"summary": "Konsultacje działają; odpowiedzi wymagają poprawy."}
    ok(await consultations.put(f"{base}/conclusions", json=conclusions, headers=scene.officer))
    ok(await consultations.post(f"{base}/publish", headers=scene.officer))


class TestScorecard:
    async def test_an_ngo_member_hands_in_a_scorecard_and_reads_the_published_result(
        self, portal: PortalClient, scene: Scene, backends: Backends
    ) -> None:
        ngo = await scene.ngo("Stowarzyszenie Oceniające")
        found = await open_round(backends["consultations"], scene, "Diagnoza 2026")
        await portal.sign_in(f"ngo-{ngo.id}")

        listed = await portal.get("/index-rounds")
        path = f"/index-rounds/{found['id']}"
        form = await portal.get(path)
        sent = await portal.submit(
            f"{path}/scorecard",
            {"score.consultations.procedure": "2", "score.consultations.answers": ""},
            page=path,
        )

        assert f'href="{path}"' in listed.text
        assert "otwarta: można wypełnić kartę oceny" in form.text
        assert 'name="score.consultations.procedure"' in form.text
        assert sent.headers["location"] == f"{path}?sent=1"
        stored = ok(await backends["consultations"].get(path, headers=scene.officer))
        assert stored["result"]["raters"]["ngos"] == 1
        assert stored["result"]["indicators"]["consultations.procedure"]["ngos"] == 2

        await _publish(backends, scene, found["id"])
        result = await portal.get(path)
        assert "Wynik ogólny" in result.text
        assert "Konsultacje działają; odpowiedzi wymagają poprawy." in result.text
        assert 'name="score.consultations.procedure"' not in result.text

    async def test_a_resident_has_no_scorecard(self, portal: PortalClient) -> None:
        await portal.sign_in("resident")

        assert (await portal.get("/index-rounds")).status_code == 403
