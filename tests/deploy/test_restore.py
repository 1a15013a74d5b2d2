"""A consumer's database restored from a backup catches up when its producers republish.

The documented restore (docs/operations.md): restore the service's database from its nightly
dump, then republish the producers' retained events since the dump. The consumer's offsets
are already past what the backup lacks; the republished events come again, the restored
inbox lacks the newer ones (applied) and holds the older ones (skipped). mongodump and
mongorestore cannot be installed here (no Debian or PyPI package ships them), so the dump and
restore are stood in for by copying every collection's documents with PyMongo.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from shared.republish import republish
from tests.conftest import AppClientFactory
from tests.support.auth import TokenFactory, bearer
from tests.support.factories import organization_payload
from tests.support.polling import eventually
from tests.support.services import ServiceClient
from tests.support.tenants import onboard_with

Dump = dict[str, list[dict[str, Any]]]


async def _dump(database: AsyncDatabase[dict[str, Any]]) -> Dump:
    """Stand in for `mongodump --db`: every document of every collection."""
    names = await database.list_collection_names()
    return {name: [d async for d in database[name].find()] for name in names}


async def _restore(database: AsyncDatabase[dict[str, Any]], dump: Dump) -> None:
    """Stand in for `mongorestore --drop`: the collections hold the dump's documents only."""
    for name in await database.list_collection_names():
        await database[name].delete_many({})
        if dump.get(name):
            await database[name].insert_many(dump[name])


async def _register(registry: ServiceClient, headers: dict[str, str], name: str) -> str:
    body = organization_payload(name=name, krs=..., regon=..., nip=...)
    answer = await registry.post("/organizations", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    return f"/organizations/{answer.json()['id']}"


async def _inbox_links(notifications: ServiceClient, headers: dict[str, str]) -> list[str]:
    answer = await notifications.get("/inbox", headers=headers)
    assert answer.status_code == 200, answer.text
    return sorted(item["link"] for item in answer.json())


class TestRestoreAndCatchUp:
    async def test_a_restored_consumer_gets_back_what_came_after_its_backup(
        self, app_client: AppClientFactory, token: TokenFactory, tenant_id: str
    ) -> None:
        registry = await app_client("registry")
        notifications = await app_client("notifications")
        await onboard_with(registry, token, tenant_id)
        officer = bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))
        before = await _register(registry, officer, "Fundacja Przed Kopią")

        async def shown(expected: list[str]) -> None:
            assert await _inbox_links(notifications, officer) == sorted(expected)

        await eventually(lambda: shown([before]))
        backup_taken = datetime.now(UTC)
        backup = await _dump(notifications.database)
        after = await _register(registry, officer, "Stowarzyszenie Po Kopii")
        await eventually(lambda: shown([before, after]))

        await _restore(notifications.database, backup)
        assert await _inbox_links(notifications, officer) == [before]
        settings = registry.runtime.settings
        requeued = await republish(
            settings.mongodb_uri, settings.mongodb_database, since=backup_taken
        )

        assert requeued >= 1
        await eventually(lambda: shown([before, after]))
