"""In-memory fakes of grants' stores, with the queries its use cases call (no servers)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from services.grants.adapters.search import competition_index
from services.grants.domain.agreement.agreement import Agreement, AgreementState
from services.grants.domain.applicant import Applicant, KnownTenant
from services.grants.domain.common.dates import local_date
from services.grants.domain.common.money import Money
from services.grants.domain.competition.competition import Competition, CompetitionState
from services.grants.domain.competition.results import PublishedLine, PublishedResultsOf
from services.grants.domain.offer.offer import Offer, OfferState
from services.grants.domain.report.report import Report, ReportState
from services.grants.domain.review.committee import Committee
from services.grants.domain.small_grant.comments import (
    CommentLimits,
    CommentTally,
    SmallGrantComment,
)
from services.grants.domain.small_grant.policy import SmallGrantPolicy
from services.grants.domain.small_grant.small_grant import SmallGrant, SmallGrantState
from services.grants.services.access import Access
from services.grants.services.agreements import AgreementServices
from services.grants.services.centre import CentreServices
from services.grants.services.competitions import CompetitionServices
from services.grants.services.directory import DirectoryServices
from services.grants.services.documents import DocumentServices
from services.grants.services.offers import OfferServices
from services.grants.services.public import PublicServices
from services.grants.services.reports import ReportServices
from services.grants.services.results import ResultServices
from services.grants.services.review import CommitteeServices
from services.grants.services.small_grants import SmallGrantServices
from shared.errors import Conflict, Text
from shared.paging import Page
from shared.tenancy import TenantContext
from tests.grants.domain.factories import NOW
from tests.support.clock import FixedClock
from tests.support.fakes import (
    FakeTransactionRunner,
    InMemoryAggregates,
    Snapshotted,
)

__all__ = [
    "FakeAgreements",
    "FakeApplicants",
    "FakeComments",
    "FakeCommittees",
    "FakeCompetitions",
    "FakeOffers",
    "FakePolicies",
    "FakePublishedResults",
    "FakeReports",
    "FakeSmallGrants",
    "FakeTenants",
    "World",
]


class FakeCompetitions(InMemoryAggregates[Competition]):
    """Competitions, with the repository's state, deadline and year queries."""

    async def in_states(
        self, tenant: TenantContext, *, states: list[CompetitionState], limit: int
    ) -> list[Competition]:
        found = await self.find_visible(tenant, {"state": {"$in": list(states)}})
        return sorted(found, key=lambda c: c.drafted_at, reverse=True)[:limit]

    async def announced_anywhere(self, competition_id: str) -> Competition | None:
        found = self.items.get(competition_id)
        if found is None or found.state is not CompetitionState.ANNOUNCED:
            return None
        return self._fresh(found)

    async def every_announced(self) -> AsyncIterator[Competition]:
        for competition in self.all():
            if competition.state is CompetitionState.ANNOUNCED:
                yield competition

    async def due_for_closing(self, now: datetime) -> list[Competition]:
        return [
            c
            for c in await self.find_across_tenants({"state": CompetitionState.ANNOUNCED})
            if c.terms.offer_deadline <= now
        ]

    async def announced_in(self, tenant: TenantContext, year: int | None) -> list[Competition]:
        found = [c for c in await self.find_visible(tenant, {}) if c.announced_at is not None]
        if year is not None:
            found = [c for c in found if local_date(c.announced_at).year == year]
        return sorted(found, key=lambda c: c.drafted_at)


@dataclass
class FakeOffers(InMemoryAggregates[Offer]):
    """Offers, with a competition's received list and an organization's own list."""

    received: dict[str, list[str]] = field(default_factory=dict)

    async def save(self, aggregate: Offer, session: Any = None) -> None:
        await super().save(aggregate, session)
        listed = self.received.setdefault(aggregate.competition_id, [])
        if aggregate.state is OfferState.SUBMITTED and aggregate.id not in listed:
            listed.append(aggregate.id)  # joins the list on its first submission, as stored

    async def of_competition(
        self,
        tenant: TenantContext,
        competition_id: str,
        states: list[OfferState],
        session: Any = None,
    ) -> list[Offer]:
        found = await self.find(
            tenant, {"competition_id": competition_id, "state": {"$in": states}}
        )
        return sorted(found, key=lambda o: o.drafted_at)

    async def page_of_competition(
        self, tenant: TenantContext, competition_id: str, *, after: str | None, limit: int
    ) -> Page[Offer]:
        loaded = await self.listed(tenant)(self.received.get(competition_id, []))
        return _page(
            [loaded[i] for i in self.received.get(competition_id, []) if i in loaded], after, limit
        )

    async def page_of_organization(
        self, tenant: TenantContext, organization_id: str, *, after: str | None, limit: int
    ) -> Page[Offer]:
        found = await self.find(tenant, {"organization_id": organization_id})
        return _page(sorted(found, key=lambda o: o.drafted_at, reverse=True), after, limit)


