"""The cooperation-quality scorecard: filled while the round is open, its result once published."""

from __future__ import annotations

from tests.grants.scene import Scene, ok
from tests.portal.conftest import Backends, PortalClient
from tests.portal.scenes import open_round, publish_round


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

        await publish_round(backends["consultations"], scene, found["id"])
        result = await portal.get(path)
        assert "Wynik ogólny" in result.text
        assert "Konsultacje działają; odpowiedzi wymagają poprawy." in result.text
        assert 'name="score.consultations.procedure"' not in result.text

    async def test_a_resident_has_no_scorecard(self, portal: PortalClient) -> None:
        await portal.sign_in("resident")

        assert (await portal.get("/index-rounds")).status_code == 403

    async def test_a_resident_reads_the_published_result_but_not_an_open_round(
        self, portal: PortalClient, scene: Scene, backends: Backends
    ) -> None:
        published = await open_round(backends["consultations"], scene, "Wynik dla mieszkańców")
        await publish_round(backends["consultations"], scene, published["id"])
        still_open = await open_round(backends["consultations"], scene, "Runda w toku")
        await portal.sign_in("resident")

        result = await portal.get(f"/index-rounds/{published['id']}")
        hidden = await portal.get(f"/index-rounds/{still_open['id']}")

        assert result.status_code == 200
        assert "Konsultacje działają; odpowiedzi wymagają poprawy." in result.text
        assert "score." not in result.text  # no scorecard for a resident
        assert hidden.status_code == 404
