"""The public NGO database: no token, filters, cursor pages, CSV, Atom, public fields only."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import pytest

from tests.registry.conftest import Headers, onboard_named, register
from tests.support.http import ok, problem
from tests.support.polling import eventually
from tests.support.services import ServiceClient

PRIVATE_VALUES = ("Jan Prywatny", "jan.prywatny@example.org", "+48 600 000 001")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
async def municipality(
    registry: ServiceClient, admin: Headers, person: Callable[..., Headers]
) -> dict[str, Any]:
    """A municipality with four public organizations (one with private contacts)."""
    tenant_id = await onboard_named(registry, admin, "Gmina Testowa")
    officer = person(tenant_id, "tenant_officer")
    tag = tenant_id  # makes the names of this municipality's organizations unique
    created = [
        await register(
            registry,
            officer,
            name=f"Fundacja Seniorów {tag}",
            legal_form="foundation",
            public_benefit_areas=["seniors"],
            public_benefit_status=True,
            contact_persons=[
                {"name": PRIVATE_VALUES[0], "email": PRIVATE_VALUES[1], "phone": PRIVATE_VALUES[2]}
            ],
        ),
        await register(
            registry,
            officer,
            name=f"Klub Sportowy {tag}",
            legal_form="sports_club",
            public_benefit_areas=["physical_culture_sport"],
        ),
        await register(
            registry,
            officer,
            name=f"Stowarzyszenie Kultury {tag}",
            public_benefit_areas=["culture_heritage"],
            description="teatr dla seniorów",
        ),
        await register(
            registry,
            officer,
            name=f"Zespół Ludowy {tag}",
            public_benefit_areas=["culture_heritage"],
        ),
    ]

    async def searchable() -> None:  # the search engine follows the registry's events
        page = ok(await registry.get(f"/public/organizations?municipality={tenant_id}"))
        assert page["facets"] is not None and len(page["items"]) == len(created)

    await eventually(searchable)
    return {"id": tenant_id, "tag": tag, "organizations": created}


def _names(page: dict[str, Any]) -> list[str]:
    return [item["name"] for item in page["items"]]


class TestSearch:
    async def test_filters_by_municipality_area_and_text(
        self, registry: ServiceClient, municipality: dict[str, Any]
    ) -> None:
        tag, tenant = municipality["tag"], municipality["id"]

        culture = ok(
            await registry.get(f"/public/organizations?municipality={tenant}&area=culture_heritage")
        )
        seniors_text = ok(await registry.get(f"/public/organizations?q=seni&municipality={tenant}"))
        opp = ok(await registry.get(f"/public/organizations?municipality={tenant}&opp=true"))

        assert _names(culture) == [f"Stowarzyszenie Kultury {tag}", f"Zespół Ludowy {tag}"]
        assert _names(seniors_text) == [f"Fundacja Seniorów {tag}", f"Stowarzyszenie Kultury {tag}"]
        assert _names(opp) == [f"Fundacja Seniorów {tag}"]

    async def test_pages_with_a_cursor_without_gaps_or_repeats(
        self, registry: ServiceClient, municipality: dict[str, Any]
    ) -> None:
        seen: list[str] = []
        cursor = ""
        while True:
            page = ok(
                await registry.get(
                    f"/public/organizations?municipality={municipality['id']}&limit=3{cursor}"
                )
            )
            seen += _names(page)
            if not page["next_cursor"]:
                break
            cursor = f"&cursor={page['next_cursor']}"

        assert len(seen) == 4 and seen == sorted(seen, key=str.lower)

    async def test_newest_first(
        self, registry: ServiceClient, municipality: dict[str, Any]
    ) -> None:
        page = ok(
            await registry.get(
                f"/public/organizations?municipality={municipality['id']}&sort=-registered_at"
            )
        )

        assert _names(page)[0] == f"Zespół Ludowy {municipality['tag']}"

    async def test_never_returns_a_private_field(
        self, registry: ServiceClient, municipality: dict[str, Any]
    ) -> None:
        organization = municipality["organizations"][0]

        texts = [
            (await registry.get(f"/public/organizations?municipality={municipality['id']}")).text,
            (await registry.get(f"/public/organizations/{organization['id']}")).text,
            (
                await registry.get(f"/public/organizations.csv?municipality={municipality['id']}")
            ).text,
        ]

        for text in texts:
            assert organization["name"] in text
            for value in PRIVATE_VALUES:
                assert value not in text
            assert "contact_persons" not in text and "needs_assessment" not in text

    async def test_a_bad_filter_is_a_problem_naming_it(self, registry: ServiceClient) -> None:
        body = problem(await registry.get("/public/organizations?area=astrology"), 422)

        assert body["errors"][0]["field"] == "query.area"


class TestExports:
    async def test_csv_has_a_header_and_one_row_per_organization(
        self, registry: ServiceClient, municipality: dict[str, Any]
    ) -> None:
        answer = await registry.get(f"/public/organizations.csv?municipality={municipality['id']}")

        assert answer.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(answer.text)))
        assert sorted(r["id"] for r in rows) == sorted(
            o["id"] for o in municipality["organizations"]
        )
        assert rows[0]["name"] and "public_benefit_areas" in rows[0]

    async def test_atom_feed_lists_the_newest_organizations(
        self, registry: ServiceClient, municipality: dict[str, Any]
    ) -> None:
        answer = await registry.get(
            f"/public/municipalities/{municipality['id']}/organizations.atom"
        )

        assert answer.headers["content-type"].startswith("application/atom+xml")
        feed = ET.fromstring(answer.content)  # noqa: S314 (our own service's answer)
        titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
        assert sorted(titles) == sorted(o["name"] for o in municipality["organizations"])
        assert "Gmina Testowa" in (feed.findtext(f"{ATOM}title") or "")
