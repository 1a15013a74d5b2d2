"""Public lists and the inbox over scripted backends: what is asked, in what order it shows."""

from __future__ import annotations

import pytest

from tests.portal.fakes import FakePortal, user

TENANT = "0264011"
RESIDENT = user(TENANT, token="resident-token")


def competition(id_: str, title: str, deadline: str) -> dict[str, object]:
    return {
        "id": id_, "title": title, "area": "culture", "total_funds": "1000.00",
        "offer_deadline": deadline,
    }  # fmt: skip


class TestOpenCompetitions:
    async def test_without_words_the_nearest_deadline_comes_first(self, portal: FakePortal) -> None:
        late = competition("c-late", "Późny konkurs", "2026-12-20T12:00:00Z")
        soon = competition("c-soon", "Pilny konkurs", "2026-12-01T12:00:00Z")
        portal.backends.answer("open_competitions", [late, soon])

        answer = await portal.client.get(f"/municipalities/{TENANT}/competitions")

        assert answer.status_code == 200
        assert answer.text.index("Pilny konkurs") < answer.text.index("Późny konkurs")
        asked = portal.backends.called("open_competitions")[0]
        assert asked.path == {"municipality_id": TENANT} and asked.params == {}

    async def test_with_words_the_service_s_ranking_stays(self, portal: FakePortal) -> None:
        late = competition("c-late", "Późny konkurs", "2026-12-20T12:00:00Z")
        soon = competition("c-soon", "Pilny konkurs", "2026-12-01T12:00:00Z")
        portal.backends.answer("open_competitions", [late, soon])

        answer = await portal.client.get(
            f"/municipalities/{TENANT}/competitions", params={"q": "  konkurs "}
        )

        assert answer.text.index("Późny konkurs") < answer.text.index("Pilny konkurs")
        assert portal.backends.called("open_competitions")[0].params == {"q": "konkurs"}

    async def test_words_the_service_refuses_are_shown_at_the_box(self, portal: FakePortal) -> None:
        errors = [{"field": "q", "message": "Za długie zapytanie."}]
        portal.backends.refuse("open_competitions", 422, errors=errors)

        answer = await portal.client.get(
            f"/municipalities/{TENANT}/competitions", params={"q": "x" * 200}
        )

        assert answer.status_code == 422
        assert "Za długie zapytanie." in answer.text

    async def test_a_municipality_id_of_the_wrong_shape_asks_nobody(
        self, portal: FakePortal
    ) -> None:
        answer = await portal.client.get("/municipalities/wroclaw/competitions")

        assert answer.status_code == 400
        assert portal.backends.calls == []

    async def test_an_open_competition_shows_its_announcement(self, portal: FakePortal) -> None:
        portal.backends.answer(
            "open_competitions", [competition("c-1", "Lato w mieście", "2026-12-01T12:00:00Z")]
        )

        answer = await portal.client.get(f"/municipalities/{TENANT}/competitions/c-1")

        assert answer.status_code == 200 and "Lato w mieście" in answer.text


class TestFeeds:
    @pytest.mark.parametrize(
        ("path", "route"),
        [
            ("competitions.atom", "competitions_atom"),
            ("organizations.atom", "public_organizations_atom"),
        ],
    )
    async def test_a_service_s_atom_feed_passes_through_in_the_session_s_language(
        self, portal: FakePortal, path: str, route: str
    ) -> None:
        feed = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>'
        portal.backends.answer(route, feed)

        answer = await portal.client.get(f"/municipalities/{TENANT}/{path}")

        assert answer.status_code == 200 and answer.content == feed
        assert answer.headers["content-type"] == "application/atom+xml; charset=utf-8"
        asked = portal.backends.called(route)[0]
        assert (asked.path, asked.language) == ({"municipality_id": TENANT}, "pl")


class TestInbox:
    async def test_lists_a_page_with_the_user_s_token_and_links_older(
        self, portal: FakePortal
    ) -> None:
        item = {
            "id": "n-1", "title": "Nowy konkurs", "body": "Treść", "read": False,
            "created_at": "2026-11-20T10:00:00Z", "link": "/competitions/c-1",
        }  # fmt: skip
        portal.backends.answer("inbox", [item], next_cursor="older-page")
        await portal.sign_in(RESIDENT, language="en")

        answer = await portal.client.get("/notices")

        assert answer.status_code == 200
        assert "Nowy konkurs" in answer.text and "/notices?cursor=older-page" in answer.text
        assert 'action="/notices/n-1/read"' in answer.text
        asked = portal.backends.called("inbox")[0]
        assert asked.token == "resident-token"
        assert asked.params == {"limit": 50, "cursor": None}

    async def test_marking_read_needs_the_form_token(self, portal: FakePortal) -> None:
        await portal.sign_in(RESIDENT)

        answer = await portal.client.post("/notices/n-1/read", data={"next": "/notices"})

        assert answer.status_code == 403
        assert portal.backends.called("mark_read") == []

    @pytest.mark.parametrize(
        ("next_", "back_to"),
        [("/competitions/c-1", "/competitions/c-1"), ("//evil.example/x", "/notices")],
    )
    async def test_marking_read_goes_back_only_within_the_portal(
        self, portal: FakePortal, next_: str, back_to: str
    ) -> None:
        portal.backends.answer("mark_read", None)
        await portal.sign_in(RESIDENT)
        token = await portal.csrf()

        answer = await portal.client.post(
            "/notices/n-1/read", data={"next": next_, "csrf_token": token}
        )

        assert answer.status_code == 303 and answer.headers["location"] == back_to
        marked = portal.backends.called("mark_read")[0]
        assert (marked.path, marked.token) == ({"item_id": "n-1"}, "resident-token")

    async def test_the_badge_shows_the_unread_count(self, portal: FakePortal) -> None:
        portal.backends.answer("unread_count", {"unread": 7})
        await portal.sign_in(RESIDENT)

        answer = await portal.client.get("/notices/unread")

        assert answer.status_code == 200 and "7" in answer.text
