"""Local lists of municipalities, and the support centre that reads its members' lists."""

from __future__ import annotations

from collections.abc import Callable

from shared.contracts.registry import TENANT_TOPIC
from tests.registry.conftest import Headers, Onboard, register
from tests.support.events import emitted
from tests.support.http import ok, problem
from tests.support.kafka import headers_of
from tests.support.namespace import new_tenant_id
from tests.support.services import ServiceClient


async def _onboard_centre(
    registry: ServiceClient, admin: Headers, centre_id: str, members: list[str]
) -> None:
    for member in members:
        ok(
            await registry.post(
                "/tenants",
                json={"id": member, "name": f"Gmina {member}", "kind": "municipality"},
                headers=admin,
            ),
            201,
        )
    ok(
        await registry.post(
            "/tenants",
            json={
                "id": centre_id,
                "name": "Centrum NGO",
                "kind": "support_centre",
                "member_ids": members,
            },
            headers=admin,
        ),
        201,
    )


class TestLocalList:
    async def test_one_organization_on_two_municipalities_lists(
        self,
        registry: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        onboarded: Onboard,
    ) -> None:
        organization = await register(registry, officer)
        neighbour_id = await onboarded()
        neighbour = person(neighbour_id, "tenant_officer")

        listed = ok(
            await registry.put(
                f"/local-list/{organization['id']}",
                json={"needs_assessment": "potrzebuje sali na zajęcia"},
                headers=neighbour,
            )
        )

        assert {e["municipality_id"] for e in listed["local_lists"]} >= {neighbour_id}
        assert [o["id"] for o in ok(await registry.get("/organizations", headers=neighbour))] == [
            organization["id"]
        ]
        mine = [e for e in listed["local_lists"] if e["municipality_id"] == neighbour_id]
        assert mine[0]["needs_assessment"] == "potrzebuje sali na zajęcia"

    async def test_delisting_removes_it_from_that_list_only(
        self,
        registry: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        onboarded: Onboard,
    ) -> None:
        organization = await register(registry, officer)
        neighbour = person(await onboarded(), "tenant_officer")
        await registry.put(f"/local-list/{organization['id']}", json={}, headers=neighbour)

        answer = await registry.delete(f"/local-list/{organization['id']}", headers=neighbour)

        assert answer.status_code == 204
        assert ok(await registry.get("/organizations", headers=neighbour)) == []
        assert len(ok(await registry.get("/organizations", headers=officer))) >= 1

    async def test_an_unverified_organization_of_another_municipality_cannot_be_listed(
        self, registry: ServiceClient, person: Callable[..., Headers], onboarded: Onboard
    ) -> None:
        home = new_tenant_id()
        pending = await register(registry, person(home, "ngo_member"))

        answer = await registry.put(
            f"/local-list/{pending['id']}",
            json={},
            headers=person(await onboarded(), "tenant_officer"),
        )

        problem(answer, 404)


class TestSupportCentre:
    async def test_reads_the_lists_of_its_members_and_no_one_else(
        self, registry: ServiceClient, admin: Headers, person: Callable[..., Headers]
    ) -> None:
        first, second, outsider = "0201011", "0201022", new_tenant_id()
        centre_id = f"centre-02-test{new_tenant_id()}"
        await _onboard_centre(registry, admin, centre_id, [first, second])
        inside = await register(registry, person(first, "tenant_officer"))
        also_inside = await register(registry, person(second, "tenant_officer"))
        outside = await register(registry, person(outsider, "tenant_officer"))
        staff = person(centre_id, "centre_staff")

        seen = {o["id"] for o in ok(await registry.get("/organizations?limit=500", headers=staff))}

        assert {inside["id"], also_inside["id"]} <= seen
        assert outside["id"] not in seen
        problem(await registry.get(f"/organizations/{outside['id']}", headers=staff), 404)
        problem(
            await registry.patch(
                f"/organizations/{inside['id']}", json={"short_name": "X"}, headers=staff
            ),
            403,
        )


class TestTenants:
    async def test_only_a_platform_admin_onboards(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        answer = await registry.post(
            "/tenants",
            json={"id": "0264011", "name": "Gmina", "kind": "municipality"},
            headers=officer,
        )

        problem(answer, 403)

    async def test_rejects_a_bad_teryt_code_naming_the_field(
        self, registry: ServiceClient, admin: Headers
    ) -> None:
        for code, kind in (
            ("026401", "municipality"),
            ("0264019", "municipality"),
            ("9901", "county"),
        ):
            answer = await registry.post(
                "/tenants", json={"id": code, "name": "Gmina Zła", "kind": kind}, headers=admin
            )
            assert problem(answer, 422)["errors"][0]["field"] == "body.id"

    async def test_a_centre_member_must_lie_in_its_region(
        self, registry: ServiceClient, admin: Headers
    ) -> None:
        answer = await registry.post(
            "/tenants",
            json={
                "id": "centre-02-zly",
                "name": "Centrum Złe",
                "kind": "support_centre",
                "member_ids": ["1465011"],
            },
            headers=admin,
        )

        assert problem(answer, 422)["errors"][0]["field"] == "body.member_ids.0"

    async def test_changing_a_centres_members_is_an_event(
        self, registry: ServiceClient, admin: Headers
    ) -> None:
        centre_id = f"centre-12-k{new_tenant_id()}"
        await _onboard_centre(registry, admin, centre_id, [])

        changed = ok(
            await registry.patch(
                f"/tenants/{centre_id}", json={"member_ids": ["1261011"]}, headers=admin
            )
        )

        assert changed["member_ids"] == ["1261011"]
        records = await emitted(registry, TENANT_TOPIC)
        types = [headers_of(r)["ce_type"] for r in records if r.key == centre_id.encode()]
        assert types == ["pl.ngo.registry.tenant.onboarded", "pl.ngo.registry.tenant.updated"]


class TestNeedsAssessmentNotes:
    async def test_staff_read_the_note_and_the_organization_itself_does_not(
        self,
        registry: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        organization = await register(registry, officer, needs_assessment="brak lokalu")
        member = person(tenant_id, "ngo_member", organization_id=organization["id"])

        as_officer = ok(await registry.get(f"/organizations/{organization['id']}", headers=officer))
        as_member = ok(await registry.get(f"/organizations/{organization['id']}", headers=member))

        assert [e["needs_assessment"] for e in as_officer["local_lists"]] == ["brak lokalu"]
        assert [e["needs_assessment"] for e in as_member["local_lists"]] == [None]
