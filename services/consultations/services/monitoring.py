"""Participation monitoring: the read model kept from events and the figures read from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from services.consultations.domain.monitoring.deadlines import submitted_on_time
from services.consultations.domain.monitoring.figures import (
    MunicipalityFigures,
    OrganizationFigures,
    municipality_figures,
    organization_figures,
)
from services.consultations.domain.monitoring.inputs import MonitoringInput, SubmittedReport
from services.consultations.domain.monitoring.ledger import facts_key
from services.consultations.domain.monitoring.own_events import facts_of
from services.consultations.repository import (
    ActivityFactsRepository,
    OrganizationNames,
    ReportDeadlineRepository,
    TenantDirectory,
)
from services.consultations.services.access import Access
from shared.access import not_found
from shared.contracts.base import EventContract
from shared.errors import Text
from shared.outbox import Transaction
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["MonitoringRecorder", "MonitoringServices", "NamedFigures", "SubmittedTaskReport"]

NO_SUCH_MUNICIPALITY = Text(
    "Nie ma takiej gminy wśród dostępnych.", "No such municipality among those you may see."
)


@dataclass(frozen=True)
class NamedFigures:
    """A municipality's figures with the names of the municipality and its organizations."""

    figures: MunicipalityFigures
    municipality_name: str | None
    organization_names: dict[str, str]


@dataclass(frozen=True)
class SubmittedTaskReport:
    """What grants says of a report handed in under an agreement."""

    event_id: str
    tenant_id: str
    agreement_id: str
    organization_id: str
    report_id: str
    obligation: str
    submitted_at: datetime


@dataclass(frozen=True)
class MonitoringRecorder:
    """Keeps the read model from other services' events, inside the consumer's transaction."""

    facts: ActivityFactsRepository
    deadlines: ReportDeadlineRepository

    async def record(self, transaction: Transaction, fact: MonitoringInput) -> bool:
        """Take in one fact; return False when its event was already counted."""
        facts = await self.facts.get(facts_key(fact), transaction.session)
        if not facts.apply(fact):
            return False
        await self.facts.put(facts, transaction.session)
        return True

    async def own_event(
        self, transaction: Transaction, event: EventContract, event_id: str, tenant: TenantContext
    ) -> None:
        """Count what monitoring needs of one of the service's own events, under its id.

        A sink of the service's event recorder: the facts go in with the event, in the very
        transaction that raises it, so the service needs no subscription to its own topic.
        """
        for fact in facts_of(event, event_id=event_id, tenant_id=tenant.tenant_id):
            await self.record(transaction, fact)

    async def report_due(
        self,
        transaction: Transaction,
        *,
        tenant_id: str,
        agreement_id: str,
        organization_id: str,
        obligation: str,
        due_on: date,
        overdue: bool = False,
    ) -> None:
        """Remember when a report under an agreement is due, and whether it is overdue."""
        await self.deadlines.note(
            TenantContext(tenant_id),
            agreement_id=agreement_id,
            organization_id=organization_id,
            obligation=obligation,
            due_on=due_on,
            overdue=overdue,
            session=transaction.session,
        )

    async def report_submitted(self, transaction: Transaction, report: SubmittedTaskReport) -> None:
        """Count a report handed in, on time or late against its announced due day."""
        due_on, overdue = await self.deadlines.lookup(
            TenantContext(report.tenant_id),
            report.agreement_id,
            report.obligation,
            transaction.session,
        )
        fact = SubmittedReport(
            event_id=report.event_id,
            tenant_id=report.tenant_id,
            organization_id=report.organization_id,
            report_id=report.report_id,
            on_time=submitted_on_time(report.submitted_at, due_on=due_on, overdue_noticed=overdue),
            occurred_at=report.submitted_at,
        )
        await self.record(transaction, fact)


@dataclass(frozen=True)
class MonitoringServices:
    """Figures per municipality and organization, for officers and support centres."""

    facts: ActivityFactsRepository
    organizations: OrganizationNames
    directory: TenantDirectory
    access: Access

    async def municipality(self, principal: Principal, tenant_id: str, year: int) -> NamedFigures:
        """Return a municipality's figures of one year (its officers, its support centre)."""
        reader = await self.access.staff(principal)
        if tenant_id not in reader.visible_tenant_ids:
            raise not_found(NO_SUCH_MUNICIPALITY, tenant_id=tenant_id)
        return await self.figures_of(tenant_id, year)

    async def centre(self, principal: Principal, year: int) -> list[NamedFigures]:
        """Return the figures of every member of the caller's support centre, side by side."""
        centre = await self.access.centre(principal)
        return [await self.figures_of(m, year) for m in sorted(centre.readable_tenant_ids)]

    async def organization(
        self, principal: Principal, organization_id: str, year: int
    ) -> tuple[list[OrganizationFigures], str | None]:
        """Return an organization's figures per municipality and its name (staff, own members)."""
        if principal.has_role(Role.NGO_MEMBER) and principal.organization_id == organization_id:
            facts = await self.facts.of_organization_anywhere(organization_id, year)
        else:
            reader = await self.access.staff(principal)
            facts = await self.facts.of_organization(reader, organization_id, year)
        names = await self.organizations.names([organization_id])
        return [organization_figures(f) for f in facts], names.get(organization_id)

    async def figures_of(self, tenant_id: str, year: int) -> NamedFigures:
        """Return a municipality's figures with names (no access check: callers do it)."""
        facts = await self.facts.of_year(TenantContext(tenant_id), year)
        figures = municipality_figures(tenant_id, year, facts)
        ids = [o.organization_id for o in figures.organizations]
        return NamedFigures(
            figures,
            (await self.directory.names([tenant_id])).get(tenant_id),
            await self.organizations.names(ids),
        )
