"""Use cases of printable documents: the offer (annex 1) and the report (annex 5)."""

from __future__ import annotations

from dataclasses import dataclass

from services.grants.adapters.documents import render_offer, render_report
from services.grants.domain.agreement.agreement import Agreement
from services.grants.repository import (
    ApplicantDirectory,
    OfferRepository,
    SmallGrantRepository,
    TenantDirectory,
)
from services.grants.services.offers import OfferServices
from services.grants.services.reports import ReportServices
from shared.tenancy import Principal, TenantContext

__all__ = ["DocumentServices"]


@dataclass(frozen=True)
class DocumentServices:
    """Render what a caller may read as the statutory forms lay it out."""

    offer_services: OfferServices
    report_services: ReportServices
    offers: OfferRepository
    small_grants: SmallGrantRepository
    applicants: ApplicantDirectory
    tenants: TenantDirectory

    async def offer(self, principal: Principal, offer_id: str) -> str:
        """Return the offer as annex 1, in Polish."""
        checked = await self.offer_services.get(principal, offer_id)
        offer = checked.offer
        applicant = await self.applicants.get(offer.organization_id)
        authority = await self._authority(offer.tenant_id)
        return render_offer(offer, checked.competition, applicant, authority)

    async def report(self, principal: Principal, report_id: str) -> str:
        """Return the report as annex 5, in Polish."""
        found = await self.report_services.get(principal, report_id)
        agreement = found.agreement
        title = await self._title(agreement)
        return render_report(
            found.report, agreement, title, await self._authority(agreement.tenant_id)
        )

    async def _title(self, agreement: Agreement) -> str:
        tenant, source = TenantContext(agreement.tenant_id), agreement.source
        if source.offer_id:
            offer = await self.offers.get(tenant, source.offer_id)
            return offer.content.title if offer else source.offer_id
        small_grant = await self.small_grants.get(tenant, source.small_grant_id or "")
        return small_grant.form.title if small_grant else agreement.id

    async def _authority(self, tenant_id: str) -> str:
        record = await self.tenants.get(tenant_id)
        return record.name if record else f"Jednostka samorządu {tenant_id}"
