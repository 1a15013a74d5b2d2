"""My subscription settings: kinds and channels, unsubscribing, back to the defaults."""

from __future__ import annotations

from tests.grants.scene import Scene, ok
from tests.portal.conftest import Backends, PortalClient
from tests.support.auth import TokenFactory, bearer


class TestSubscriptionSettings:
    async def test_changes_kinds_and_channels_then_unsubscribes_then_restores_defaults(
        self,
        portal: PortalClient,
        scene: Scene,
        backends: Backends,
        token: TokenFactory,
        tenant_id: str,
    ) -> None:
        ngo = await scene.ngo("Fundacja Subskrybująca")
        member = bearer(
            token(tenant_id=tenant_id, roles=["ngo_member"], subject=f"demo-ngo-{ngo.id}",
                  organization_id=ngo.id)
        )  # fmt: skip
        notifications = backends["notifications"]
        await portal.sign_in(f"ngo-{ngo.id}")

        shown = await portal.get("/subscriptions")
        saved = await portal.submit(
            "/subscriptions",
            {"kinds": ["competition_results", "index_published"], "inbox": "on",
             "email": "weekly"},
            page="/subscriptions",
        )  # fmt: skip

        assert shown.status_code == 200
        assert 'value="competition_announced" checked' in shown.text  # an NGO's default
        assert saved.headers["location"] == "/subscriptions?saved=1"
        mine = ok(await notifications.get("/subscriptions/me", headers=member))
        assert (mine["kinds"], mine["email"], mine["inbox"]) == (
            ["competition_results", "index_published"], "weekly", True,
        )  # fmt: skip
        assert "Ustawienia zostały zapisane." in (await portal.get(saved.headers["location"])).text

        await portal.submit("/subscriptions/unsubscribe", {}, page="/subscriptions")
        mine = ok(await notifications.get("/subscriptions/me", headers=member))
        assert (mine["kinds"], mine["email"], mine["inbox"]) == ([], "off", False)

        await portal.submit("/subscriptions/defaults", {}, page="/subscriptions")
        mine = ok(await notifications.get("/subscriptions/me", headers=member))
        assert mine["customized"] is False
        assert "competition_announced" in mine["kinds"]

    async def test_an_unknown_kind_is_refused_at_its_field(self, portal: PortalClient) -> None:
        await portal.sign_in("resident")

        answer = await portal.submit(
            "/subscriptions", {"kinds": ["no_such_kind"], "email": "off"}, page="/subscriptions"
        )

        assert answer.status_code == 422
        assert 'href="#f-kinds"' in answer.text
