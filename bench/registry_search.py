"""Public NGO search: registry's GET /public/organizations against the engine in a bare app."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from pymongo import AsyncMongoClient

from bench.catalog import BenchContext, Result, benchmark
from bench.child import run_in_child
from bench.environment import REPOSITORY
from bench.orgdata import MUNICIPALITIES, csv_bytes, generate_rows
from bench.payload import stored_counts
from bench.registry_api import officer_client, run_import, wait_outbox_drained
from bench.search_load import SearchPlan, get_searches
from bench.stats import Op, errors_of, latency_ms, rate, summarize_ops
from deploy.local.servers import free_port
from services.registry.adapters.search.index import OFFSET_MARK

__all__ = ["bare_search_app", "pooled", "registry_search", "same_results"]

SEED_ROWS = 5000
QUICK_SEED_ROWS = 2000
CONCURRENCY = 8
ROUNDS = 2  # each endpoint twice, alternating, so a drift of the machine hits both
PAGE = 50
PAGES = 20  # pages by cursor, spread over the whole register
CHECKED = 12  # distinct searches compared between the two endpoints before measuring
_TEXTS = ("seniorów", "kuźnia", "opiekę wytchnieniową")  # often, in names, rarely
_FILTERS = (
    {"municipality": "0264011", "area": "seniors"},
    {"municipality": "1261011", "area": "culture_heritage"},
    {"municipality": "3064011", "area": "physical_culture_sport", "legal_form": "association"},
)
_PATH = "/public/organizations"


@benchmark(
    "registry_search",
    "public NGO search req/s vs the same engine in a bare FastAPI app",
    services=("registry",),
    isolated=True,
)
async def registry_search(ctx: BenchContext) -> Result:
    """Seed the registry, then GET the same searches from the registry and the bare app."""
    deadline = time.monotonic() + ctx.settings.time_limit
    seed = await _seed(ctx, time.monotonic() + ctx.settings.time_limit * 0.4)
    quiet_s = await _wait_quiet(ctx, deadline)
    round_time = 5.0 if ctx.settings.quick else 20.0
    async with bare_search_app(ctx) as bare_url:
        paths = await _paths(ctx.mongodb_uri, ctx.service_database("registry"))
        caught_up_s = await _engine_caught_up(ctx.stack.url("registry"), bare_url)
        check = await same_results(ctx.stack.url("registry"), bare_url, paths)
        check["registry_caught_up_s"] = caught_up_s
        runs: dict[str, list[list[Op]]] = {"search": [], "bare": []}
        targets = {"search": ctx.stack.url("registry"), "bare": bare_url}
        for round_number in range(ROUNDS):
            order = ("search", "bare") if round_number % 2 == 0 else ("bare", "search")
            for name in order:
                if time.monotonic() + round_time + 10 > deadline:
                    break
                plan = SearchPlan(
                    base_url=targets[name],
                    paths=tuple(paths),
                    count=100_000,
                    concurrency=CONCURRENCY,
                    time_limit=round_time,
                )
                ops: list[Op] = await run_in_child(
                    get_searches, plan, time_limit=round_time + 30, name=f"bench-{name}"
                )
                runs[name].append(ops)
    return _result(ctx, seed, quiet_s, paths, check, runs, round_time)


async def _seed(ctx: BenchContext, deadline: float) -> dict[str, Any]:
    """Import SEED_ROWS organizations (three municipalities) through the registry's CSV import."""
    tenant = await ctx.onboarded_tenant()
    rows = QUICK_SEED_ROWS if ctx.settings.quick else SEED_ROWS
    data = csv_bytes(generate_rows(f"S{uuid.uuid4().hex[:6]}", rows, nip_base=7_000_000))
    async with officer_client(ctx, tenant) as client:
        run = await run_import(client, data, rows, deadline=deadline)
    if not run.done:
        raise RuntimeError(f"seeding import not done in time: {run.job}")
    took = (run.finished or time.monotonic()) - run.started
    return {
        "rows": rows,
        "created": run.job["created"],
        "failed": run.job["failed"],
        "import_s": round(took, 2),
        "rows_per_s": rate(rows, took),
    }


