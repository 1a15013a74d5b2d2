"""The shared record index: the store's candidates ranked, kept whole when a rebuild fails."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from shared.search.projector import rebuild_index
from shared.search.records import RecordIndex, SearchRecord

SAILING = SearchRecord("a", "0000001", {"title": "Obozy żeglarskie", "body": "Dla seniorów"})
SENIORS = SearchRecord("b", "0000001", {"title": "Klub seniorów", "body": "Spotkania"})
ELSEWHERE = SearchRecord("c", "0000002", {"title": "Klub seniorów", "body": "Spotkania"})


def _index() -> RecordIndex:
    return RecordIndex({"title": 3.0, "body": 1.0}, clipped={"body"})


async def _records(*records: SearchRecord, fail: bool = False) -> AsyncIterator[SearchRecord]:
    for record in records:
        yield record
    if fail:
        raise ConnectionError("the store went away")


class TestAmong:
    async def test_ranks_the_candidates_of_one_tenant_by_relevance(self) -> None:
        index = _index()
        await rebuild_index(index, _records(SAILING, SENIORS, ELSEWHERE))
        index.ready = True

        hits = index.among("0000001", "seniorzy", [SAILING, SENIORS])

        assert [h.id for h in hits] == ["b", "a"]  # the title weighs more than the body
        assert hits[0].highlights == {"title": "Klub <mark>seniorów</mark>"}

    async def test_a_candidate_the_store_no_longer_lists_is_left_out(self) -> None:
        index = _index()
        await rebuild_index(index, _records(SAILING, SENIORS))
        index.ready = True

        assert [h.id for h in index.among("0000001", "seniorow", [SAILING])] == ["a"]

    def test_before_the_first_build_folded_words_and_prefixes_match(self) -> None:
        index = _index()

        hits = index.among("0000001", "zeglar", [SAILING, SENIORS])

        assert [h.id for h in hits] == ["a"]


class TestRebuild:
    async def test_a_failed_rebuild_keeps_the_last_index(self) -> None:
        index = _index()
        await rebuild_index(index, _records(SAILING, SENIORS))

        with pytest.raises(ConnectionError):
            await rebuild_index(index, _records(ELSEWHERE, fail=True))
        index.commit()  # as the next event would

        assert index.count() == 2
