"""The session's cookie form and stored form, and who counts as an organization's member."""

from __future__ import annotations

from services.portal.domain.session import Session, User, cookie_value, read_cookie

SESSION_ID = "A" * 43


class TestCookie:
    def test_an_unstored_session_s_cookie_is_marked(self) -> None:
        session = Session(id=SESSION_ID, csrf="t", expires_at=1.0)

        assert cookie_value(session) == "a." + SESSION_ID

    def test_a_stored_session_s_cookie_is_its_bare_id(self) -> None:
        session = Session(id=SESSION_ID, csrf="t", expires_at=1.0, stored=True)

        assert cookie_value(session) == SESSION_ID

    def test_reading_a_marked_cookie_says_it_was_never_stored(self) -> None:
        named = read_cookie("a." + SESSION_ID)

        assert named is not None
        assert (named.session_id, named.maybe_stored) == (SESSION_ID, False)

    def test_reading_a_bare_cookie_says_it_may_be_stored(self) -> None:
        named = read_cookie(SESSION_ID)

        assert named is not None and named.maybe_stored

    def test_a_missing_or_malformed_cookie_names_no_session(self) -> None:
        for cookie in (None, "", "a.", "short", "A" * 44, "A" * 42 + "/", "b." + SESSION_ID):
            assert read_cookie(cookie) is None, cookie


class TestStoredForm:
    def test_keeps_everything_but_the_csrf_token_and_comes_back_the_same(self) -> None:
        who = User("sub", "Anna", "0264011", ["ngo_member"], "tok", organization_id="org-1")
        session = Session(
            id=SESSION_ID, csrf="secret", expires_at=5.0, language="en", municipality="0264011",
            user=who, flash=["saved"], pending_sign_in={"state": "x"},
        )  # fmt: skip

        document = session.to_document()
        back = Session.of(document, "derived")

        assert document["_id"] == SESSION_ID
        assert "csrf" not in document and "stored" not in document
        assert back.user == who and back.flash == ["saved"] and back.language == "en"
        assert back.csrf == "derived" and back.stored

    def test_an_old_document_reads_with_defaults(self) -> None:
        back = Session.of({"_id": SESSION_ID, "expires_at": 3}, "c")

        assert (back.language, back.user, back.flash, back.municipality) == ("pl", None, [], None)
        assert back.expires_at == 3.0

    def test_an_error_page_s_session_is_never_stored_and_has_a_random_token(self) -> None:
        one, two = Session.transient(), Session.transient()

        assert one.id == "" and not one.stored
        assert one.csrf != two.csrf


class TestNgoMember:
    def test_needs_the_role_and_an_organization(self) -> None:
        member = User("s", "n", "t", ["ngo_member"], "tok", organization_id="org-1")
        without_organization = User("s", "n", "t", ["ngo_member"], "tok")
        officer = User("s", "n", "t", ["tenant_officer"], "tok", organization_id="org-1")

        assert member.is_ngo_member
        assert not without_organization.is_ngo_member
        assert not officer.is_ngo_member
