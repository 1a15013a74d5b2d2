"""Development sign-in and sign-out over scripted backends and in-memory sessions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.portal.fakes import FakePortal, fake_portal

TENANT = "0264011"
ORGANIZATION = {
    "id": "org-7", "name": "Klub Sportowy Orzeł",
    "address": {"municipality_teryt": TENANT}, "listed_in": [TENANT],
}  # fmt: skip


@pytest.fixture
async def portal(tmp_path: Path) -> AsyncIterator[FakePortal]:
    async with fake_portal(dev_sign_in=True, dev_keys_dir=str(tmp_path)) as running:
        running.backends.answer("unread_count", {"unread": 0})
        running.backends.answer("public_organizations", {"items": [ORGANIZATION]})
        yield running


async def sign_in(portal: FakePortal, key: str, next_: str = "") -> object:
    form = {"user": key, "next": next_, "csrf_token": await portal.csrf()}
    return await portal.client.post("/sign-in/dev", data=form)


class TestSignInPage:
    async def test_offers_the_fixed_users_and_a_member_of_each_listed_organization(
        self, portal: FakePortal
    ) -> None:
        answer = await portal.client.get("/sign-in")

        assert answer.status_code == 200
        assert "Mieszkaniec (bez roli)" in answer.text
        assert "Członek organizacji: Klub Sportowy Orzeł" in answer.text
        asked = portal.backends.called("public_organizations")
        assert [call.params["municipality"] for call in asked] == ["0264011", "0223044"]

    async def test_with_the_registry_down_the_fixed_users_still_show(
        self, portal: FakePortal
    ) -> None:
        portal.backends.down("public_organizations")

        answer = await portal.client.get("/sign-in")

        assert answer.status_code == 200 and "Mieszkaniec (bez roli)" in answer.text


class TestDevSignIn:
    async def test_a_member_gets_a_fresh_session_and_lands_on_the_dashboard(
        self, portal: FakePortal
    ) -> None:
        await portal.client.get("/")
        before = portal.client.cookies["portal_session"]
        portal.backends.answer("public_organization", ORGANIZATION)

        answer = await sign_in(portal, "ngo-org-7")

        assert answer.status_code == 303 and answer.headers["location"] == "/dashboard"
        after = portal.client.cookies["portal_session"]
        assert after.removeprefix("a.") != before.removeprefix("a.")
        stored = portal.documents.documents[after]["user"]
        assert (stored["organization_id"], stored["roles"]) == ("org-7", ["ngo_member"])
        assert stored["token"].count(".") == 2  # a signed JWT the services verify

    async def test_goes_back_only_to_a_page_of_the_portal(self, portal: FakePortal) -> None:
        answer = await sign_in(portal, "resident", next_="https://evil.example/")

        assert answer.status_code == 303 and answer.headers["location"] == "/"

    async def test_an_unknown_user_signs_nobody_in(self, portal: FakePortal) -> None:
        portal.backends.refuse("public_organization", 404)

        answer = await sign_in(portal, "ngo-nobody")

        assert answer.headers["location"] == "/sign-in"
        assert portal.documents.documents == {}

    async def test_sign_out_ends_the_session(self, portal: FakePortal) -> None:
        await sign_in(portal, "resident")
        token = await portal.csrf()

        answer = await portal.client.post("/sign-out", data={"csrf_token": token})

        assert answer.status_code == 303 and answer.headers["location"] == "/"
        assert portal.documents.documents == {}
        assert "portal_session" not in portal.client.cookies


async def test_without_dev_sign_in_the_form_signs_nobody_in() -> None:
    async with fake_portal() as running:
        token = await running.csrf()

        answer = await running.client.post(
            "/sign-in/dev", data={"user": "resident", "csrf_token": token}
        )

        assert answer.headers["location"] == "/sign-in"
        assert running.documents.documents == {}