class FakeCommittees(InMemoryAggregates[Committee]):
    """One committee per competition."""

    async def of_competition(
        self, tenant: TenantContext, competition_id: str, session: Any = None
    ) -> Committee | None:
        found = await self.find(tenant, {"competition_id": competition_id})
        return found[0] if found else None


def _page(items: list[Any], after: str | None, limit: int) -> Page[Any]:
    ids = [item.id for item in items]
    start = ids.index(after) + 1 if after in ids else 0
    chosen = items[start : start + limit]
    more = start + limit < len(items)
    return Page(chosen, chosen[-1].id if more and chosen else None)


class FakeAgreements(InMemoryAggregates[Agreement]):
    """Agreements: one per offer or small grant (409 for a second), queries by source and year."""

    async def add(self, aggregate: Agreement, session: Any = None) -> None:
        source = aggregate.source
        if await self.for_source(
            TenantContext(aggregate.tenant_id),
            offer_id=source.offer_id,
            small_grant_id=source.small_grant_id,
        ):
            raise Conflict(
                detail=Text(
                    "Umowa dla tej oferty już istnieje.", "This offer already has an agreement."
                )
            )
        await super().add(aggregate, session)

    async def for_source(
        self,
        tenant: TenantContext,
        *,
        offer_id: str | None = None,
        small_grant_id: str | None = None,
    ) -> Agreement | None:
        for agreement in await self.find(tenant, {}):
            source = agreement.source
            if (offer_id and source.offer_id == offer_id) or (
                not offer_id and source.small_grant_id == small_grant_id
            ):
                return agreement
        return None

    async def of_organization(self, tenant: TenantContext, organization_id: str) -> list[Agreement]:
        return await self.find(tenant, {"organization_id": organization_id})

    async def signed_across_tenants(self) -> list[Agreement]:
        return await self.find_across_tenants({"state": AgreementState.SIGNED})

    async def small_grants_granted(
        self,
        tenant: TenantContext,
        year: int,
        organization_id: str | None = None,
        session: Any = None,
    ) -> Money:
        found = [
            a
            for a in await self.find(tenant, {})
            if a.source.small_grant_id
            and local_date(a.prepared_at).year == year
            and organization_id in (None, a.organization_id)
        ]
        return Money.total(a.amount for a in found) if found else Money(Decimal("0.00"))


class FakeReports(InMemoryAggregates[Report]):
    """Reports: one per obligation of an agreement (409 for a second)."""

    async def add(self, aggregate: Report, session: Any = None) -> None:
        taken = {
            r.obligation.key
            for r in await self.of_agreement(
                TenantContext(aggregate.tenant_id), aggregate.agreement_id
            )
        }
        if aggregate.obligation.key in taken:
            raise Conflict(
                detail=Text(
                    "To sprawozdanie już rozpoczęto; popraw istniejące.",
                    "This report was already started; edit that one.",
                ),
                extra={"obligation": aggregate.obligation.key},
            )
        await super().add(aggregate, session)

    async def of_agreement(
        self, tenant: TenantContext, agreement_id: str, session: Any = None
    ) -> list[Report]:
        return await self.find(tenant, {"agreement_id": agreement_id})

    async def handed_in(self, tenant: TenantContext, agreement_id: str) -> set[str]:
        handed = (ReportState.SUBMITTED, ReportState.ACCEPTED)
        return {
            r.obligation.key
            for r in await self.of_agreement(tenant, agreement_id)
            if r.state in handed
        }


