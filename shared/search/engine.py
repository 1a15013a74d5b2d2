"""An in-memory tantivy index: one writer (a projector), many readers, explicit commits."""

from __future__ import annotations

import threading

import tantivy

__all__ = ["MemoryIndex"]


class MemoryIndex:
    """A replica's own index, keyed by a raw `id` field of its schema."""

    def __init__(self, schema: tantivy.Schema) -> None:
        self.schema = schema
        self._index = tantivy.Index(schema)
        self._writer = self._index.writer(heap_size=50_000_000, num_threads=1)
        self._lock = threading.Lock()
        # Until the first build the owner answers from its store, slowly but correctly.
        self.ready = False

    def replace(self, key: str, entry: tantivy.Document | None) -> None:
        """Drop the entry under `key` and add `entry` in its place (None only drops)."""
        self._writer.delete_documents_by_term("id", key)
        if entry is not None:
            self._writer.add_document(entry)

    def clear(self) -> None:
        """Forget every entry (before a rebuild)."""
        self._writer.delete_all_documents()

    def commit(self) -> None:
        """Make the writes so far visible to searches."""
        with self._lock:
            self._writer.commit()
            self._index.reload()

    def rollback(self) -> None:
        """Drop the writes since the last commit (a rebuild that failed half way)."""
        with self._lock:
            self._writer.rollback()

    def searcher(self) -> tantivy.Searcher:
        """Return a searcher over the last commit."""
        return self._index.searcher()

    def count(self) -> int:
        """Return how many entries are searchable."""
        return int(self._index.searcher().num_docs)
