"""The registry of benchmarks: each is an async function of a context returning a result dict."""

from __future__ import annotations

import dataclasses
import importlib
import itertools
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.settings import BenchSettings
from deploy.local.stack import SERVICES, LocalStack

__all__ = [
    "BENCHMARKS",
    "MODULES",
    "BenchContext",
    "Benchmark",
    "Result",
    "benchmark",
    "load",
    "services_for",
]

# Modules whose @benchmark functions make up `make bench`, in run order: add new ones here.
MODULES = (
    "bench.flow",
    "bench.notifications_fanout",
    "bench.scale_out",
    "bench.grants_offers",
    "bench.broker_restart",
    "bench.baselines.mongo",
    "bench.baselines.kafka",
    "bench.registry_search",
    "bench.registry_reads",
    "bench.portal",
    "bench.search_engine",
    "bench.registry_import",  # last: an import cut off by its time limit goes on in the registry
)

# Conventional keys: "params", "metrics" (flat numbers, unit in the name), "errors", "notes".
Result = dict[str, Any]


@dataclass
class BenchContext:
    """What a benchmark may use: the running stack and the run's settings."""

    stack: LocalStack
    settings: BenchSettings
    _tenant_numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def with_time_limit(self, seconds: float) -> BenchContext:
        """Return this context with another time limit (tenant numbers stay shared)."""
        settings = dataclasses.replace(self.settings, time_limit=seconds)
        return BenchContext(self.stack, settings, self._tenant_numbers)

    def new_tenant(self) -> str:
        """Return a fresh tenant id, so benchmarks never see each other's data."""
        # A valid TERYT code (the registry onboards only those) in counties 70-99 of
        # zachodniopomorskie, which do not exist: no clash with real or demo municipalities.
        number = next(self._tenant_numbers)
        return f"32{70 + number // 90:02d}{10 + number % 90:02d}2"

    async def onboarded_tenant(self) -> str:
        """Return a fresh tenant, onboarded: the registry takes organizations of known ones only."""
        tenant_id = self.new_tenant()
        admin = self.stack.token(
            subject="bench-admin", tenant_id=tenant_id, roles=["platform_admin"]
        )
        body = {"id": tenant_id, "name": f"Gmina {tenant_id}", "kind": "municipality"}
        async with httpx.AsyncClient(base_url=self.stack.url("registry"), timeout=30) as client:
            answer = await client.post(
                "/tenants", json=body, headers={"Authorization": f"Bearer {admin}"}
            )
            answer.raise_for_status()
        return tenant_id

    def officer_token(self, tenant_id: str) -> str:
        """Mint a token of a liaison officer of `tenant_id`."""
        return self.stack.token(
            subject=f"bench-officer-{tenant_id}", tenant_id=tenant_id, roles=["tenant_officer"]
        )

    @property
    def kafka_bootstrap(self) -> str:
        """Return the broker address the services use."""
        return str(self.stack.kafka_bootstrap)

    def service_database(self, service: str) -> str:
        """Return the name of a service's MongoDB database in this stack."""
        return f"{service}{self.stack.database_suffix}"

    @property
    def mongodb_uri(self) -> str:
        """Return the MongoDB URI the services use."""
        return str(self.stack.mongodb_uri)


BenchFunction = Callable[[BenchContext], Awaitable[Result]]


@dataclass(frozen=True)
class Benchmark:
    """A named benchmark and what it measures."""

    name: str
    summary: str
    run: BenchFunction
    services: tuple[str, ...] = SERVICES  # the stack's services it needs running
    time_limit: float | None = None  # of a full run, when the run's own is too short for it
    # On a stack of its own with only `services`: on 2 cores, the other services consuming
    # this benchmark's events would share the one store and measure their work, not its.
    isolated: bool = False


BENCHMARKS: dict[str, Benchmark] = {}


def benchmark(
    name: str,
    summary: str,
    *,
    services: tuple[str, ...] = SERVICES,
    time_limit: float | None = None,
    isolated: bool = False,
) -> Callable[[BenchFunction], BenchFunction]:
    """Register a benchmark function under `name` (run in registration order).

    `services` names the stack's services it needs; a run starts those of its benchmarks only.
    `time_limit` replaces the run's time limit for this benchmark, except in a --quick run.
    `isolated` runs it on a stack of its own that starts `services` only.
    """
    unknown = set(services) - set(SERVICES)
    if unknown:
        raise ValueError(f"benchmark {name!r} needs unknown services {sorted(unknown)}")

    def register(function: BenchFunction) -> BenchFunction:
        if name in BENCHMARKS:
            raise ValueError(f"benchmark {name!r} registered twice")
        BENCHMARKS[name] = Benchmark(name, summary, function, services, time_limit, isolated)
        return function

    return register


def load() -> dict[str, Benchmark]:
    """Import the benchmark modules (registering their benchmarks) and return them in order."""
    for module in MODULES:
        importlib.import_module(module)
    return BENCHMARKS


def services_for(names: Sequence[str]) -> tuple[str, ...]:
    """Return the services the named benchmarks need, in the stack's start order."""
    benchmarks = load()
    needed = {service for name in names for service in benchmarks[name].services}
    return tuple(service for service in SERVICES if service in needed)
