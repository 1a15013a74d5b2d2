"""Who edits which organization, self-registration, status changes, GDPR erasure, audit."""

from __future__ import annotations

from collections.abc import Callable

from tests.registry.conftest import Headers, register
from tests.support.http import ok, problem
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.services import ServiceClient

CONTACT = {"name": "Anna Testowa", "role": "prezeska", "email": "anna@example.org"}


class TestTenantIsolation:
    async def test_an_officer_of_another_municipality_gets_404(
        self, registry: ServiceClient, officer: Headers, person: Callable[..., Headers]
    ) -> None:
        organization = await register(registry, officer)
        stranger = person(new_tenant_id(), "tenant_officer")

        for answer in (
            await registry.get(f"/organizations/{organization['id']}", headers=stranger),
            await registry.patch(
                f"/organizations/{organization['id']}", json={"short_name": "X"}, headers=stranger
            ),
            await registry.get(f"/organizations/{organization['id']}/history", headers=stranger),
        ):
            problem(answer, 404)
        assert ok(await registry.get("/organizations", headers=stranger)) == []


class TestEditing:
    async def test_an_ngo_member_edits_their_own_organization_only(
        self,
        registry: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        own = await register(registry, officer)
        other = await register(registry, officer)
        member = person(tenant_id, "ngo_member", organization_id=own["id"])

        changed = await registry.patch(
            f"/organizations/{own['id']}", json={"description": "Nowy opis"}, headers=member
        )
        refused = await registry.patch(
            f"/organizations/{other['id']}", json={"description": "Cudzy"}, headers=member
        )

        assert ok(changed)["description"] == "Nowy opis"
        problem(refused, 404)

    async def test_every_change_is_audited_with_who_and_which_fields(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        organization = await register(registry, officer)
        await registry.patch(
            f"/organizations/{organization['id']}",
            json={"website": "https://example.org", "public_phone": "+48 71 000 00 00"},
            headers=officer,
        )

        history = ok(
            await registry.get(f"/organizations/{organization['id']}/history", headers=officer)
        )

        assert [entry["action"] for entry in history] == ["updated", "registered"]
        assert sorted(history[0]["fields"]) == ["public_phone", "website"]
        assert history[0]["actor"] and history[0]["at"]

    async def test_an_unknown_field_is_refused(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        organization = await register(registry, officer)

        answer = await registry.patch(
            f"/organizations/{organization['id']}", json={"owner": "me"}, headers=officer
        )

        assert problem(answer, 422)["errors"][0]["field"] == "body.owner"


class TestSelfRegistration:
    async def test_an_ngo_registers_itself_and_an_officer_verifies_it(
        self,
        registry: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        ngo = person(tenant_id, "ngo_member")
        pending = await register(registry, ngo, name="Fundacja Samodzielna")
        public_before = ok(await registry.get("/public/organizations?q=samodzielna"))

        verified = ok(
            await registry.post(f"/organizations/{pending['id']}/verification", headers=officer)
        )

        assert pending["verified"] is False and pending["local_lists"] == []
        assert public_before["items"] == []
        assert verified["verified"] is True
        assert [e["municipality_id"] for e in verified["local_lists"]] == [tenant_id]

        async def found() -> None:
            public_after = ok(await registry.get("/public/organizations?q=samodzielna"))
            assert [o["id"] for o in public_after["items"]] == [pending["id"]]

        await eventually(found)  # the search engine follows the registry's events

    async def test_the_registrant_follows_the_verification_and_nobody_else_does(
        self,
        registry: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        registrant = person(tenant_id, "ngo_member", subject="registrant")
        pending = await register(registry, registrant, name="Fundacja Śledząca")
        path = f"/organizations/{pending['id']}"
        refusal = {"reason": "Brak wpisu w KRS."}
        ok(await registry.post(f"{path}/verification/refusal", json=refusal, headers=officer))

        mine = ok(await registry.get("/registrations", headers=registrant))
        seen = ok(await registry.get(path, headers=registrant))

        assert [o["id"] for o in mine] == [pending["id"]]
        assert (seen["verified"], seen["verification_refusal"]) == (False, "Brak wpisu w KRS.")
        problem(await registry.patch(path, json={"short_name": "X"}, headers=registrant), 403)
        for stranger in (
            person(tenant_id, "ngo_member", subject="someone-else"),
            person(new_tenant_id(), "ngo_member", subject="registrant"),
        ):
            problem(await registry.get(path, headers=stranger), 404)
            assert ok(await registry.get("/registrations", headers=stranger)) == []


class TestStatus:
    async def test_deregistration_erases_contact_persons_and_keeps_the_public_record(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        organization = await register(registry, officer, contact_persons=[CONTACT])

        answer = await registry.post(
            f"/organizations/{organization['id']}/status",
            json={"status": "deregistered", "reason": "likwidacja"},
            headers=officer,
        )

        body = ok(answer)
        assert body["status"] == "deregistered" and body["contact_persons"] == []
        public = ok(await registry.get(f"/public/organizations/{organization['id']}"))
        assert public["status"] == "deregistered"
        problem(
            await registry.patch(
                f"/organizations/{organization['id']}", json={"short_name": "X"}, headers=officer
            ),
            409,
        )

    async def test_the_same_status_twice_is_a_conflict(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        organization = await register(registry, officer)

        answer = await registry.post(
            f"/organizations/{organization['id']}/status",
            json={"status": "active"},
            headers=officer,
        )

        problem(answer, 409)

    async def test_an_ngo_member_cannot_change_the_status(
        self,
        registry: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        organization = await register(registry, officer)
        member = person(tenant_id, "ngo_member", organization_id=organization["id"])

        answer = await registry.post(
            f"/organizations/{organization['id']}/status",
            json={"status": "suspended"},
            headers=member,
        )

        problem(answer, 403)
