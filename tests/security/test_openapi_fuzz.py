"""Every operation of every service answers as its OpenAPI document says, never a 5xx."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest

from tests.conftest import AppClientFactory
from tests.grants.scene import Scene
from tests.notifications.conftest import FAST_SETTINGS
from tests.security.fuzz import fuzz_service
from tests.security.tenant_scene import build_tenant_a
from tests.support.auth import TokenFactory
from tests.support.clock import ShiftedClock
from tests.support.namespace import new_tenant_id

ROLES = (
    ("tenant_officer",),
    ("ngo_member",),
    ("committee_member",),
    ("centre_staff",),
    ("platform_admin",),
    ("integration",),
    (),
)


@dataclass(frozen=True)
class Fuzzing:
    """Tokens of every role of a municipality, and the ids of its real objects."""

    tokens: list[str | None]
    ids: dict[str, str]


@pytest.fixture(scope="module")
async def fuzzing(app_client: AppClientFactory, token: TokenFactory) -> Fuzzing:
    """A municipality with an object of every kind; no token, and one per role of it."""
    grants = await app_client("grants", deadline_job_seconds=0.2, report_notice_job_seconds=0.2)
    notifications = await app_client(
        "notifications",
        webhooks_allow_private_addresses=True,
        webhooks_require_https=False,
        **FAST_SETTINGS,
    )
    clock: ShiftedClock = grants.clock
    scene = Scene(await app_client("registry"), grants, token, clock, new_tenant_id())
    made = await build_tenant_a(scene, await app_client("consultations"), notifications)
    organization = made.ids["organization_id"]
    tokens: list[str | None] = [None]
    tokens += [
        token(tenant_id=made.tenant_id, roles=roles, organization_id=organization)
        for roles in ROLES
    ]
    return Fuzzing(tokens, {**made.ids, **made.coordinates})


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
class TestOpenApiFuzz:
    @pytest.mark.parametrize("service", ["registry", "grants", "consultations", "notifications"])
    async def test_every_operation_answers_as_documented(
        self, app_client: AppClientFactory, fuzzing: Fuzzing, service: str
    ) -> None:
        client = await app_client(service)

        loop = asyncio.get_running_loop()
        findings = await asyncio.to_thread(fuzz_service, client, fuzzing.tokens, loop, fuzzing.ids)

        assert not findings, "\n\n".join(map(str, findings))
