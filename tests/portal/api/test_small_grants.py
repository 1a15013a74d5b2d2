"""Small grants published for comments: anyone comments through the portal, without signing in."""

from __future__ import annotations

from tests.grants.api.test_small_grants_and_views import _published
from tests.grants.scene import Scene
from tests.portal.conftest import PortalClient


class TestSmallGrantComments:
    async def test_anyone_reads_the_offer_and_comments(
        self, portal: PortalClient, scene: Scene, tenant_id: str
    ) -> None:
        published = await _published(scene, await scene.ngo("Fundacja Mały Grant"))
        path = f"/municipalities/{tenant_id}/small-grants"

        listed = await portal.get(path)
        sent = await portal.submit(
            f"{path}/{published['id']}/comments",
            {"text": "Dobry pomysł na podwórko.", "author_name": "Sąsiadka"},
            page=path,
        )

        assert listed.status_code == 200
        assert "Fundacja Mały Grant" in listed.text
        assert sent.status_code == 303
        comments = await scene.grants.get(
            f"/small-grants/{published['id']}/comments", headers=scene.officer
        )
        assert [c["text"] for c in comments.json()["items"]] == ["Dobry pomysł na podwórko."]

    async def test_an_empty_comment_shows_at_its_field(
        self, portal: PortalClient, scene: Scene, tenant_id: str
    ) -> None:
        published = await _published(scene, await scene.ngo())
        path = f"/municipalities/{tenant_id}/small-grants"

        answer = await portal.submit(f"{path}/{published['id']}/comments", {"text": ""}, page=path)

        assert answer.status_code == 422
        assert 'href="#f-text"' in answer.text
        assert 'id="f-text" name="text"' in answer.text
