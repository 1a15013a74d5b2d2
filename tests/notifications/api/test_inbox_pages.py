"""The inbox pages through its streams with a cursor: no duplicates, no gaps, no leaks."""

from __future__ import annotations

import base64
import re
from typing import Any
from urllib.parse import parse_qs

import pytest

from services.notifications.domain.inbox import InboxItem
from services.notifications.repository import InboxRepository
from services.notifications.repository.inbox import _to_document  # the stored shape, as before
from tests.notifications.inbox_items import OFFICERS, inbox_item, write_items
from tests.support.auth import TokenFactory, bearer
from tests.support.http import error_fields, problem
from tests.support.namespace import new_tenant_id
from tests.support.services import ServiceClient

Headers = dict[str, str]


async def _page(
    notifications: ServiceClient, headers: Headers, **params: Any
) -> tuple[list[str], str | None]:
    answer = await notifications.get("/inbox", headers=headers, params=params)
    assert answer.status_code == 200, answer.text
    link = answer.headers.get("link")
    cursor = None
    if link is not None:
        match = re.fullmatch(r'</inbox\?([^>]+)>; rel="next"', link)
        assert match, link
        query = parse_qs(match.group(1))
        assert query["limit"] == [str(params.get("limit", 50))]
        [cursor] = query["cursor"]
    return [item["id"] for item in answer.json()], cursor


async def _all_pages(notifications: ServiceClient, headers: Headers, limit: int) -> list[list[str]]:
    pages, cursor = [], None
    while True:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        ids, cursor = await _page(notifications, headers, **params)
        pages.append(ids)
        if cursor is None:
            return pages


@pytest.fixture
def officer(token: TokenFactory, tenant_id: str) -> Headers:
    return bearer(token(tenant_id=tenant_id, roles=["tenant_officer"], subject="officer-a"))


class TestPaging:
    async def test_pages_cover_every_item_once_newest_first(
        self, notifications: ServiceClient, tenant_id: str, officer: Headers
    ) -> None:
        written = await write_items(notifications, *(inbox_item(tenant_id) for _ in range(7)))

        pages = await _all_pages(notifications, officer, limit=3)

        assert pages == [written[6:3:-1], written[3:0:-1], written[0:1]]

    async def test_items_arriving_between_pages_do_not_shift_the_next_page(
        self, notifications: ServiceClient, tenant_id: str, officer: Headers
    ) -> None:
        written = await write_items(notifications, *(inbox_item(tenant_id) for _ in range(5)))
        first, cursor = await _page(notifications, officer, limit=2)

        newer = await write_items(notifications, inbox_item(tenant_id), inbox_item(tenant_id))
        second, cursor = await _page(notifications, officer, limit=2, cursor=cursor)
        third, last = await _page(notifications, officer, limit=2, cursor=cursor)

        assert first + second + third == written[::-1]
        assert last is None
        top, _ = await _page(notifications, officer, limit=2)
        assert top == newer[::-1]

    async def test_an_item_addressed_twice_to_one_person_comes_once(
        self, notifications: ServiceClient, tenant_id: str, officer: Headers
    ) -> None:
        mine = "user:officer-a"
        items = [
            inbox_item(tenant_id, OFFICERS, mine),
            inbox_item(tenant_id, mine),
            inbox_item(tenant_id, OFFICERS),
            inbox_item(tenant_id, OFFICERS, mine),
            inbox_item(tenant_id, mine),
        ]
        written = await write_items(notifications, *items)

        pages = await _all_pages(notifications, officer, limit=2)

        assert [i for page in pages for i in page] == written[::-1]

    async def test_the_last_page_has_no_next_link(
        self, notifications: ServiceClient, tenant_id: str, officer: Headers
    ) -> None:
        await write_items(notifications, inbox_item(tenant_id), inbox_item(tenant_id))

        ids, cursor = await _page(notifications, officer, limit=5)

        assert len(ids) == 2
        assert cursor is None


