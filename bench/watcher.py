"""Watch an officer's inbox through the notifications API and note when each item first shows."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.stats import latency_ms, rate

__all__ = ["InboxWatcher"]

MIN_LIMIT = 20
MAX_LIMIT = 500  # the API's own maximum page


@dataclass
class InboxWatcher:
    """Polls `GET /inbox` newest-first with a page sized to the flow, keyed by organization id."""

    client: httpx.AsyncClient
    interval: float
    first_seen: dict[str, float] = field(default_factory=dict)
    poll_times: list[float] = field(default_factory=list)
    poll_errors: int = 0
    overflows: int = 0  # pages at MAX_LIMIT with nothing known: items may have slipped past
    largest_page: int = 0
    _limit: int = MIN_LIMIT
    _started: float = 0.0
    _stopped: float = 0.0

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set, pausing `interval` between polls."""
        self._started = time.monotonic()
        try:
            while not stop.is_set():
                await self.poll()
                await asyncio.sleep(self.interval)
        finally:
            self._stopped = time.monotonic()

    async def poll(self) -> None:
        """Read pages, growing them until they reach an item seen before (or the API maximum)."""
        limit, new = self._limit, 0
        while True:
            items = await self._page(limit)
            if items is None:
                return
            seen_now = time.monotonic()
            fresh = [i for i in items if _key(i) and _key(i) not in self.first_seen]
            self.first_seen.update((_key(i), seen_now) for i in fresh)
            new += len(fresh)
            caught_up = len(items) < limit or len(fresh) < len(items)
            if caught_up or limit >= MAX_LIMIT:
                break
            limit = min(limit * 4, MAX_LIMIT)
        self.overflows += not caught_up
        # Twice the last arrival count: small pages keep the poller's own load low.
        self._limit = max(MIN_LIMIT, min(MAX_LIMIT, 2 * new))

    async def _page(self, limit: int) -> list[dict[str, Any]] | None:
        started = time.monotonic()
        self.largest_page = max(self.largest_page, limit)
        try:
            response = await self.client.get("/inbox", params={"limit": limit})
        except httpx.HTTPError:
            self.poll_errors += 1
            return None
        finally:
            self.poll_times.append(time.monotonic() - started)
        if not response.is_success:
            self.poll_errors += 1
            return None
        items: list[dict[str, Any]] = response.json()
        return items

    def stats(self) -> dict[str, Any]:
        """Return how hard the watcher polled: rate, duration, share of time busy, errors."""
        window = (self._stopped or time.monotonic()) - self._started
        return {
            "requests": len(self.poll_times),
            "requests_per_s": rate(len(self.poll_times), window),
            "busy_fraction": round(sum(self.poll_times) / window, 3) if window > 0 else None,
            "interval_ms": round(self.interval * 1000, 1),
            "largest_page": self.largest_page,
            "overflows": self.overflows,
            "errors": self.poll_errors,
            **latency_ms(self.poll_times, "request"),
        }


def _key(item: dict[str, Any]) -> str:
    link = item.get("link") or ""
    return link.rsplit("/", 1)[-1] if link.startswith("/organizations/") else ""
