"""Forms over scripted backends: what is sent, and a service's refusal shown at its field."""

from __future__ import annotations

from typing import Any

import pytest

from tests.portal.fakes import Call, FakePortal, user

TENANT = "0264011"
MEMBER = user(TENANT, "ngo_member", organization_id="org-1", token="member-token")
RECORD = {
    "id": "org-1",
    "name": "Fundacja Pomocy",
    "short_name": "FP",
    "public_email": "biuro@fp.example",
    "public_phone": None,
    "website": None,
    "description": "Pomagamy.",
    "address": {"street": "Rynek 1", "postal_code": "50-101", "city": "Wrocław"},
    "legal_form": "foundation",
    "verified": True,
}
UNCHANGED = {
    "name": "Fundacja Pomocy", "short_name": "FP", "public_email": "biuro@fp.example",
    "public_phone": "", "website": "", "description": "Pomagamy.",
    "address.street": "Rynek 1", "address.postal_code": "50-101", "address.city": "Wrocław",
}  # fmt: skip


@pytest.fixture
async def portal(portal: FakePortal) -> FakePortal:
    """The folder's portal, with the member's organization scripted and the member signed in."""
    portal.backends.answer("organization", RECORD)
    await portal.sign_in(MEMBER, language="en")
    return portal


class TestProfileEdit:
    async def test_the_form_shows_the_stored_profile(self, portal: FakePortal) -> None:
        answer = await portal.client.get("/organization/edit")

        assert answer.status_code == 200
        assert 'value="Rynek 1"' in answer.text and 'value="biuro@fp.example"' in answer.text

    async def test_only_what_changed_is_sent(self, portal: FakePortal) -> None:
        portal.backends.answer("change_organization", None)

        answer = await portal.submit(
            "/organization/edit", {**UNCHANGED, "website": "https://fp.example"}
        )

        assert answer.status_code == 303 and answer.headers["location"] == "/dashboard?saved=1"
        sent: Call = portal.backends.called("change_organization")[0]
        assert sent.json == {"website": "https://fp.example"}
        assert (sent.path, sent.token) == ({"organization_id": "org-1"}, "member-token")

    async def test_a_cleared_text_is_sent_as_none_and_an_address_whole(
        self, portal: FakePortal
    ) -> None:
        portal.backends.answer("change_organization", None)

        await portal.submit(
            "/organization/edit",
            {**UNCHANGED, "description": "", "address.city": "Kąty Wrocławskie"},
        )

        sent = portal.backends.called("change_organization")[0].json
        assert sent == {
            "description": None,
            "address": {"street": "Rynek 1", "postal_code": "50-101", "city": "Kąty Wrocławskie"},
        }

    async def test_nothing_changed_sends_nothing(self, portal: FakePortal) -> None:
        answer = await portal.submit("/organization/edit", UNCHANGED)

        assert answer.status_code == 303
        assert portal.backends.called("change_organization") == []

    async def test_a_refusal_comes_back_at_its_field_with_what_was_typed(
        self, portal: FakePortal
    ) -> None:
        problem = [{"field": "body.address.postal_code", "message": "Use NN-NNN."}]
        portal.backends.refuse("change_organization", 422, errors=problem)

        answer = await portal.submit(
            "/organization/edit", {**UNCHANGED, "address.postal_code": "5"}
        )

        assert answer.status_code == 422
        assert "Use NN-NNN." in answer.text and 'value="5"' in answer.text


class TestRegistration:
    async def test_empty_optional_fields_are_left_out(self, portal: FakePortal) -> None:
        portal.backends.answer("register_organization", {"id": "org-9"})
        form = {
            "name": "Stowarzyszenie Nowe", "legal_form": "association", "krs": "",
            "nip": "", "regon": "", "public_email": "", "description": "",
            "address.street": "", "address.postal_code": "", "address.city": "Wrocław",
        }  # fmt: skip

        answer = await portal.submit("/registrations/new", form)

        assert answer.status_code == 303
        assert answer.headers["location"] == "/registrations/org-9?sent=1"
        assert portal.backends.called("register_organization")[0].json == {
            "name": "Stowarzyszenie Nowe",
            "legal_form": "association",
            "address": {"city": "Wrocław"},
        }

    async def test_a_taken_identifier_is_shown_at_its_field(self, portal: FakePortal) -> None:
        problem = [{"field": "body.krs", "message": "This KRS is registered already."}]
        portal.backends.refuse("register_organization", 409, errors=problem)
        form = {"name": "Nowe", "legal_form": "association", "krs": "0000123456"}

        answer = await portal.submit("/registrations/new", form)

        assert answer.status_code == 409
        assert "This KRS is registered already." in answer.text
        assert 'value="0000123456"' in answer.text

    @pytest.mark.parametrize(
        ("record", "shown"),
        [
            ({"verified": True}, "✔ verified"),
            ({"verified": False, "verification_refusal": "Brak statutu"}, "✖ refused"),
            ({"verified": False}, "⧗ awaiting verification"),
        ],
    )
    async def test_my_registrations_say_where_each_verification_stands(
        self, portal: FakePortal, record: dict[str, Any], shown: str
    ) -> None:
        portal.backends.answer("my_registrations", [{**RECORD, **record}])

        answer = await portal.client.get("/registrations")

        assert answer.status_code == 200
        assert portal.backends.called("my_registrations")[0].token == "member-token"
        assert shown in answer.text
