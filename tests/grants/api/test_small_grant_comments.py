"""Public comments on small grants: their own collection, limits, and they never block the offer."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from services.grants.repository import SmallGrantCommentRepository
from tests.conftest import AppClientFactory
from tests.grants.api.test_small_grants_and_views import _published, _set_caps
from tests.grants.scene import Scene, ok
from tests.support.http import error_fields, problem
from tests.support.services import ServiceClient

PER_AUTHOR, PER_ADDRESS = 3, 5


@pytest.fixture
async def grants(app_client: AppClientFactory) -> ServiceClient:
    """Grants with small comment limits, so that tests reach them quickly."""
    return await app_client(
        "grants",
        deadline_job_seconds=0.2,
        report_notice_job_seconds=0.2,
        small_grant_comments_per_author=PER_AUTHOR,
        small_grant_comments_per_address=PER_ADDRESS,
    )


def _from(grants: ServiceClient, address: str) -> httpx.AsyncClient:
    """Return a client of the same in-process service calling from another address."""
    transport = httpx.ASGITransport(app=grants.app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://grants")


def _comments_path(scene: Scene, small_grant_id: str) -> str:
    return f"/public/municipalities/{scene.tenant_id}/small-grants/{small_grant_id}/comments"


async def _comment(client: httpx.AsyncClient, path: str, text: str, **headers: Any) -> Any:
    return await client.post(path, json={"text": text}, headers=headers)


class TestCommentsNeverBlockTheOffer:
    async def test_many_long_comments_then_the_officer_still_declines(self, scene: Scene) -> None:
        published = await _published(scene, await scene.ngo())
        path = _comments_path(scene, published["id"])
        flood = "🙂" * 5_000  # 4 bytes each in UTF-8: the most a comment may weigh
        for address in range(12):
            async with _from(scene.grants, f"203.0.113.{address}") as client:
                for _ in range(PER_ADDRESS):
                    ok(await _comment(client, path, flood), 201)

        stored = await scene.grants.database["small_grants"].find_one({"_id": published["id"]})
        assert stored is not None and "comments" not in stored["data"]
        assert stored["version"] == 1  # received, then published; comments never rewrote it
        reason = {"reason": "Brak środków w budżecie."}
        declined = await scene.grants.post(
            f"/small-grants/{published['id']}/decline", json=reason, headers=scene.officer
        )
        assert ok(declined)["state"] == "declined"

    async def test_the_officer_concludes_after_a_flood(self, scene: Scene) -> None:
        published = await _published(scene, await scene.ngo())
        path = _comments_path(scene, published["id"])
        for address in range(6):
            async with _from(scene.grants, f"198.51.100.{address}") as client:
                for _ in range(PER_ADDRESS):
                    ok(await _comment(client, path, "x" * 5_000), 201)
        scene.clock.advance(timedelta(days=8))
        await _set_caps(scene)
        agreement = await scene.grants.post(
            f"/small-grants/{published['id']}/agreement", headers=scene.officer
        )
        assert ok(agreement, 201)["small_grant_id"] == published["id"]


class TestCommentLimits:
    async def test_a_comment_longer_than_the_limit_is_refused(self, scene: Scene) -> None:
        published = await _published(scene, await scene.ngo())
        path = _comments_path(scene, published["id"])
        answer = await _comment(scene.grants, path, "x" * 5_001)
        assert error_fields(problem(answer, 422)) == ["text"]
        ok(await _comment(scene.grants, path, "x" * 5_000), 201)

    async def test_one_address_leaves_a_bounded_number_of_comments(self, scene: Scene) -> None:
        published = await _published(scene, await scene.ngo())
        path = _comments_path(scene, published["id"])
        async with _from(scene.grants, "192.0.2.7") as client:
            for _ in range(PER_ADDRESS):
                ok(await _comment(client, path, "Popieram."), 201)
            refused = problem(await _comment(client, path, "Popieram."), 409)
        assert refused["reason"] == "comment-limit-per-address"
        async with _from(scene.grants, "192.0.2.8") as other:
            ok(await _comment(other, path, "Popieram."), 201)

    async def test_one_author_leaves_a_bounded_number_of_comments(self, scene: Scene) -> None:
        published = await _published(scene, await scene.ngo())
        path = _comments_path(scene, published["id"])
        resident = scene.person(subject="resident-with-opinions")
        for address in range(PER_AUTHOR):
            async with _from(scene.grants, f"192.0.2.{20 + address}") as client:
                ok(await client.post(path, json={"text": "Uwaga."}, headers=resident), 201)
        async with _from(scene.grants, "192.0.2.99") as client:
            refused = await client.post(path, json={"text": "Uwaga."}, headers=resident)
        assert problem(refused, 409)["reason"] == "comment-limit-per-author"


class TestListingComments:
    async def test_pages_through_every_comment_oldest_first(self, scene: Scene) -> None:
        ngo = await scene.ngo()
        published = await _published(scene, ngo)
        path = _comments_path(scene, published["id"])
        texts = [f"Uwaga {n}" for n in range(PER_ADDRESS)]
        for text in texts:
            ok(await _comment(scene.grants, path, text), 201)
            scene.clock.advance(timedelta(milliseconds=5))

        listing = f"/small-grants/{published['id']}/comments"
        first = ok(await scene.grants.get(f"{listing}?limit=3", headers=ngo.member))
        assert [c["text"] for c in first["items"]] == texts[:3]
        second = ok(
            await scene.grants.get(
                f"{listing}?limit=3&after={first['next_cursor']}", headers=ngo.member
            )
        )
        assert ([c["text"] for c in second["items"]], second["next_cursor"]) == (texts[3:], None)
        seen = ok(await scene.grants.get(f"/small-grants/{published['id']}", headers=scene.officer))
        assert [c["text"] for c in seen["comments"]] == texts

    async def test_a_comment_stored_before_keys_is_listed_after_the_start_up_pass(
        self, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        published = await _published(scene, ngo)
        ok(await _comment(scene.grants, _comments_path(scene, published["id"]), "Stara uwaga"), 201)
        comments = scene.grants.database["small_grant_comments"]
        await comments.update_many({"small_grant_id": published["id"]}, {"$unset": {"key": ""}})
        await comments.delete_one({"_id": "!keyed"})  # as an earlier version left the store

        keyed = await SmallGrantCommentRepository(scene.grants.database).backfill()

        listing = f"/small-grants/{published['id']}/comments"
        page = ok(await scene.grants.get(listing, headers=ngo.member))
        assert keyed >= 1
        assert [c["text"] for c in page["items"]] == ["Stara uwaga"]
        assert await SmallGrantCommentRepository(scene.grants.database).backfill() == 0

    async def test_another_tenant_reads_no_comments(self, scene: Scene) -> None:
        published = await _published(scene, await scene.ngo())
        stranger = scene.person("tenant_officer", tenant_id="9999999")
        listing = f"/small-grants/{published['id']}/comments"
        problem(await scene.grants.get(listing, headers=stranger), 404)
