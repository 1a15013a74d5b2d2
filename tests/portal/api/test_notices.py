"""The inbox: the unread count in the header, the notices, marking one read."""

from __future__ import annotations

import html
import re

import pytest

from services.portal.api.pages.notices import PAGE_SIZE
from tests.grants.scene import Scene
from tests.notifications.inbox_items import inbox_item, write_items
from tests.portal.conftest import Backends, PortalClient
from tests.support.polling import eventually


class TestInbox:
    async def test_an_officer_reads_a_notice_and_marks_it_read(
        self, portal: PortalClient, scene: Scene, tenant_id: str
    ) -> None:
        ngo = await scene.ngo("Stowarzyszenie Powiadomione")
        await portal.sign_in(f"officer-{tenant_id}")

        async def unread_in_header() -> str:
            page = await portal.get("/notices")
            assert page.status_code == 200
            assert re.search(r'<span class="badge">1<span class="visually-hidden">', page.text)
            return page.text

        inbox = await eventually(unread_in_header)

        assert "1 nieprzeczytane powiadomienie" not in inbox  # the badge names it short
        assert "nieprzeczytane powiadomienie" in inbox  # Polish singular, for a screen reader
        assert f'href="/organizations/{ngo.id}"' in inbox  # the notice opens a portal page
        item = re.search(r'action="/notices/([^"]+)/read"', inbox)
        assert item
        marked = await portal.submit(f"/notices/{item.group(1)}/read", {}, page="/notices")
        assert marked.status_code == 303
        after = await portal.get("/notices")
        assert 'class="badge"' not in after.text
        assert (await portal.get(f"/organizations/{ngo.id}")).status_code == 200

    async def test_the_header_badge_is_refreshed_without_reloading(
        self, portal: PortalClient, tenant_id: str
    ) -> None:
        await portal.sign_in(f"officer-{tenant_id}")

        badge = await portal.get("/notices/unread", headers={"HX-Request": "true"})

        assert badge.status_code == 200
        assert badge.text.startswith('<span id="unread" hx-get="/notices/unread"')


class TestInboxPages:
    async def test_older_notices_are_a_link_away_and_none_is_shown_twice(
        self, portal: PortalClient, backends: Backends, tenant_id: str
    ) -> None:
        items = [inbox_item(tenant_id) for _ in range(PAGE_SIZE + 2)]
        await write_items(backends["notifications"], *items)
        await portal.sign_in(f"officer-{tenant_id}")

        first = await portal.get("/notices")
        older = re.search(r'<a class="button" rel="next" href="([^"]+)">Starsze</a>', first.text)
        assert older, first.text
        second = await portal.get(html.unescape(older.group(1)))

        shown = _titles(first.text) + _titles(second.text)
        assert shown == [item.title.pl for item in reversed(items)]
        assert "Starsze" not in second.text
        assert '<a href="/notices">Najnowsze</a>' in second.text
        assert (await portal.get("/notices?cursor=tampered")).status_code == 422
        await portal.submit("/language", {"language": "en", "next": "/notices"})
        english = await portal.get("/notices")
        assert 'rel="next"' in english.text and ">Older</a>" in english.text


def _titles(page: str) -> list[str]:
    return re.findall(r"<h2>(?:<span class=\"tag\">[^<]*</span> )?([^<]+)</h2>", page)


class TestNoticeLinks:
    @pytest.mark.parametrize(
        ("link", "page"),
        [
            ("/competitions/c-1", "/competitions/c-1"),
            ("/consultations/k-1", "/consultations/k-1"),
            ("/consultations/k-1/report", "/consultations/k-1/report"),
            ("/consultations/k-1/comments/u-1", "/consultations/k-1#my-comments"),
        ],
    )
    async def test_open_the_page_in_my_municipality(
        self, portal: PortalClient, tenant_id: str, link: str, page: str
    ) -> None:
        await portal.sign_in("resident")

        answer = await portal.get(link)

        assert answer.status_code == 303
        assert answer.headers["location"] == f"/municipalities/{tenant_id}{page}"

    async def test_ask_to_sign_in_first(self, portal: PortalClient) -> None:
        answer = await portal.get("/consultations/k-1")

        assert answer.headers["location"] == "/sign-in?next=%2Fconsultations%2Fk-1"
