"""Another tenant's people reach none of tenant A's objects, on any route of any service.

The routes come from the services' OpenAPI documents: a new route that takes an id is
walked without editing this test (a new kind of id needs one line in tenant_scene.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from services.grants.services.common import Clock
from tests.conftest import AppClientFactory
from tests.grants.scene import Scene, ok
from tests.notifications.conftest import FAST_SETTINGS
from tests.security.matrix import Breach, Requests, Route, id_routes, list_routes
from tests.security.tenant_scene import TenantA, build_tenant_a
from tests.support.auth import TokenFactory, bearer
from tests.support.namespace import new_tenant_id
from tests.support.services import SERVICES, ServiceClient

Headers = dict[str, str]
# "Listing is not owning": another municipality may put A's organization on its own list.
OWN_LIST_ENTRY = Route("registry", "PUT", "/local-list/{organization_id}", ("organization_id",))
# Objects public across tenants: anyone may ask, and the answer shows the caller's own share
# only. They may answer 2xx, but with none of A's ids beyond the public ones they were asked by.
SHARED = {
    # Organizations are in the public NGO database; a municipality checks any applicant.
    ("GET", "/applicants/{organization_id}"),
    # An announced consultation is public; a participant lists only their own comments.
    ("GET", "/consultations/{consultation_id}/comments"),
    # An organization's figures in the caller's own municipalities (or centre's members).
    ("GET", "/monitoring/organizations/{organization_id}/years/{year}"),
}
PUBLIC_IDS = {"organization_id", "consultation_id", "tenant_id", "municipality_id"}


@pytest.fixture(scope="module")
async def clients(app_client: AppClientFactory) -> dict[str, ServiceClient]:
    """The four services in-process; notifications may call webhooks on loopback."""
    return {
        "registry": await app_client("registry"),
        "grants": await app_client(
            "grants", deadline_job_seconds=0.2, report_notice_job_seconds=0.2
        ),
        "consultations": await app_client("consultations"),
        "notifications": await app_client(
            "notifications",
            webhooks_allow_private_addresses=True,
            webhooks_require_https=False,
            **FAST_SETTINGS,
        ),
    }


@pytest.fixture(scope="module")
async def tenant_a(clients: dict[str, ServiceClient], token: TokenFactory) -> TenantA:
    """Tenant A with an object of every kind."""
    grants = clients["grants"]
    clock: Clock = grants.app.state.services.clock
    scene = Scene(clients["registry"], grants, token, clock, new_tenant_id())
    return await build_tenant_a(scene, clients["consultations"], clients["notifications"])


@pytest.fixture(scope="module")
async def outsiders(
    clients: dict[str, ServiceClient], token: TokenFactory, tenant_a: TenantA
) -> dict[str, Headers]:
    """People of tenant B, and staff of a support centre whose members exclude A."""
    registry = clients["registry"]
    tenant_b = new_tenant_id()
    centre = f"centre-{tenant_b[:2]}-macierz"
    admin = bearer(token(tenant_id=tenant_b, roles=["platform_admin"]))
    for body in (
        {"id": tenant_b, "name": f"Gmina {tenant_b}", "kind": "municipality"},
        {"id": centre, "name": "Centrum NGO", "kind": "support_centre", "member_ids": [tenant_b]},
    ):
        ok(await registry.post("/tenants", json=body, headers=admin), 201)

    def person(tenant_id: str, *roles: str, **claims: Any) -> Headers:
        return bearer(token(tenant_id=tenant_id, roles=roles, **claims))

    return {
        "officer of B": person(tenant_b, "tenant_officer"),
        "NGO member of B": person(tenant_b, "ngo_member", organization_id=f"org-{tenant_b}"),
        "committee member of B": person(tenant_b, "committee_member", subject="member-officer-1"),
        "integration of B": person(tenant_b, "integration"),
        "centre staff without A": person(centre, "centre_staff"),
    }


async def _documents(clients: dict[str, ServiceClient]) -> dict[str, dict[str, Any]]:
    return {name: ok(await clients[name].get("/openapi.json")) for name in SERVICES}


class TestTenantMatrix:
    async def test_no_route_with_an_id_lets_another_tenant_reach_it(
        self,
        clients: dict[str, ServiceClient],
        tenant_a: TenantA,
        outsiders: dict[str, Headers],
    ) -> None:
        values = {**tenant_a.ids, **tenant_a.coordinates}
        breaches: list[str] = []
        routes = 0
        for service, document in (await _documents(clients)).items():
            requests = Requests(clients[service], document)
            for route in id_routes(service, document, set(tenant_a.ids)):
                unmapped = set(route.params) - set(values)
                if unmapped:
                    breaches.append(f"{route.method} {route.path}: map {sorted(unmapped)}")
                    continue
                if route == OWN_LIST_ENTRY:
                    continue
                routes += 1
                private = {v for k, v in tenant_a.ids.items() if k not in PUBLIC_IDS}
                for role, headers in outsiders.items():
                    answer = await requests.send(route, values, headers)
                    status = answer.status_code
                    if (route.method, route.path) in SHARED and status < 300:
                        shown = sorted(i for i in private if i in answer.text)
                        if shown:
                            breaches.append(str(Breach(route, role, status, f"shows {shown}")))
                    elif status < 300 or status >= 500:
                        breaches.append(str(Breach(route, role, status)))

        assert routes > 60  # the documents were read: every service has routes with ids
        assert not breaches, "\n".join(breaches)

    async def test_no_list_shows_another_tenants_ids(
        self,
        clients: dict[str, ServiceClient],
        tenant_a: TenantA,
        outsiders: dict[str, Headers],
    ) -> None:
        values = {**tenant_a.ids, **tenant_a.coordinates}
        secrets = tenant_a.values()
        breaches: list[str] = []
        for service, document in (await _documents(clients)).items():
            requests = Requests(clients[service], document)
            for route in list_routes(service, document, set(tenant_a.ids)):
                for role, headers in outsiders.items():
                    answer = await requests.send(route, values, headers)
                    shown = sorted(s for s in secrets if s in answer.text)
                    if answer.status_code < 300 and shown:
                        breaches.append(str(Breach(route, role, answer.status_code, f"{shown}")))

        assert not breaches, "\n".join(breaches)
