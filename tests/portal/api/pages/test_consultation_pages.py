"""A consultation's page and comment form per visitor, over scripted backends."""

from __future__ import annotations

import pytest

from tests.portal.fakes import FakePortal, user

TENANT = "0264011"
PAGE = f"/municipalities/{TENANT}/consultations/k-1"
RESIDENT = user(TENANT, token="resident-token")
OPEN = {
    "id": "k-1",
    "title": "Program współpracy 2027",
    "state": "open",
    "starts_at": "2026-11-01T08:00:00Z",
    "ends_at": "2026-12-01T16:00:00Z",
    "document": {"sections": [{"number": 1, "title": "Cele", "text": "Cel główny."}]},
}
COMMENT = {"section_number": 1, "justification": "Dopiszmy seniorów.", "submitted_at": ""}


@pytest.fixture
def portal(portal: FakePortal) -> FakePortal:
    """The folder's portal, with the open consultation scripted."""
    portal.backends.answer("public_consultation", OPEN)
    return portal


class TestPage:
    async def test_a_visitor_reads_the_document_and_is_asked_to_sign_in(
        self, portal: FakePortal
    ) -> None:
        answer = await portal.client.get(PAGE)

        assert answer.status_code == 200 and "Cel główny." in answer.text
        assert "/sign-in?next=" in answer.text and 'name="justification"' not in answer.text
        assert portal.backends.called("comments") == []

    async def test_a_signed_in_resident_sees_the_form_and_their_comments(
        self, portal: FakePortal
    ) -> None:
        portal.backends.answer("comments", [COMMENT], next_cursor="more")
        await portal.sign_in(RESIDENT)

        answer = await portal.client.get(PAGE)

        assert 'name="justification"' in answer.text and "Dopiszmy seniorów." in answer.text
        assert "comments=more" in answer.text
        mine = portal.backends.called("comments")[0]
        assert (mine.token, mine.params) == ("resident-token", {"cursor": None, "limit": 20})

    async def test_a_role_that_may_not_comment_still_reads_the_page(
        self, portal: FakePortal
    ) -> None:
        portal.backends.refuse("comments", 403)
        await portal.sign_in(RESIDENT, language="en")

        answer = await portal.client.get(PAGE)

        assert answer.status_code == 200
        assert "You have not commented on this consultation." in answer.text


class TestComment:
    async def test_optional_wordings_left_empty_are_not_sent(self, portal: FakePortal) -> None:
        portal.backends.answer("comment", {"id": "c-1"})
        await portal.sign_in(RESIDENT)
        form = {
            "section_number": "1", "current_wording": " ", "proposed_wording": "Nowe brzmienie",
            "justification": "Bo tak.", "csrf_token": await portal.csrf(),
        }  # fmt: skip

        answer = await portal.client.post(PAGE + "/comments", data=form)

        assert answer.status_code == 303
        assert answer.headers["location"] == PAGE + "?sent=1#my-comments"
        sent = portal.backends.called("comment")[0]
        assert sent.json == {
            "section_number": "1",
            "justification": "Bo tak.",
            "proposed_wording": "Nowe brzmienie",
        }
        assert sent.token == "resident-token"

    async def test_a_refusal_shows_at_its_field_with_the_text_kept(
        self, portal: FakePortal
    ) -> None:
        portal.backends.answer("comments", [])
        problem = [{"field": "body.justification", "message": "Uzasadnij uwagę."}]
        portal.backends.refuse("comment", 422, errors=problem)
        await portal.sign_in(RESIDENT)
        form = {
            "section_number": "1", "proposed_wording": "Moja propozycja", "justification": "",
            "csrf_token": await portal.csrf(),
        }  # fmt: skip

        answer = await portal.client.post(PAGE + "/comments", data=form)

        assert answer.status_code == 422
        assert "Uzasadnij uwagę." in answer.text and "Moja propozycja" in answer.text

    async def test_an_anonymous_visitor_is_sent_to_sign_in(self, portal: FakePortal) -> None:
        token = await portal.csrf()

        answer = await portal.client.post(
            PAGE + "/comments", data={"justification": "x", "csrf_token": token}
        )

        assert answer.status_code == 303 and answer.headers["location"].startswith("/sign-in")
        assert portal.backends.called("comment") == []
