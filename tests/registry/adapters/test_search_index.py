"""The public search index: words, filters, facets, order, pages, highlights and removals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.registry.adapters.search.index import OFFSET_MARK, SearchIndex

WROCLAW, KATY = "0264011", "0223044"
_DAY = datetime(2026, 3, 1, tzinfo=UTC)


def _record(n: int, name: str, *, municipality: str = WROCLAW, **profile: Any) -> dict[str, Any]:
    return {
        "_id": f"org-{n}",
        "name_key": f"{name.lower()}\x00org-{n}",
        "status": profile.pop("status", "active"),
        "listed_in": [municipality],
        "registered_at": _DAY + timedelta(days=n),
        "profile": {"name": name, "legal_form": "foundation", **profile},
    }


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    """Three organizations: two in Wrocław (one sails), one association in Kąty."""
    index = SearchIndex()
    index.put(_record(1, "Fundacja Żeglarska", description="Uczymy żeglować seniorów."))
    index.put(_record(2, "Klub Biegacza", public_benefit_status=True))
    index.put(_record(3, "Stowarzyszenie Sąsiadów", municipality=KATY, legal_form="association"))
    index.commit()
    return index


def _ids(index: SearchIndex, text: str | None = None, **filters: Any) -> list[str]:
    page = index.search(text, filters, filters.pop("sort", None), 0, 10)
    return [d["_id"] for d in page.items]


def test_words_find_their_organization(index: SearchIndex) -> None:
    assert _ids(index, "żeglarska") == ["org-1"]
    assert _ids(index, "biegacza") == ["org-2"]


def test_filters_narrow_and_facets_count_over_the_whole_match(index: SearchIndex) -> None:
    assert _ids(index, municipality=KATY) == ["org-3"]
    assert _ids(index, opp="true") == ["org-2"]

    page = index.search(None, {}, None, 0, 1)

    assert page.facets["municipality"] == {WROCLAW: 2, KATY: 1}
    assert page.facets["legal_form"] == {"foundation": 2, "association": 1}


def test_without_words_the_order_is_by_name_and_pages_carry_an_offset(
    index: SearchIndex,
) -> None:
    first = index.search(None, {}, None, 0, 2)
    rest = index.search(None, {}, None, 2, 2)

    assert [d["_id"] for d in first.items + rest.items] == ["org-1", "org-2", "org-3"]
    assert first.next_after == f"{OFFSET_MARK}2\x00name" and rest.next_after is None
    assert _ids(index, sort="-registered_at") == ["org-3", "org-2", "org-1"]


def test_a_record_comes_back_as_stored_with_its_words_marked(index: SearchIndex) -> None:
    page = index.search("żeglarska", {}, None, 0, 10)

    [record] = page.items
    assert record["registered_at"] == _DAY + timedelta(days=1)
    assert "<mark>" in page.highlights["org-1"]["name"]


def test_a_deregistered_organization_leaves_the_index() -> None:
    index = SearchIndex()
    index.put(_record(1, "Fundacja Żeglarska"))
    index.commit()

    index.put(_record(1, "Fundacja Żeglarska", status="deregistered"))
    index.commit()

    assert index.count() == 0
