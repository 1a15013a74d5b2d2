"""Pages of offer lists: `_id` ranges of a read model, the next page in the Link header."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from services.grants.repository import OfferRepository
from tests.grants.scene import Headers, Json, Scene, ok
from tests.support.http import error_fields, problem
from tests.support.namespace import new_tenant_id
from tests.support.services import ServiceClient

_NEXT = re.compile(r"<(?P<url>[^>]+)>; rel=\"next\"")


async def _walk(
    grants: ServiceClient,
    headers: Headers,
    url: str,
    between: Callable[[], Awaitable[None]] | None = None,
) -> list[str]:
    """Follow the next links from `url`; call `between()` after the first page."""
    ids: list[str] = []
    first = True
    while url:
        answer = await grants.get(url, headers=headers)
        ids += [offer["id"] for offer in ok(answer)]
        if first and between is not None:
            await between()
        first = False
        link = _NEXT.search(answer.headers.get("link", ""))
        url = link["url"] if link else ""
    return ids


class TestOffersReceived:
    async def test_pages_neither_repeat_nor_skip_across_writes(self, scene: Scene) -> None:
        competition = await scene.announced()
        first, second = await scene.ngo(), await scene.ngo()
        a = await scene.submitted(first, competition)
        b = await scene.submitted(second, competition)
        c = await scene.submitted(first, competition)
        late = await scene.offer(second, competition)
        await scene.offer(first, competition)  # a draft stays the organization's own

        async def submit_between_pages() -> None:
            path = f"/offers/{late['id']}/submission"
            ok(await scene.grants.post(path, headers=second.member))

        url = f"/competitions/{competition['id']}/offers?limit=2"
        ids = await _walk(scene.grants, scene.officer, url, submit_between_pages)

        assert ids == [a["id"], b["id"], c["id"], late["id"]]

    async def test_another_municipality_never_reads_them(self, scene: Scene) -> None:
        competition = await scene.announced()
        ngo = await scene.ngo()
        await scene.submitted(ngo, competition)
        stranger = scene.person("tenant_officer", tenant_id=new_tenant_id())

        answer = await scene.grants.get(
            f"/competitions/{competition['id']}/offers", headers=stranger
        )

        problem(answer, 404)

    async def test_a_garbage_cursor_is_refused_naming_it(self, scene: Scene) -> None:
        competition = await scene.announced()

        answer = await scene.grants.get(
            f"/competitions/{competition['id']}/offers",
            params={"cursor": "not-a-cursor!"},
            headers=scene.officer,
        )

        assert error_fields(problem(answer, 422)) == ["cursor"]


class TestMyOffers:
    async def test_pages_newest_first_and_a_new_draft_does_not_shift_them(
        self, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        competitions = [await scene.announced() for _ in range(2)]
        drafted = [await scene.offer(ngo, c) for c in competitions * 2]
        newer: list[Json] = []

        async def draft_between_pages() -> None:
            newer.append(await scene.offer(ngo, competitions[0]))

        ids = await _walk(scene.grants, ngo.member, "/offers?limit=3", draft_between_pages)

        assert ids == [o["id"] for o in reversed(drafted)]
        assert ok(await scene.grants.get("/offers", headers=ngo.member))[0]["id"] == newer[0]["id"]

    async def test_another_organization_or_municipality_sees_none_of_them(
        self, scene: Scene
    ) -> None:
        ngo, other = await scene.ngo(), await scene.ngo()
        await scene.offer(ngo, await scene.announced())
        elsewhere = scene.person("ngo_member", tenant_id=new_tenant_id(), organization_id=ngo.id)

        assert ok(await scene.grants.get("/offers", headers=other.member)) == []
        assert ok(await scene.grants.get("/offers", headers=elsewhere)) == []


class TestBackfill:
    async def test_offers_stored_before_the_lists_are_listed_after_start_up(
        self, scene: Scene
    ) -> None:
        competition = await scene.announced()
        ngo = await scene.ngo()
        submitted = await scene.submitted(ngo, competition)
        draft = await scene.offer(ngo, competition)
        entries = scene.grants.database["offer_list_entries"]
        await entries.delete_many({})  # as a store kept before the read model existed

        offers = OfferRepository(scene.grants.database)
        placed = await offers.backfill_lists()
        again = await offers.backfill_lists()

        assert placed >= 2 and again == 0
        received = ok(
            await scene.grants.get(
                f"/competitions/{competition['id']}/offers", headers=scene.officer
            )
        )
        assert [o["id"] for o in received] == [submitted["id"]]
        mine = ok(await scene.grants.get("/offers", headers=ngo.member))
        assert [o["id"] for o in mine] == [draft["id"], submitted["id"]]
