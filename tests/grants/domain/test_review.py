"""The committee: appointment, conflict-of-interest declarations, scores and the ranking."""

from __future__ import annotations

from decimal import Decimal

import pytest

from services.grants.domain.competition.competition import Competition
from services.grants.domain.offer.form import Partner
from services.grants.domain.review.committee import Committee, CommitteeMember, MemberKind
from services.grants.domain.review.scoring import CriterionScore
from shared.contracts.grants import (
    CommitteeAppointed,
    CommitteeImpartialityDeclared,
    CommitteeOfferScored,
)
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound

from .factories import (
    AFTER_DEADLINE,
    accepted,
    announced,
    committee,
    competition,
    in_review,
    reviewed_pair,
    sheet,
    submitted,
)

OFFICER_MEMBER = CommitteeMember("member-officer", MemberKind.OFFICER)
NGO_MEMBER_A = CommitteeMember("member-a", MemberKind.NGO_REPRESENTATIVE, "org-a")


def declared(made: Competition, *members: CommitteeMember) -> Committee:
    board = committee(made, *members)
    for member_id in board.members:
        board.declare(member_id, conflicted_offer_ids=[], now=AFTER_DEADLINE)
    return board


class TestAppointCommittee:
    def test_appoints_officers_and_ngo_representatives(self) -> None:
        board = committee(announced())
        [event] = board.events
        assert isinstance(event, CommitteeAppointed)
        assert [m.kind for m in event.members] == ["officer", "ngo_representative"]

    def test_refuses_a_draft_competition(self) -> None:
        with pytest.raises(Conflict):
            committee(competition())

    def test_refuses_repeated_members_and_reps_without_organization(self) -> None:
        members = (
            OFFICER_MEMBER,
            OFFICER_MEMBER,
            CommitteeMember("rep", MemberKind.NGO_REPRESENTATIVE),
        )
        with pytest.raises(InvalidInput) as caught:
            committee(announced(), *members)
        fields = {item.field for item in caught.value.errors}
        assert fields == {"members[1].member_id", "members[2].organization_id"}


class TestDeclareImpartiality:
    def test_records_the_declaration(self) -> None:
        board = committee(announced())
        board.declare("member-ngo", conflicted_offer_ids=["offer-x"], now=AFTER_DEADLINE)
        event = board.events[-1]
        assert isinstance(event, CommitteeImpartialityDeclared)
        assert event.conflicted_offer_ids == ["offer-x"]

    def test_refuses_a_stranger(self) -> None:
        board = committee(announced())
        with pytest.raises(Forbidden) as caught:
            board.declare("stranger", conflicted_offer_ids=[], now=AFTER_DEADLINE)
        assert caught.value.status == 403


