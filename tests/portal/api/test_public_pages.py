"""The public pages: no sign-in, the backends' data in Polish by default, English on request."""

from __future__ import annotations

from tests.grants.scene import Scene
from tests.portal.conftest import PortalClient
from tests.support.polling import eventually


async def _searchable(scene: Scene, words: str) -> None:
    """Wait until the registry's search engine, which follows its events, finds the words."""

    async def found() -> None:
        answer = await scene.registry.get("/public/organizations", params={"q": words})
        assert answer.json()["items"], answer.text

    await eventually(found)


class TestHome:
    async def test_lists_the_municipalities_in_polish(
        self, portal: PortalClient, tenant_id: str
    ) -> None:
        answer = await portal.get("/")

        assert answer.status_code == 200
        assert '<html lang="pl">' in answer.text
        assert "Wybierz gminę" in answer.text
        assert f'href="/municipalities/{tenant_id}"' in answer.text

    async def test_the_language_switch_is_remembered(self, portal: PortalClient) -> None:
        switched = await portal.submit("/language", {"language": "en", "next": "/organizations"})

        assert switched.status_code == 303
        assert switched.headers["location"] == "/organizations"
        page = await portal.get("/")
        assert '<html lang="en">' in page.text
        assert "Choose a municipality" in page.text


class TestNgoDatabase:
    async def test_finds_an_organization_and_shows_its_profile(
        self, portal: PortalClient, scene: Scene, tenant_id: str
    ) -> None:
        ngo = await scene.ngo("Fundacja Portalowa")
        await _searchable(scene, "Portalowa")

        found = await portal.get("/organizations", params={"q": "Portalowa"})

        assert found.status_code == 200
        assert f'href="/organizations/{ngo.id}"' in found.text
        profile = await portal.get(f"/organizations/{ngo.id}")
        assert profile.status_code == 200
        assert "Fundacja Portalowa" in profile.text
        assert "stowarzyszenie" in profile.text  # the legal form, named in Polish


class TestSearchAsYouType:
    async def test_htmx_gets_only_the_results_and_a_restore_the_page(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        await scene.ngo("Fundacja Fragment")
        await _searchable(scene, "Fragment")

        fragment = await portal.get(
            "/organizations", params={"q": "Fragment"}, headers={"HX-Request": "true"}
        )
        restored = await portal.get(
            "/organizations",
            params={"q": "Fragment"},
            headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
        )

        assert fragment.text.startswith('<section id="results"')
        assert "Fundacja Fragment" in fragment.text
        assert fragment.headers["vary"] == "HX-Request"
        assert restored.text.startswith("<!doctype html>")

    async def test_a_bad_filter_shows_at_its_field(self, portal: PortalClient) -> None:
        answer = await portal.get("/organizations", params={"municipality": "Wrocław"})

        assert answer.status_code == 422
        assert 'href="#f-municipality"' in answer.text


class TestExports:
    async def test_the_csv_of_a_search_comes_through(
        self, portal: PortalClient, scene: Scene, tenant_id: str
    ) -> None:
        await scene.ngo("Fundacja Eksportowa")

        answer = await portal.get("/organizations.csv", params={"municipality": tenant_id})

        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/csv")
        assert "Fundacja Eksportowa" in answer.text

    async def test_the_atom_feed_comes_through(
        self, portal: PortalClient, scene: Scene, tenant_id: str
    ) -> None:
        answer = await portal.get(f"/municipalities/{tenant_id}/organizations.atom")

        assert answer.status_code == 200
        assert "<feed" in answer.text