class FakeSmallGrants(InMemoryAggregates[SmallGrant]):
    """Small grant offers, newest received first."""

    async def in_states(
        self, tenant: TenantContext, *, organization_id: str | None, states: list[SmallGrantState]
    ) -> list[SmallGrant]:
        query: dict[str, Any] = {"state": {"$in": list(states)}}
        if organization_id is not None:
            query["organization_id"] = organization_id
        found = await self.find(tenant, query)
        return sorted(found, key=lambda g: g.received_on, reverse=True)


@dataclass
class FakePolicies(Snapshotted):
    """A municipality's small grant caps by year."""

    by_year: dict[tuple[str, int], SmallGrantPolicy] = field(default_factory=dict)

    async def get(
        self, tenant: TenantContext, year: int, session: Any = None
    ) -> SmallGrantPolicy | None:
        return self.by_year.get((tenant.tenant_id, year))

    async def put(
        self, tenant: TenantContext, policy: SmallGrantPolicy, session: Any = None
    ) -> None:
        self.by_year[(tenant.tenant_id, policy.year)] = policy


@dataclass
class FakeComments(Snapshotted):
    """Public comments on small grants, oldest first, with the tallies that limit them."""

    stored: list[SmallGrantComment] = field(default_factory=list)

    async def add(self, comment: SmallGrantComment, session: Any = None) -> None:
        self.stored.append(comment)

    async def tally(
        self,
        tenant: TenantContext,
        small_grant_id: str,
        *,
        author_subject: str | None,
        client_address: str | None,
        session: Any = None,
    ) -> CommentTally:
        on = [c for c in self._on(tenant, small_grant_id)]
        return CommentTally(
            by_author=sum(1 for c in on if author_subject and c.author_subject == author_subject),
            from_address=sum(
                1 for c in on if client_address and c.client_address == client_address
            ),
        )

    async def page(
        self, tenant: TenantContext, small_grant_id: str, *, after: str | None, limit: int
    ) -> list[SmallGrantComment]:
        on = sorted(self._on(tenant, small_grant_id), key=lambda c: c.id)
        return [c for c in on if after is None or c.id > after][:limit]

    def _on(self, tenant: TenantContext, small_grant_id: str) -> list[SmallGrantComment]:
        return [
            c
            for c in self.stored
            if c.tenant_id == tenant.tenant_id and c.small_grant_id == small_grant_id
        ]


@dataclass
class FakePublishedResults(Snapshotted):
    """Published results as the event carried them, newest first per tenant."""

    kept: dict[str, tuple[str, PublishedResultsOf]] = field(default_factory=dict)

    async def add(
        self, tenant: TenantContext, title: str, area: str, event: Any, session: Any = None
    ) -> None:
        if event.competition_id in self.kept:
            raise AssertionError(f"duplicate key {event.competition_id}")
        lines = tuple(PublishedLine(**line.model_dump()) for line in event.results)
        results = PublishedResultsOf(
            event.competition_id, title, area, event.published_at, event.total_granted, lines
        )
        self.kept[event.competition_id] = (tenant.tenant_id, results)

    async def newest(self, tenant: TenantContext, limit: int) -> list[PublishedResultsOf]:
        own = [r for t, r in self.kept.values() if t == tenant.tenant_id]
        return sorted(own, key=lambda r: r.published_at, reverse=True)[:limit]


@dataclass
class FakeApplicants(Snapshotted):
    """Grants' read model of organizations, as the registry's events left it."""

    known: dict[str, Applicant] = field(default_factory=dict)

    def add(self, applicant: Applicant) -> Applicant:
        """Know `applicant` (the test's stand-in for a registry event)."""
        self.known[applicant.id] = applicant
        return applicant

    async def get(self, organization_id: str, session: Any = None) -> Applicant | None:
        return self.known.get(organization_id)

    async def put_profile(
        self,
        home: TenantContext,
        organization_id: str,
        profile: dict[str, Any],
        at: datetime,
        session: Any = None,
    ) -> None:
        known = self.known.get(organization_id)
        if known is not None and known.home_tenant_id != home.tenant_id:
            raise AssertionError(f"duplicate key {organization_id}")  # as the upsert would
        self.known[organization_id] = Applicant.of_profile(organization_id, home.tenant_id, profile)

    async def put_status(
        self,
        home: TenantContext,
        organization_id: str,
        status: str,
        at: datetime,
        session: Any = None,
    ) -> bool:
        known = self.known.get(organization_id)
        if known is None or known.home_tenant_id != home.tenant_id:
            return False
        self.known[organization_id] = replace(known, status=status)
        return True


