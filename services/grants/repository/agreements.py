"""Agreements and the reports made under them."""

from __future__ import annotations

from decimal import Decimal

from pydantic import TypeAdapter
from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from services.grants.domain.agreement.agreement import Agreement, AgreementState
from services.grants.domain.common.dates import local_date
from services.grants.domain.common.money import Money
from services.grants.domain.report.report import Report, ReportState
from shared.aggregates import AggregateRepository
from shared.errors import Conflict, Text
from shared.mongo import Document
from shared.tenancy import TenantContext

__all__ = ["AgreementRepository", "ReportRepository"]


class AgreementRepository(AggregateRepository[Agreement]):
    """Agreements; one per granted offer or small grant (a unique source key)."""

    collection_name = "agreements"
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("source_key", ASCENDING)], name="source", unique=True
        ),
        IndexModel(
            [("tenant_id", ASCENDING), ("organization_id", ASCENDING), ("year", ASCENDING)],
            name="organization_year",
        ),
        IndexModel([("tenant_id", ASCENDING), ("state", ASCENDING)], name="state"),
    )
    adapter = TypeAdapter(Agreement)

    def query_fields(self, aggregate: Agreement) -> Document:
        """Return the source, the organization, the state, the year and the amount."""
        source = aggregate.source
        return {
            "source_key": _source_key(source.offer_id, source.small_grant_id),
            "source_kind": "offer" if source.offer_id else "small_grant",
            "competition_id": source.competition_id,
            "offer_id": source.offer_id,
            "small_grant_id": source.small_grant_id,
            "organization_id": aggregate.organization_id,
            "state": aggregate.state.value,
            "year": local_date(aggregate.prepared_at).year,
            "amount": str(aggregate.amount.amount),
        }

    async def add(self, aggregate: Agreement, session: AsyncClientSession) -> None:
        """Insert the agreement, or 409 if its offer or small grant already has one."""
        try:
            await super().add(aggregate, session)
        except DuplicateKeyError:
            raise Conflict(
                detail=Text(
                    "Umowa dla tej oferty już istnieje.", "This offer already has an agreement."
                )
            ) from None

    async def for_source(
        self,
        tenant: TenantContext,
        *,
        offer_id: str | None = None,
        small_grant_id: str | None = None,
    ) -> Agreement | None:
        """Return the agreement of an offer or of a small grant, if there is one."""
        found = await self.find(tenant, {"source_key": _source_key(offer_id, small_grant_id)})
        return found[0] if found else None

    async def of_organization(self, tenant: TenantContext, organization_id: str) -> list[Agreement]:
        """Return one organization's agreements."""
        return await self.find(tenant, {"organization_id": organization_id})

    async def signed_across_tenants(self) -> list[Agreement]:
        """Return every signed, unsettled agreement (the report reminders job)."""
        return await self.find_across_tenants({"state": AgreementState.SIGNED.value}, limit=10_000)

    async def small_grants_granted(
        self,
        tenant: TenantContext,
        year: int,
        organization_id: str | None = None,
        session: AsyncClientSession | None = None,
    ) -> Money:
        """Return the sum of small-grant agreements of a year (of one organization if given)."""
        query: Document = {"year": year, "source_kind": "small_grant"}
        if organization_id is not None:
            query["organization_id"] = organization_id
        found = await self._find(tenant, query, limit=10_000, session=session)
        return Money(sum((Decimal(d["amount"]) for d in found), Decimal("0.00")))


class ReportRepository(AggregateRepository[Report]):
    """Reports; one per obligation of an agreement (a unique key)."""

    collection_name = "reports"
    indexes = (
        IndexModel(
            [("tenant_id", ASCENDING), ("agreement_id", ASCENDING), ("obligation", ASCENDING)],
            name="obligation",
            unique=True,
        ),
    )
    adapter = TypeAdapter(Report)

    def query_fields(self, aggregate: Report) -> Document:
        """Return the agreement, the obligation, the organization and the state."""
        return {
            "agreement_id": aggregate.agreement_id,
            "obligation": aggregate.obligation.key,
            "organization_id": aggregate.organization_id,
            "state": aggregate.state.value,
        }

    async def add(self, aggregate: Report, session: AsyncClientSession) -> None:
        """Insert the report, or 409 if the obligation already has one."""
        try:
            await super().add(aggregate, session)
        except DuplicateKeyError:
            raise Conflict(
                detail=Text(
                    "To sprawozdanie już rozpoczęto; popraw istniejące.",
                    "This report was already started; edit that one.",
                ),
                extra={"obligation": aggregate.obligation.key},
            ) from None

    async def of_agreement(
        self, tenant: TenantContext, agreement_id: str, session: AsyncClientSession | None = None
    ) -> list[Report]:
        """Return the reports under one agreement."""
        return await self.find(tenant, {"agreement_id": agreement_id}, session=session)

    async def handed_in(self, tenant: TenantContext, agreement_id: str) -> set[str]:
        """Return the obligations whose report is submitted or accepted."""
        states = [ReportState.SUBMITTED.value, ReportState.ACCEPTED.value]
        found = await self._find(
            tenant, {"agreement_id": agreement_id, "state": {"$in": states}}, limit=100
        )
        return {document["obligation"] for document in found}


def _source_key(offer_id: str | None, small_grant_id: str | None) -> str:
    return f"offer:{offer_id}" if offer_id else f"small_grant:{small_grant_id}"
