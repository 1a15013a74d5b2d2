"""An NGO member's dashboard and profile, a resident's comment, the inbox."""

from __future__ import annotations

from typing import Any

from tests.grants.scene import Scene
from tests.portal.bodies import consultation_terms
from tests.portal.conftest import Backends, PortalClient
from tests.support.auth import TokenFactory, bearer


async def _open_consultation(
    backends: Backends, token: TokenFactory, tenant_id: str
) -> dict[str, Any]:
    officer = bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))
    consultations = backends["consultations"]
    drafted = await consultations.post("/consultations", json=consultation_terms(), headers=officer)
    assert drafted.status_code == 201, drafted.text
    opened = await consultations.post(
        f"/consultations/{drafted.json()['id']}/open", headers=officer
    )
    assert opened.status_code == 200, opened.text
    return dict(opened.json())


class TestDashboard:
    async def test_shows_my_organization_and_my_offers(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo("Stowarzyszenie Pulpit")
        competition = await scene.announced()
        await scene.offer(ngo, competition)

        await portal.sign_in(f"ngo-{ngo.id}")
        answer = await portal.get("/dashboard")

        assert answer.status_code == 200
        assert "Stowarzyszenie Pulpit" in answer.text
        assert "szkic" in answer.text  # the draft offer's state, in Polish
        assert "20\u00a0000,00\u00a0zł" in answer.text  # the requested grant as Poles write it


class TestEditProfile:
    async def test_a_problem_shows_at_its_field_and_nothing_is_saved(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo("Fundacja Profil")
        await portal.sign_in(f"ngo-{ngo.id}")
        form = await portal.get("/organization/edit")

        answer = await portal.submit(
            "/organization/edit",
            {
                "name": "Fundacja Profil",
                "public_email": "to nie jest e-mail",
                "address.postal_code": "5000",
            },
            page="/organization/edit",
        )

        assert form.status_code == 200
        assert answer.status_code == 422
        assert 'href="#f-public-email"' in answer.text
        assert 'id="f-public-email" name="public_email"' in answer.text
        assert 'aria-invalid="true"' in answer.text
        assert "to nie jest e-mail" in answer.text  # what was typed stays in the form
        stored = await scene.registry.get(f"/organizations/{ngo.id}", headers=scene.officer)
        assert stored.json()["public_email"] is None

    async def test_a_valid_change_is_saved(self, portal: PortalClient, scene: Scene) -> None:
        ngo = await scene.ngo("Fundacja Zapis")
        await portal.sign_in(f"ngo-{ngo.id}")

        answer = await portal.submit(
            "/organization/edit",
            {"name": "Fundacja Zapis", "public_email": "biuro@zapis.example.org"},
            page="/organization/edit",
        )

        assert answer.status_code == 303
        stored = await scene.registry.get(f"/organizations/{ngo.id}", headers=scene.officer)
        assert stored.json()["public_email"] == "biuro@zapis.example.org"

    async def test_a_resident_may_not_edit_any_profile(self, portal: PortalClient) -> None:
        await portal.sign_in("resident")

        answer = await portal.get("/organization/edit")

        assert answer.status_code == 403


class TestResidentComment:
    async def test_comments_on_a_section_and_sees_it(
        self, portal: PortalClient, backends: Backends, token: TokenFactory, tenant_id: str
    ) -> None:
        consultation = await _open_consultation(backends, token, tenant_id)
        path = f"/municipalities/{tenant_id}/consultations/{consultation['id']}"
        await portal.sign_in("resident")

        sent = await portal.submit(
            f"{path}/comments",
            {
                "section_number": "2",
                "proposed_wording": "Pomoc społeczna, sport, seniorzy.",
                "justification": "Więcej zajęć dla seniorów.",
            },
            page=path,
        )

        assert sent.status_code == 303
        page = await portal.get(path)
        assert "Więcej zajęć dla seniorów." in page.text
        assert "Jeszcze bez odpowiedzi." in page.text

    async def test_a_missing_justification_shows_at_its_field(
        self, portal: PortalClient, backends: Backends, token: TokenFactory, tenant_id: str
    ) -> None:
        consultation = await _open_consultation(backends, token, tenant_id)
        path = f"/municipalities/{tenant_id}/consultations/{consultation['id']}"
        await portal.sign_in("resident")

        answer = await portal.submit(
            f"{path}/comments",
            {"section_number": "2", "proposed_wording": "Seniorzy.", "justification": ""},
            page=path,
        )

        assert answer.status_code == 422
        assert 'href="#f-justification"' in answer.text
