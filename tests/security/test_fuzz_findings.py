"""What the fuzzer found, replayed as the exact requests it sent."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from tests.conftest import AppClientFactory
from tests.registry.conftest import register
from tests.support.auth import TokenFactory, bearer
from tests.support.namespace import new_tenant_id

ATOM = "{http://www.w3.org/2005/Atom}"


class TestAtomFeedOfOrganizations:
    async def test_a_control_character_in_a_profile_never_breaks_the_feed(
        self, app_client: AppClientFactory, token: TokenFactory
    ) -> None:
        registry = await app_client("registry")
        tenant_id = new_tenant_id()
        admin = bearer(token(tenant_id=tenant_id, roles=["platform_admin"]))
        tenant = {"id": tenant_id, "name": "Gmina Testowa", "kind": "municipality"}
        assert (await registry.post("/tenants", json=tenant, headers=admin)).status_code == 201
        officer = bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))
        created = await register(registry, officer, name="Fundacja Bez Znaków")
        # The profile change is refused at the door once text fields refuse control
        # characters; either way the feed must still answer.
        await registry.patch(
            f"/organizations/{created['id']}",
            json={"description": "Opis\x0bz tabulatorem\x00pionowym"},
            headers=officer,
        )

        feed = await registry.get(f"/public/municipalities/{tenant_id}/organizations.atom")

        assert feed.status_code == 200, feed.text
        root = ElementTree.fromstring(feed.content)  # noqa: S314 (our own service's answer)
        summaries = [e.findtext(f"{ATOM}summary") for e in root.iter(f"{ATOM}entry")]
        assert summaries in (["Opisz tabulatorempionowym"], ["Fundacja Bez Znaków"])
