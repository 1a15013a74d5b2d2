"""Use cases of the committee: appointment, declarations, scores, the ranking and its export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from services.grants.domain.offer.offer import Offer, OfferState
from services.grants.domain.review.committee import Committee, CommitteeMember, appoint_committee
from services.grants.domain.review.ranking import Ranking, RankingEntry
from services.grants.domain.review.scoring import CriterionScore, RankedOffer, ScoreSheet
from services.grants.repository import CommitteeRepository, CompetitionRepository, OfferRepository
from services.grants.services.access import competition_not_found
from services.grants.services.offers import offer_not_found
from shared.access import not_found, require_officer
from shared.clock import Clock
from shared.errors import Forbidden, Text
from shared.outbox import Transaction, TransactionRunner
from shared.recording import EventRecorder
from shared.tenancy import Principal, Role

__all__ = ["CommitteeServices"]


def _no_committee(competition_id: str) -> Exception:
    return not_found(
        Text("Konkurs nie ma jeszcze komisji.", "The competition has no committee yet."),
        competition_id=competition_id,
    )


@dataclass(frozen=True)
class CommitteeServices:
    """The committee's work on one competition."""

    transactions: TransactionRunner
    competitions: CompetitionRepository
    offers: OfferRepository
    committees: CommitteeRepository
    clock: Clock
    recorder: EventRecorder = field(default_factory=EventRecorder)

    async def appoint(
        self, principal: Principal, competition_id: str, members: Sequence[CommitteeMember]
    ) -> Committee:
        """Appoint the committee of an announced competition (once)."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> Committee:
            competition = await self.competitions.get(tenant, competition_id, transaction.session)
            if competition is None:
                raise competition_not_found(competition_id)
            committee = appoint_committee(
                competition, members=members, by=principal.subject, now=self.clock.now()
            )
            await self.committees.add(committee, transaction.session)
            await self.recorder.record(transaction, committee)
            return committee

        return await self.transactions.run(work)

    async def get(self, principal: Principal, competition_id: str) -> Committee:
        """Return the committee to its officers and members."""
        committee = await self.committees.of_competition(principal.tenant, competition_id)
        if committee is None or not _may_read(principal, committee):
            raise _no_committee(competition_id)
        return committee

    async def declare(
        self, principal: Principal, competition_id: str, conflicted_offer_ids: Sequence[str]
    ) -> Committee:
        """Record the caller's declaration of impartiality, naming conflicting offers."""

        async def work(transaction: Transaction) -> Committee:
            committee = await self._own_committee(principal, competition_id, transaction)
            committee.declare(
                principal.subject, conflicted_offer_ids=conflicted_offer_ids, now=self.clock.now()
            )
            await self.committees.save(committee, transaction.session)
            await self.recorder.record(transaction, committee)
            return committee

        return await self.transactions.run(work)

    async def score(
        self,
        principal: Principal,
        competition_id: str,
        offer_id: str,
        scores: Sequence[CriterionScore],
    ) -> ScoreSheet:
        """Record the caller's score sheet of one formally accepted offer."""

        async def work(transaction: Transaction) -> ScoreSheet:
            committee = await self._own_committee(principal, competition_id, transaction)
            tenant, session = principal.tenant, transaction.session
            competition = await self.competitions.get(tenant, competition_id, session)
            offer = await self.offers.get(tenant, offer_id, session)
            if competition is None:
                raise competition_not_found(competition_id)
            if offer is None or offer.state is OfferState.DRAFT:
                raise offer_not_found(offer_id)
            sheet = committee.score(
                competition, offer, principal.subject, scores, now=self.clock.now()
            )
            await self.committees.save(committee, session)
            await self.recorder.record(transaction, committee)
            return sheet

        return await self.transactions.run(work)

    async def ranking(self, principal: Principal, competition_id: str) -> Ranking:
        """Return the ranking by mean points, with each member's totals."""
        committee = await self.get(principal, competition_id)
        competition = await self.competitions.get(principal.tenant, competition_id)
        if competition is None:
            raise competition_not_found(competition_id)
        offers = await self.offers.of_competition(
            principal.tenant, competition_id, [OfferState.FORMALLY_ACCEPTED]
        )
        by_id = {offer.id: offer for offer in offers}
        entries = [
            _entry(rank, ranked, by_id[ranked.offer_id], committee)
            for rank, ranked in enumerate(
                (r for r in committee.ranking() if r.offer_id in by_id), start=1
            )
        ]
        return Ranking(competition, committee, entries, by_id)

    async def _own_committee(
        self, principal: Principal, competition_id: str, transaction: Transaction
    ) -> Committee:
        if not principal.has_role(Role.COMMITTEE_MEMBER):
            raise Forbidden(
                detail=Text(
                    "Wymagana rola: committee_member.", "The committee_member role is required."
                )
            )
        committee = await self.committees.of_competition(
            principal.tenant, competition_id, transaction.session
        )
        if committee is None or principal.subject not in committee.members:
            raise _no_committee(competition_id)
        return committee


def _may_read(principal: Principal, committee: Committee) -> bool:
    if principal.has_role(Role.TENANT_OFFICER):
        return True
    return principal.has_role(Role.COMMITTEE_MEMBER) and principal.subject in committee.members


def _entry(rank: int, ranked: RankedOffer, offer: Offer, committee: Committee) -> RankingEntry:
    totals = {sheet.member_id: sheet.total for sheet in committee.sheets_of_offer(offer.id)}
    return RankingEntry(rank, offer, ranked.mean_points, totals)
