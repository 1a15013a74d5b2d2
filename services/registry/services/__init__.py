"""Use cases of the registry service."""

from services.registry.services.access import AccessPolicy
from services.registry.services.organizations import OrganizationServices
from services.registry.services.tenants import TenantServices

__all__ = ["AccessPolicy", "OrganizationServices", "TenantServices"]
