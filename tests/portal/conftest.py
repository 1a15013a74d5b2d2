"""Fixtures of the portal tests: the four services in-process and the portal in front of them."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from deploy.local.keys import LocalIdentity
from services.portal.app import create_app
from services.portal.settings import PortalSettings
from tests.grants.scene import Scene
from tests.support.auth import TokenFactory
from tests.support.clock import ShiftedClock
from tests.support.infrastructure import Infrastructure
from tests.support.namespace import Namespace, new_namespace
from tests.support.services import SERVICES, ServiceClient, SettingsFactory, running_service

Backends = dict[str, ServiceClient]


@pytest.fixture(scope="session")
async def backends(service_settings: SettingsFactory) -> AsyncIterator[Backends]:
    """The four services, in-process, started once for every portal test.

    Each start waits for a consumer-group rebalance, so the portal's modules share them;
    tests stay apart through their own municipalities.
    """
    namespace = new_namespace()
    async with contextlib.AsyncExitStack() as stack:
        started: Backends = {}
        for name in SERVICES:
            overrides: dict[str, Any] = {}
            if name == "grants":
                overrides = {"deadline_job_seconds": 0.2, "report_notice_job_seconds": 0.2}
            settings = service_settings(name, namespace, **overrides)
            started[name] = await stack.enter_async_context(running_service(settings))
        yield started


def portal_settings(
    infrastructure: Infrastructure, identity: LocalIdentity, namespace: Namespace, **overrides: Any
) -> PortalSettings:
    """Return the portal's settings for a test: development sign-in, the session's servers."""
    values: dict[str, Any] = {
        "deployment": "development",
        "dev_sign_in": True,
        "dev_keys_dir": str(identity.directory),
        "mongodb_uri": infrastructure.mongodb_uri,
        "mongodb_database": namespace.database("portal"),
        "log_level": "WARNING",
        "metrics_port": 0,
        **overrides,
    }
    return PortalSettings(**values)


@pytest.fixture
async def portal(
    infrastructure: Infrastructure,
    identity: LocalIdentity,
    backends: Backends,
    tenant_id: str,
) -> AsyncIterator[PortalClient]:
    """The portal in-process in front of the backends; it lists the test's municipality."""
    settings = portal_settings(
        infrastructure, identity, new_namespace(), municipalities=f"{tenant_id}=Gmina Testowa"
    )
    transports = {name: httpx.ASGITransport(app=client.app) for name, client in backends.items()}
    app = create_app(settings, transports=transports)
    async with (
        app.router.lifespan_context(app),
        PortalClient(transport=httpx.ASGITransport(app=app), base_url="http://portal") as client,
    ):
        yield client


class PortalClient(httpx.AsyncClient):
    """A browser without JavaScript: it keeps the cookie and sends forms with their CSRF token."""

    async def csrf(self, path: str = "/") -> str:
        """Return the CSRF token of the session, read from a page's form."""
        page = await self.get(path)
        return csrf_of(page.text)

    async def submit(self, path: str, data: dict[str, Any], *, page: str = "/") -> httpx.Response:
        """Post a form as a browser would, with the token its page carried."""
        return await self.post(path, data={"csrf_token": await self.csrf(page), **data})

    async def sign_in(self, key: str) -> httpx.Response:
        """Sign in as a demo user on the development sign-in page."""
        answer = await self.submit("/sign-in/dev", {"user": key}, page="/sign-in")
        assert answer.status_code == 303, answer.text
        return answer


def csrf_of(html: str) -> str:
    """Return the CSRF token in a page's forms."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


@pytest.fixture
def clock(backends: Backends) -> ShiftedClock:
    """The grants service's clock."""
    clock: ShiftedClock = backends["grants"].clock
    return clock


@pytest.fixture
async def scene(
    backends: Backends, token: TokenFactory, clock: ShiftedClock, tenant_id: str
) -> Scene:
    """The test's municipality onboarded in the registry and known to grants."""
    made = Scene(backends["registry"], backends["grants"], token, clock, tenant_id)
    await made.onboard()
    return made
