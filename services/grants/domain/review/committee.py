"""The competition committee: appointment, impartiality, merit scores and the ranking."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from services.grants.domain.common.rules import breach, conflict, reject_if_any
from services.grants.domain.competition.competition import Competition, CompetitionState
from services.grants.domain.offer.offer import Offer
from services.grants.domain.review.scoring import (
    CriterionScore,
    RankedOffer,
    ScoreSheet,
    mean_points,
    score_errors,
)
from shared.context import new_id
from shared.contracts.base import EventContract
from shared.contracts.grants import (
    CommitteeAppointed,
    CommitteeImpartialityDeclared,
    CommitteeMemberData,
    CommitteeOfferScored,
)
from shared.errors import FieldError, Forbidden, NotFound, Text

__all__ = [
    "Committee",
    "CommitteeMember",
    "Declaration",
    "MemberKind",
    "appoint_committee",
]

_APPOINTABLE = (CompetitionState.ANNOUNCED, CompetitionState.CLOSED, CompetitionState.IN_REVIEW)


class MemberKind(StrEnum):
    """Whom a committee member represents."""

    OFFICER = "officer"
    NGO_REPRESENTATIVE = "ngo_representative"


@dataclass(frozen=True)
class CommitteeMember:
    """A person on the committee; an NGO representative names their organization."""

    member_id: str
    kind: MemberKind
    organization_id: str | None = None


@dataclass(frozen=True)
class Declaration:
    """A member's conflict-of-interest declaration and the offers it excludes them from."""

    member_id: str
    conflicted_offer_ids: frozenset[str]
    declared_at: datetime


@dataclass
class Committee:
    """The committee that scores the formally accepted offers of one competition."""

    id: str
    tenant_id: str
    competition_id: str
    members: dict[str, CommitteeMember]
    appointed_by: str
    appointed_at: datetime
    declarations: dict[str, Declaration] = field(default_factory=dict)
    sheets: dict[tuple[str, str], ScoreSheet] = field(default_factory=dict)
    version: int = field(default=0, compare=False)
    events: list[EventContract] = field(default_factory=list, compare=False)

    def declare(
        self, member_id: str, *, conflicted_offer_ids: Iterable[str], now: datetime
    ) -> None:
        """Record the member's declaration, naming the offers they have a conflict with."""
        self._member(member_id)
        declaration = Declaration(member_id, frozenset(conflicted_offer_ids), now)
        self.declarations[member_id] = declaration
        self.events.append(
            CommitteeImpartialityDeclared(
                committee_id=self.id,
                competition_id=self.competition_id,
                member_id=member_id,
                conflicted_offer_ids=sorted(declaration.conflicted_offer_ids),
                declared_at=now,
            )
        )

    def score(
        self,
        competition: Competition,
        offer: Offer,
        member_id: str,
        scores: Sequence[CriterionScore],
        *,
        now: datetime,
    ) -> ScoreSheet:
        """Record (or replace) a member's score sheet for a formally accepted offer."""
        self._scorable(competition, offer)
        self._may_score(self._member(member_id), offer)
        reject_if_any(
            score_errors(competition.terms, scores),
            "Karta oceny jest niekompletna lub błędna.",
            "The score sheet is incomplete or wrong.",
        )
        sheet = ScoreSheet(member_id, offer.id, tuple(scores), now)
        self.sheets[(member_id, offer.id)] = sheet
        self.events.append(
            CommitteeOfferScored(
                committee_id=self.id,
                competition_id=self.competition_id,
                member_id=member_id,
                offer_id=offer.id,
                total_points=sheet.total,
                scored_at=now,
            )
        )
        return sheet

    def ranking(self) -> list[RankedOffer]:
        """Rank the scored offers by the mean of the members' totals, best first."""
        totals: dict[str, list[Decimal]] = defaultdict(list)
        for sheet in self.sheets.values():
            totals[sheet.offer_id].append(sheet.total)
        ranked = [
            RankedOffer(offer_id, mean_points(values), len(values))
            for offer_id, values in totals.items()
        ]
        # Ties keep a stable, reproducible order so exports match between runs.
        return sorted(ranked, key=lambda entry: (-entry.mean_points, entry.offer_id))

    def sheets_of_member(self, member_id: str) -> list[ScoreSheet]:
        """Return the member's sheets, for export."""
        return sorted(
            (s for s in self.sheets.values() if s.member_id == member_id), key=lambda s: s.offer_id
        )

    def sheets_of_offer(self, offer_id: str) -> list[ScoreSheet]:
        """Return every member's sheet of one offer, for export."""
        return sorted(
            (s for s in self.sheets.values() if s.offer_id == offer_id), key=lambda s: s.member_id
        )

    def _member(self, member_id: str) -> CommitteeMember:
        member = self.members.get(member_id)
        if member is None:
            raise Forbidden(
                detail=Text("Nie jesteś członkiem tej komisji.", "You are not on this committee.")
            )
        return member

    def _scorable(self, competition: Competition, offer: Offer) -> None:
        if competition.id != self.competition_id:
            raise ValueError(f"committee {self.id} does not review {competition.id}")
        if offer.competition_id != self.competition_id:
            raise NotFound(
                detail=Text(
                    "Nie ma takiej oferty w konkursie.", "No such offer in the competition."
                )
            )
        if competition.state is not CompetitionState.IN_REVIEW:
            raise conflict(
                "Oceniać można tylko w trakcie oceny ofert.",
                "Offers are scored only while the competition is in review.",
                state=competition.state.value,
            )
        if not offer.is_formally_accepted:
            raise conflict(
                "Ocenie merytorycznej podlegają tylko oferty przyjęte formalnie.",
                "Only formally accepted offers are scored.",
                offer_id=offer.id,
            )

    def _may_score(self, member: CommitteeMember, offer: Offer) -> None:
        declaration = self.declarations.get(member.member_id)
        if declaration is None:
            raise conflict(
                "Przed oceną złóż oświadczenie o braku konfliktu interesów.",
                "Sign the conflict-of-interest declaration before scoring.",
                member_id=member.member_id,
            )
        if member.organization_id is not None and offer.involves(member.organization_id):
            raise Forbidden(
                detail=Text(
                    "Członek komisji nie może oceniać oferty własnej organizacji.",
                    "A committee member cannot score an offer of their own organization.",
                )
            )
        if offer.id in declaration.conflicted_offer_ids:
            raise Forbidden(
                detail=Text(
                    "Zgłoszono konflikt interesów wobec tej oferty.",
                    "You declared a conflict of interest with this offer.",
                )
            )


