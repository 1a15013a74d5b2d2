"""Grants offers: offers drafted and submitted per second by NGOs at once, against raw tx/s.

One fresh tenant, `NGOS` organizations registered (and so verified) by its officer, one
announced competition. A load generator in a separate process has every NGO's member draft
and submit offers in a loop (two requests per offer) until `count` offers were tried. The
baseline is the serial rate of raw transactions (one offer document + one outbox document)
on the same NX-27017 server, measured in the same run right after the load.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from pymongo import AsyncMongoClient, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from stdnum.pl import nip

from bench.catalog import BenchContext, Result, benchmark
from bench.child import run_in_child
from bench.payload import IndexSpec, index_specs, latest_record
from bench.stats import Op, closed_loop, errors_of, latency_ms, rate, summarize_ops
from shared.contracts.grants import OFFER_TOPIC, OfferSubmitted
from shared.events import KafkaRecord
from shared.outbox import OUTBOX_COLLECTION, outbox_document

__all__ = ["grants_offers"]

Document = dict[str, Any]
NGOS = 8
KNOWN_TIMEOUT = 60.0  # registry → Kafka → grants: how long the read model may lag at set-up
_nip_serials = itertools.count(7_000_000 + int(time.time()) % 1_000_000)


@dataclass(frozen=True)
class OfferPlan:
    """Where the NGOs submit, as whom, and how many offers in all."""

    grants_url: str
    competition_id: str
    task_start: str  # ISO date
    member_tokens: list[str]
    count: int
    time_limit: float


@dataclass(frozen=True)
class RawPlan:
    """Serial raw transactions shaped like a submitted offer and its event."""

    uri: str
    database: str
    offer: Document
    event: KafkaRecord
    indexes: dict[str, list[IndexSpec]]
    count: int
    time_limit: float


@benchmark(
    "grants_offers",
    f"offers drafted + submitted per second by {NGOS} NGOs at once, ÷ serial raw tx/s",
    services=("registry", "grants"),
)
async def grants_offers(ctx: BenchContext) -> Result:
    """Measure offers submitted per second under concurrent NGOs, and the raw-tx ratio."""
    count = 100 if ctx.settings.quick else 400
    tenant = await ctx.onboarded_tenant()
    officer = {"Authorization": f"Bearer {ctx.officer_token(tenant)}"}
    async with httpx.AsyncClient(timeout=30.0) as client:
        organizations = await _register_ngos(ctx, client, tenant, officer)
        competition = await _announced(ctx, client, officer)
    plan = OfferPlan(
        grants_url=ctx.stack.url("grants"),
        competition_id=competition["id"],
        task_start=competition["terms"]["task_period"]["start"],
        member_tokens=[
            ctx.stack.token(
                subject=f"bench-ngo-{tenant}-{index}",
                tenant_id=tenant,
                roles=["ngo_member"],
                organization_id=organization,
            )
            for index, organization in enumerate(organizations)
        ],
        count=count,
        time_limit=ctx.settings.time_limit * 0.55,
    )
    loaded = await run_in_child(
        submit_offers, plan, time_limit=plan.time_limit + 30, name="bench-offers"
    )
    raw = await _raw_plan(ctx, tenant, count, ctx.settings.time_limit * 0.25)
    serial: list[Op] = await run_in_child(
        raw_transactions, raw, time_limit=raw.time_limit + 15, name="bench-raw-offers"
    )
    return _result(plan, loaded, serial, raw)


async def _register_ngos(
    ctx: BenchContext, client: httpx.AsyncClient, tenant: str, officer: dict[str, str]
) -> list[str]:
    """Register NGOS organizations (an officer's registration is verified at once)."""
    ids = []
    for index in range(NGOS):
        body = {
            "name": f"Stowarzyszenie Benchmarkowe {tenant} nr {index}",
            "legal_form": "association",
            "nip": _unique_nip(),
        }
        answer = await client.post(
            f"{ctx.stack.url('registry')}/organizations", json=body, headers=officer
        )
        ids.append(str(_expect(answer, 201)["id"]))
    for organization in ids:
        path = f"{ctx.stack.url('grants')}/applicants/{organization}"
        await _until(lambda p=path: client.get(p, headers=officer), "NGO never reached grants")
    return ids


async def _announced(
    ctx: BenchContext, client: httpx.AsyncClient, officer: dict[str, str]
) -> Document:
    """Draft and announce one competition: deadline in 30 days, grants 5,000–40,000."""
    grants = ctx.stack.url("grants")
    draft = _expect(
        await client.post(f"{grants}/competitions", json=_terms(), headers=officer), 201
    )
    path = f"{grants}/competitions/{draft['id']}/announcement"
    announced: Document = _expect(await client.post(path, headers=officer), 200)
    return announced


async def _until(probe: Any, failure: str) -> None:
    deadline = time.monotonic() + KNOWN_TIMEOUT
    while time.monotonic() < deadline:
        answer: httpx.Response = await probe()
        if answer.status_code == 200:
            return
        await asyncio.sleep(0.1)
    raise TimeoutError(failure)


def _expect(answer: httpx.Response, status: int) -> Any:
    if answer.status_code != status:
        raise RuntimeError(f"{answer.request.url}: {answer.status_code} {answer.text[:300]}")
    return answer.json()


def _unique_nip() -> str:
    """Return a NIP with a valid check digit, unique within this process."""
    while True:
        body = f"{next(_nip_serials):09d}"
        for digit in "0123456789":
            if nip.is_valid(body + digit):
                return body + digit


# ---- the load generator (runs in a child process) -------------------------------------------


async def submit_offers(plan: OfferPlan) -> dict[str, list[Op]]:
    """Have each NGO draft and submit offers until `count` were tried; time every request."""
    indexes = iter(range(plan.count))  # shared: each offer is tried by exactly one NGO
    deadline = time.monotonic() + plan.time_limit
    drafts: list[Op] = []
    submissions: list[Op] = []
    offers: list[Op] = []
    body = _offer_content(date.fromisoformat(plan.task_start))
    async with httpx.AsyncClient(base_url=plan.grants_url, timeout=30.0) as client:
        await client.get("/healthz")  # connection set-up is not what we measure

        async def ngo(token: str) -> None:
            headers = {"Authorization": f"Bearer {token}"}
            for index in indexes:
                if time.monotonic() > deadline:
                    return
                started = time.monotonic()
                draft = await _request(
                    client,
                    f"/competitions/{plan.competition_id}/offers",
                    body,
                    headers,
                    201,
                    index,
                    drafts,
                )
                submitted = None
                if draft is not None:
                    submitted = await _request(
                        client,
                        f"/offers/{draft}/submission",
                        None,
                        headers,
                        200,
                        index,
                        submissions,
                    )
                failed = "not_submitted" if submitted is None else None
                offers.append(Op(index, started, time.monotonic(), submitted, failed))

        async with asyncio.TaskGroup() as group:
            for token in plan.member_tokens:
                group.create_task(ngo(token))
    return {"offers": offers, "drafts": drafts, "submissions": submissions}


async def _request(
    client: httpx.AsyncClient,
    path: str,
    body: Document | None,
    headers: dict[str, str],
    status: int,
    index: int,
    ops: list[Op],
) -> str | None:
    """POST once, record the Op, and return the answer's id (None when it failed)."""
    started = time.monotonic()
    try:
        answer = await client.post(path, json=body, headers=headers)
    except httpx.HTTPError as error:
        ops.append(Op(index, started, time.monotonic(), None, "transport", repr(error)[:300]))
        return None
    finished = time.monotonic()
    if answer.status_code != status:
        kind = "non_2xx" if not answer.is_success else f"status_{answer.status_code}"
        detail = f"{answer.status_code} {answer.text[:200]}"
        ops.append(Op(index, started, finished, None, kind, detail))
        return None
    offer_id = str(answer.json()["id"])
    ops.append(Op(index, started, finished, offer_id))
    return offer_id


# ---- the baseline (runs in a child process) -------------------------------------------------


async def _raw_plan(ctx: BenchContext, tenant: str, count: int, time_limit: float) -> RawPlan:
    """Take the latest submitted offer and its outbox event from grants as the documents."""
    client: AsyncMongoClient[Document] = AsyncMongoClient(ctx.mongodb_uri, tz_aware=True)
    try:
        db = client[ctx.service_database("grants")]
        latest = [("_id", -1)]
        offer = await db["offers"].find_one({"tenant_id": tenant}, sort=latest) or {}
        indexes = {name: await index_specs(db[name]) for name in ("offers", OUTBOX_COLLECTION)}
    finally:
        await client.close()
    # The relay deletes what it published, so the event comes from the topic itself.
    topic = f"{ctx.stack.topic_prefix}{OFFER_TOPIC}"
    event = await latest_record(ctx.kafka_bootstrap, topic, OfferSubmitted.event_type)
    if event is None:
        raise RuntimeError(f"no {OfferSubmitted.event_type} event found on {topic}")
    return RawPlan(
        uri=ctx.mongodb_uri,
        database=f"bench_raw_offers_{uuid.uuid4().hex[:8]}",
        offer=offer,
        event=event,
        indexes=indexes,
        count=count,
        time_limit=time_limit,
    )


async def raw_transactions(plan: RawPlan) -> list[Op]:
    """Insert one offer-like and one outbox document per transaction, one at a time."""
    client: AsyncMongoClient[Document] = AsyncMongoClient(plan.uri, tz_aware=True)
    try:
        database = client[plan.database]
        for name, specs in plan.indexes.items():
            if specs:
                await database[name].create_indexes([IndexModel(k, **o) for k, o in specs])

        async def transaction(index: int) -> None:
            offer = _fresh(plan.offer, index)
            event = {**outbox_document(plan.event), "event_id": str(uuid.uuid4())}

            async def work(session: AsyncClientSession) -> None:
                await database["offers"].insert_one(offer, session=session)
                await database[OUTBOX_COLLECTION].insert_one(event, session=session)

            async with client.start_session() as session:
                await session.with_transaction(work)

        await transaction(-1)  # warm-up: the connection and collections exist before the clock
        ops = await closed_loop(
            transaction, count=plan.count, concurrency=1, time_limit=plan.time_limit
        )
        await client.drop_database(plan.database)
        return ops
    finally:
        await client.close()


def _fresh(document: Document, index: int) -> Document:
    """Return a copy of a stored document with new ids."""
    copied = copy.deepcopy(document)
    copied["_id"] = str(uuid.uuid4())
    for key in ("id", "event_id"):
        if key in copied:
            copied[key] = str(uuid.uuid4())
    copied.setdefault("index", index)
    return copied


# ---- bodies and result ----------------------------------------------------------------------


def _terms() -> Document:
    deadline = datetime.now(UTC) + timedelta(days=30)
    start = deadline.date() + timedelta(days=20)
    return {
        "title": "Aktywny senior (benchmark)",
        "public_task": "Zajęcia aktywizujące dla seniorów",
        "area": "seniors",
        "total_funds": "100000.00",
        "funding_rules": "Dotacja do 90% kosztów zadania.",
        "delivery_terms": "Zadanie realizowane na terenie gminy.",
        "offer_deadline": deadline.isoformat(),
        "criteria": [
            {"code": "quality", "label": "Jakość merytoryczna", "max_points": 20},
            {"code": "budget", "label": "Kalkulacja kosztów", "max_points": 10},
        ],
        "min_grant": "5000.00",
        "max_grant": "40000.00",
        "task_period": {
            "start": start.isoformat(),
            "end": (start + timedelta(days=150)).isoformat(),
        },
        "selection_mode": "Ocena komisji konkursowej, wybór przez wójta.",
        "decision_date": (deadline.date() + timedelta(days=10)).isoformat(),
        "funds_spent_this_year": "0.00",
        "funds_spent_last_year": "80000.00",
        "own_contribution": {"total_percent": "10", "financial_percent": "5"},
    }


def _offer_content(task_start: date) -> Document:
    period = {"start": task_start.isoformat(), "end": (task_start + timedelta(days=90)).isoformat()}
    return {
        "title": "Senior w ruchu",
        "place": "Świetlica wiejska",
        "description": "Cotygodniowe zajęcia ruchowe i warsztaty dla seniorów.",
        "task_period": period,
        "schedule": [
            {"name": "Zajęcia ruchowe", "description": "Dwa razy w tygodniu", "period": period}
        ],
        "quantitative_results": [{"name": "Uczestnicy", "target_value": "40", "unit": "osoby"}],
        "qualitative_results": ["Większa aktywność seniorów"],
        "budget": {
            "lines": [
                {
                    "key": "I.1",
                    "category": "action",
                    "name": "Wynagrodzenie instruktorów",
                    "requested_grant": "20000.00",
                    "own_financial": "2000.00",
                    "in_kind": "500.00",
                    "volunteer_work": "500.00",
                }
            ]
        },
    }


def _result(plan: OfferPlan, loaded: dict[str, list[Op]], serial: list[Op], raw: RawPlan) -> Result:
    offers, drafts, submissions = loaded["offers"], loaded["drafts"], loaded["submissions"]
    submitted = [o for o in offers if o.ok]
    window = _window(offers)
    offers_per_s = rate(len(submitted), window)
    raw_metrics = summarize_ops(serial, "raw_serial_tx")
    raw_per_s = raw_metrics["raw_serial_tx_per_s"]
    failures = errors_of(list(itertools.chain(drafts, submissions)))
    return {
        "params": {
            "ngos": len(plan.member_tokens),
            "offers": plan.count,
            "requests_per_offer": "2 (POST draft, POST submission)",
            "load_generator": f"separate process, httpx, {len(plan.member_tokens)} NGO loops",
            "baseline": "serial raw PyMongo transactions (concurrency 1): one offer document "
            "+ one outbox document each, copies of this run's latest, on the same server",
            "baseline_documents": "grants' latest" if raw.offer else "empty (no offer stored)",
        },
        "metrics": {
            "offers_submitted_per_s": offers_per_s,
            "offers_window_s": round(window, 3),
            **latency_ms([o.finished - o.started for o in submitted], "offer"),
            **summarize_ops(drafts, "draft"),
            **summarize_ops(submissions, "submit"),
            **raw_metrics,
            "offers_per_raw_serial_tx": (
                round(offers_per_s / raw_per_s, 3) if offers_per_s and raw_per_s else None
            ),
        },
        "errors": {
            "posted": len(offers),  # offers tried (draft sent)
            "done": len(submitted),  # offers drafted and submitted
            "not_tried": plan.count - len(offers),
            "draft_failed": sum(not o.ok for o in drafts),
            "submit_failed": sum(not o.ok for o in submissions),
            **failures["by_kind"],
            "samples": failures["samples"],
            "serial_done": sum(o.ok for o in serial),
            "raw_failed": sum(not o.ok for o in serial),
        },
        "notes": _NOTES,
    }


def _window(ops: list[Op]) -> float:
    if not ops:
        return 0.0
    return max(o.finished for o in ops) - min(o.started for o in ops)


_NOTES = [
    "offers_submitted_per_s: offers whose draft (201) and submission (200) both succeeded ÷ "
    "(first draft sent → last submission answered); every NGO has its own member token and "
    "runs one offer at a time, so up to `ngos` offers are in flight.",
    "offers_per_raw_serial_tx: offers/s ÷ raw_serial_tx_per_s. The baseline is serial on "
    "purpose: NX-27017 cannot interleave transactions and each service runs one transaction "
    "at a time per process, so one-at-a-time raw tx/s is what the store can give grants.",
    "Each offer is two grants requests (draft, submission), each with its own transaction, "
    "plus the relay's outbox reads and updates; the raw transaction is one of those writes.",
    "draft_* / submit_*: grants' HTTP answers alone; errors count non-2xx and transport "
    "failures of either request.",
]
