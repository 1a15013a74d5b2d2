"""The offer generator and small-grant offers in a real Chromium; axe-core on every page."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.async_api import Browser, Page, expect

from tests.grants.scene import Scene, task_start
from tests.portal.browser.conftest import DESKTOP, Journey, sign_in
from tests.support.http import ok

GRANT_TOO_HIGH = "Wnioskowana dotacja przekracza maksymalną"


async def _open_generator(page: Page, scene: Scene, who: str) -> dict[str, Any]:
    competition = await scene.announced(title="Senior w ruchu 2027")
    await sign_in(page, f"Członek organizacji: {who}")
    await page.goto(f"/municipalities/{scene.tenant_id}/competitions/{competition['id']}")
    await page.get_by_role("button", name="Złóż ofertę").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Zadanie")
    return competition


async def _next(page: Page, heading: str) -> None:
    await page.get_by_role("button", name="Dalej", exact=True).click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(heading)


async def _fill_task(page: Page, start: date) -> None:
    await page.get_by_label("Tytuł zadania publicznego").fill("Senior w ruchu")
    await page.get_by_label("Miejsce realizacji zadania").fill("Świetlica wiejska")
    await page.get_by_label("Syntetyczny opis zadania").fill("Zajęcia ruchowe dla seniorów.")
    await page.get_by_label("Data rozpoczęcia").fill(start.isoformat())
    await page.get_by_label("Data zakończenia").fill((start + timedelta(days=60)).isoformat())


async def _fill_schedule_and_results(
    page: Page, start: date, journey: Journey | None = None
) -> None:
    await page.get_by_role("button", name="Dodaj działanie").click()
    await page.get_by_label("Nazwa działania").fill("Zajęcia ruchowe")
    await page.get_by_label("Od", exact=True).fill(start.isoformat())
    await page.get_by_label("Do", exact=True).fill((start + timedelta(days=30)).isoformat())
    await _next(page, "Zakładane rezultaty")
    if journey:
        await journey.check("results step")
    await page.get_by_label("Rezultaty jakościowe, po jednym w wierszu").fill(
        "Sprawniejsi seniorzy"
    )
    await _next(page, "Budżet")


async def _fill_line(page: Page, number: int, grant: str, own: str) -> None:
    line = page.get_by_role("group", name=f"Pozycja kosztów {number}")
    await line.get_by_label("Oznaczenie pozycji, np. I.1").fill(f"I.{number}")
    await line.get_by_label("Rodzaj kosztu", exact=True).fill(f"Koszt {number}")
    await line.get_by_label("Z dotacji (zł)").fill(grant)
    await line.get_by_label("Wkład własny finansowy (zł)").fill(own)


def _total(page: Page, name: str) -> Any:
    return page.locator(".totals tr", has=page.get_by_role("rowheader", name=name, exact=True))


class TestOfferGenerator:
    async def test_from_an_empty_form_to_the_printable_document(
        self, page: Page, journey: Journey, scene: Scene
    ) -> None:
        await scene.ngo("Fundacja Generator")
        competition = await _open_generator(page, scene, "Fundacja Generator")
        start = task_start(competition)

        await journey.check("task step")
        await _fill_task(page, start)
        await _next(page, "Harmonogram")
        await journey.check("schedule step")
        await _fill_schedule_and_results(page, start, journey)
        await page.get_by_role("button", name="Dodaj pozycję kosztów").click()
        await _fill_line(page, 1, "20 000,00", "3000")
        await expect(_total(page, "Wkład własny")).to_contain_text("3\u00a0000,00\u00a0zł")
        await journey.check("budget step")
        await _next(page, "Partnerzy")
        await journey.check("partners step")
        await _next(page, "Sprawdź i złóż")
        await expect(page.get_by_text("można ją złożyć")).to_be_visible()
        await journey.check("summary step")
        await page.get_by_role("button", name="Złóż ofertę").click()

        await expect(page.get_by_role("status")).to_have_text("Oferta została złożona.")
        await expect(page.get_by_text("złożona", exact=True)).to_be_visible()
        await journey.check("offer submitted")
        await page.get_by_role("link", name="Oferta do druku").click()
        await expect(page.get_by_role("heading", level=1)).to_contain_text(
            "realizacji zadania publicznego"
        )
        await expect(page.get_by_text("Fundacja Generator").first).to_be_visible()
        await journey.check("printable offer")
        await page.emulate_media(media="print")
        await expect(page.locator(".site-header")).to_be_hidden()

    async def test_a_rule_breach_shows_at_its_field_before_submitting(
        self, page: Page, journey: Journey, scene: Scene
    ) -> None:
        ngo = await scene.ngo("Fundacja Za Dużo")
        competition = await scene.announced()
        offer = await scene.offer(ngo, competition)
        await sign_in(page, "Członek organizacji: Fundacja Za Dużo")
        await page.goto(f"/offers/{offer['id']}/steps/budget")
        await expect(page.get_by_text(GRANT_TOO_HIGH)).to_have_count(0)

        await page.get_by_label("Z dotacji (zł)").fill("50000")  # the maximum is 40,000

        breach = page.locator("#chk-f-budget-requested-grant")
        await expect(breach).to_contain_text(GRANT_TOO_HIGH)
        await expect(_total(page, "Wnioskowana dotacja")).to_contain_text("50\u00a0000,00\u00a0zł")
        await journey.check("budget breach shown while typing")
        stored = ok(await scene.grants.get(f"/offers/{offer['id']}", headers=ngo.member))
        assert stored["totals"]["requested_grant"] == "20000.00"  # nothing saved yet
        await page.get_by_role("button", name="Zapisz szkic").click()
        await expect(breach).to_contain_text(GRANT_TOO_HIGH)
        await page.get_by_role("link", name="6. Sprawdź i złóż").click()
        await journey.check("summary with a breach")
        await page.get_by_role("button", name="Złóż ofertę").click()
        refused = page.get_by_role("alert")
        await expect(refused).to_be_focused()
        await journey.check("submission refused")
        await refused.get_by_role("link", name=re.compile(GRANT_TOO_HIGH)).click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("Budżet")
        await page.goto(f"/offers/{offer['id']}/steps/task")
        early = task_start(competition) - timedelta(days=40)
        await page.get_by_label("Data rozpoczęcia").fill(early.isoformat())
        await expect(page.locator("#chk-f-task-period-start")).to_contain_text(
            "Zadanie musi być realizowane w okresie"
        )

    async def test_a_budget_row_added_and_removed_with_totals_recomputed(
        self, page: Page, journey: Journey, scene: Scene
    ) -> None:
        ngo = await scene.ngo("Fundacja Wierszy")
        offer = await scene.offer(ngo, await scene.announced())
        await sign_in(page, "Członek organizacji: Fundacja Wierszy")
        await page.goto(f"/offers/{offer['id']}/steps/budget")
        total = _total(page, "Całkowity koszt zadania")
        await expect(total).to_contain_text("23\u00a0000,00\u00a0zł")

        await page.get_by_role("button", name="Dodaj pozycję kosztów").click()
        await expect(page.get_by_label("Oznaczenie pozycji, np. I.1").nth(1)).to_be_focused()
        await _fill_line(page, 2, "5000", "1000")
        await expect(total).to_contain_text("29\u00a0000,00\u00a0zł")
        await journey.check("budget with two lines")
        await page.get_by_role("button", name="Usuń pozycję kosztów 1").click()

        await expect(page.get_by_role("group", name=re.compile("Pozycja kosztów"))).to_have_count(1)
        await expect(total).to_contain_text("6\u00a0000,00\u00a0zł")
        await page.get_by_role("button", name="Zapisz szkic").click()
        stored = ok(await scene.grants.get(f"/offers/{offer['id']}", headers=ngo.member))
        assert [line["key"] for line in stored["content"]["budget"]["lines"]] == ["I.2"]

    async def test_a_joint_offer_names_its_partner(
        self, page: Page, journey: Journey, scene: Scene
    ) -> None:
        ngo = await scene.ngo("Fundacja Lider")
        await scene.ngo("Stowarzyszenie Partner Wspólny")
        offer = await scene.offer(ngo, await scene.announced())
        await sign_in(page, "Członek organizacji: Fundacja Lider")
        await page.goto(f"/offers/{offer['id']}/steps/partners")

        await page.get_by_label("Nazwa organizacji").fill("Partner Wspólny")
        await page.get_by_label("Nazwa organizacji").press("Enter")  # Enter searches here
        await journey.check("partner found")
        await page.get_by_role("button", name="Dodaj jako partnera: Stowarzyszenie Partner").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("Partnerzy")
        await expect(page.get_by_text("Stowarzyszenie Partner Wspólny", exact=True)).to_be_visible()
        await journey.check("partner added")
        await page.goto(f"/offers/{offer['id']}/document")

        await expect(page.get_by_role("heading", level=1)).to_contain_text("Oferta wspólna")
        await expect(page.get_by_text("Stowarzyszenie Partner Wspólny").first).to_be_visible()


@pytest.fixture
async def no_js_page(browser: Browser, site: str) -> AsyncIterator[Page]:
    """A browser profile with JavaScript switched off."""
    context = await browser.new_context(
        base_url=site, viewport=DESKTOP, locale="pl-PL", java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    yield await context.new_page()
    await context.close()


class TestWithoutJavaScript:
    async def test_the_same_form_still_submits(self, no_js_page: Page, scene: Scene) -> None:
        page = no_js_page
        await scene.ngo("Fundacja Bez Skryptów")
        competition = await _open_generator(page, scene, "Fundacja Bez Skryptów")
        start = task_start(competition)

        await _fill_task(page, start)
        await _next(page, "Harmonogram")
        await _fill_schedule_and_results(page, start)
        await page.get_by_role("button", name="Dodaj pozycję kosztów").click()
        await _fill_line(page, 1, "10000", "2000")
        await page.get_by_role("button", name="Dodaj pozycję kosztów").click()
        await _fill_line(page, 2, "1", "1")
        await page.get_by_role("button", name="Usuń pozycję kosztów 2").click()
        await _next(page, "Partnerzy")
        await _next(page, "Sprawdź i złóż")
        await page.get_by_role("button", name="Złóż ofertę").click()

        await expect(page.get_by_role("status")).to_have_text("Oferta została złożona.")
        await expect(page.get_by_text("12\u00a0000,00\u00a0zł").first).to_be_visible()


class TestSmallGrantOffer:
    async def test_sends_one_fixes_a_field_and_sees_it_published(
        self, page: Page, journey: Journey, scene: Scene, tenant_id: str
    ) -> None:
        await scene.ngo("Fundacja Podwórkowa")
        await sign_in(page, "Członek organizacji: Fundacja Podwórkowa")
        await page.get_by_role("link", name="Moje oferty małych grantów").click()
        await journey.check("my small grants")
        await page.get_by_role("link", name="Wyślij ofertę małego grantu").click()
        start = date.today() + timedelta(days=30)
        await page.get_by_label("Miejsce realizacji zadania").fill("Podwórko przy ul. Polnej")
        await page.get_by_label("Syntetyczny opis zadania").fill("Sprzątanie i nasadzenia.")
        await page.get_by_label("Data rozpoczęcia").fill(start.isoformat())
        await page.get_by_label("Data zakończenia").fill((start + timedelta(days=20)).isoformat())
        await _fill_line(page, 1, "4000", "400")
        await page.get_by_label("Rezultaty jakościowe, po jednym w wierszu").fill("Czyste podwórko")
        await page.get_by_role("button", name="Wyślij ofertę").click()

        summary = page.get_by_role("alert")
        await expect(summary).to_be_focused()
        await journey.check("small grant with a problem")
        await summary.get_by_role("link", name=re.compile("Tytuł zadania publicznego")).click()
        title = page.get_by_label("Tytuł zadania publicznego")
        await expect(title).to_be_focused()
        await title.fill("Zielone podwórko")
        await page.get_by_role("button", name="Wyślij ofertę").click()
        await expect(page.get_by_role("status")).to_contain_text("Oferta została wysłana")
        await expect(page.get_by_text("przyjęta, czeka na publikację")).to_be_visible()

        [sent] = ok(await scene.grants.get("/small-grants", headers=scene.officer))
        ok(
            await scene.grants.post(
                f"/small-grants/{sent['id']}/publication", headers=scene.officer
            )
        )
        await page.reload()
        await expect(page.get_by_text("opublikowana do uwag")).to_be_visible()
        await journey.check("small grant published")
        await page.get_by_role("link", name="Zobacz ją opublikowaną do uwag").click()
        await expect(page).to_have_url(re.compile(f"/municipalities/{tenant_id}/small-grants"))
        await expect(page.get_by_role("heading", name="Zielone podwórko")).to_be_visible()
