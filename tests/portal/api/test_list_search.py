"""Search boxes of the competitions and consultations lists: a GET form, htmx as you type."""

from __future__ import annotations

import httpx

from tests.grants.scene import Scene
from tests.portal.bodies import consultation_terms
from tests.portal.conftest import Backends, PortalClient
from tests.support.auth import TokenFactory, bearer
from tests.support.polling import eventually


async def _page_with(portal: PortalClient, path: str, q: str, text: str) -> httpx.Response:
    """Wait until the service's index, which follows its events, lets the page show `text`."""

    async def shown() -> httpx.Response:
        answer = await portal.get(path, params={"q": q})
        assert answer.status_code == 200, answer.text
        assert text in answer.text
        return answer

    return await eventually(shown, timeout=120)  # the first build waits for the dictionary


async def open_mobility_and_market(backends: Backends, token: TokenFactory, tenant_id: str) -> None:
    """Open two consultations; only the first has a section on bicycle paths."""
    consultations = backends["consultations"]
    officer = bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))
    document = {"sections": [{"number": 1, "title": "Ścieżki rowerowe", "text": "Trasy."}]}
    for title, body in (("Plan mobilności", document), ("Regulamin targowiska", None)):
        terms = consultation_terms(title=title, **({"document": body} if body else {}))
        drafted = await consultations.post("/consultations", json=terms, headers=officer)
        opened = await consultations.post(
            f"/consultations/{drafted.json()['id']}/open", headers=officer
        )
        assert opened.status_code == 200, opened.text


class TestCompetitionSearchBox:
    async def test_finds_a_polish_form_without_diacritics_and_marks_it(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        await scene.announced(title="Obozy żeglarskie dla młodzieży")
        await scene.announced(title="Festyn rodzinny w parku")
        path = f"/municipalities/{scene.tenant_id}/competitions"

        page = await _page_with(
            portal, path, "zeglarskie", "Obozy <mark>żeglarskie</mark> dla młodzieży"
        )

        assert "Festyn rodzinny" not in page.text
        assert 'role="search"' in page.text and f'hx-get="{path}"' in page.text
        assert "Szukaj konkursów po tytule, zadaniu lub obszarze" in page.text
        plain = await portal.get(path)
        assert "Festyn rodzinny w parku" in plain.text and "<mark>" not in plain.text

    async def test_too_long_a_query_shows_at_the_box(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        path = f"/municipalities/{scene.tenant_id}/competitions"

        answer = await portal.get(path, params={"q": "festyn " * 30})

        assert answer.status_code == 422
        assert 'href="#f-q"' in answer.text


class TestConsultationSearchBox:
    async def test_finds_a_section_title_and_marks_it(
        self, portal: PortalClient, backends: Backends, token: TokenFactory, tenant_id: str
    ) -> None:
        await open_mobility_and_market(backends, token, tenant_id)
        path = f"/municipalities/{tenant_id}/consultations"

        page = await _page_with(portal, path, "sciezka rowerowa", "<mark>Ścieżki</mark>")

        assert "Plan mobilności" in page.text
        assert "Regulamin targowiska" not in page.text
        assert "Szukaj konsultacji po tytule, przedmiocie lub rozdziale" in page.text
