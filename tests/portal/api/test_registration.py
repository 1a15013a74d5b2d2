"""An NGO member registers an organization and follows its verification."""

from __future__ import annotations

import re

from tests.grants.scene import Scene, ok
from tests.portal.conftest import PortalClient
from tests.support.factories import unique_nip


async def _register(portal: PortalClient, name: str) -> str:
    answer = await portal.submit(
        "/registrations/new",
        {"name": name, "legal_form": "foundation", "nip": unique_nip(),
         "address.city": "Wrocław", "address.postal_code": "50-001"},
        page="/registrations/new",
    )  # fmt: skip
    assert answer.status_code == 303, answer.text
    found = re.fullmatch(r"/registrations/([^/?]+)\?sent=1", answer.headers["location"])
    assert found
    return found.group(1)


class TestSelfRegistration:
    async def test_a_problem_shows_at_its_field_and_nothing_is_registered(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        await portal.sign_in("ngo-new")

        answer = await portal.submit(
            "/registrations/new",
            {"name": "Fundacja Błędna", "legal_form": "foundation", "nip": "1234567890"},
            page="/registrations/new",
        )

        assert answer.status_code == 422
        assert 'href="#f-nip"' in answer.text
        assert 'value="Fundacja Błędna"' in answer.text  # what was typed stays
        listed = await portal.get("/registrations")
        assert "Fundacja Błędna" not in listed.text

    async def test_follows_the_registration_from_pending_to_refused_with_the_reason(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        await portal.sign_in("ngo-new")
        organization_id = await _register(portal, "Fundacja Zgłoszona")

        pending = await portal.get(f"/registrations/{organization_id}?sent=1")
        assert pending.status_code == 200
        assert "Zgłoszenie zostało wysłane" in pending.text
        assert "czeka na weryfikację" in pending.text
        listed = await portal.get("/registrations")
        assert f'href="/registrations/{organization_id}"' in listed.text

        reason = {"reason": "NIP należy do innej organizacji."}
        ok(await scene.registry.post(
            f"/organizations/{organization_id}/verification/refusal",
            json=reason, headers=scene.officer,
        ))  # fmt: skip
        refused = await portal.get(f"/registrations/{organization_id}")
        assert "odrzucona" in refused.text
        assert "NIP należy do innej organizacji." in refused.text

    async def test_a_verified_registration_says_so(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        await portal.sign_in("ngo-new")
        organization_id = await _register(portal, "Fundacja Zweryfikowana")

        path = f"/organizations/{organization_id}/verification"
        ok(await scene.registry.post(path, headers=scene.officer))
        verified = await portal.get(f"/registrations/{organization_id}")

        assert "zweryfikowana" in verified.text
        assert f'href="/organizations/{organization_id}"' in verified.text

    async def test_another_member_cannot_see_my_registration(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        other = await scene.ngo("Stowarzyszenie Ciekawskie")
        await portal.sign_in("ngo-new")
        organization_id = await _register(portal, "Fundacja Prywatna")
        await portal.post("/sign-out", data={"csrf_token": await portal.csrf()})
        await portal.sign_in(f"ngo-{other.id}")

        answer = await portal.get(f"/registrations/{organization_id}")

        assert answer.status_code == 404

    async def test_a_resident_may_not_register(self, portal: PortalClient) -> None:
        await portal.sign_in("resident")

        assert (await portal.get("/registrations/new")).status_code == 403
