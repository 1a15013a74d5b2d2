"""Use cases of competitions: draft, edit, copy, announce, cancel, close, review, archive."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from services.grants.domain.competition.competition import (
    Competition,
    CompetitionState,
    draft_competition,
)
from services.grants.domain.competition.terms import CompetitionTerms
from services.grants.repository import CompetitionRepository
from services.grants.services.access import Access, competition_not_found
from shared.access import require_officer
from shared.clock import Clock
from shared.errors import Conflict
from shared.logging import get_logger
from shared.outbox import Transaction, TransactionRunner
from shared.recording import EventRecorder
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["CompetitionServices"]

log = get_logger(__name__)
_PUBLIC_STATES: list[CompetitionState] = [
    s for s in CompetitionState if s is not CompetitionState.DRAFT
]


@dataclass(frozen=True)
class CompetitionServices:
    """An officer's work on the competitions of their municipality."""

    transactions: TransactionRunner
    competitions: CompetitionRepository
    access: Access
    clock: Clock
    recorder: EventRecorder = field(default_factory=EventRecorder)

    async def draft(self, principal: Principal, terms: CompetitionTerms) -> Competition:
        """Draft a competition with checked terms."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> Competition:
            # Made inside the unit of work: a retried transaction records its events again.
            competition = draft_competition(
                tenant_id=tenant.tenant_id, terms=terms, by=principal.subject, now=self.clock.now()
            )
            await self.competitions.add(competition, transaction.session)
            await self.recorder.record(transaction, competition)
            return competition

        return await self.transactions.run(work)

    async def revise(
        self, principal: Principal, competition_id: str, terms: CompetitionTerms
    ) -> Competition:
        """Replace the terms of a draft."""
        return await self._change(
            principal,
            competition_id,
            lambda c: c.revise(terms, by=principal.subject, now=self.clock.now()),
        )

    async def copy(
        self, principal: Principal, competition_id: str, shift_years: int
    ) -> Competition:
        """Draft a new competition from an earlier one, its dates moved by whole years."""
        tenant = require_officer(principal)
        original = await self.competitions.get(tenant, competition_id)
        if original is None:
            raise competition_not_found(competition_id)

        async def work(transaction: Transaction) -> Competition:
            copy = original.copy_as_draft(
                by=principal.subject, now=self.clock.now(), shift_years=shift_years
            )
            await self.competitions.add(copy, transaction.session)
            await self.recorder.record(transaction, copy)
            return copy

        return await self.transactions.run(work)

    async def announce(self, principal: Principal, competition_id: str) -> Competition:
        """Announce a draft; the deadline must leave at least 21 days."""
        return await self._change(
            principal, competition_id, lambda c: c.announce(now=self.clock.now())
        )

    async def cancel(self, principal: Principal, competition_id: str, reason: str) -> Competition:
        """Cancel a competition before its results, giving the reason."""
        return await self._change(
            principal, competition_id, lambda c: c.cancel(reason=reason, now=self.clock.now())
        )

    async def start_review(self, principal: Principal, competition_id: str) -> Competition:
        """Open the review of a closed competition."""
        return await self._change(
            principal,
            competition_id,
            lambda c: c.start_review(by=principal.subject, now=self.clock.now()),
        )

    async def archive(self, principal: Principal, competition_id: str) -> Competition:
        """Archive a resolved competition."""
        return await self._change(
            principal, competition_id, lambda c: c.archive(now=self.clock.now())
        )

    async def get(self, principal: Principal, competition_id: str) -> Competition:
        """Return a competition the caller may read."""
        return await self.access.competition(principal, competition_id)

    async def list_visible(
        self, principal: Principal, state: CompetitionState | None, limit: int
    ) -> list[Competition]:
        """Return the competitions the caller may read, newest first."""
        context, own = await self.access.centres.reading(principal), principal.tenant_id
        own_officer = principal.has_role(Role.TENANT_OFFICER)
        allowed = list(CompetitionState) if own_officer else _PUBLIC_STATES
        states = [state] if state is not None else allowed
        found = await self.competitions.in_states(
            context, states=[s for s in states if s in allowed], limit=limit
        )
        # Drafts of a centre's members stay their officers' own.
        return [c for c in found if c.state is not CompetitionState.DRAFT or c.tenant_id == own]

    async def close_due(self) -> int:
        """Close every announced competition whose deadline has passed; return how many."""
        now = self.clock.now()
        due = await self.competitions.due_for_closing(now)
        closed = 0
        for competition in due:
            try:
                await self._close(TenantContext(competition.tenant_id), competition.id, now)
                closed += 1
            except Conflict:
                # Changed meanwhile (cancelled, say); the next run looks at it again.
                log.warning("grants.competition.close.skipped", competition_id=competition.id)
        return closed

    async def _close(self, tenant: TenantContext, competition_id: str, now: datetime) -> None:
        async def work(transaction: Transaction) -> None:
            competition = await self.competitions.get(tenant, competition_id, transaction.session)
            if competition is None or competition.state is not CompetitionState.ANNOUNCED:
                return
            competition.close(now=now)
            await self.competitions.save(competition, transaction.session)
            await self.recorder.record(transaction, competition)

        await self.transactions.run(work)
        log.info(
            "grants.competition.closed", competition_id=competition_id, tenant=tenant.tenant_id
        )

    async def _change(
        self,
        principal: Principal,
        competition_id: str,
        change: Callable[[Competition], object],
    ) -> Competition:
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> Competition:
            competition = await self.competitions.get(tenant, competition_id, transaction.session)
            if competition is None:
                raise competition_not_found(competition_id)
            change(competition)
            await self.competitions.save(competition, transaction.session)
            await self.recorder.record(transaction, competition)
            return competition

        return await self.transactions.run(work)
