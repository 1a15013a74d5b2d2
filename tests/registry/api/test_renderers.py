"""Renderers of the public register cope with whatever is stored, and the CSV runs no formula."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import pytest

from services.registry.domain.public_query import PublicQuery
from services.registry.repository.public import PublicDirectory
from tests.registry.conftest import Headers, register
from tests.support.http import ok
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.services import ServiceClient

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
async def municipality(registry: ServiceClient, admin: Headers) -> str:
    """A fresh municipality on the platform."""
    tenant_id = new_tenant_id()
    ok(
        await registry.post(
            "/tenants",
            json={"id": tenant_id, "name": "Gmina Renderów", "kind": "municipality"},
            headers=admin,
        ),
        201,
    )
    return tenant_id


async def _store_raw(registry: ServiceClient, organization_id: str, **profile: Any) -> None:
    """Overwrite profile fields in the database, as data written before input checks would be."""
    collection = registry.database["organizations"]
    document = await collection.find_one({"_id": organization_id})
    assert document is not None
    document["profile"].update(profile)
    await collection.replace_one({"_id": organization_id}, document)


class TestStoredControlCharacters:
    async def test_feed_csv_and_search_render_a_record_with_control_characters(
        self, registry: ServiceClient, municipality: str, person: Callable[..., Headers]
    ) -> None:
        organization = await register(registry, person(municipality, "tenant_officer"))
        await _store_raw(
            registry,
            organization["id"],
            name="Fundacja\x00 Dzwonek\x07 \x1b[31mCzerwona",
            description="Opis\x0b z\x1b sterującymi\x00",
        )

        feed = await registry.get(f"/public/municipalities/{municipality}/organizations.atom")
        export = await registry.get(f"/public/organizations.csv?municipality={municipality}")
        search = await eventually(lambda: _searchable(registry, municipality, 1))

        feed_xml = ET.fromstring(ok_bytes(feed))  # noqa: S314 (our own service's answer)
        title = feed_xml.find(f"{ATOM}entry/{ATOM}title")
        assert title is not None and title.text == "Fundacja Dzwonek [31mCzerwona"
        [row] = list(csv.DictReader(io.StringIO(ok_bytes(export).decode())))
        assert row["name"] == "Fundacja Dzwonek [31mCzerwona"
        assert search["items"][0]["id"] == organization["id"]

    async def test_a_stored_null_does_not_break_the_public_register(
        self, registry: ServiceClient, municipality: str, person: Callable[..., Headers]
    ) -> None:
        organization = await register(registry, person(municipality, "tenant_officer"))
        await _store_raw(
            registry, organization["id"], declarations=None, address=None, target_groups=None
        )

        search = await eventually(lambda: _searchable(registry, municipality, 1))
        export = await registry.get(f"/public/organizations.csv?municipality={municipality}")

        assert search["items"][0]["declarations"] == {}
        assert export.status_code == 200


async def _searchable(registry: ServiceClient, municipality: str, count: int) -> dict[str, Any]:
    """Return the search page once the engine (which follows the events) serves it."""
    page: dict[str, Any] = ok(
        await registry.get(f"/public/organizations?municipality={municipality}")
    )
    assert page["facets"] is not None and len(page["items"]) == count
    return page


class TestCsvExport:
    async def test_cells_never_start_a_formula(
        self, registry: ServiceClient, municipality: str, person: Callable[..., Headers]
    ) -> None:
        officer = person(municipality, "tenant_officer")
        await register(registry, officer, name='=HYPERLINK("http://zly.example","Kliknij")')
        await register(registry, officer, name="@SUM(1+1)", short_name="-2+3")

        export = await registry.get(f"/public/organizations.csv?municipality={municipality}")

        rows = list(csv.DictReader(io.StringIO(ok_bytes(export).decode())))
        assert sorted(r["name"] for r in rows) == [
            '\'=HYPERLINK("http://zly.example","Kliknij")',
            "'@SUM(1+1)",
        ]
        assert [r["short_name"] for r in rows if r["short_name"]] == ["'-2+3"]

    async def test_pages_by_id_ranges_and_yields_every_record_once(
        self, registry: ServiceClient, municipality: str, person: Callable[..., Headers]
    ) -> None:
        officer = person(municipality, "tenant_officer")
        ids = [(await register(registry, officer))["id"] for _ in range(5)]
        directory = PublicDirectory(registry.database)

        streamed = [
            d["_id"] async for d in directory.stream(PublicQuery(municipality=municipality), 2)
        ]

        assert streamed == sorted(ids)


def ok_bytes(answer: Any) -> bytes:
    """Assert a 200 and return the raw body."""
    assert answer.status_code == 200, answer.text
    body: bytes = answer.content
    return body
