"""Use cases of the outcome: grants decided per offer, results published."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.grants.domain.common.money import Money
from services.grants.domain.competition.competition import Competition
from services.grants.domain.offer.offer import OfferState
from services.grants.repository import (
    CommitteeRepository,
    CompetitionRepository,
    OfferRepository,
    PublishedResults,
)
from services.grants.services.access import competition_not_found
from services.grants.services.offers import offer_not_found
from shared.access import require_officer
from shared.clock import Clock
from shared.contracts.grants import CompetitionResultsPublished
from shared.outbox import Transaction, TransactionRunner
from shared.recording import EventRecorder
from shared.tenancy import Principal, TenantContext

__all__ = ["ResultServices"]


@dataclass(frozen=True)
class ResultServices:
    """The officer decides each grant and publishes the results."""

    transactions: TransactionRunner
    competitions: CompetitionRepository
    offers: OfferRepository
    committees: CommitteeRepository
    results: PublishedResults
    clock: Clock
    recorder: EventRecorder = field(default_factory=EventRecorder)

    async def decide_grant(
        self, principal: Principal, competition_id: str, offer_id: str, amount: Money
    ) -> Competition:
        """Decide an offer's grant: at most what it asks, all grants within the funds."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> Competition:
            competition = await self._competition(tenant, competition_id, transaction)
            offer = await self.offers.get(tenant, offer_id, transaction.session)
            if offer is None or offer.state is OfferState.DRAFT:
                raise offer_not_found(offer_id)
            competition.decide_grant(offer, amount, by=principal.subject, now=self.clock.now())
            await self.competitions.save(competition, transaction.session)
            await self.recorder.record(transaction, competition)
            return competition

        return await self.transactions.run(work)

    async def publish(self, principal: Principal, competition_id: str) -> Competition:
        """Publish the results once every formally accepted offer has its grant decided."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> Competition:
            session = transaction.session
            competition = await self._competition(tenant, competition_id, transaction)
            offers = await self.offers.of_competition(
                tenant, competition_id, [OfferState.FORMALLY_ACCEPTED], session
            )
            committee = await self.committees.of_competition(tenant, competition_id, session)
            ranking = committee.ranking() if committee else []
            competition.publish_results(offers=offers, ranking=ranking, now=self.clock.now())
            published = next(
                e for e in competition.events if isinstance(e, CompetitionResultsPublished)
            )
            terms = competition.terms
            await self.results.add(tenant, terms.title, terms.area.value, published, session)
            await self.competitions.save(competition, session)
            await self.recorder.record(transaction, competition)
            return competition

        return await self.transactions.run(work)

    async def _competition(
        self, tenant: TenantContext, competition_id: str, transaction: Transaction
    ) -> Competition:
        competition = await self.competitions.get(tenant, competition_id, transaction.session)
        if competition is None:
            raise competition_not_found(competition_id)
        return competition
