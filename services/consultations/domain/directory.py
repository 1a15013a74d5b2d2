"""What consultations knows of the registry's tenants."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TenantRecord"]


@dataclass(frozen=True)
class TenantRecord:
    """A tenant as the registry announced it; a support centre lists its members."""

    tenant_id: str
    name: str
    kind: str
    member_ids: tuple[str, ...]
