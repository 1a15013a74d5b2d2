"""Starting, submitting and printing offers, and small-grant offers, over scripted backends."""

from __future__ import annotations

import pytest

from tests.portal.fakes import FakePortal, user

TENANT = "0264011"
MEMBER = user(TENANT, "ngo_member", organization_id="org-1", token="member-token")
OFFICER = user(TENANT, "tenant_officer", token="officer-token")
PERIOD = {"start": "2027-01-01", "end": "2027-06-30"}


class TestStartOffer:
    async def test_a_competition_id_no_competition_can_have_asks_nobody(
        self, portal: FakePortal
    ) -> None:
        await portal.sign_in(MEMBER)

        answer = await portal.submit("/offers", {"competition_id": "../admin"})

        assert answer.status_code == 404
        assert portal.backends.called("draft_offer") == []

    async def test_drafts_an_offer_and_opens_its_first_step(self, portal: FakePortal) -> None:
        portal.backends.answer("draft_offer", {"id": "o-5"})
        await portal.sign_in(MEMBER)

        answer = await portal.submit("/offers", {"competition_id": "c-1"})

        assert answer.status_code == 303 and answer.headers["location"] == "/offers/o-5/steps/task"
        drafted = portal.backends.called("draft_offer")[0]
        assert (drafted.path, drafted.json, drafted.token) == (
            {"competition_id": "c-1"}, {}, "member-token",
        )  # fmt: skip

    async def test_an_officer_may_not_draft_one(self, portal: FakePortal) -> None:
        await portal.sign_in(OFFICER)

        answer = await portal.submit("/offers", {"competition_id": "c-1"})

        assert answer.status_code == 403
        assert portal.backends.called("draft_offer") == []


class TestSubmitOffer:
    async def test_a_member_submits_with_their_token(self, portal: FakePortal) -> None:
        portal.backends.answer("submit_offer", {"id": "o-5", "state": "submitted"})
        await portal.sign_in(MEMBER)

        answer = await portal.submit("/offers/o-5/submission", {})

        assert answer.headers["location"] == "/offers/o-5?submitted=1"
        assert portal.backends.called("submit_offer")[0].token == "member-token"


class TestPrintableOffer:
    async def test_shows_the_document_s_body_with_each_table_in_a_scroll_box(
        self, portal: FakePortal
    ) -> None:
        html = b"<html><head><title>x</title></head><body><h1>Oferta</h1><table></table></body>"
        portal.backends.answer("offer_document", html)
        await portal.sign_in(OFFICER, language="en")

        answer = await portal.client.get("/offers/o-5/document")

        assert answer.status_code == 200
        assert '<h1>Oferta</h1><div class="table-scroll"' in answer.text
        assert 'aria-label="Table 1 of the offer"><table></table></div>' in answer.text
        assert "<title>x</title>" not in answer.text
        assert portal.backends.called("offer_document")[0].language == "pl"  # the legal form


class TestSmallGrantOffers:
    async def test_mine_lists_only_my_organization_s(self, portal: FakePortal) -> None:
        ours = {"id": "s-1", "organization_id": "org-1", "title": "Nasz festyn", "state": "sent",
                "requested_grant": "5000", "task_period": PERIOD}  # fmt: skip
        theirs = {**ours, "id": "s-2", "organization_id": "org-2", "title": "Cudzy festyn"}
        portal.backends.answer("my_small_grants", [ours, theirs])
        await portal.sign_in(MEMBER)

        answer = await portal.client.get("/small-grants/mine")

        assert "Nasz festyn" in answer.text and "Cudzy festyn" not in answer.text

    @pytest.mark.parametrize(("action", "rows"), [({"add_row": "1"}, 3), ({"remove_row": "0"}, 1)])
    async def test_adding_or_removing_a_cost_line_shows_the_form_again_unsent(
        self, portal: FakePortal, action: dict[str, str], rows: int
    ) -> None:
        await portal.sign_in(MEMBER)
        form = {"rows": "2", "budget.lines[0].name": "Sala", "budget.lines[1].name": "Farby"}

        answer = await portal.submit("/small-grants/new", {**form, **action})

        assert answer.status_code == 200
        assert f'name="rows" value="{rows}"' in answer.text
        assert portal.backends.called("send_small_grant") == []

    async def test_sends_the_task_budget_and_results_in_words(self, portal: FakePortal) -> None:
        portal.backends.answer("send_small_grant", {"id": "s-9"})
        await portal.sign_in(MEMBER)
        form = {
            "title": "Festyn", "place": "Park", "description": "Zabawa",
            "task_period.start": "2027-05-01", "task_period.end": "2027-05-02",
            "rows": "1", "budget.lines[0].category": "action", "budget.lines[0].name": "Scena",
            "budget.lines[0].requested_grant": "2 000", "qualitative_results": "Radość",
        }  # fmt: skip

        answer = await portal.submit("/small-grants/new", form)

        assert answer.headers["location"] == "/small-grants/mine?sent=1"
        sent = portal.backends.called("send_small_grant")[0].json
        assert sent["budget"]["lines"][0]["requested_grant"] == "2000"
        assert sent["qualitative_results"] == ["Radość"]
        assert "quantitative_results" not in sent
        assert sent["task_period"] == {"start": "2027-05-01", "end": "2027-05-02"}
