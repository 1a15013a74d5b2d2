"""The organization search and the pages a notice opens, over scripted backends."""

from __future__ import annotations

from tests.portal.fakes import FakePortal, user

TENANT = "0264011"
OFFICER = user(TENANT, "tenant_officer", token="officer-token")
FOUND = {
    "id": "org-1", "name": "Fundacja Pomocy", "legal_form": "foundation", "verified": True,
    "public_benefit_areas": [], "address": {"city": "Wrocław"},
}  # fmt: skip


class TestSearch:
    async def test_passes_the_filters_and_links_the_next_page(self, portal: FakePortal) -> None:
        portal.backends.answer("public_organizations", {"items": [FOUND], "next_cursor": "n2"})

        answer = await portal.client.get(
            "/organizations", params={"q": "pomoc", "area": "culture", "ignored": "x"}
        )

        assert answer.status_code == 200 and "Fundacja Pomocy" in answer.text
        assert "cursor=n2" in answer.text
        assert answer.headers["vary"] == "HX-Request"
        asked = portal.backends.called("public_organizations")[0]
        assert asked.params == {"q": "pomoc", "area": "culture", "limit": 20}

    async def test_htmx_gets_only_the_results(self, portal: FakePortal) -> None:
        portal.backends.answer("public_organizations", {"items": [FOUND], "next_cursor": None})

        answer = await portal.client.get("/organizations", headers={"HX-Request": "true"})

        assert "Fundacja Pomocy" in answer.text and "<html" not in answer.text

    async def test_a_refused_filter_shows_on_the_whole_page(self, portal: FakePortal) -> None:
        problem = [{"field": "query.legal_form", "message": "Nieznana forma prawna."}]
        portal.backends.refuse("public_organizations", 422, errors=problem)

        answer = await portal.client.get(
            "/organizations", params={"legal_form": "x"}, headers={"HX-Request": "true"}
        )

        assert answer.status_code == 422
        assert "Nieznana forma prawna." in answer.text and "<html" in answer.text


class TestNoticeTargets:
    async def test_results_open_in_the_user_s_municipality(self, portal: FakePortal) -> None:
        await portal.sign_in(OFFICER)

        answer = await portal.client.get("/competitions/c 1/results")

        assert answer.status_code == 303
        assert answer.headers["location"] == f"/municipalities/{TENANT}/competitions/c%201/results"

    async def test_an_unverified_organization_is_not_found_for_a_visitor(
        self, portal: FakePortal
    ) -> None:
        portal.backends.refuse("public_organization", 404)

        answer = await portal.client.get("/organizations/org-new")

        assert answer.status_code == 404
        assert portal.backends.called("organization") == []

    async def test_an_officer_reads_an_unverified_organization_with_their_token(
        self, portal: FakePortal
    ) -> None:
        portal.backends.refuse("public_organization", 404)
        portal.backends.answer("organization", {**FOUND, "verified": False})
        await portal.sign_in(OFFICER)

        answer = await portal.client.get("/organizations/org-1")

        assert answer.status_code == 200 and "Fundacja Pomocy" in answer.text
        assert portal.backends.called("organization")[0].token == "officer-token"

    async def test_a_closed_competition_of_another_municipality_is_not_found(
        self, portal: FakePortal
    ) -> None:
        portal.backends.answer("open_competitions", [])
        portal.backends.answer("competition", {"id": "c-1", "tenant_id": "0223044"})
        await portal.sign_in(OFFICER)

        answer = await portal.client.get(f"/municipalities/{TENANT}/competitions/c-1")

        assert answer.status_code == 404
