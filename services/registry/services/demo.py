"""Demo tenants and organizations for a newcomer's first `make dev` (fictional data)."""

from __future__ import annotations

from pymongo.errors import DuplicateKeyError

from services.registry.domain.organization.organization import register_organization
from services.registry.domain.organization.profile import (
    Address,
    Declarations,
    LegalForm,
    Profile,
    Scope,
)
from services.registry.domain.tenant.tenant import TenantKind, onboard_tenant
from services.registry.repository import IdentifierClaims, OrganizationRepository, TenantRecords
from shared.clock import Clock
from shared.logging import get_logger
from shared.outbox import Transaction, TransactionRunner
from shared.public_benefit import PublicBenefitArea as Area
from shared.recording import EventRecorder
from shared.tenancy import TenantContext

__all__ = ["DEMO_TENANTS", "load_demo_data"]

log = get_logger(__name__)
DEMO_SUBJECT = "demo-loader"
WROCLAW, KATY = "0264011", "0223044"
DEMO_TENANTS = [
    (WROCLAW, "Gmina Wrocław", TenantKind.MUNICIPALITY, []),
    (KATY, "Gmina Kąty Wrocławskie", TenantKind.MUNICIPALITY, []),
    ("centre-02-wroclaw", "Centrum NGO (demo)", TenantKind.SUPPORT_CENTRE, [WROCLAW, KATY]),
]  # fmt: skip
_ORGANIZATIONS = [
    (WROCLAW, "Fundacja Przykładowa Pomoc Sąsiedzka", LegalForm.FOUNDATION, "0000563248",
     "8621642207", "362013752", [Area.SOCIAL_ASSISTANCE, Area.SENIORS], True),
    (WROCLAW, "Stowarzyszenie Rowerowy Wrocław (demo)", LegalForm.ASSOCIATION, None, None, None,
     [Area.PHYSICAL_CULTURE_SPORT, Area.ECOLOGY_ANIMAL_PROTECTION], False),
    (WROCLAW, "Klub Sportowy Odra Demo", LegalForm.SPORTS_CLUB, None, None, None,
     [Area.PHYSICAL_CULTURE_SPORT, Area.CHILDREN_YOUTH_RECREATION], False),
    (KATY, "Koło Gospodyń Wiejskich Demo", LegalForm.OTHER, None, None, None,
     [Area.NATIONAL_TRADITION, Area.LOCAL_COMMUNITIES], False),
    (KATY, "Stowarzyszenie Seniorzy Razem (demo)", LegalForm.ASSOCIATION, None, None, None,
     [Area.SENIORS, Area.VOLUNTEERING], True),
]  # fmt: skip


async def load_demo_data(
    transactions: TransactionRunner,
    tenants: TenantRecords,
    organizations: OrganizationRepository,
    claims: IdentifierClaims,
    *,
    recorder: EventRecorder,
    clock: Clock,
) -> None:
    """Create the demo tenants and organizations into an empty registry only."""
    if await tenants.count() or await organizations.any_exist():
        log.info("registry.demo.skipped", reason="the registry holds data already")
        return
    now = clock.now()

    async def work(transaction: Transaction) -> None:
        for tenant_id, name, kind, members in DEMO_TENANTS:
            tenant = onboard_tenant(
                tenant_id=tenant_id, name=name, kind=kind, member_ids=members, now=now
            )
            await tenants.add(tenant, transaction.session)
            await recorder.record(transaction, tenant)
        for tenant_id, name, form, krs, nip, regon, areas, social in _ORGANIZATIONS:
            profile = Profile(
                name=name,
                legal_form=form,
                krs=krs,
                nip=nip,
                regon=regon,
                address=Address(
                    city="Wrocław" if tenant_id == WROCLAW else "Kąty Wrocławskie",
                    municipality_teryt=tenant_id,
                ),
                public_benefit_areas=tuple(areas),
                scope=Scope.LOCAL,
                description=f"{name}: organizacja demonstracyjna.",
                declarations=Declarations(delivers_social_services=social, ready_to_cooperate=True),
            )
            organization = register_organization(
                tenant_id=tenant_id,
                profile=profile,
                registered_by=DEMO_SUBJECT,
                verified=True,
                now=now,
            )
            await claims.claim(organization, transaction.session)
            await organizations.add(TenantContext(tenant_id), organization, transaction.session)
            await recorder.record(transaction, organization)

    try:
        await transactions.run(work)
        log.info(
            "registry.demo.loaded", tenants=len(DEMO_TENANTS), organizations=len(_ORGANIZATIONS)
        )
    except DuplicateKeyError:
        log.info("registry.demo.skipped", reason="loaded by another replica")
