"""Every MongoDB query of the registry service."""

from services.registry.repository.audit import AuditLog
from services.registry.repository.claims import IdentifierClaims
from services.registry.repository.local_lists import LocalListEntries
from services.registry.repository.matching import OrganizationMatcher
from services.registry.repository.organizations import OrganizationRepository
from services.registry.repository.public import PublicDirectory
from services.registry.repository.tenants import TenantRecords

__all__ = [
    "AuditLog",
    "IdentifierClaims",
    "LocalListEntries",
    "OrganizationMatcher",
    "OrganizationRepository",
    "PublicDirectory",
    "TenantRecords",
]
