"""Settings and in-process apps of the four services, pointed at the test infrastructure."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
from fastapi import FastAPI
from pymongo.asynchronous.database import AsyncDatabase

from deploy.local.keys import LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIdentity
from shared.settings import ServiceSettings
from tests.support.clock import ShiftedClock
from tests.support.infrastructure import Infrastructure
from tests.support.namespace import Namespace

if TYPE_CHECKING:
    # Importing shared.runtime before shared.http is a circular import (see the report).
    from shared.runtime import Runtime

__all__ = ["SERVICES", "ServiceClient", "SettingsFactory", "running_service"]

SERVICES = ("registry", "grants", "consultations", "notifications")
_SETTINGS_CLASSES = {
    "registry": "RegistrySettings",
    "grants": "GrantsSettings",
    "consultations": "ConsultationsSettings",
    "notifications": "NotificationsSettings",
}


@dataclass(frozen=True)
class SettingsFactory:
    """Builds a service's settings for one namespace of the session's infrastructure."""

    infrastructure: Infrastructure
    identity: LocalIdentity

    def __call__(self, service: str, namespace: Namespace, **overrides: Any) -> ServiceSettings:
        """Return validated settings of `service`; `overrides` win."""
        module = importlib.import_module(f"services.{service}.settings")
        settings_class: type[ServiceSettings] = getattr(module, _SETTINGS_CLASSES[service])
        values: dict[str, Any] = {
            "mongodb_uri": self.infrastructure.mongodb_uri,
            "mongodb_database": namespace.database(service),
            "kafka_bootstrap_servers": self.infrastructure.kafka_bootstrap,
            "kafka_idempotent_producer": self.infrastructure.idempotent_producer,
            "kafka_topic_prefix": namespace.topic_prefix,
            "kafka_consumer_group": namespace.consumer_group(service),
            "auth_jwks_url": self.identity.jwks_url,
            "auth_issuer": LOCAL_ISSUER,
            "auth_audience": LOCAL_AUDIENCE,
            "outbox_poll_seconds": 0.1,
            # The first join of a group waits half the session on Tansu: 3 s instead of 5 s.
            # Not less: a test's own CPU-heavy steps pause the loop the heartbeats run on.
            "kafka_session_timeout_ms": 6_000,
            "kafka_heartbeat_interval_ms": 2_000,
            "deployment": "development",
            "metrics_port": 0,
            # Every test module shares one client address: a module that tests a limit
            # sets it low in its own overrides.
            "rate_limit_writes": "100000/minute",
            "rate_limit_public_reads": "100000/minute",
            "rate_limit_exports": "100000/minute",
            "log_level": "WARNING",
            # Most tests publish events of tenants never onboarded; tests/reliability checks it.
            "consumer_require_known_tenant": False,
            **overrides,
        }
        return settings_class(**values)


class ServiceClient(httpx.AsyncClient):
    """An HTTP client of one in-process service, with a view of its runtime."""

    def __init__(self, app: FastAPI, service: str, clock: ShiftedClock) -> None:
        super().__init__(transport=httpx.ASGITransport(app=app), base_url=f"http://{service}")
        self.app = app
        self.service = service
        # The service's time, which a test moves forward (deadlines, reminders, expiry).
        self.clock = clock

    @property
    def runtime(self) -> Runtime:
        """Return the service's runtime (clients, relay, settings)."""
        runtime: Runtime = self.app.state.runtime
        return runtime

    @property
    def database(self) -> AsyncDatabase[dict[str, Any]]:
        """Return the service's own database."""
        return self.runtime.database


@contextlib.asynccontextmanager
async def running_service(
    settings: ServiceSettings, clock: ShiftedClock | None = None
) -> AsyncIterator[ServiceClient]:
    """Build the service's app on a clock tests can move, run its lifespan, yield a client."""
    clock = clock or ShiftedClock()
    module = importlib.import_module(f"services.{settings.service_name}.app")
    app: FastAPI = module.create_app(settings, clock=clock)
    async with (
        app.router.lifespan_context(app),
        ServiceClient(app, settings.service_name, clock) as client,
    ):
        yield client
