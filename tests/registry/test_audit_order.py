"""The audit trail read by one `_id` range, and entries stored before `_id` carried the order."""

from __future__ import annotations

from datetime import UTC, datetime

from services.registry.repository.audit import AuditLog
from tests.registry.conftest import Headers, ok, register
from tests.support.services import ServiceClient


class TestAuditOrder:
    async def test_an_entry_from_before_ordered_ids_keeps_its_place(
        self, registry: ServiceClient, officer: Headers, tenant_id: str
    ) -> None:
        organization = await register(registry, officer)
        trail = registry.database["organization_audit"]
        await trail.insert_one(
            {
                "_id": "0123456789abcdef",  # an id as entries had before
                "tenant_id": tenant_id,
                "organization_id": organization["id"],
                "action": "imported",
                "fields": [],
                "actor": "someone",
                "actor_tenant_id": tenant_id,
                "at": datetime(2020, 1, 1, tzinfo=UTC),
            }
        )
        await trail.delete_one({"_id": "!ordered-ids"})

        moved = await AuditLog(registry.database).rekey()
        await registry.patch(
            f"/organizations/{organization['id']}", json={"description": "Nowy"}, headers=officer
        )
        history = ok(
            await registry.get(f"/organizations/{organization['id']}/history", headers=officer)
        )

        assert moved >= 1
        assert [entry["action"] for entry in history] == ["updated", "registered", "imported"]
        assert await AuditLog(registry.database).rekey() == 0  # once only
