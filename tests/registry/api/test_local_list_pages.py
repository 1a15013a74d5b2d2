"""Pages of a local list: read by ranges of its read model, with a cursor in the Link header."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from typing import Any

from services.registry.domain.organization.organization import Organization
from services.registry.repository import LocalListEntries
from tests.registry.conftest import Headers, onboard_named, register
from tests.support.http import ok
from tests.support.services import ServiceClient

_NEXT = re.compile(r"<(?P<url>[^>]+)>; rel=\"next\"")


async def _walk(
    registry: ServiceClient, headers: Headers, url: str, between: Any = None
) -> list[str]:
    """Follow the next links from `url`; call `between()` after the first page."""
    names: list[str] = []
    while url:
        answer = await registry.get(url, headers=headers)
        names += [o["name"] for o in ok(answer)]
        if between is not None and len(names) == len(ok(answer)):
            await between()
        link = _NEXT.search(answer.headers.get("link", ""))
        url = link["url"] if link else ""
    return names


class TestLocalListPages:
    async def test_pages_neither_repeat_nor_skip_across_writes(
        self, registry: ServiceClient, admin: Headers, person: Callable[..., Headers]
    ) -> None:
        tenant_id = await onboard_named(registry, admin, "Gmina Stronicowana")
        other_id = await onboard_named(registry, admin, "Gmina Obca")
        officer = person(tenant_id, "tenant_officer")
        for letter in "BDFHJ":
            await register(registry, officer, name=f"{letter} Stowarzyszenie {tenant_id}")
        await register(registry, person(other_id, "tenant_officer"), name=f"C Obce {other_id}")

        async def write_between_pages() -> None:
            # Before the cursor: never shown on a later page; after it: shown once.
            await register(registry, officer, name=f"A Nowe {tenant_id}")
            await register(registry, officer, name=f"G Nowe {tenant_id}")

        names = await _walk(registry, officer, "/organizations?limit=2", write_between_pages)

        letters = [name.split()[0] for name in names]
        assert letters == ["B", "D", "F", "G", "H", "J"]

    async def test_a_renamed_organization_moves_in_the_list(
        self, registry: ServiceClient, admin: Headers, person: Callable[..., Headers]
    ) -> None:
        tenant_id = await onboard_named(registry, admin, "Gmina Przemianowana")
        officer = person(tenant_id, "tenant_officer")
        first = await register(registry, officer, name=f"A Pierwsza {tenant_id}")
        await register(registry, officer, name=f"M Środkowa {tenant_id}")
        ok(
            await registry.patch(
                f"/organizations/{first['id']}",
                json={"name": f"Z Ostatnia {tenant_id}"},
                headers=officer,
            )
        )

        names = await _walk(registry, officer, "/organizations?limit=1")

        assert [n.split()[0] for n in names] == ["M", "Z"]

    async def test_a_municipality_filter_pages_its_listed_organizations_only(
        self, registry: ServiceClient, admin: Headers, person: Callable[..., Headers]
    ) -> None:
        tenant_id = await onboard_named(registry, admin, "Gmina Filtrowana")
        officer = person(tenant_id, "tenant_officer")
        for letter in "KLM":
            await register(registry, officer, name=f"{letter} Klub {tenant_id}")
        pending = person(tenant_id, "ngo_member")
        await register(registry, pending, name=f"N Niezweryfikowana {tenant_id}")

        every = await _walk(registry, officer, "/organizations?limit=2")
        listed = await _walk(registry, officer, f"/organizations?limit=2&municipality={tenant_id}")

        assert [n.split()[0] for n in every] == ["K", "L", "M", "N"]
        assert [n.split()[0] for n in listed] == ["K", "L", "M"]


async def _nothing() -> AsyncIterator[Organization]:
    return
    yield


class TestEntriesOfAnEarlierVersion:
    async def test_entries_without_a_key_are_keyed_once_at_start_up(
        self, registry: ServiceClient, admin: Headers, person: Callable[..., Headers]
    ) -> None:
        tenant_id = await onboard_named(registry, admin, "Gmina Uaktualniona")
        officer = person(tenant_id, "tenant_officer")
        for letter in "PQR":
            await register(registry, officer, name=f"{letter} Fundacja {tenant_id}")
        entries = registry.database[LocalListEntries.collection_name]
        # As an earlier version wrote them: ordered by `_id` alone, no `key`, no marker.
        await entries.update_many({"tenant_id": tenant_id}, {"$unset": {"key": ""}})
        await entries.delete_one({"_id": "!keyed"})
        assert ok(await registry.get("/organizations?limit=2", headers=officer)) == []

        lists = LocalListEntries(registry.database)
        await lists.backfill(_nothing())
        await lists.backfill(_nothing())  # a second start-up changes nothing

        names = await _walk(registry, officer, "/organizations?limit=2")
        assert [n.split()[0] for n in names] == ["P", "Q", "R"]
