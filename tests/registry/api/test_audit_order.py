"""The audit trail read by `key` ranges page by page, and entries stored before the order keys."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from services.registry.repository.audit import AuditLog
from tests.registry.conftest import Headers, Onboard, register
from tests.support.http import ok, problem
from tests.support.services import ServiceClient

_NEXT = re.compile(r"<(?P<url>[^>]+)>; rel=\"next\"")


async def _pages(registry: ServiceClient, headers: Headers, url: str) -> list[list[Any]]:
    """Follow the next links from `url`; return each page's entries."""
    pages: list[list[Any]] = []
    while url:
        answer = await registry.get(url, headers=headers)
        pages.append(ok(answer))
        link = _NEXT.search(answer.headers.get("link", ""))
        url = link["url"] if link else ""
    return pages


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
        await trail.delete_many({"_id": {"$in": ["!ordered-ids", "!keyed"]}})

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


class TestAuditPages:
    async def test_pages_newest_first_without_repeats_or_gaps(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        organization = await register(registry, officer)
        path = f"/organizations/{organization['id']}"
        for n in range(4):
            await registry.patch(path, json={"description": f"Opis {n}"}, headers=officer)

        pages = await _pages(registry, officer, f"{path}/history?limit=2")

        assert [len(page) for page in pages] == [2, 2, 1]
        entries = [entry for page in pages for entry in page]
        assert [e["action"] for e in entries] == ["updated"] * 4 + ["registered"]
        times = [e["at"] for e in entries]
        assert times == sorted(times, reverse=True)

    async def test_a_cursor_of_another_organization_s_trail_is_refused(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        first, second = await register(registry, officer), await register(registry, officer)
        await registry.patch(
            f"/organizations/{first['id']}", json={"description": "x"}, headers=officer
        )
        answer = await registry.get(
            f"/organizations/{first['id']}/history?limit=1", headers=officer
        )
        cursor = _NEXT.search(answer.headers["link"])["url"].split("cursor=")[1]  # type: ignore[index]

        refused = await registry.get(
            f"/organizations/{second['id']}/history?cursor={cursor}", headers=officer
        )

        assert problem(refused, 422)["errors"][0]["field"] == "query.cursor"

    async def test_another_municipality_never_reads_the_trail(
        self, registry: ServiceClient, officer: Headers, onboarded: Onboard, person: Any
    ) -> None:
        organization = await register(registry, officer)
        stranger = person(await onboarded(), "tenant_officer")

        answer = await registry.get(
            f"/organizations/{organization['id']}/history", headers=stranger
        )

        assert answer.status_code == 404
