"""Event contracts: one module per producing service, each field described."""

from shared.contracts.base import EventContract, contract_for_type, registered_contracts
from shared.contracts.registry import OrganizationRegistered

__all__ = [
    "EventContract",
    "OrganizationRegistered",
    "contract_for_type",
    "registered_contracts",
]
