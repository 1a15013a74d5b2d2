"""Fixtures of the grants tests: the registry and grants services, people, a scene to act in."""

from __future__ import annotations

import pytest

from tests.conftest import AppClientFactory
from tests.grants.scene import Scene
from tests.support.auth import TokenFactory
from tests.support.clock import ShiftedClock
from tests.support.services import ServiceClient


@pytest.fixture
async def registry(app_client: AppClientFactory) -> ServiceClient:
    """The registry service, whose events feed grants' read model of organizations."""
    return await app_client("registry")


@pytest.fixture
async def grants(app_client: AppClientFactory) -> ServiceClient:
    """The grants service; its periodic jobs run every 0.2 s so that deadlines bite at once."""
    return await app_client("grants", deadline_job_seconds=0.2, report_notice_job_seconds=0.2)


@pytest.fixture
def clock(grants: ServiceClient) -> ShiftedClock:
    """The grants service's clock: move it forward to pass deadlines."""
    return grants.clock


@pytest.fixture
async def scene(
    registry: ServiceClient,
    grants: ServiceClient,
    token: TokenFactory,
    clock: ShiftedClock,
    tenant_id: str,
) -> Scene:
    """A municipality onboarded in the registry (and known to grants) with its officer."""
    made = Scene(registry, grants, token, clock, tenant_id)
    await made.onboard()
    return made
