"""The audit trail read by one `key` range, and entries stored before that order existed."""

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

    async def test_entries_from_before_keys_are_keyed_once(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        organization = await register(registry, officer)
        history_url = f"/organizations/{organization['id']}/history"
        trail = registry.database["organization_audit"]
        # As the earlier version wrote them: ordered `_id`, no `key`, no marker.
        await trail.update_many({"organization_id": organization["id"]}, {"$unset": {"key": ""}})
        await trail.delete_one({"_id": "!keyed"})
        assert ok(await registry.get(history_url, headers=officer)) == []

        keyed = await AuditLog(registry.database).add_keys()
        history = ok(await registry.get(history_url, headers=officer))

        assert keyed >= 1
        assert [entry["action"] for entry in history] == ["registered"]
        assert await AuditLog(registry.database).add_keys() == 0  # once only
