"""Another tenant's people reach none of tenant A's objects, on any route of any service.

The routes come from the services' OpenAPI documents: a new route that takes an id is
walked without editing this test (a new kind of id needs one line in tenant_scene.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.conftest import AppClientFactory
from tests.consultations.conftest import comment_payload, terms_payload
from tests.grants.bodies import competition_terms, offer_content, report_contents, score_sheet
from tests.grants.scene import Scene, ok
from tests.notifications.conftest import FAST_SETTINGS
from tests.security.matrix import Breach, Requests, Route, id_routes, list_routes
from tests.security.tenant_scene import TenantA, build_tenant_a
from tests.support.auth import TokenFactory, bearer
from tests.support.clock import ShiftedClock
from tests.support.namespace import new_tenant_id
from tests.support.services import SERVICES, ServiceClient

Headers = dict[str, str]
# "Listing is not owning": another municipality may put A's organization on its own list.
OWN_LIST_ENTRY = Route("registry", "PUT", "/local-list/{organization_id}", ("organization_id",))
OFFICER, NGO, COMMITTEE = "officer of B", "NGO member of B", "committee member of B"
INTEGRATION, CENTRE = "integration of B", "centre staff without A"
# Objects public across tenants: these callers may get 2xx, with their own share only, so
# the answer must show none of A's ids beyond the public ones it was asked by.
SHARED = {
    # Organizations are in the public NGO database; a municipality checks any applicant.
    ("GET", "/applicants/{organization_id}"): {OFFICER, CENTRE},
    # An announced consultation is public; a participant lists only their own comments.
    ("GET", "/consultations/{consultation_id}/comments"): {NGO, COMMITTEE, INTEGRATION},
    # Any organization takes part in any municipality's consultations (residents only in
    # their own): services/consultations/services/access.py `participant`.
    ("POST", "/consultations/{consultation_id}/comments"): {NGO},
    # An organization's figures in the caller's own municipalities (or centre's members).
    ("GET", "/monitoring/organizations/{organization_id}/years/{year}"): {OFFICER, CENTRE},
}
PUBLIC_IDS = {"organization_id", "consultation_id", "tenant_id", "municipality_id"}


def _bodies() -> dict[tuple[str, str], Any]:
    """Return valid bodies of the writes whose generated bodies the domain would refuse."""
    now = datetime.now(UTC)
    start = now.date() + timedelta(days=60)
    return {
        ("PUT", "/competitions/{competition_id}"): competition_terms(now),
        ("PUT", "/offers/{offer_id}"): offer_content(start),
        ("PUT", "/reports/{report_id}"): report_contents(),
        ("PUT", "/competitions/{competition_id}/committee/sheets/{offer_id}"): score_sheet(1, 1),
        ("PUT", "/consultations/{consultation_id}/terms"): terms_payload(),
        ("POST", "/consultations/{consultation_id}/comments"): comment_payload(),
    }


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
    clock: ShiftedClock = grants.clock
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
        OFFICER: person(tenant_b, "tenant_officer"),
        NGO: person(tenant_b, "ngo_member", organization_id=f"org-{tenant_b}"),
        # The subject of a member of A's committee: membership must not cross tenants.
        COMMITTEE: person(tenant_b, "committee_member", subject="member-officer-1"),
        INTEGRATION: person(tenant_b, "integration"),
        CENTRE: person(centre, "centre_staff"),
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
            requests = Requests(clients[service], document, _bodies())
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
                    if role in SHARED.get((route.method, route.path), ()) and status < 300:
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
