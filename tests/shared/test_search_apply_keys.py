"""Events' keys applied to a search index: public records put, the rest removed, in one read."""

from __future__ import annotations

from typing import Any

from shared.search.projector import READ_MANY_CHUNK, apply_keys


class _Index:
    """An index that remembers what was put and removed."""

    ready = True

    def __init__(self) -> None:
        self.records: dict[str, Any] = {"gone": {"_id": "gone"}}
        self.commits = 0

    def put(self, record: Any, /) -> None:
        self.records[record["_id"]] = record

    def remove(self, key: str, /) -> None:
        self.records.pop(key, None)

    def clear(self) -> None:
        self.records.clear()

    def commit(self) -> None:
        self.commits += 1

    def rollback(self) -> None:
        raise AssertionError("not expected")


async def test_a_batch_is_read_in_chunks_and_unpublished_keys_are_dropped() -> None:
    index, asked = _Index(), []
    public = {f"org-{n:04d}" for n in range(0, 2 * READ_MANY_CHUNK + 10, 2)}

    async def read_one(key: str) -> Any:
        raise AssertionError("one round trip per key is what read_many avoids")

    async def read_many(keys: list[str]) -> dict[str, Any]:
        asked.append(len(keys))
        return {key: {"_id": key} for key in keys if key in public}

    keys = {f"org-{n:04d}" for n in range(2 * READ_MANY_CHUNK + 10)} | {"gone"}
    await apply_keys(index, keys, read_one, read_many)

    assert set(index.records) == public
    assert max(asked) <= READ_MANY_CHUNK and sum(asked) == len(keys)
    assert index.commits == 1


async def test_without_read_many_each_key_is_read_alone() -> None:
    index = _Index()

    async def read_one(key: str) -> Any:
        return {"_id": key} if key == "kept" else None

    await apply_keys(index, {"kept", "gone"}, read_one)

    assert set(index.records) == {"kept"}
