"""The offer generator without JavaScript: steps that save drafts, rows, checks, submission."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.grants.scene import Ngo, Scene, ok, task_start
from tests.portal.conftest import PortalClient
from tests.support.polling import eventually


async def _started(portal: PortalClient, scene: Scene, ngo: Ngo) -> tuple[str, dict[str, Any]]:
    competition = await scene.announced()
    await portal.sign_in(f"ngo-{ngo.id}")
    page = f"/municipalities/{scene.tenant_id}/competitions/{competition['id']}"
    started = await portal.submit("/offers", {"competition_id": competition["id"]}, page=page)
    assert started.status_code == 303, started.text
    location = started.headers["location"]
    assert location.endswith("/steps/task")
    return location.split("/")[2], competition


async def _stored(scene: Scene, ngo: Ngo, offer_id: str) -> dict[str, Any]:
    stored: dict[str, Any] = ok(await scene.grants.get(f"/offers/{offer_id}", headers=ngo.member))
    return stored


def _budget_line(index: int, grant: str, own: str = "0") -> dict[str, str]:
    prefix = f"budget.lines[{index}]"
    return {
        f"{prefix}.key": f"I.{index + 1}",
        f"{prefix}.category": "action",
        f"{prefix}.name": f"Koszt {index + 1}",
        f"{prefix}.requested_grant": grant,
        f"{prefix}.own_financial": own,
    }


class TestOfferSteps:
    async def test_the_competition_page_offers_to_apply(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        competition = await scene.announced()
        page = f"/municipalities/{scene.tenant_id}/competitions/{competition['id']}"

        anonymous = await portal.get(page)
        await portal.sign_in(f"ngo-{ngo.id}")
        signed_in = await portal.get(page)

        assert "Zaloguj się, aby złożyć ofertę" in anonymous.text
        assert 'action="/offers"' in signed_in.text

    async def test_each_step_saves_the_draft_and_goes_on(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        offer_id, competition = await _started(portal, scene, ngo)
        start = task_start(competition)
        path = f"/offers/{offer_id}/steps/task"

        answer = await portal.submit(
            path,
            {
                "title": "Senior w ruchu",
                "place": "Świetlica",
                "description": "Zajęcia ruchowe.",
                "task_period.start": start.isoformat(),
                "task_period.end": (start + timedelta(days=30)).isoformat(),
                "go": "schedule",
            },
            page=path,
        )

        assert answer.status_code == 303
        assert answer.headers["location"] == f"/offers/{offer_id}/steps/schedule"
        stored = await _stored(scene, ngo, offer_id)
        assert stored["content"]["title"] == "Senior w ruchu"
        back = await portal.get(path)
        assert 'value="Senior w ruchu"' in back.text
        assert 'aria-current="step"' in back.text

    async def test_a_breach_of_the_rules_shows_at_its_field_before_submitting(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        offer_id, _ = await _started(portal, scene, ngo)
        path = f"/offers/{offer_id}/steps/budget"

        saved = await portal.submit(
            path, {"rows": "1", **_budget_line(0, "50 000,00"), "go": "budget"}, page=path
        )
        page = await portal.get(path)

        assert saved.status_code == 303
        assert "Wnioskowana dotacja przekracza maksymalną" in page.text
        assert 'id="chk-f-budget-requested-grant"' in page.text
        assert "50\u00a0000,00\u00a0zł" in page.text  # the total computed by the grants service

    async def test_the_live_check_answers_totals_and_breaches_without_saving(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        offer_id, _ = await _started(portal, scene, ngo)
        path = f"/offers/{offer_id}/steps/budget"
        csrf = await portal.csrf(path)

        answer = await portal.post(
            f"{path}/checks",
            data={"rows": "2", **_budget_line(0, "30000"), **_budget_line(1, "15000", "500")},
            headers={"X-CSRF-Token": csrf, "HX-Request": "true"},
        )

        assert answer.status_code == 200
        assert "45\u00a0500,00\u00a0zł" in answer.text
        assert 'id="chk-f-budget-requested-grant"' in answer.text
        assert "przekracza maksymalną" in answer.text
        assert 'hx-swap-oob="true"' in answer.text
        assert (await _stored(scene, ngo, offer_id))["content"]["budget"]["lines"] == []

    async def test_a_half_typed_line_still_has_totals_and_names_what_is_missing(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        offer_id, _ = await _started(portal, scene, ngo)
        path = f"/offers/{offer_id}/steps/budget"
        line = {**_budget_line(0, "8000"), "budget.lines[0].name": ""}

        answer = await portal.post(
            f"{path}/checks",
            data={"rows": "1", **line},
            headers={"X-CSRF-Token": await portal.csrf(path), "HX-Request": "true"},
        )

        assert "8\u00a0000,00\u00a0zł" in answer.text
        slot = answer.text.split('id="chk-f-budget-lines-0-name"', 1)[1].split("</div>", 1)[0]
        assert "To pole jest wymagane." in slot

    async def test_rows_are_added_and_removed_without_javascript(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        offer_id, _ = await _started(portal, scene, ngo)
        path = f"/offers/{offer_id}/steps/budget"
        two = {"rows": "2", **_budget_line(0, "10000"), **_budget_line(1, "7000")}

        added = await portal.submit(path, {**two, "add_row": "1"}, page=path)
        removed = await portal.submit(path, {**two, "remove_row": "0"}, page=path)

        assert added.status_code == 200
        assert 'name="budget.lines[2].key"' in added.text
        assert 'name="budget.lines[1].key" type="text" value="I.2"' in added.text
        assert removed.status_code == 200
        assert 'name="budget.lines[1].key"' not in removed.text
        assert 'value="I.2"' in removed.text
        assert "7\u00a0000,00\u00a0zł" in removed.text  # totals of what is left

    async def test_a_refused_field_shows_at_it_and_keeps_what_was_typed(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        offer_id, _ = await _started(portal, scene, ngo)
        path = f"/offers/{offer_id}/steps/budget"

        answer = await portal.submit(
            path, {"rows": "1", **_budget_line(0, "dużo"), "go": "partners"}, page=path
        )

        assert answer.status_code == 422
        assert 'href="#f-budget-lines-0-requested-grant"' in answer.text
        assert 'value="dużo"' in answer.text
        assert "Wpisz liczbę" in answer.text  # the grants service's message, in Polish


class TestJointOfferAndSubmission:
    async def test_a_partner_is_found_and_added(self, portal: PortalClient, scene: Scene) -> None:
        ngo = await scene.ngo("Fundacja Wiodąca")
        partner = await scene.ngo("Stowarzyszenie Partnerskie Zielone")
        offer_id, _ = await _started(portal, scene, ngo)
        path = f"/offers/{offer_id}/steps/partners"

        async def search() -> Any:
            # The public search finds a new organization once it has indexed it (a second).
            answer = await portal.submit(
                path, {"rows": "0", "partner_query": "Partnerskie", "find": "1"}, page=path
            )
            assert "Stowarzyszenie Partnerskie Zielone" in answer.text
            return answer

        found = await eventually(search)
        added = await portal.submit(path, {"rows": "0", "add_partner": partner.id}, page=path)

        assert "Stowarzyszenie Partnerskie Zielone" in found.text
        assert "Fundacja Wiodąca" not in found.text.split("Dodaj partnera")[-1]
        assert added.status_code == 303
        stored = await _stored(scene, ngo, offer_id)
        assert stored["content"]["partners"] == [
            {"organization_id": partner.id, "name": "Stowarzyszenie Partnerskie Zielone"}
        ]

    async def test_an_incomplete_offer_is_refused_with_links_to_its_fields(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        offer_id, _ = await _started(portal, scene, ngo)

        answer = await portal.submit(
            f"/offers/{offer_id}/submission", {}, page=f"/offers/{offer_id}/steps/summary"
        )

        assert answer.status_code == 422
        assert f'href="/offers/{offer_id}/steps/task#f-title"' in answer.text
        assert f'href="/offers/{offer_id}/steps/budget#f-budget-lines"' in answer.text

    async def test_a_complete_offer_is_submitted_and_printable(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo("Fundacja Drukowana")
        competition = await scene.announced()
        offer = await scene.offer(ngo, competition)
        await portal.sign_in(f"ngo-{ngo.id}")

        submitted = await portal.submit(
            f"/offers/{offer['id']}/submission", {}, page=f"/offers/{offer['id']}"
        )
        page = await portal.get(f"/offers/{offer['id']}")
        document = await portal.get(f"/offers/{offer['id']}/document")

        assert submitted.status_code == 303
        assert "złożona" in page.text
        assert document.status_code == 200
        assert "Fundacja Drukowana" in document.text
        assert "realizacji zadania publicznego" in document.text
        assert "<style>" not in document.text  # the portal's stylesheet, allowed by its CSP
        # Every table scrolls in its own labelled, focusable box on a phone.
        tables = document.text.count("<table")
        assert tables > 3
        assert document.text.count('role="region" tabindex="0" aria-label="Tabela ') == tables

    async def test_another_organization_gets_404(self, portal: PortalClient, scene: Scene) -> None:
        owner, other = await scene.ngo(), await scene.ngo()
        offer = await scene.offer(owner, await scene.announced())
        await portal.sign_in(f"ngo-{other.id}")

        answer = await portal.get(f"/offers/{offer['id']}/steps/task")

        assert answer.status_code == 404


class TestStartOffer:
    async def test_a_made_up_competition_gives_404(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        await portal.sign_in(f"ngo-{ngo.id}")

        answer = await portal.submit("/offers", {"competition_id": "../organizations"})

        assert answer.status_code == 404


class TestOfferPages:
    async def test_the_dashboard_links_each_offer_to_its_page(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        offer = await scene.offer(ngo, await scene.announced())
        await portal.sign_in(f"ngo-{ngo.id}")

        dashboard = await portal.get("/dashboard")
        page = await portal.get(f"/offers/{offer['id']}")

        assert f'href="/offers/{offer["id"]}"' in dashboard.text
        assert page.status_code == 200
        assert "Senior w ruchu" in page.text
        assert "szkic" in page.text

    async def test_a_step_reads_in_english_when_the_session_asks(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        offer = await scene.offer(ngo, await scene.announced())
        await portal.sign_in(f"ngo-{ngo.id}")
        await portal.submit("/language", {"language": "en", "next": "/"})

        answer = await portal.get(f"/offers/{offer['id']}/steps/budget")

        assert '<html lang="en">' in answer.text
        assert "Totals of the budget" in answer.text
        assert "Add a cost line" in answer.text

    async def test_a_resident_has_no_offers(self, portal: PortalClient) -> None:
        await portal.sign_in("resident")

        offers = await portal.get("/offers/any-offer/steps/task")
        small_grant = await portal.get("/small-grants/new")

        assert offers.status_code == 403
        assert small_grant.status_code == 403


def _small_grant_form(scene: Scene, grant: str, own: str = "0", **fields: str) -> dict[str, str]:
    start = scene.clock.now().date() + timedelta(days=30)
    return {
        "title": "Zielone podwórko",
        "place": "ul. Polna",
        "description": "Nasadzenia.",
        "task_period.start": start.isoformat(),
        "task_period.end": (start + timedelta(days=10)).isoformat(),
        "rows": "1",
        **_budget_line(0, grant, own),
        "qualitative_results": "Czyste podwórko",
        "send": "1",
        **fields,
    }


class TestSmallGrantOffer:
    async def test_sent_it_is_listed_as_received(self, portal: PortalClient, scene: Scene) -> None:
        ngo = await scene.ngo("Fundacja Mała")
        await portal.sign_in(f"ngo-{ngo.id}")

        sent = await portal.submit(
            "/small-grants/new",
            _small_grant_form(scene, "4 000,00", "400"),
            page="/small-grants/new",
        )
        mine = await portal.get("/small-grants/mine")

        assert sent.status_code == 303, sent.text
        assert "Zielone podwórko" in mine.text
        assert "przyjęta, czeka na publikację" in mine.text

    async def test_too_large_a_grant_shows_at_the_budget(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        await portal.sign_in(f"ngo-{ngo.id}")

        answer = await portal.submit(
            "/small-grants/new", _small_grant_form(scene, "12000"), page="/small-grants/new"
        )

        assert answer.status_code == 422
        assert "Mały grant nie może przekroczyć" in answer.text
        assert 'href="#f-budget-requested-grant"' in answer.text
