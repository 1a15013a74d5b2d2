"""Bodies of the committee: members, declarations, score sheets and the ranking."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from services.grants.api.schemas.common import ShortText, Strict, Text
from services.grants.domain.review.committee import Committee, CommitteeMember, MemberKind
from services.grants.domain.review.ranking import Ranking
from services.grants.domain.review.scoring import CriterionScore, ScoreSheet

__all__ = [
    "AppointBody",
    "CommitteeView",
    "DeclarationBody",
    "RankingView",
    "SheetBody",
    "SheetView",
]


class MemberBody(Strict):
    """A person appointed to the committee."""

    member_id: ShortText = Field(description="Subject (user id) of the person.")
    kind: MemberKind = Field(description="officer or ngo_representative.")
    organization_id: ShortText | None = Field(None, description="An NGO representative's org.")

    def to_member(self) -> CommitteeMember:
        """Return the domain member."""
        return CommitteeMember(self.member_id, self.kind, self.organization_id)


class AppointBody(Strict):
    """The committee's composition."""

    members: list[MemberBody] = Field(max_length=30, description="Officers and NGO delegates.")


class DeclarationBody(Strict):
    """A member's conflict-of-interest declaration."""

    conflicted_offer_ids: list[ShortText] = Field(
        default_factory=list, max_length=200, description="Offers the member may not score."
    )


class ScoreBody(Strict):
    """Points for one criterion and why."""

    criterion: ShortText = Field(description="Code of the criterion.")
    points: Decimal = Field(max_digits=6, decimal_places=2, description="0 to its maximum.")
    comment: Text = Field(description="Why these points.")


class SheetBody(Strict):
    """A member's score sheet of one offer."""

    scores: list[ScoreBody] = Field(max_length=30, description="One score per criterion.")

    def to_scores(self) -> list[CriterionScore]:
        """Return the domain scores."""
        return [CriterionScore(s.criterion, s.points, s.comment) for s in self.scores]


class SheetView(BaseModel):
    """A score sheet."""

    member_id: str
    offer_id: str
    scores: list[ScoreBody]
    total: Decimal
    scored_at: datetime

    @classmethod
    def of(cls, sheet: ScoreSheet) -> SheetView:
        """Render a sheet."""
        return cls(
            member_id=sheet.member_id,
            offer_id=sheet.offer_id,
            scores=[
                ScoreBody(criterion=s.criterion, points=s.points, comment=s.comment)
                for s in sheet.scores
            ],
            total=sheet.total,
            scored_at=sheet.scored_at,
        )


class DeclarationView(BaseModel):
    """A signed declaration."""

    member_id: str
    conflicted_offer_ids: list[str]
    declared_at: datetime


class CommitteeView(BaseModel):
    """The committee, its declarations and how many sheets each member handed in."""

    id: str
    competition_id: str
    members: list[MemberBody]
    declarations: list[DeclarationView]
    sheets_by_member: dict[str, int]
    appointed_by: str
    appointed_at: datetime

    @classmethod
    def of(cls, committee: Committee) -> CommitteeView:
        """Render a committee."""
        return cls(
            id=committee.id,
            competition_id=committee.competition_id,
            members=[
                MemberBody(member_id=m.member_id, kind=m.kind, organization_id=m.organization_id)
                for m in committee.members.values()
            ],
            declarations=[
                DeclarationView(
                    member_id=d.member_id,
                    conflicted_offer_ids=sorted(d.conflicted_offer_ids),
                    declared_at=d.declared_at,
                )
                for d in committee.declarations.values()
            ],
            sheets_by_member={
                member: len(committee.sheets_of_member(member)) for member in committee.members
            },
            appointed_by=committee.appointed_by,
            appointed_at=committee.appointed_at,
        )


class RankedOfferView(BaseModel):
    """One place in the ranking."""

    rank: int
    offer_id: str
    organization_id: str
    organization_name: str
    task_title: str
    requested_grant: Decimal
    mean_points: Decimal
    member_totals: dict[str, Decimal]


class RankingView(BaseModel):
    """The ranking: mean of the members' totals, best first."""

    competition_id: str
    max_points: int = Field(description="Most points one member can give an offer.")
    offers: list[RankedOfferView]

    @classmethod
    def of(cls, ranking: Ranking) -> RankingView:
        """Render a ranking."""
        return cls(
            competition_id=ranking.competition.id,
            max_points=ranking.competition.terms.max_points,
            offers=[
                RankedOfferView(
                    rank=e.rank,
                    offer_id=e.offer.id,
                    organization_id=e.offer.organization_id,
                    organization_name=e.offer.organization_name,
                    task_title=e.offer.content.title,
                    requested_grant=e.offer.budget.requested_grant.amount,
                    mean_points=e.mean_points,
                    member_totals=e.member_totals,
                )
                for e in ranking.entries
            ],
        )
