"""Search as you type on the competitions and consultations lists, in a real Chromium."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.grants.scene import Scene
from tests.portal.api.test_list_search import open_mobility_and_market
from tests.portal.browser.conftest import Journey
from tests.portal.conftest import Backends
from tests.support.auth import TokenFactory
from tests.support.polling import eventually


async def _indexed(scene: Scene, path: str, q: str) -> None:
    """Wait until the service's index, which follows its events, finds `q`."""

    async def found() -> None:
        answer = await scene.grants.get(path, params={"q": q})
        assert answer.json(), answer.text

    await eventually(found, timeout=120)


class TestSearchAsYouType:
    async def test_typing_narrows_the_competitions_and_marks_the_words(
        self, page: Page, journey: Journey, scene: Scene, tenant_id: str
    ) -> None:
        await scene.announced(title="Obozy żeglarskie dla młodzieży")
        await scene.announced(title="Festyn rodzinny w parku")
        await _indexed(scene, f"/public/municipalities/{tenant_id}/competitions", "festyn")

        await page.goto(f"/municipalities/{tenant_id}/competitions")
        await page.get_by_label("Szukaj konkursów po tytule, zadaniu lub obszarze").fill("zeglar")
        results = page.locator("#results")
        await expect(results.get_by_role("link", name="Festyn rodzinny w parku")).to_have_count(0)
        await expect(results.locator("mark")).to_have_text("żeglarskie")
        await expect(page).to_have_url(f"{page.url.split('?')[0]}?q=zeglar")
        await journey.check("competitions searched")

    async def test_typing_finds_a_consultation_by_its_section(
        self,
        page: Page,
        journey: Journey,
        backends: Backends,
        token: TokenFactory,
        tenant_id: str,
    ) -> None:
        await open_mobility_and_market(backends, token, tenant_id)
        consultations = backends["consultations"]

        async def indexed() -> None:
            path = f"/public/municipalities/{tenant_id}/consultations"
            assert (await consultations.get(path, params={"q": "rowerowe"})).json()

        await eventually(indexed, timeout=120)

        await page.goto(f"/municipalities/{tenant_id}/consultations")
        box = page.get_by_label("Szukaj konsultacji po tytule, przedmiocie lub rozdziale")
        await box.fill("sciezki")
        results = page.locator("#results")
        await expect(results.get_by_role("link", name="Regulamin targowiska")).to_have_count(0)
        await expect(results.get_by_role("link", name="Plan mobilności")).to_be_visible()
        await journey.check("consultations searched")
