"""The public search engine alone: p50/p95 of the issue's requests at 20,000 and 100,000."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.catalog import BenchContext, Result, benchmark
from bench.orgdata import generate_rows
from bench.stats import percentile
from services.registry.adapters.search.index import SearchIndex
from shared.mongo import Document
from shared.search.analysis import warm_up

__all__ = ["search_engine"]

SIZES = (20_000, 100_000)
QUICK_SIZES = (2_000, 10_000)
REPEATS = 30
# The table: label -> (words, filters, sort, page size).
REQUESTS: dict[str, tuple[str | None, dict[str, Any], str | None, int]] = {
    "q_fundacja": ("fundacja", {}, None, 50),
    "q_senior": ("senior", {}, None, 50),
    "municipality": (None, {"municipality": "0264011"}, None, 50),
    "newest": (None, {}, "-registered_at", 20),
    "q_no_diacritics": ("zeglarstwa", {}, None, 50),
}


def _record(index: int, row: dict[str, str]) -> Document:
    """Return the public record the projector would index for a generated row."""
    identifier = f"bench-{index:07d}"
    return {
        "_id": identifier,
        "status": "active",
        "registered_at": datetime(2025, 1, 1, tzinfo=UTC) + timedelta(seconds=index),
        "listed_in": [row["municipality_teryt"]],
        "name_key": f"{row['name'].lower()}\x00{identifier}",
        "profile": {
            "name": row["name"],
            "legal_form": row["legal_form"],
            "description": row["description"],
            "public_benefit_areas": row["public_benefit_areas"].split(";"),
            "public_benefit_status": row["public_benefit_status"] == "tak",
            "address": {"municipality_teryt": row["municipality_teryt"]},
        },
    }


def _measure(size: int) -> dict[str, float]:
    index = SearchIndex()
    started = time.perf_counter()
    for number, row in enumerate(generate_rows("E", size, 5_000_000)):
        index.put(_record(number, row))
    index.commit()
    metrics = {f"n{size}_build_s": round(time.perf_counter() - started, 1)}
    for label, (text, filters, sort, limit) in REQUESTS.items():
        seconds = []
        for _ in range(REPEATS):
            begun = time.perf_counter()
            page = index.search(text, filters, sort, 0, limit)
            seconds.append(time.perf_counter() - begun)
        ordered = sorted(seconds)
        metrics[f"n{size}_{label}_p50_ms"] = round(percentile(ordered, 50) * 1000, 2)
        metrics[f"n{size}_{label}_p95_ms"] = round(percentile(ordered, 95) * 1000, 2)
        metrics[f"n{size}_{label}_items"] = len(page.items)
    return metrics


@benchmark("search_engine", "public search engine alone at 20,000 and 100,000", services=())
async def search_engine(ctx: BenchContext) -> Result:
    """Index generated organizations in memory and time each request of the issue's table."""
    await asyncio.to_thread(warm_up)
    metrics: dict[str, float] = {}
    for size in QUICK_SIZES if ctx.settings.quick else SIZES:
        metrics |= await asyncio.to_thread(_measure, size)
    return {
        "params": {"repeats": REPEATS, "client": "in-process, one at a time"},
        "metrics": metrics,
        "notes": "The engine only: HTTP and the registry's app add their own time on top.",
    }
