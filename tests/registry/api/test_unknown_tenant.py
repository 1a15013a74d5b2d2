"""Only an onboarded municipality has organizations: the registry refuses the others' writes."""

from __future__ import annotations

from collections.abc import Callable

from shared.contracts.registry import ORGANIZATION_TOPIC
from tests.registry.conftest import Headers, Onboard
from tests.support.events import emitted
from tests.support.factories import organization_payload
from tests.support.http import ok, problem
from tests.support.namespace import new_tenant_id
from tests.support.services import ServiceClient


def _names_the_tenant(body: dict[str, object], tenant_id: str) -> None:
    assert body["tenant_id"] == tenant_id
    assert tenant_id in str(body["detail"])


class TestUnknownMunicipality:
    async def test_an_officers_registration_is_refused_and_nothing_is_written(
        self, registry: ServiceClient, person: Callable[..., Headers]
    ) -> None:
        tenant_id = new_tenant_id()
        officer = person(tenant_id, "tenant_officer")

        answer = await registry.post("/organizations", json=organization_payload(), headers=officer)

        _names_the_tenant(problem(answer, 409), tenant_id)
        assert ok(await registry.get("/organizations", headers=officer)) == []
        records = await emitted(registry, ORGANIZATION_TOPIC)
        assert [
            r for r in records if dict(r.headers).get("ce_tenantid") == tenant_id.encode()
        ] == []

    async def test_an_ngos_self_registration_is_refused(
        self, registry: ServiceClient, person: Callable[..., Headers]
    ) -> None:
        tenant_id = new_tenant_id()

        answer = await registry.post(
            "/organizations", json=organization_payload(), headers=person(tenant_id, "ngo_member")
        )

        _names_the_tenant(problem(answer, 409), tenant_id)

    async def test_an_import_is_refused_before_its_file_is_stored(
        self, registry: ServiceClient, person: Callable[..., Headers]
    ) -> None:
        tenant_id = new_tenant_id()
        headers = {**person(tenant_id, "tenant_officer"), "Content-Type": "text/csv"}

        answer = await registry.post(
            "/imports", content=b"name;legal_form\nFundacja Znikad;foundation\n", headers=headers
        )

        _names_the_tenant(problem(answer, 409), tenant_id)
        assert await registry.database["import_jobs"].count_documents({"tenant_id": tenant_id}) == 0

    async def test_listing_anothers_organization_is_refused(
        self, registry: ServiceClient, officer: Headers, person: Callable[..., Headers]
    ) -> None:
        organization = ok(
            await registry.post("/organizations", json=organization_payload(), headers=officer),
            201,
        )
        tenant_id = new_tenant_id()

        answer = await registry.put(
            f"/local-list/{organization['id']}",
            json={},
            headers=person(tenant_id, "tenant_officer"),
        )

        _names_the_tenant(problem(answer, 409), tenant_id)

    async def test_the_same_registration_goes_through_once_the_municipality_is_onboarded(
        self, registry: ServiceClient, person: Callable[..., Headers], onboarded: Onboard
    ) -> None:
        tenant_id = new_tenant_id()
        officer = person(tenant_id, "tenant_officer")
        body = organization_payload()
        problem(await registry.post("/organizations", json=body, headers=officer), 409)

        await onboarded(tenant_id)

        created = ok(await registry.post("/organizations", json=body, headers=officer), 201)
        assert [o["id"] for o in ok(await registry.get("/organizations", headers=officer))] == [
            created["id"]
        ]
