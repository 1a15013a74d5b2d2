"""Session infrastructure, isolation, identity, settings and in-process apps for every test."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pymongo.asynchronous.database import AsyncDatabase

from deploy.local.keys import LocalIdentity
from shared.mongo import MongoClient, connect
from tests.support.auth import TokenFactory
from tests.support.clock import ShiftedClock
from tests.support.infrastructure import Infrastructure, provide_infrastructure
from tests.support.namespace import RUN_ID, Namespace, new_namespace, new_tenant_id
from tests.support.parallel import FolderScheduling, longest_first
from tests.support.services import ServiceClient, SettingsFactory, running_service

AppClientFactory = Callable[..., Awaitable[ServiceClient]]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "integration: needs Kafka and MongoDB (embedded or real)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # `-m "not integration and not e2e"` then runs the fast tests only.
    for item in items:
        if "infrastructure" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.integration)
    if _parallel(config):
        # Long-running scopes first: the workers finish together.
        items.sort(key=lambda item: longest_first(item.nodeid))
    else:
        # Slowest last: a failure of the fast tests shows before the processes start.
        items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


def _parallel(config: pytest.Config) -> bool:
    return bool(
        getattr(config.option, "dist", "no") != "no" or os.environ.get("PYTEST_XDIST_WORKER")
    )


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> FolderScheduling:
    """Give each worker whole files, and whole folders where tests share servers."""
    return FolderScheduling(config, log)


@pytest.fixture(scope="session")
def infrastructure(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Infrastructure]:
    """Kafka and MongoDB for the whole session (see tests/support/infrastructure.py)."""
    with provide_infrastructure(tmp_path_factory.mktemp("servers")) as servers:
        yield servers
        if not servers.embedded:
            _drop_run_databases(servers.mongodb_uri)


def _drop_run_databases(uri: str) -> None:
    from pymongo import MongoClient as SyncClient

    with contextlib.suppress(Exception), SyncClient(uri) as client:
        for name in client.list_database_names():
            if RUN_ID in name:
                client.drop_database(name)


@pytest.fixture(scope="session")
def identity(tmp_path_factory: pytest.TempPathFactory) -> LocalIdentity:
    """The identity provider the services under test trust (a key pair and its JWKS)."""
    return LocalIdentity(Path(tmp_path_factory.mktemp("identity"))).ensure()


@pytest.fixture(scope="session")
def token(identity: LocalIdentity) -> TokenFactory:
    """Mint a real signed access token: token(tenant_id=..., roles=[...], ...)."""
    return TokenFactory(identity)


@pytest.fixture
def tenant_id() -> str:
    """A municipality no other test uses."""
    return new_tenant_id()


@pytest.fixture
def namespace() -> Namespace:
    """Database names, topic prefix and consumer groups of this test only."""
    return new_namespace()


@pytest.fixture(scope="module")
def module_namespace() -> Namespace:
    """Database names, topic prefix and consumer groups of this module only."""
    return new_namespace()


@pytest.fixture(scope="session")
def service_settings(infrastructure: Infrastructure, identity: LocalIdentity) -> SettingsFactory:
    """Build a service's settings: service_settings("registry", namespace, **overrides)."""
    return SettingsFactory(infrastructure, identity)


@pytest.fixture(scope="session")
async def mongo(infrastructure: Infrastructure) -> AsyncIterator[MongoClient]:
    """A client of the session's MongoDB."""
    client = connect(infrastructure.mongodb_uri)
    yield client
    await client.close()


@pytest.fixture
def database(mongo: MongoClient, namespace: Namespace) -> AsyncDatabase[dict[str, Any]]:
    """A database of this test only."""
    return mongo[namespace.database("test")]


@pytest.fixture(scope="module")
async def app_client(
    service_settings: SettingsFactory, module_namespace: Namespace
) -> AsyncIterator[AppClientFactory]:
    """Start a service in-process once per module: `await app_client("registry")`."""
    async with contextlib.AsyncExitStack() as stack:
        started: dict[str, ServiceClient] = {}

        async def start(
            service: str, *, clock: ShiftedClock | None = None, **overrides: Any
        ) -> ServiceClient:
            if service not in started:
                settings = service_settings(service, module_namespace, **overrides)
                running = running_service(settings, clock)
                started[service] = await stack.enter_async_context(running)
            return started[service]

        yield start