def appoint_committee(
    competition: Competition,
    *,
    members: Sequence[CommitteeMember],
    by: str,
    now: datetime,
    committee_id: str | None = None,
) -> Committee:
    """Appoint the committee of an announced competition."""
    if competition.state not in _APPOINTABLE:
        raise conflict(
            "Komisję powołuje się dla ogłoszonego konkursu przed rozstrzygnięciem.",
            "A committee is appointed for an announced, unresolved competition.",
            state=competition.state.value,
        )
    reject_if_any(
        _member_errors(members),
        "Skład komisji jest błędny.",
        "The committee's composition is wrong.",
    )
    committee = Committee(
        id=committee_id or new_id(),
        tenant_id=competition.tenant_id,
        competition_id=competition.id,
        members={member.member_id: member for member in members},
        appointed_by=by,
        appointed_at=now,
    )
    committee.events.append(
        CommitteeAppointed(
            committee_id=committee.id,
            competition_id=competition.id,
            members=[
                CommitteeMemberData(
                    member_id=m.member_id, kind=m.kind.value, organization_id=m.organization_id
                )
                for m in members
            ],
            appointed_by=by,
            appointed_at=now,
        )
    )
    return committee


def _member_errors(members: Sequence[CommitteeMember]) -> list[FieldError]:
    if not members:
        return [
            breach(
                "members",
                "Komisja musi mieć członków.",
                "The committee needs members.",
                "members-empty",
            )
        ]
    found: list[FieldError] = []
    ids = [member.member_id for member in members]
    for index, member in enumerate(members):
        if ids.index(member.member_id) != index:
            found.append(
                breach(
                    f"members[{index}].member_id",
                    "Osoba powtarza się w składzie.",
                    "The person is listed twice.",
                    "member-duplicate",
                )
            )
        if member.kind is MemberKind.NGO_REPRESENTATIVE and not member.organization_id:
            found.append(
                breach(
                    f"members[{index}].organization_id",
                    "Przedstawiciel organizacji musi wskazać swoją organizację.",
                    "An NGO representative names their organization.",
                    "required",
                )
            )
    return found
