"""Agreement reports and the cooperation index's scorecards, over scripted backends."""

from __future__ import annotations

from tests.portal.fakes import FakePortal, user

TENANT = "0264011"
MEMBER = user(TENANT, "ngo_member", organization_id="org-1", token="member-token")
RESIDENT = user(TENANT, token="resident-token")


class TestStartReport:
    async def test_sends_the_obligation_and_an_open_period_and_opens_the_report(
        self, portal: FakePortal
    ) -> None:
        portal.backends.answer("draft_report", {"id": "r-3"})
        await portal.sign_in(MEMBER)

        answer = await portal.submit(
            "/agreements/a-1/reports", {"obligation": " final ", "period.end": "2027-06-30"}
        )

        assert answer.status_code == 303 and answer.headers["location"] == "/reports/r-3"
        drafted = portal.backends.called("draft_report")[0]
        assert drafted.json == {
            "obligation": "final",
            "period": {"start": None, "end": "2027-06-30"},
        }
        assert (drafted.path, drafted.token) == ({"agreement_id": "a-1"}, "member-token")

    async def test_a_resident_may_not_start_one(self, portal: FakePortal) -> None:
        await portal.sign_in(RESIDENT)

        answer = await portal.submit("/agreements/a-1/reports", {"obligation": "final"})

        assert answer.status_code == 403
        assert portal.backends.called("draft_report") == []


class TestScorecard:
    async def test_sends_whole_numbers_and_blanks_as_none(self, portal: FakePortal) -> None:
        portal.backends.answer("submit_scorecard", None)
        await portal.sign_in(MEMBER)

        answer = await portal.submit(
            "/index-rounds/i-1/scorecard",
            {"score.I1": "3", "score.I2": "", "score.I3": "2.5", "other": "9"},
        )

        assert answer.headers["location"] == "/index-rounds/i-1?sent=1"
        sent = portal.backends.called("submit_scorecard")[0]
        assert sent.json == {"scores": {"I1": 3, "I2": None, "I3": None}}
        assert (sent.path, sent.token) == ({"round_id": "i-1"}, "member-token")

    async def test_a_resident_may_not_hand_one_in(self, portal: FakePortal) -> None:
        await portal.sign_in(RESIDENT)

        answer = await portal.submit("/index-rounds/i-1/scorecard", {"score.I1": "3"})

        assert answer.status_code == 403
        assert portal.backends.called("submit_scorecard") == []