class TestScoreOffer:
    def test_records_a_sheet(self) -> None:
        made, first, _ = reviewed_pair()
        board = declared(made)
        scored = board.score(made, first, "member-officer", sheet(15, 8), now=AFTER_DEADLINE)
        assert scored.total == Decimal(23)
        event = board.events[-1]
        assert isinstance(event, CommitteeOfferScored) and event.total_points == Decimal(23)

    def test_requires_the_declaration_first(self) -> None:
        made, first, _ = reviewed_pair()
        board = committee(made)
        with pytest.raises(Conflict) as caught:
            board.score(made, first, "member-officer", sheet(), now=AFTER_DEADLINE)
        assert caught.value.status == 409

    def test_never_scores_an_offer_of_own_organization(self) -> None:
        made, first, _ = reviewed_pair()
        board = declared(made, OFFICER_MEMBER, NGO_MEMBER_A)
        with pytest.raises(Forbidden) as caught:
            board.score(made, first, "member-a", sheet(), now=AFTER_DEADLINE)
        assert caught.value.status == 403

    def test_never_scores_a_joint_offer_of_own_organization(self) -> None:
        made = announced()
        joint = submitted(made, "org-b", partners=(Partner("org-a", "Fundacja A"),))
        in_review(made)
        accepted(made, joint)
        board = declared(made, OFFICER_MEMBER, NGO_MEMBER_A)
        with pytest.raises(Forbidden):
            board.score(made, joint, "member-a", sheet(), now=AFTER_DEADLINE)

    def test_refuses_an_offer_the_member_declared_a_conflict_with(self) -> None:
        made, first, _ = reviewed_pair()
        board = committee(made)
        board.declare("member-officer", conflicted_offer_ids=[first.id], now=AFTER_DEADLINE)
        with pytest.raises(Forbidden):
            board.score(made, first, "member-officer", sheet(), now=AFTER_DEADLINE)

    def test_refuses_a_stranger(self) -> None:
        made, first, _ = reviewed_pair()
        with pytest.raises(Forbidden):
            declared(made).score(made, first, "stranger", sheet(), now=AFTER_DEADLINE)

    def test_refuses_points_above_maximum_or_below_zero(self) -> None:
        made, first, _ = reviewed_pair()
        board = declared(made)
        with pytest.raises(InvalidInput) as caught:
            board.score(made, first, "member-officer", sheet(21, -1), now=AFTER_DEADLINE)
        assert caught.value.status == 422
        fields = {item.field: item.code for item in caught.value.errors}
        assert fields == {
            "scores.quality.points": "points-out-of-range",
            "scores.budget.points": "points-out-of-range",
        }

    def test_requires_every_criterion_with_a_comment(self) -> None:
        made, first, _ = reviewed_pair()
        board = declared(made)
        scores = [CriterionScore("quality", Decimal(10), " "), CriterionScore("x", Decimal(1), "?")]
        with pytest.raises(InvalidInput) as caught:
            board.score(made, first, "member-officer", scores, now=AFTER_DEADLINE)
        fields = {item.field for item in caught.value.errors}
        assert fields == {"scores.budget", "scores.quality.comment", "scores.x"}

    def test_scores_only_formally_accepted_offers(self) -> None:
        made = announced()
        pending = submitted(made)
        in_review(made)
        with pytest.raises(Conflict):
            declared(made).score(made, pending, "member-officer", sheet(), now=AFTER_DEADLINE)

    def test_refuses_an_offer_of_another_competition(self) -> None:
        made, _, _ = reviewed_pair()
        _, foreign, _ = reviewed_pair()
        with pytest.raises(NotFound):
            declared(made).score(made, foreign, "member-officer", sheet(), now=AFTER_DEADLINE)

    def test_rescoring_replaces_the_sheet(self) -> None:
        made, first, _ = reviewed_pair()
        board = declared(made)
        board.score(made, first, "member-officer", sheet(10, 5), now=AFTER_DEADLINE)
        board.score(made, first, "member-officer", sheet(12, 5), now=AFTER_DEADLINE)
        assert [s.total for s in board.sheets_of_offer(first.id)] == [Decimal(17)]


class TestRanking:
    def test_ranks_by_the_mean_of_member_totals(self) -> None:
        made, first, second = reviewed_pair()
        third = CommitteeMember("member-3", MemberKind.OFFICER)
        board = declared(made, OFFICER_MEMBER, CommitteeMember("m2", MemberKind.OFFICER), third)
        for member, (q1, q2) in zip(board.members, [(10, 20), (11, 18), (12, 19)], strict=True):
            board.score(made, first, member, sheet(q1, 5), now=AFTER_DEADLINE)
            board.score(made, second, member, sheet(q2, 5), now=AFTER_DEADLINE)
        ranking = board.ranking()
        assert [entry.offer_id for entry in ranking] == [second.id, first.id]
        assert ranking[0].mean_points == Decimal("24.00")
        assert ranking[1].mean_points == Decimal("16.00")
        assert ranking[1].sheets == 3

    def test_rounds_the_mean_to_hundredths(self) -> None:
        made, first, _ = reviewed_pair()
        board = declared(
            made,
            OFFICER_MEMBER,
            CommitteeMember("m2", MemberKind.OFFICER),
            CommitteeMember("m3", MemberKind.OFFICER),
        )
        for member, quality in zip(board.members, (10, 10, 11), strict=True):
            board.score(made, first, member, sheet(quality, 0), now=AFTER_DEADLINE)
        assert board.ranking()[0].mean_points == Decimal("10.33")

    def test_exports_sheets_per_member(self) -> None:
        made, first, second = reviewed_pair()
        board = declared(made)
        board.score(made, first, "member-officer", sheet(), now=AFTER_DEADLINE)
        board.score(made, second, "member-officer", sheet(), now=AFTER_DEADLINE)
        assert {s.offer_id for s in board.sheets_of_member("member-officer")} == {
            first.id,
            second.id,
        }
        assert board.sheets_of_member("member-ngo") == []
