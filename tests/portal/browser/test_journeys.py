"""Journeys in a real Chromium: the public, a resident, an NGO member; axe-core on every page."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from tests.grants.api.test_small_grants_and_views import _published
from tests.grants.scene import Scene
from tests.portal.bodies import consultation_terms
from tests.portal.browser.conftest import Journey, sign_in
from tests.portal.conftest import Backends
from tests.support.auth import TokenFactory, bearer
from tests.support.polling import eventually


class TestPublicJourney:
    async def test_from_the_municipality_to_an_organization_and_a_competition(
        self, page: Page, journey: Journey, scene: Scene, tenant_id: str
    ) -> None:
        await scene.ngo("Fundacja Przeglądarkowa")
        await scene.ngo("Stowarzyszenie Inne")
        await scene.announced(title="Aktywny senior w przeglądarce")

        await page.goto("/")
        await expect(page).to_have_title("Wybierz gminę · Platforma NGO")
        await journey.check("home")
        await page.get_by_role("link", name="Gmina Testowa").click()
        await journey.check("municipality")
        await page.get_by_role("link", name="Organizacje").click()
        await journey.check("ngo database")
        await page.get_by_label("Szukaj w nazwie lub opisie").fill("Przeglądarkowa")
        results = page.locator("#results")
        await expect(results.get_by_role("link", name="Stowarzyszenie Inne")).to_have_count(0)
        await results.get_by_role("link", name="Fundacja Przeglądarkowa").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("Fundacja Przeglądarkowa")
        await journey.check("organization profile")
        await page.goto(f"/municipalities/{tenant_id}/competitions")
        await journey.check("competitions")
        await page.get_by_role("link", name="Aktywny senior w przeglądarce").click()
        await expect(page.get_by_text("100\u00a0000,00\u00a0zł")).to_be_visible()
        await journey.check("competition")

        await _published(scene, await scene.ngo("Fundacja Podwórko"))
        await page.goto(f"/municipalities/{tenant_id}")
        await page.get_by_role("link", name="Małe granty").click()
        await journey.check("small grants")
        await page.get_by_label("Twoja uwaga").fill("Pomożemy przy sprzątaniu.")
        await page.get_by_role("button", name="Wyślij uwagę").click()
        await expect(page.get_by_role("status")).to_contain_text("uwaga została wysłana")
        await journey.check("small grant comment sent")

    async def test_switches_to_english_and_remembers_it(self, page: Page, journey: Journey) -> None:
        await page.goto("/organizations")
        await page.get_by_role("button", name="English").click()

        await expect(page.locator("html")).to_have_attribute("lang", "en")
        await expect(page.get_by_role("heading", level=1)).to_have_text("NGO database")
        await page.goto("/")
        await expect(page.get_by_role("heading", name="Choose a municipality")).to_be_visible()
        await journey.check("home in english")


class TestResidentJourney:
    async def test_comments_on_a_section_and_reads_the_answer(
        self,
        page: Page,
        journey: Journey,
        backends: Backends,
        token: TokenFactory,
        tenant_id: str,
    ) -> None:
        officer = bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))
        consultations = backends["consultations"]
        drafted = await consultations.post(
            "/consultations", json=consultation_terms(), headers=officer
        )
        consultation_id = drafted.json()["id"]
        await consultations.post(f"/consultations/{consultation_id}/open", headers=officer)

        await page.goto(f"/municipalities/{tenant_id}/consultations")
        await journey.check("consultations")
        await page.get_by_role("link", name="Program współpracy").click()
        await journey.check("consultation signed out")
        await page.get_by_role("link", name="Zaloguj się, aby zgłosić uwagę").click()
        await page.get_by_label("Mieszkaniec (bez roli)").check()
        await page.get_by_role("button", name="Zaloguj się").last.click()
        await expect(page.get_by_role("heading", name="Zgłoś uwagę do fragmentu")).to_be_visible()
        await page.get_by_label("Fragment").select_option(label="§ 2. Priorytety")
        await page.get_by_label("Proponowany zapis (nieobowiązkowo)").fill("Sport i seniorzy.")
        await page.get_by_role("button", name="Wyślij uwagę").click()

        summary = page.get_by_role("alert")
        await expect(summary).to_be_focused()
        await journey.check("comment with a problem")
        await summary.get_by_role("link", name="Uzasadnienie").click()
        justification = page.get_by_label("Uzasadnienie")
        await expect(justification).to_be_focused()
        await justification.fill("W gminie przybywa seniorów.")
        await page.get_by_role("button", name="Wyślij uwagę").click()
        await expect(page.get_by_role("status")).to_contain_text("uwaga została wysłana")
        await expect(page.get_by_text("Jeszcze bez odpowiedzi.")).to_be_visible()
        await journey.check("comment sent")

        mine = await consultations.get(
            f"/consultations/{consultation_id}/comments", headers=officer
        )
        answer = {"verdict": "partly_accepted", "justification": "Dopiszemy seniorów w § 2."}
        await consultations.put(
            f"/consultations/{consultation_id}/comments/{mine.json()[0]['id']}/answer",
            json=answer,
            headers=officer,
        )
        await page.reload()
        await expect(page.get_by_text("Dopiszemy seniorów w § 2.")).to_be_visible()
        await journey.check("answer seen")


class TestNgoMemberJourney:
    async def test_edits_the_profile_and_fixes_a_problem_at_its_field(
        self, page: Page, journey: Journey, scene: Scene
    ) -> None:
        await scene.ngo("Fundacja Pulpitowa")

        await sign_in(page, "Członek organizacji: Fundacja Pulpitowa")
        await expect(page.get_by_role("heading", name="Mój pulpit")).to_be_visible()
        await journey.check("dashboard")
        await page.get_by_role("link", name="Edytuj profil").click()
        await page.get_by_label("Publiczny e-mail").fill("to nie e-mail")
        await page.get_by_role("button", name="Zapisz").click()

        await expect(page.get_by_role("alert")).to_be_focused()
        await journey.check("profile with a problem")
        await page.get_by_role("alert").get_by_role("link", name="Publiczny e-mail").click()
        email = page.get_by_label("Publiczny e-mail")
        await expect(email).to_be_focused()
        await email.fill("biuro@pulpitowa.example.org")
        await page.get_by_role("button", name="Zapisz").click()
        await expect(page.get_by_role("status")).to_have_text("Profil został zapisany.")
        await journey.check("profile saved")


class TestKeyboardOnly:
    async def test_the_skip_link_and_the_sign_in_work_by_keyboard(self, page: Page) -> None:
        await page.goto("/sign-in")

        await page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Przejdź do treści")
        await expect(skip).to_be_focused()
        await page.keyboard.press("Enter")
        await expect(page.locator("main")).to_be_focused()
        await page.keyboard.press("Tab")  # the checked demo user: the radio group
        resident = page.get_by_label("Mieszkaniec (bez roli)")
        for _ in range(20):  # arrows move through the group, as in any radio group
            if await resident.is_checked():
                break
            await page.keyboard.press("ArrowDown")
        await expect(resident).to_be_checked()
        await expect(resident).to_be_focused()
        await page.keyboard.press("Tab")
        await expect(page.get_by_role("button", name="Zaloguj się").last).to_be_focused()
        await page.keyboard.press("Enter")
        await expect(page.get_by_role("button", name="Wyloguj się")).to_be_visible()


class TestOfficerInboxJourney:
    async def test_reads_a_notice_from_the_header_and_marks_it_read(
        self,
        page: Page,
        journey: Journey,
        scene: Scene,
        backends: Backends,
        token: TokenFactory,
        tenant_id: str,
    ) -> None:
        await scene.ngo("Stowarzyszenie z Powiadomienia")
        officer = bearer(
            token(
                tenant_id=tenant_id, roles=["tenant_officer"], subject=f"demo-officer-{tenant_id}"
            )
        )

        async def arrived() -> None:  # the notice travels through Kafka first
            answer = await backends["notifications"].get("/inbox/unread-count", headers=officer)
            assert answer.json()["unread"] == 1

        await eventually(arrived)
        await sign_in(page, "Urzędnik: Gmina Testowa")
        notices = page.get_by_role("link", name="Powiadomienia")
        await expect(notices).to_contain_text("1 nieprzeczytane powiadomienie")
        await notices.click()
        await journey.check("inbox")
        await page.get_by_role("button", name="Oznacz jako przeczytane").first.click()
        await expect(notices.locator(".badge")).to_have_count(0)
        await page.get_by_role("link", name="Otwórz").first.click()
        await expect(page.get_by_role("heading", level=1)).to_have_text(
            "Stowarzyszenie z Powiadomienia"
        )


class TestErrorPages:
    async def test_a_missing_page_and_an_expired_form_are_accessible(
        self, page: Page, journey: Journey
    ) -> None:
        answer = await page.goto("/organizations/no-such-organization")

        assert answer is not None and answer.status == 404
        await expect(page.get_by_role("heading", level=1)).to_have_text("Nie znaleziono strony")
        await journey.check("not found")
        await page.goto("/organization/edit")
        await expect(page).to_have_url(re.compile(r"/sign-in\?next=%2Forganization%2Fedit$"))
        await sign_in(page, "Mieszkaniec (bez roli)", go=False)
        await expect(page.get_by_role("heading", level=1)).to_have_text("Brak dostępu")
        await journey.check("no access")
