"""Journeys of an NGO member in a real Chromium: registration, a report, the scorecard, settings."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.grants.scene import Scene
from tests.portal.browser.conftest import Journey, sign_in
from tests.portal.conftest import Backends
from tests.portal.scenes import open_round, signed_agreement
from tests.support.factories import unique_nip
from tests.support.http import ok


async def _sign_in(page: Page, who: str) -> None:
    await sign_in(page, who)
    await expect(page.get_by_role("button", name="Wyloguj się")).to_be_visible()
    await page.get_by_role("link", name="Mój pulpit").click()


class TestRegistrationJourney:
    async def test_registers_an_organization_and_reads_why_it_was_refused(
        self, page: Page, journey: Journey, scene: Scene
    ) -> None:
        await _sign_in(page, "Członek organizacji jeszcze niezarejestrowanej")
        await page.get_by_role("link", name="Moje zgłoszenia organizacji").click()
        await journey.check("my registrations, none yet")
        await page.get_by_role("link", name="Zgłoś organizację").click()
        await page.get_by_label("Pełna nazwa z rejestru").fill("Fundacja z Przeglądarki")
        await page.get_by_label("Forma prawna").select_option(label="fundacja")
        await page.get_by_label("NIP").fill("1234567890")
        await page.get_by_role("button", name="Wyślij do weryfikacji").click()

        summary = page.get_by_role("alert")
        await expect(summary).to_be_focused()
        await journey.check("registration with a problem")
        await summary.get_by_role("link", name="NIP").click()
        nip = page.get_by_label("NIP")
        await expect(nip).to_be_focused()
        await nip.fill(unique_nip())
        await page.get_by_role("button", name="Wyślij do weryfikacji").click()
        await expect(page.get_by_role("status")).to_contain_text("Zgłoszenie zostało wysłane")
        await expect(page.get_by_text("czeka na weryfikację")).to_be_visible()
        await journey.check("registration pending")

        organization_id = page.url.split("/registrations/", 1)[1].split("?", 1)[0]
        refusal = {"reason": "Numer NIP należy do innej organizacji."}
        ok(await scene.registry.post(
            f"/organizations/{organization_id}/verification/refusal",
            json=refusal, headers=scene.officer,
        ))  # fmt: skip
        await page.reload()
        await expect(page.get_by_text("Numer NIP należy do innej organizacji.")).to_be_visible()
        await journey.check("registration refused")


class TestReportJourney:
    async def test_fills_saves_and_submits_the_final_report_and_sees_it_accepted(
        self, page: Page, journey: Journey, scene: Scene
    ) -> None:
        ngo = await scene.ngo("Stowarzyszenie Sprawozdające się")
        await signed_agreement(scene, ngo)

        await _sign_in(page, "Członek organizacji: Stowarzyszenie Sprawozdające się")
        await page.get_by_role("link", name="Moje umowy").click()
        await journey.check("my agreements")
        await page.get_by_role("link", name="Stowarzyszenie Sprawozdające się").click()
        await journey.check("agreement")
        await page.get_by_role("button", name="Rozpocznij sprawozdanie").click()
        await page.get_by_label("Osiągnięte rezultaty i zrealizowane działania").fill(
            "Piknik odbył się w parku miejskim; przyszło 120 sąsiadów."
        )
        await page.get_by_label("Uczestnicy").fill("120")
        await page.get_by_label("I.1 Z dotacji").fill("7 500,00")
        await page.get_by_label("I.1 Wkład własny finansowy").fill("500")
        await journey.check("report form")
        await page.get_by_role("button", name="Zapisz szkic").click()
        await expect(page.get_by_role("status")).to_have_text("Sprawozdanie zostało zapisane.")
        await page.get_by_role("button", name="Zapisz i złóż").click()
        await expect(page.get_by_role("status")).to_contain_text("Sprawozdanie zostało złożone.")
        await expect(page.get_by_text("złożone, czeka na decyzję urzędnika")).to_be_visible()
        await journey.check("report submitted")

        report_id = page.url.split("/reports/", 1)[1].split("?", 1)[0]
        ok(await scene.grants.post(f"/reports/{report_id}/acceptance", headers=scene.officer))
        await page.reload()
        await expect(page.get_by_text("Urzędnik przyjął sprawozdanie.")).to_be_visible()
        await journey.check("report accepted")


class TestScorecardJourney:
    async def test_hands_in_the_scorecard_of_an_open_round(
        self, page: Page, journey: Journey, scene: Scene, backends: Backends
    ) -> None:
        await scene.ngo("Fundacja Oceniająca Współpracę")
        found = await open_round(backends["consultations"], scene, "Diagnoza wstępna 2026")

        await _sign_in(page, "Członek organizacji: Fundacja Oceniająca Współpracę")
        await page.get_by_role("link", name="Indeks Jakości Współpracy").click()
        await journey.check("assessment rounds")
        await page.get_by_role("link", name="Diagnoza wstępna 2026").click()
        procedure = page.get_by_label(
            "Gmina ma uchwaloną procedurę konsultacji społecznych z organizacjami."
        )
        await procedure.select_option("3")
        await journey.check("scorecard")
        await page.get_by_role("button", name="Przekaż moją kartę oceny").click()
        await expect(page.get_by_role("status")).to_contain_text("karta oceny została zapisana")
        await journey.check("scorecard recorded")

        consultations, base = backends["consultations"], f"/index-rounds/{found['id']}"
        scores = {"scores": {"consultations.procedure": 2}}
        ok(await consultations.put(f"{base}/scorecard", json=scores, headers=scene.officer))
        conclusions = {"summary": "Procedura działa; potrzebna kampania informacyjna."}
        ok(await consultations.put(f"{base}/conclusions", json=conclusions, headers=scene.officer))
        ok(await consultations.post(f"{base}/publish", headers=scene.officer))
        await page.reload()
        await expect(
            page.get_by_role("row", name="Wynik ogólny 2 3 2,5")
        ).to_be_visible()  # both groups' mean
        await expect(page.get_by_text("potrzebna kampania informacyjna")).to_be_visible()
        await journey.check("published result")


class TestSubscriptionJourney:
    async def test_changes_the_settings_from_the_inbox_and_unsubscribes(
        self, page: Page, journey: Journey, scene: Scene
    ) -> None:
        await scene.ngo("Stowarzyszenie Powiadamiane")

        await _sign_in(page, "Członek organizacji: Stowarzyszenie Powiadamiane")
        await page.get_by_role("link", name="Powiadomienia", exact=True).click()
        await page.get_by_role("link", name="Moje ustawienia powiadomień").click()
        await journey.check("subscription settings")
        await page.get_by_label("Ogłoszone konkursy").uncheck()
        await page.get_by_label("Wyniki Indeksu Jakości Współpracy").check()
        await page.get_by_label("E-mail").select_option("weekly")
        await page.get_by_role("button", name="Zapisz ustawienia").click()
        await expect(page.get_by_role("status")).to_have_text("Ustawienia zostały zapisane.")
        await expect(page.get_by_label("Ogłoszone konkursy")).not_to_be_checked()
        await expect(page.get_by_label("E-mail")).to_have_value("weekly")
        await journey.check("settings saved")
        await page.get_by_role("button", name="Zrezygnuj ze wszystkiego").click()
        await expect(page.get_by_role("status")).to_have_text(
            "Zrezygnowano ze wszystkich powiadomień."
        )
        await expect(page.get_by_label("Skrzynka na platformie")).not_to_be_checked()
        await journey.check("unsubscribed")
