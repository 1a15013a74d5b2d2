"""Use cases of the cooperation-quality index: rounds, scorecards, publication, comparisons."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from services.consultations.domain.index.catalogue import Area
from services.consultations.domain.index.comparison import (
    CentreComparison,
    RoundComparison,
    compare_municipalities,
    compare_rounds,
)
from services.consultations.domain.index.results import Group, Scorecard
from services.consultations.domain.index.round import IndexRound, RoundState, start_round
from services.consultations.repository import IndexRoundRepository, TenantDirectory
from services.consultations.services.access import Access
from shared.access import not_found, require_officer
from shared.clock import Clock
from shared.errors import Forbidden, Text
from shared.outbox import Transaction, TransactionRunner
from shared.recording import EventRecorder
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["IndexServices", "NamedComparison"]

NO_SUCH_ROUND = Text("Nie ma takiej rundy oceny.", "No such assessment round.")


@dataclass(frozen=True)
class NamedComparison:
    """A support centre's comparison with the names of its members."""

    comparison: CentreComparison
    names: dict[str, str]


@dataclass(frozen=True)
class IndexServices:
    """Run assessment rounds and compare them."""

    transactions: TransactionRunner
    recorder: EventRecorder
    rounds: IndexRoundRepository
    directory: TenantDirectory
    access: Access
    clock: Clock

    async def start(self, principal: Principal, *, title: str, assessed_on: date) -> IndexRound:
        """Start an assessment round of the officer's municipality."""
        tenant = require_officer(principal)
        round_ = start_round(
            tenant_id=tenant.tenant_id,
            title=title,
            assessed_on=assessed_on,
            started_by=principal.subject,
            now=self.clock.now(),
        )

        async def work(transaction: Transaction) -> None:
            await self.rounds.add(round_, transaction.session)
            await self.recorder.record(transaction, round_)

        await self.transactions.run(work)
        return round_

    async def visible(self, principal: Principal) -> list[IndexRound]:
        """Return the rounds of one's municipality; a centre sees its members' published ones."""
        if principal.has_role(Role.CENTRE_STAFF):
            tenant = await self.access.centre(principal)
            return await self.rounds.published_of(tenant, tenant.readable_tenant_ids)
        return await self.rounds.of_tenant(self._participant_tenant(principal))

    async def get(self, principal: Principal, round_id: str) -> IndexRound:
        """Return one round the caller may see."""
        if principal.has_role(Role.CENTRE_STAFF):
            tenant = await self.access.centre(principal)
            found = await self.rounds.get_visible(tenant, round_id)
            if found is None or found.state is not RoundState.PUBLISHED:
                raise not_found(NO_SUCH_ROUND, round_id=round_id)
            return found
        found = await self.rounds.get(self._participant_tenant(principal), round_id)
        if found is None:
            raise not_found(NO_SUCH_ROUND, round_id=round_id)
        return found

    async def score(
        self, principal: Principal, round_id: str, scores: Mapping[str, int | None]
    ) -> tuple[IndexRound, Scorecard]:
        """Hand in (or replace) the caller's scorecard: officers and NGOs score apart."""
        tenant = self._participant_tenant(principal)
        group = Group.OFFICERS if principal.has_role(Role.TENANT_OFFICER) else Group.NGOS

        async def work(transaction: Transaction) -> tuple[IndexRound, Scorecard]:
            round_ = await self._round(tenant, round_id, transaction)
            card = round_.submit_scorecard(
                group=group, rater=principal.subject, scores=scores, now=self.clock.now()
            )
            await self._save(tenant, round_, transaction)
            return round_, card

        return await self.transactions.run(work)

    async def conclude(
        self, principal: Principal, round_id: str, *, summary: str, by_area: Mapping[Area, str]
    ) -> IndexRound:
        """Record the conclusions of the moderated discussion."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> IndexRound:
            round_ = await self._round(tenant, round_id, transaction)
            round_.record_conclusions(
                summary=summary,
                by_area=by_area,
                recorded_by=principal.subject,
                now=self.clock.now(),
            )
            await self._save(tenant, round_, transaction)
            return round_

        return await self.transactions.run(work)

    async def publish(self, principal: Principal, round_id: str) -> IndexRound:
        """Publish a round both groups scored and whose conclusions are written."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> IndexRound:
            round_ = await self._round(tenant, round_id, transaction)
            round_.publish(published_by=principal.subject, now=self.clock.now())
            await self._save(tenant, round_, transaction)
            return round_

        return await self.transactions.run(work)

    async def compare(
        self, principal: Principal, round_id: str, earlier_id: str
    ) -> RoundComparison:
        """Return the progress per area from an earlier round of the same municipality."""
        later = await self.get(principal, round_id)
        earlier = await self.get(principal, earlier_id)
        return compare_rounds(earlier.result(), later.result())

    async def compare_members(self, principal: Principal) -> NamedComparison:
        """Line up a support centre's members, round by round (published rounds only)."""
        tenant = await self.access.centre(principal)
        members = tenant.readable_tenant_ids
        rounds = await self.rounds.published_of(tenant, members)
        comparison = compare_municipalities([r.result() for r in rounds], members=members)
        return NamedComparison(comparison, await self.directory.names(members))

    @staticmethod
    def _participant_tenant(principal: Principal) -> TenantContext:
        if not principal.has_role(Role.TENANT_OFFICER, Role.NGO_MEMBER):
            raise Forbidden(
                detail=Text(
                    "Samoocenę prowadzą urzędnicy gminy z przedstawicielami organizacji.",
                    "Officers of the municipality and NGO representatives run the assessment.",
                )
            )
        return principal.tenant

    async def _round(
        self, tenant: TenantContext, round_id: str, transaction: Transaction
    ) -> IndexRound:
        found = await self.rounds.get(tenant, round_id, transaction.session)
        if found is None:
            raise not_found(NO_SUCH_ROUND, round_id=round_id)
        return found

    async def _save(
        self, tenant: TenantContext, round_: IndexRound, transaction: Transaction
    ) -> None:
        await self.rounds.save(round_, transaction.session)
        await self.recorder.record(transaction, round_)
