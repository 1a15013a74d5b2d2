"""Public database use cases over a fake directory: records, the store's search, CSV and Atom."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.registry.adapters.search.index import SearchPage
from services.registry.domain.public_query import PublicQuery
from services.registry.services.public import CSV_COLUMNS, PublicRecord
from shared.errors import NotFound
from tests.registry.fakes import FakeRegistry, fake_registry, onboarded

WROCLAW, KATY = "0264011", "0223044"
_DAY = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def registry() -> FakeRegistry:
    """Two municipalities; Wrocław lists two organizations, Kąty none."""
    registry = fake_registry(
        onboarded(WROCLAW, name="Gmina Wrocław"), onboarded(KATY, name="Gmina Kąty")
    )
    for n, name in enumerate(("Zielona Fundacja", '=HYPERLINK("x")')):
        registry.directory.items[f"org-{n}"] = _record(f"org-{n}", name, _DAY + timedelta(n))
    return registry


def _record(organization_id: str, name: str, registered_at: datetime) -> dict[str, Any]:
    return {
        "_id": organization_id,
        "name_key": f"{name.lower()}\x00{organization_id}",
        "status": "active",
        "listed_in": [WROCLAW],
        "registered_at": registered_at,
        "profile": {"name": name, "legal_form": "foundation", "description": f"O {name}."},
    }


async def test_a_public_record_is_read_or_404(registry: FakeRegistry) -> None:
    record = await registry.public_services.get("org-0")

    assert record == PublicRecord.of(registry.directory.items["org-0"])
    assert (record.id, record.listed_in) == ("org-0", (WROCLAW,))
    with pytest.raises(NotFound):
        await registry.public_services.get("org-unknown")


async def test_before_the_index_is_built_the_store_answers_by_name(
    registry: FakeRegistry,
) -> None:
    page = await registry.public_services.search(PublicQuery(municipality=WROCLAW, limit=1))

    assert [d["_id"] for d in page.items] == ["org-1"]  # "=hyperlink" sorts before "zielona"
    assert page.next_after == registry.directory.items["org-1"]["name_key"]


async def test_the_csv_export_neutralises_formulas(registry: FakeRegistry) -> None:
    lines = "".join([c async for c in registry.public_services.csv_rows(PublicQuery())])

    header, *rows = lines.splitlines()
    assert header == ",".join(CSV_COLUMNS)
    assert rows[0].startswith("org-0,Zielona Fundacja,")
    assert rows[1].startswith('org-1,"\'=HYPERLINK(""x"")"')


async def test_the_atom_feed_links_the_newest_organizations_by_the_base_url(
    registry: FakeRegistry,
) -> None:
    feed = (await registry.public_services.atom_feed(WROCLAW, "en")).decode()

    assert "<title>New organizations: Gmina Wrocław</title>" in feed
    assert f"{registry.public_services.base_url}/public/organizations/org-1" in feed
    assert feed.index("org-1") < feed.index("org-0")  # the newest first


async def test_an_empty_feed_is_dated_by_the_clock_and_an_unknown_one_is_404(
    registry: FakeRegistry,
) -> None:
    feed = (await registry.public_services.atom_feed(KATY, "pl")).decode()

    assert "<title>Nowe organizacje: Gmina Kąty</title>" in feed
    assert f"<updated>{registry.clock.now().isoformat()}</updated>" in feed
    with pytest.raises(NotFound):
        await registry.public_services.atom_feed("1465011", "pl")


def _ready(registry: FakeRegistry) -> None:
    index = registry.public_services.index
    assert index is not None
    for document in registry.directory.items.values():
        index.put(document)
    index.commit()
    index.ready = True


async def test_once_built_the_engine_answers_and_pages_by_offset(registry: FakeRegistry) -> None:
    _ready(registry)
    registry.directory.items.clear()  # the store is not asked any more

    first = await registry.public_services.search(PublicQuery(limit=1))
    second = await registry.public_services.search(PublicQuery(limit=1, after=first.next_after))

    assert [d["_id"] for d in first.items + second.items] == ["org-1", "org-0"]
    assert first.facets["municipality"] == {WROCLAW: 2}


async def test_a_cursor_of_the_stores_pages_is_still_answered_by_the_store(
    registry: FakeRegistry,
) -> None:
    _ready(registry)
    store_cursor = registry.directory.items["org-1"]["name_key"]

    page = await registry.public_services.search(PublicQuery(limit=5, after=store_cursor))

    assert page.facets == {}  # the store's answer: no facets
    assert page.next_after is None


@pytest.mark.parametrize(
    ("after", "offset"),
    [("@2\x00name", 2), ("@99999999\x00name", 10_000), ("@x\x00name", 0)],
)
async def test_an_engine_cursor_is_capped_and_a_broken_one_starts_over(
    registry: FakeRegistry, after: str, offset: int
) -> None:
    _ready(registry)
    asked: list[int] = []
    index = registry.public_services.index
    assert index is not None
    search = index.search

    def recording(*arguments: Any) -> SearchPage:
        asked.append(arguments[3])  # text, filters, sort, offset, limit
        return search(*arguments)

    index.search = recording  # type: ignore[method-assign]

    await registry.public_services.search(PublicQuery(after=after))

    assert asked == [offset]
