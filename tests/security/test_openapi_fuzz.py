"""Every operation of every service answers as its OpenAPI document says, never a 5xx."""

from __future__ import annotations

import asyncio

import pytest

from services.grants.services.common import Clock
from tests.conftest import AppClientFactory
from tests.grants.scene import Scene
from tests.security.fuzz import fuzz_service
from tests.support.auth import TokenFactory
from tests.support.namespace import new_tenant_id
from tests.support.services import SERVICES

ROLES = (
    ("tenant_officer",),
    ("ngo_member",),
    ("committee_member",),
    ("centre_staff",),
    ("platform_admin",),
    ("integration",),
    (),
)


@pytest.fixture(scope="module")
async def tokens(app_client: AppClientFactory, token: TokenFactory) -> list[str | None]:
    """No token, and one per role of a municipality the services know (with a real NGO)."""
    grants = await app_client("grants")
    clock: Clock = grants.app.state.services.clock
    scene = Scene(await app_client("registry"), grants, token, clock, new_tenant_id())
    await scene.onboard()
    ngo = await scene.ngo()
    return [None] + [
        token(tenant_id=scene.tenant_id, roles=roles, organization_id=ngo.id) for roles in ROLES
    ]


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
class TestOpenApiFuzz:
    @pytest.mark.parametrize("service", SERVICES)
    async def test_every_operation_answers_as_documented(
        self, app_client: AppClientFactory, tokens: list[str | None], service: str
    ) -> None:
        client = await app_client(service)

        loop = asyncio.get_running_loop()
        findings = await asyncio.to_thread(fuzz_service, client, tokens, loop)

        assert not findings, "\n\n".join(map(str, findings))
