"""Fakes of the notice log and the read models of other services."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.notifications.domain.notice import Notice
from shared.tenancy import TenantContext
from tests.support.fakes import Snapshotted


class FakeNotices(Snapshotted):
    """The notice log: notices by key."""

    def __init__(self, *notices: Notice) -> None:
        self.notices = {n.key: n for n in notices}

    async def in_period(
        self, tenant: TenantContext, start: datetime, end: datetime, *, public_only: bool
    ) -> list[Notice]:
        found = [
            n
            for n in self.notices.values()
            if n.tenant_id == tenant.tenant_id
            and start <= n.occurred_at < end
            and (n.rule.public or not public_only)
        ]
        return sorted(found, key=lambda n: n.occurred_at)

    async def record(self, notice: Notice, session: Any) -> bool:
        if notice.key in self.notices:
            return False
        self.notices[notice.key] = notice
        return True


class FakeBoard:
    """A competition or consultation board with nothing open."""

    async def open_at(self, tenant: TenantContext, moment: datetime) -> list[Any]:
        return []


class FakeTenants:
    """Tenant names, by id."""

    def __init__(self, **names: str) -> None:
        self.names = names

    async def name_of(self, tenant_id: str) -> str:
        return self.names.get(tenant_id, tenant_id)


class FakeOrganizations:
    """Organizations' areas of work, by (tenant, organization)."""

    def __init__(self, **areas: frozenset[str]) -> None:
        self.areas = areas  # organization id -> areas, all in one tenant for brevity

    async def areas_of(
        self, tenant: TenantContext, organization_ids: Any, session: Any
    ) -> dict[str, frozenset[str]]:
        return {o: self.areas[o] for o in organization_ids if o in self.areas}

    async def working_in(self, tenant: TenantContext, areas: Any, session: Any) -> list[str]:
        return sorted(o for o, worked in self.areas.items() if worked & set(areas))
