"""Portal pages: req/s against the same backend calls made directly, p95, and page weight.

One stack of registry, grants and notifications, seeded with 5,000 organizations (the CSV
import) and 200 announced competitions, plus the portal in front of them. For the NGO database,
a competition page and an NGO member's dashboard, a load generator in a separate process GETs
the portal page, then makes the backend calls that page makes, in the same order, directly;
two rounds, alternating which goes first. The ratio portal ÷ direct is the portal's own cost
(sessions, templates, a second HTTP hop); the goal is ≥ 0.6.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import time
import uuid
from typing import Any

import httpx

from bench.catalog import BenchContext, Result, benchmark
from bench.child import run_in_child
from bench.grants_offers import _terms as competition_terms
from bench.orgdata import csv_bytes, generate_rows, valid_nip
from bench.portal_load import Call, LoadPlan, Target, load_targets
from bench.portal_weight import page_weights
from bench.registry_api import officer_client, run_import
from bench.stats import Op, errors_of, percentile
from deploy.local.stack import PORTAL

__all__ = ["portal_pages"]

ORGANIZATIONS, QUICK_ORGANIZATIONS = 5000, 1000
COMPETITIONS, QUICK_COMPETITIONS = 200, 40
CONCURRENCY = 8
GOAL_RATIO = 0.6
GOAL_FIRST_VIEW_KB = 150
PAGES = ("ngo_database", "competition", "dashboard")
_SEARCH = "q=senior%C3%B3w"
_nip_serials = itertools.count(8_000_000 + int(time.time()) % 900_000)


@benchmark(
    "portal_pages",
    "portal pages req/s ÷ the same backend calls made directly; p95; page weight",
    services=("registry", "grants", "notifications"),
    time_limit=900.0,
    isolated=True,
)
async def portal_pages(ctx: BenchContext) -> Result:
    """Seed, start the portal, measure pages against direct calls, then weigh the pages."""
    seed = await _seed(ctx)
    previous = ctx.stack.extra_env
    ctx.stack.extra_env = {
        **previous,
        "PORTAL_MUNICIPALITIES": f"{seed['tenant']}=Gmina Benchmarkowa,"
        f"{seed['member_tenant']}=Gmina Pulpitu",
        "PORTAL_LOG_LEVEL": "WARNING",
    }
    try:  # the stack stops the portal with the services at the end of the run
        await asyncio.to_thread(ctx.stack.start_service, PORTAL)
    finally:
        ctx.stack.extra_env = previous
    return await _measure(ctx, seed)


async def _measure(ctx: BenchContext, seed: dict[str, Any]) -> Result:
    portal = ctx.stack.url(PORTAL)
    async with httpx.AsyncClient(base_url=portal, timeout=30.0) as browser:
        cookie = await _sign_in(browser, seed["member_organization"])
        targets = _targets(ctx, seed, cookie)
        seconds = 4.0 if ctx.settings.quick else 15.0
        runs: dict[str, list[Op]] = {}
        for round_number in range(2):
            order = targets if round_number == 0 else targets[::-1]
            plan = LoadPlan(tuple(order), CONCURRENCY, seconds)
            found = await run_in_child(
                load_targets, plan, time_limit=seconds * len(order) + 60, name="bench-portal"
            )
            for name, ops in found.items():
                runs.setdefault(name, []).extend(ops)
        serial_plan = LoadPlan(
            tuple(t for t in targets if t.name.endswith(":portal")), 1, seconds / 2
        )
        serial = await run_in_child(
            load_targets, serial_plan, time_limit=seconds * 3 + 60, name="bench-portal-serial"
        )
        weights = await page_weights(browser, _journeys(seed))
    return _result(seed, runs, serial, weights, seconds)


async def _seed(ctx: BenchContext) -> dict[str, Any]:
    """Import the organizations, announce the competitions, register the dashboard's NGO."""
    quick = ctx.settings.quick
    rows = QUICK_ORGANIZATIONS if quick else ORGANIZATIONS
    count = QUICK_COMPETITIONS if quick else COMPETITIONS
    # Onboarding checks the TERYT code: voivodeship 32 is real, its county 99 is not.
    tenant, member_tenant = "3299011", await ctx.onboarded_tenant()
    async with httpx.AsyncClient(timeout=60.0) as client:
        # The registry imports organizations of onboarded municipalities only.
        await _onboard(ctx, client, tenant)
    started = time.monotonic()
    data = csv_bytes(generate_rows(f"P{uuid.uuid4().hex[:6]}", rows, nip_base=8_000_000))
    async with officer_client(ctx, tenant) as client:
        run = await run_import(client, data, rows, deadline=time.monotonic() + 400)
    if not run.done:
        raise RuntimeError(f"seeding import not done in time: {run.job}")
    imported = time.monotonic()
    async with httpx.AsyncClient(timeout=60.0) as client:
        competitions = await _competitions(ctx, client, tenant, count)
        member_organization = await _member_organization(ctx, client, member_tenant)
    return {
        "tenant": tenant,
        "member_tenant": member_tenant,
        "organizations": run.job["created"],
        "competitions": len(competitions),
        "competition": competitions[len(competitions) // 2],
        "member_organization": member_organization,
        "import_s": round(imported - started, 1),
        "competitions_s": round(time.monotonic() - imported, 1),
    }


async def _onboard(ctx: BenchContext, client: httpx.AsyncClient, tenant: str) -> None:
    """Onboard the municipality: grants lists the competitions of a municipality it knows."""
    admin = _bearer(
        ctx.stack.token(subject="bench-admin", tenant_id=tenant, roles=["platform_admin"])
    )
    body = {"id": tenant, "name": "Gmina Benchmarkowa", "kind": "municipality"}
    _expect(await client.post(f"{ctx.stack.url('registry')}/tenants", json=body, headers=admin))
    path = f"{ctx.stack.url('grants')}/public/municipalities/{tenant}/competitions"
    deadline = time.monotonic() + 60
    while (await client.get(path)).status_code != 200:
        if time.monotonic() > deadline:
            raise TimeoutError("grants never learnt of the municipality")
        await asyncio.sleep(0.2)


async def _competitions(
    ctx: BenchContext, client: httpx.AsyncClient, tenant: str, count: int
) -> list[str]:
    grants, officer = ctx.stack.url("grants"), _bearer(ctx.officer_token(tenant))

    async def announce(index: int) -> str:
        body = {**competition_terms(), "title": f"Konkurs benchmarkowy nr {index}"}
        draft = _expect(await client.post(f"{grants}/competitions", json=body, headers=officer))
        path = f"{grants}/competitions/{draft['id']}/announcement"
        return str(_expect(await client.post(path, headers=officer))["id"])

    ids: list[str] = []
    for start in range(0, count, 4):  # a few at once: the seed is not what we measure
        ids += await asyncio.gather(*(announce(i) for i in range(start, min(count, start + 4))))
    return ids


async def _member_organization(ctx: BenchContext, client: httpx.AsyncClient, tenant: str) -> str:
    """Register the organization whose member opens the dashboard; wait until it is public."""
    number = None
    while number is None:
        number = valid_nip(next(_nip_serials))
    body = {"name": "Fundacja Pulpitu Benchmarku", "legal_form": "foundation", "nip": number}
    registry = ctx.stack.url("registry")
    created = _expect(await client.post(
        f"{registry}/organizations", json=body, headers=_bearer(ctx.officer_token(tenant))
    ))  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the public read model follows the registration
        answer = await client.get(f"{registry}/public/organizations/{created['id']}")
        if answer.status_code == 200:
            return str(created["id"])
        await asyncio.sleep(0.2)
    raise TimeoutError("the dashboard's organization never became public")


async def _sign_in(browser: httpx.AsyncClient, organization_id: str) -> str:
    """Sign in on the development page as the organization's demo member; return the cookie."""
    form = await browser.get("/sign-in")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    if token is None:
        raise RuntimeError("the sign-in page has no form")
    data = {"csrf_token": token.group(1), "user": f"ngo-{organization_id}"}
    answer = await browser.post("/sign-in/dev", data=data)
    if answer.status_code != 303:
        raise RuntimeError(f"sign-in refused: {answer.status_code} {answer.text[:200]}")
    return f"portal_session={browser.cookies['portal_session']}"


def _targets(ctx: BenchContext, seed: dict[str, Any], cookie: str) -> list[Target]:
    """Return each page and the backend calls it makes, as the portal makes them."""
    portal, tenant = ctx.stack.url(PORTAL), seed["tenant"]
    registry, grants = ctx.stack.url("registry"), ctx.stack.url("grants")
    notifications, language = ctx.stack.url("notifications"), ("Accept-Language", "pl")
    member = ctx.stack.token(
        subject=f"demo-ngo-{seed['member_organization']}", tenant_id=seed["member_tenant"],
        roles=["ngo_member"], organization_id=seed["member_organization"],
    )  # fmt: skip
    auth = (language, ("Authorization", f"Bearer {member}"))
    return [
        Target("ngo_database:portal", (Call(portal, f"/organizations?{_SEARCH}"),)),
        Target("ngo_database:direct", (
            Call(registry, f"/public/organizations?{_SEARCH}&limit=20", (language,)),)),
        Target("competition:portal", (
            Call(portal, f"/municipalities/{tenant}/competitions/{seed['competition']}"),)),
        Target("competition:direct", (
            Call(grants, f"/public/municipalities/{tenant}/competitions", (language,)),)),
        Target("dashboard:portal", (Call(portal, "/dashboard", (("Cookie", cookie),)),)),
        Target("dashboard:direct", (
            Call(registry, f"/organizations/{seed['member_organization']}", auth),
            Call(grants, "/offers", auth),
            Call(notifications, "/inbox/unread-count", auth),
        )),
    ]  # fmt: skip


def _journeys(seed: dict[str, Any]) -> dict[str, list[str]]:
    tenant = seed["tenant"]
    return {
        "public": [
            "/", f"/municipalities/{tenant}", f"/organizations?{_SEARCH}",
            f"/organizations/{seed['member_organization']}",
            f"/municipalities/{tenant}/competitions",
            f"/municipalities/{tenant}/competitions/{seed['competition']}",
        ],
        "ngo_member": [
            "/dashboard", "/organization/edit", "/notices", "/subscriptions", "/agreements",
            "/registrations",
        ],
    }  # fmt: skip


def _result(
    seed: dict[str, Any],
    runs: dict[str, list[Op]],
    serial: dict[str, list[Op]],
    weights: dict[str, dict[str, Any]],
    seconds: float,
) -> Result:
    metrics: dict[str, Any] = {}
    for page in PAGES:
        portal_rps, direct_rps = _rps(runs[f"{page}:portal"]), _rps(runs[f"{page}:direct"])
        metrics[f"{page}_portal_rps"] = portal_rps
        metrics[f"{page}_direct_rps"] = direct_rps
        metrics[f"{page}_ratio"] = round(portal_rps / direct_rps, 2) if direct_rps else None
        metrics[f"{page}_p95_ms_at_c{CONCURRENCY}"] = _p95_ms(runs[f"{page}:portal"])
        metrics[f"{page}_p95_ms_serial"] = _p95_ms(serial[f"{page}:portal"])
    measured = [w for w in weights.values() if "first_gzip_bytes" in w]
    metrics["heaviest_first_view_gzip_kb"] = round(
        max(w["first_gzip_bytes"] for w in measured) / 1024, 1
    )
    metrics["heaviest_first_view_wire_kb"] = round(
        max(w["first_wire_bytes"] for w in measured) / 1024, 1
    )
    metrics["heaviest_repeat_view_wire_kb"] = round(
        max(w["repeat_wire_bytes"] for w in measured) / 1024, 1
    )
    ratios = [metrics[f"{p}_ratio"] for p in PAGES]
    return {
        "params": {**seed, "concurrency": CONCURRENCY, "seconds_per_target_and_round": seconds},
        "metrics": metrics,
        "weights": weights,
        "errors": {name: errors_of(ops) for name, ops in runs.items() if errors_of(ops)["by_kind"]},
        "notes": _notes(ratios, metrics["heaviest_first_view_gzip_kb"]),
    }


def _notes(ratios: list[float | None], heaviest_kb: float) -> list[str]:
    met = [r is not None and r >= GOAL_RATIO for r in ratios]
    pages = ", ".join(f"{p} {'met' if m else 'MISSED'}" for p, m in zip(PAGES, met, strict=True))
    weight = "met" if heaviest_kb <= GOAL_FIRST_VIEW_KB else "MISSED"
    return [
        f"goal portal ÷ direct ≥ {GOAL_RATIO}: {pages}",
        f"goal first view ≤ {GOAL_FIRST_VIEW_KB} KB (gzip): {weight}",
        "p95 is measured by the load generator on loopback: the portal's time plus the "
        "backends' it waits for; 'serial' is one request at a time (no queueing)",
        "the portal does not compress its answers itself (its HTML carries the CSRF token: "
        "BREACH); *_gzip_* is what the same bytes weigh behind a compressing proxy",
    ]


def _rps(ops: list[Op]) -> float:
    done = [o for o in ops if o.ok]
    if not done:
        return 0.0
    # Two rounds: the time spent is the sum of each round's span, not first start to last end.
    spans = _round_spans(done)
    return round(len(done) / spans, 1) if spans else 0.0


def _round_spans(ops: list[Op]) -> float:
    ordered = sorted(ops, key=lambda o: o.started)
    total, start, end = 0.0, ordered[0].started, ordered[0].finished
    for op in ordered[1:]:
        if op.started - end > 1.0:  # a gap: the other round ran meanwhile
            total, start = total + (end - start), op.started
        end = max(end, op.finished)
    return total + (end - start)


def _p95_ms(ops: list[Op]) -> float | None:
    durations = sorted(o.finished - o.started for o in ops if o.ok)
    return round(percentile(durations, 95) * 1000, 1) if durations else None


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _expect(answer: httpx.Response) -> Any:
    if answer.status_code not in (200, 201):
        raise RuntimeError(f"{answer.request.url}: {answer.status_code} {answer.text[:300]}")
    return answer.json()