class TestExcluded:
    async def test_an_item_is_hidden_from_the_subject_it_excludes_only(
        self, notifications: ServiceClient, token: TokenFactory, tenant_id: str, officer: Headers
    ) -> None:
        items = [inbox_item(tenant_id, excluded=("officer-a",) if n % 2 else ()) for n in range(6)]
        written = await write_items(notifications, *items)
        colleague = bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))

        mine = await _all_pages(notifications, officer, limit=2)

        assert [i for page in mine for i in page] == written[4::-2]
        assert all(len(page) == 2 for page in mine[:-1])
        assert [
            i for page in await _all_pages(notifications, colleague, limit=4) for i in page
        ] == (written[::-1])
        unread = await notifications.get("/inbox/unread-count", headers=officer)
        assert unread.json() == {"unread": 3}


class TestTenants:
    async def test_another_municipalitys_officer_sees_none_of_the_items(
        self, notifications: ServiceClient, token: TokenFactory, tenant_id: str, officer: Headers
    ) -> None:
        await write_items(notifications, *(inbox_item(tenant_id) for _ in range(3)))
        outsider = bearer(
            token(tenant_id=new_tenant_id(), roles=["tenant_officer"], subject="officer-a")
        )
        _, cursor = await _page(notifications, officer, limit=1)

        assert await _page(notifications, outsider) == ([], None)
        # A cursor carries positions, never the tenant: the token decides whose streams.
        assert await _page(notifications, outsider, limit=1, cursor=cursor) == ([], None)


def _cursor(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode()


class TestGarbageCursor:
    @pytest.mark.parametrize(
        "cursor",
        [
            "not a cursor",
            _cursor("no separator"),
            _cursor("20260105T090100000000\x00item\x00[1, 2]"),
            _cursor('20260105T090100000000\x00item\x00{"role:tenant_officer": "x"}'),
            _cursor("yesterday\x00item\x00{}"),
            _cursor("20260105T090100000000\x00item\x00" + "[" * 500),
        ],
    )
    async def test_answers_422_naming_the_cursor(
        self, notifications: ServiceClient, officer: Headers, cursor: str
    ) -> None:
        answer = await notifications.get("/inbox", headers=officer, params={"cursor": cursor})

        assert error_fields(problem(answer, 422)) == ["cursor"]


async def _write_before_streams(notifications: ServiceClient, *items: InboxItem) -> list[str]:
    """Write items as the service did before the inbox had streams: the items alone."""
    documents = [{"_id": item.id, **_to_document(item)} for item in items]
    await notifications.database["inbox_items"].insert_many(documents)
    return [item.id for item in items]


class TestBackfill:
    async def test_items_from_before_the_streams_are_listed_under_new_ones(
        self, notifications: ServiceClient, tenant_id: str, officer: Headers
    ) -> None:
        old = await _write_before_streams(notifications, *(inbox_item(tenant_id) for _ in range(3)))
        repository = InboxRepository(notifications.database)
        # The service backfilled at start, before these existed: as after an upgrade.
        await notifications.database["inbox_heads"].delete_one({"_id": "!backfilled"})

        assert await repository.backfill() == 3
        new = await write_items(notifications, inbox_item(tenant_id))

        pages = await _all_pages(notifications, officer, limit=2)
        assert [i for page in pages for i in page] == new + old[::-1]
        assert await repository.backfill() == 0

    async def test_a_backfill_run_again_after_a_crash_adds_nothing_twice(
        self, notifications: ServiceClient, tenant_id: str, officer: Headers
    ) -> None:
        old = await _write_before_streams(notifications, *(inbox_item(tenant_id) for _ in range(3)))
        repository = InboxRepository(notifications.database)
        for _ in range(2):  # the first run "crashed" before it recorded its end
            await notifications.database["inbox_heads"].delete_one({"_id": "!backfilled"})
            await repository.backfill()

        pages = await _all_pages(notifications, officer, limit=2)
        assert [i for page in pages for i in page] == old[::-1]