async def _wait_quiet(ctx: BenchContext, deadline: float) -> float | None:
    """Wait until the registry's relay and the notifications consumer are idle."""
    started = time.monotonic()
    drained = await wait_outbox_drained(
        ctx.mongodb_uri,
        ctx.service_database("registry"),
        within=max(5.0, (deadline - time.monotonic()) / 3),
    )
    if drained is None:
        return None
    # Consumers of those events (when running): wait until their stores stop changing.
    consumers = [ctx.service_database(s) for s in ctx.stack.services if s != "registry"]
    last: list[dict[str, int]] = []
    while consumers and time.monotonic() - started < 120:
        counts = [await stored_counts(ctx.mongodb_uri, database) for database in consumers]
        if counts == last:
            break
        last = counts
        await asyncio.sleep(1.0)
    return round(time.monotonic() - started, 2)


async def _paths(uri: str, database: str) -> list[tuple[str, str]]:
    """Return the searches, kinds interleaved: text, municipality + area, a page by cursor."""
    text = [("text", _url({"q": q, "limit": 20})) for q in _TEXTS]
    filters = [("filter", _url({**f, "limit": PAGE})) for f in _FILTERS]
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(uri, tz_aware=True)
    try:
        verified = await client[database]["organizations"].count_documents({"verified": True})
    finally:
        await client.close()
    # Cursors as the engine hands them out: pages spread over the whole register by name.
    step = max(1, verified // PAGE // PAGES)
    pages = [
        ("page", _url({"sort": "name", "limit": PAGE, **_cursor(PAGE * step * n)}))
        for n in range(PAGES)
        if PAGE * step * n < verified
    ]
    kinds = (text, filters, pages)
    length = max(len(k) for k in kinds)
    return [kind[i % len(kind)] for i in range(length) for kind in kinds]


def _cursor(offset: int) -> dict[str, str]:
    if not offset:
        return {}
    key = f"{OFFSET_MARK}{offset}\x00name"
    return {"cursor": base64.urlsafe_b64encode(key.encode()).decode()}


def _url(params: dict[str, Any]) -> str:
    return f"{_PATH}?{urlencode(params)}"


async def _engine_caught_up(registry_url: str, bare_url: str) -> float | None:
    """Wait until the registry's engine (fed by events) counts what the bare one built."""
    started = time.monotonic()
    async with (
        httpx.AsyncClient(base_url=registry_url, timeout=30.0) as registry,
        httpx.AsyncClient(base_url=bare_url, timeout=30.0) as bare,
    ):
        wanted = (await bare.get(_url({"limit": 1}))).json()["facets"]["legal_form"]
        while time.monotonic() - started < 120:
            facets = (await registry.get(_url({"limit": 1}))).json().get("facets") or {}
            if facets.get("legal_form") == wanted:
                return round(time.monotonic() - started, 2)
            await asyncio.sleep(0.5)
    return None


async def same_results(
    registry_url: str, bare_url: str, paths: Sequence[tuple[str, str]]
) -> dict[str, Any]:
    """GET some searches of each kind from both; return whether ids, order and cursors agree."""
    distinct = list(dict.fromkeys(path for _, path in paths))[:CHECKED]
    mismatches: list[str] = []
    items = 0
    async with (
        httpx.AsyncClient(base_url=registry_url, timeout=30.0) as registry,
        httpx.AsyncClient(base_url=bare_url, timeout=30.0) as bare,
    ):
        for path in distinct:
            mine, theirs = (await registry.get(path)).json(), (await bare.get(path)).json()
            items += len(mine["items"])
            same_ids = [i["id"] for i in mine["items"]] == [i["_id"] for i in theirs["items"]]
            if not same_ids or mine["next_cursor"] != theirs["next_cursor"]:
                mismatches.append(path)
    return {
        "searches": len(distinct),
        "items_compared": items,
        "mismatches": len(mismatches),
        "mismatch_samples": mismatches[:3],
    }


@contextlib.asynccontextmanager
async def bare_search_app(ctx: BenchContext) -> AsyncIterator[str]:
    """Run the bare app in its own process on a free loopback port; yield its base URL."""
    port = free_port()
    log_path = ctx.stack.data_dir / "logs" / f"bench-search-app-{port}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "bench.baselines.search_app",
        "--uri", ctx.mongodb_uri,
        "--database", ctx.service_database("registry"),
        "--port", str(port),
    ]  # fmt: skip
    process = _spawn(command, log_path)
    url = f"http://127.0.0.1:{port}"
    try:
        await _wait_ready(url, process, log_path)
        yield url
    finally:
        process.terminate()
        try:
            await asyncio.to_thread(process.wait, 10)
        except subprocess.TimeoutExpired:
            process.kill()
            await asyncio.to_thread(process.wait, 10)


