"""Use cases of offers: an NGO drafts, edits, submits, withdraws; an officer reviews formally."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from services.grants.domain.competition.competition import Competition, CompetitionState
from services.grants.domain.offer.form import OfferContent
from services.grants.domain.offer.offer import Offer, OfferState, draft_offer
from services.grants.repository import CommitteeRepository, CompetitionRepository, OfferRepository
from services.grants.services.access import Access, competition_not_found
from shared.access import not_found, require_member, require_officer
from shared.clock import Clock
from shared.errors import FieldError, Text
from shared.outbox import Transaction, TransactionRunner
from shared.paging import Page
from shared.recording import EventRecorder
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["CheckedOffer", "OfferServices"]


@dataclass(frozen=True)
class CheckedOffer:
    """An offer with its competition and every breach of the competition's terms."""

    offer: Offer
    competition: Competition
    breaches: list[FieldError] = field(default_factory=list)


def offer_not_found(offer_id: str) -> Exception:
    """Return the answer for an offer the caller may not see."""
    return not_found(Text("Nie ma takiej oferty.", "No such offer."), offer_id=offer_id)


@dataclass(frozen=True)
class OfferServices:
    """The life of offers up to the formal review."""

    transactions: TransactionRunner
    competitions: CompetitionRepository
    offers: OfferRepository
    committees: CommitteeRepository
    access: Access
    clock: Clock
    recorder: EventRecorder = field(default_factory=EventRecorder)

    async def draft(
        self, principal: Principal, competition_id: str, content: OfferContent
    ) -> CheckedOffer:
        """Start an offer of the caller's organization in an announced competition."""
        organization_id = require_member(principal)
        applicant = await self.access.applicant(organization_id)
        # Read before the transaction, which only inserts: a read inside it would not conflict
        # with a concurrent change on MongoDB either, and on NX-27017 every command inside the
        # (serialized) transaction is a round trip that the other requests wait for.
        competition = await self._competition(principal.tenant, competition_id, None)
        if competition.state is CompetitionState.DRAFT:
            # A draft announcement is the officers' own: NGOs must not learn of it.
            raise competition_not_found(competition_id)

        async def work(transaction: Transaction) -> CheckedOffer:
            offer = draft_offer(
                competition,
                organization_id=organization_id,
                organization_name=applicant.name,
                content=content,
                by=principal.subject,
                now=self.clock.now(),
            )
            await self.offers.add(offer, transaction.session)
            await self.recorder.record(transaction, offer)
            return _checked(offer, competition)

        return await self.transactions.run(work)

    async def revise(
        self, principal: Principal, offer_id: str, content: OfferContent
    ) -> CheckedOffer:
        """Replace the contents of the organization's draft; answer every breach by field."""
        return await self._by_member(
            principal,
            offer_id,
            lambda o, c: o.revise(c, content, by=principal.subject, now=self.clock.now()),
        )

    async def submit(self, principal: Principal, offer_id: str) -> CheckedOffer:
        """Submit the organization's draft before the deadline, if the organization is active."""
        await self.access.applicant(require_member(principal))
        return await self._by_member(
            principal,
            offer_id,
            lambda o, c: o.submit(c, by=principal.subject, now=self.clock.now()),
        )

    async def withdraw(self, principal: Principal, offer_id: str) -> CheckedOffer:
        """Withdraw the organization's submitted offer before the deadline."""
        return await self._by_member(
            principal,
            offer_id,
            lambda o, c: o.withdraw(c, by=principal.subject, now=self.clock.now()),
        )

    async def review_formally(
        self, principal: Principal, offer_id: str, answers: Mapping[str, bool], reason: str | None
    ) -> CheckedOffer:
        """Record the officer's formal review of a submitted offer."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> CheckedOffer:
            offer = await self.offers.get(tenant, offer_id, transaction.session)
            if offer is None or offer.state is OfferState.DRAFT:
                raise offer_not_found(offer_id)
            competition = await self._competition(tenant, offer.competition_id, transaction)
            offer.review_formally(
                competition, answers, reason=reason, by=principal.subject, now=self.clock.now()
            )
            await self.offers.save(offer, transaction.session)
            await self.recorder.record(transaction, offer)
            return CheckedOffer(offer, competition)

        return await self.transactions.run(work)

    async def get(self, principal: Principal, offer_id: str) -> CheckedOffer:
        """Return an offer: the organization's own, or a submitted one for staff and committee."""
        offer = await self.offers.get(principal.tenant, offer_id)
        if offer is None:
            raise offer_not_found(offer_id)
        competition = await self._competition(principal.tenant, offer.competition_id, None)
        if principal.organization_id == offer.organization_id:
            return _checked(offer, competition)
        if offer.state is not OfferState.DRAFT and await self._reviews(principal, competition):
            return CheckedOffer(offer, competition)
        raise offer_not_found(offer_id)

    async def list_own(self, principal: Principal, *, after: str | None, limit: int) -> Page[Offer]:
        """Return a page of the offers of the caller's organization in this municipality."""
        organization_id = require_member(principal)
        return await self.offers.page_of_organization(
            principal.tenant, organization_id, after=after, limit=limit
        )

    async def of_competition(
        self, principal: Principal, competition_id: str, *, after: str | None, limit: int
    ) -> Page[Offer]:
        """Return a page of a competition's offers past the draft, for officers and committee."""
        competition = await self._competition(principal.tenant, competition_id, None)
        if not await self._reviews(principal, competition):
            raise competition_not_found(competition_id)
        return await self.offers.page_of_competition(
            principal.tenant, competition_id, after=after, limit=limit
        )

    async def _reviews(self, principal: Principal, competition: Competition) -> bool:
        if principal.has_role(Role.TENANT_OFFICER):
            return True
        if not principal.has_role(Role.COMMITTEE_MEMBER):
            return False
        committee = await self.committees.of_competition(principal.tenant, competition.id)
        return committee is not None and principal.subject in committee.members

    async def _competition(
        self, tenant: TenantContext, competition_id: str, transaction: Transaction | None
    ) -> Competition:
        session = transaction.session if transaction else None
        competition = await self.competitions.get(tenant, competition_id, session)
        if competition is None:
            raise competition_not_found(competition_id)
        return competition

    async def _by_member(
        self,
        principal: Principal,
        offer_id: str,
        change: Callable[[Offer, Competition], object],
    ) -> CheckedOffer:
        organization_id = require_member(principal)

        async def work(transaction: Transaction) -> CheckedOffer:
            offer = await self.offers.get(principal.tenant, offer_id, transaction.session)
            if offer is None:
                raise offer_not_found(offer_id)
            # Another organization must not learn that the offer exists.
            offer.ensure_visible_to(organization_id)
            competition = await self._competition(
                principal.tenant, offer.competition_id, transaction
            )
            change(offer, competition)
            await self.offers.save(offer, transaction.session)
            await self.recorder.record(transaction, offer)
            return _checked(offer, competition)

        return await self.transactions.run(work)


def _checked(offer: Offer, competition: Competition) -> CheckedOffer:
    breaches = offer.check_against(competition) if offer.state is OfferState.DRAFT else []
    return CheckedOffer(offer, competition, breaches)
