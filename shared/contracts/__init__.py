"""Event contracts: one module per producing service, each field described."""

from shared.contracts import consultations, grants, registry
from shared.contracts.base import EventContract, contract_for_type, registered_contracts

__all__ = [
    "EventContract",
    "consultations",
    "contract_for_type",
    "grants",
    "registered_contracts",
    "registry",
]