def _spawn(command: list[str], log_path: Path) -> subprocess.Popen[bytes]:
    with log_path.open("ab") as log:
        return subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, cwd=REPOSITORY, start_new_session=True
        )


async def _wait_ready(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=2.0) as client:
        for _ in range(1200):  # it builds its index from the store before it answers
            if process.poll() is not None:
                raise RuntimeError(f"bare search app exited with {process.returncode}: {log_path}")
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get("/healthz")).status_code == 200:
                    return
            await asyncio.sleep(0.1)
    raise TimeoutError(f"bare search app not ready in 2 min: {log_path}")


def pooled(rounds: list[list[Op]], prefix: str) -> dict[str, Any]:
    """Return the rate over all rounds (successes ÷ summed windows) and pooled latencies."""
    windows = [max(o.finished for o in ops) - min(o.started for o in ops) for ops in rounds if ops]
    done = [o for ops in rounds for o in ops if o.ok]
    metrics: dict[str, Any] = {
        f"{prefix}_per_s": rate(len(done), sum(windows)),
        f"{prefix}_requests": len(done),
    }
    metrics.update(latency_ms([o.finished - o.started for o in done], prefix))
    for kind in sorted({str(o.value) for o in done if o.value}):
        timings = [o.finished - o.started for o in done if o.value == kind]
        metrics.update(
            {k: v for k, v in latency_ms(timings, f"{prefix}_{kind}").items() if "p50" in k}
        )
    return metrics


def _result(
    ctx: BenchContext,
    seed: dict[str, Any],
    quiet_s: float | None,
    paths: list[tuple[str, str]],
    check: dict[str, Any],
    runs: dict[str, list[list[Op]]],
    round_time: float,
) -> Result:
    search, bare = pooled(runs["search"], "search"), pooled(runs["bare"], "bare")
    ratio = None
    if search["search_per_s"] and bare["bare_per_s"]:
        ratio = round(search["search_per_s"] / bare["bare_per_s"], 3)
    everything = [o for ops in (*runs["search"], *runs["bare"]) for o in ops]
    rounds = {
        f"{name}_per_s": [summarize_ops(ops, name)[f"{name}_per_s"] for ops in runs[name]]
        for name in ("search", "bare")
    }
    errors = errors_of(everything)
    return {
        "params": {
            "seed_rows": seed["rows"],
            "municipalities": ", ".join(MUNICIPALITIES),
            "concurrency": CONCURRENCY,
            "rounds": ROUNDS,
            "round_time_s": round_time,
            "distinct_searches": len(set(paths)),
            "searches": "text q (limit 20) · municipality + area (limit 50) · name pages by "
            "cursor (limit 50), interleaved",
            "load_generator": "separate process, httpx, closed loop",
            "baseline": "bare FastAPI in its own uvicorn process with the same tantivy index "
            "built from the same database, JSON via pydantic_core.to_json",
        },
        "metrics": {**search, **bare, "search_to_bare_ratio": ratio},
        "errors": {
            **errors["by_kind"],
            "samples": errors["samples"],
            "result_mismatches": check["mismatches"],
        },
        "rounds": rounds,
        "seed": {**seed, "quiet_wait_s": quiet_s},
        "check": check,
        "notes": [
            "Goal (issue 3): search_per_s ÷ bare_per_s ≥ 0.7.",
            "Seeded through POST /imports (all verified, on the public register); the searches "
            "start once the registry's outbox is drained and notifications is idle.",
            "check: before measuring, every distinct search was sent to both endpoints; "
            "mismatches counts searches whose ids, order or next cursor differ.",
            "Both servers, NX-27017 and the load generator share the machine's cores.",
        ],
    }
