"""Every operation of every service answers as its OpenAPI document says, never a 5xx."""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import AppClientFactory
from tests.security.fuzz import fuzz_service
from tests.support.auth import TokenFactory
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


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
class TestOpenApiFuzz:
    @pytest.mark.parametrize("service", SERVICES)
    async def test_every_operation_answers_as_documented(
        self, app_client: AppClientFactory, token: TokenFactory, tenant_id: str, service: str
    ) -> None:
        client = await app_client(service)
        tokens = [None] + [
            token(tenant_id=tenant_id, roles=roles, organization_id="fuzz-organization")
            for roles in ROLES
        ]

        loop = asyncio.get_running_loop()
        findings = await asyncio.to_thread(fuzz_service, client, tokens, loop)

        assert not findings, "\n\n".join(map(str, findings))