@dataclass
class FakeTenants(Snapshotted):
    """Grants' read model of tenants and support centres' member municipalities."""

    records: dict[str, KnownTenant] = field(default_factory=dict)

    def add(self, record: KnownTenant) -> KnownTenant:
        """Know `record` (the test's stand-in for a registry event)."""
        self.records[record.id] = record
        return record

    async def get(self, tenant_id: str) -> KnownTenant | None:
        return self.records.get(tenant_id)

    async def put(self, record: KnownTenant, session: Any = None) -> None:
        self.records[record.id] = record


@dataclass
class World:
    """Grants' use cases over in-memory stores, a fixed clock and a fake transaction runner."""

    clock: FixedClock = field(default_factory=lambda: FixedClock(NOW))
    competitions: FakeCompetitions = field(default_factory=FakeCompetitions)
    offers: FakeOffers = field(default_factory=FakeOffers)
    committees: FakeCommittees = field(default_factory=FakeCommittees)
    published: FakePublishedResults = field(default_factory=FakePublishedResults)
    agreements: FakeAgreements = field(default_factory=FakeAgreements)
    reports: FakeReports = field(default_factory=FakeReports)
    small_grants: FakeSmallGrants = field(default_factory=FakeSmallGrants)
    policies: FakePolicies = field(default_factory=FakePolicies)
    comments: FakeComments = field(default_factory=FakeComments)
    comment_limits: CommentLimits = field(
        default_factory=lambda: CommentLimits(max_length=5_000, per_author=2, per_address=3)
    )
    applicants: FakeApplicants = field(default_factory=FakeApplicants)
    tenants: FakeTenants = field(default_factory=FakeTenants)
    runner: FakeTransactionRunner = field(init=False)

    def __post_init__(self) -> None:
        self.runner = FakeTransactionRunner(
            self.competitions,
            self.offers,
            self.committees,
            self.published,
            self.agreements,
            self.reports,
            self.small_grants,
            self.policies,
            self.comments,
            self.applicants,
            self.tenants,
        )

    @property
    def access(self) -> Access:
        return Access(self.competitions, self.applicants, self.tenants)

    @property
    def competition_services(self) -> CompetitionServices:
        return CompetitionServices(self.runner, self.competitions, self.access, self.clock)

    @property
    def offer_services(self) -> OfferServices:
        return OfferServices(
            self.runner, self.competitions, self.offers, self.committees, self.access, self.clock
        )

    @property
    def committee_services(self) -> CommitteeServices:
        return CommitteeServices(
            self.runner, self.competitions, self.offers, self.committees, self.clock
        )

    @property
    def result_services(self) -> ResultServices:
        return ResultServices(
            self.runner, self.competitions, self.offers, self.committees, self.published, self.clock
        )

    @property
    def agreement_services(self) -> AgreementServices:
        return AgreementServices(
            self.runner,
            self.competitions,
            self.offers,
            self.agreements,
            self.reports,
            self.tenants,
            self.clock,
        )

    @property
    def report_services(self) -> ReportServices:
        return ReportServices(self.runner, self.agreements, self.reports, self.clock)

    @property
    def small_grant_services(self) -> SmallGrantServices:
        return SmallGrantServices(
            self.runner,
            self.small_grants,
            self.policies,
            self.agreements,
            self.tenants,
            self.access,
            self.clock,
            self.comments,
            self.comment_limits,
        )

    @property
    def public(self) -> PublicServices:
        return PublicServices(
            self.competitions,
            self.published,
            self.tenants,
            base_url="https://ngo.example",
            index=competition_index(),
            clock=self.clock,
        )

    @property
    def documents(self) -> DocumentServices:
        return DocumentServices(
            self.offer_services,
            self.report_services,
            self.offers,
            self.small_grants,
            self.applicants,
            self.tenants,
        )

    @property
    def centre(self) -> CentreServices:
        return CentreServices(self.competitions, self.tenants, self.access)

    @property
    def directory(self) -> DirectoryServices:
        return DirectoryServices(self.applicants, self.tenants)
