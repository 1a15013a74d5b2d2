"""Listing is not owning; numbers belong to verified organizations; identity is re-verified."""

from __future__ import annotations

import json
from collections.abc import Callable

from shared.contracts.registry import ORGANIZATION_TOPIC
from tests.registry.api.test_bulk_import import _import
from tests.registry.conftest import Headers, Onboard, register
from tests.support.events import emitted
from tests.support.factories import unique_krs, unique_nip
from tests.support.http import ok, problem
from tests.support.kafka import headers_of
from tests.support.namespace import new_tenant_id
from tests.support.services import ServiceClient


class TestListingIsNotOwning:
    async def test_a_listing_officer_cannot_edit_change_status_or_verify(
        self,
        registry: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        onboarded: Onboard,
    ) -> None:
        organization = await register(registry, officer, contact_persons=[{"name": "Anna Kontakt"}])
        neighbour = person(await onboarded(), "tenant_officer")
        oid = organization["id"]
        ok(await registry.put(f"/local-list/{oid}", json={}, headers=neighbour))

        edit = await registry.patch(
            f"/organizations/{oid}", json={"name": "Przejęta Nazwa"}, headers=neighbour
        )
        status = await registry.post(
            f"/organizations/{oid}/status", json={"status": "deregistered"}, headers=neighbour
        )
        verify = await registry.post(f"/organizations/{oid}/verification", headers=neighbour)

        for answer in (edit, status, verify):
            problem(answer, 403)
        stored = ok(await registry.get(f"/organizations/{oid}", headers=officer))
        assert (stored["name"], stored["status"]) == (organization["name"], "active")
        assert [c["name"] for c in stored["contact_persons"]] == ["Anna Kontakt"]

    async def test_the_listing_officer_still_keeps_its_own_note(
        self,
        registry: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        onboarded: Onboard,
    ) -> None:
        organization = await register(registry, officer)
        neighbour = person(await onboarded(), "tenant_officer")
        path = f"/local-list/{organization['id']}"
        ok(await registry.put(path, json={"needs_assessment": "sala"}, headers=neighbour))

        changed = ok(await registry.put(path, json={"needs_assessment": "bus"}, headers=neighbour))

        assert "bus" in [e["needs_assessment"] for e in changed["local_lists"]]

    async def test_an_import_lists_another_municipalitys_organization_without_overwriting_it(
        self,
        registry: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        onboarded: Onboard,
    ) -> None:
        nip = unique_nip()
        original = await register(registry, officer, nip=nip, name=f"Fundacja Prawdziwa {nip}")
        neighbour_id = await onboarded()
        neighbour = person(neighbour_id, "tenant_officer")
        row = f"name;legal_form;nip;needs_assessment\nPodmieniona {nip};foundation;{nip};sala\n"

        await _import(registry, neighbour, row)
        await _import(registry, neighbour, row)  # now on the list: still not the owner

        stored = ok(await registry.get(f"/organizations/{original['id']}", headers=officer))
        assert stored["name"] == original["name"]
        assert neighbour_id in {e["municipality_id"] for e in stored["local_lists"]}

    async def test_an_import_never_matches_or_lists_an_unverified_organization_elsewhere(
        self, registry: ServiceClient, officer: Headers, person: Callable[..., Headers]
    ) -> None:
        nip = unique_nip()
        pending = await register(
            registry, person(new_tenant_id(), "ngo_member"), nip=nip, name=f"Samozgłoszona {nip}"
        )

        progress = await _import(
            registry, officer, f"name;legal_form;nip\nFundacja Importowana {nip};foundation;{nip}\n"
        )

        assert (progress["created"], progress["failed"]) == (1, 0)
        listed = ok(await registry.get("/organizations", headers=officer))
        assert pending["id"] not in {o["id"] for o in listed}
        assert [o["name"] for o in listed if o["nip"] == nip] == [f"Fundacja Importowana {nip}"]


class TestIdentifierSquatting:
    async def test_an_unverified_registration_does_not_block_the_verified_one(
        self, registry: ServiceClient, officer: Headers, person: Callable[..., Headers]
    ) -> None:
        krs = unique_krs()
        squatter = await register(
            registry, person(new_tenant_id(), "ngo_member"), krs=krs, name="Nie Ta Fundacja"
        )

        real = await registry.post(
            "/organizations",
            json={"name": "Fundacja Prawdziwa", "legal_form": "foundation", "krs": krs},
            headers=officer,
        )

        assert ok(real, 201)["krs"] == krs
        assert squatter["verified"] is False

    async def test_verifying_the_loser_is_a_conflict_and_its_refusal_tells_it_why(
        self, registry: ServiceClient, officer: Headers, person: Callable[..., Headers]
    ) -> None:
        krs, home = unique_krs(), new_tenant_id()
        loser = await register(registry, person(home, "ngo_member"), krs=krs)
        await register(registry, officer, krs=krs, name="Fundacja Zweryfikowana")
        home_officer = person(home, "tenant_officer")
        path = f"/organizations/{loser['id']}/verification"

        conflict = problem(await registry.post(path, headers=home_officer), 409)
        refused = ok(
            await registry.post(
                f"{path}/refusal", json={"reason": "KRS należy do innej"}, headers=home_officer
            )
        )

        assert "existing_organization" not in conflict
        assert (refused["verified"], refused["verification_refusal"]) == (
            False,
            "KRS należy do innej",
        )
        records = await emitted(registry, ORGANIZATION_TOPIC)
        mine = [headers_of(r)["ce_type"] for r in records if r.key == loser["id"].encode()]
        assert "pl.ngo.registry.organization.verification_refused" in mine

    async def test_the_conflict_names_the_holder_to_its_own_members_only(
        self, registry: ServiceClient, person: Callable[..., Headers]
    ) -> None:
        nip, tenant = unique_nip(), new_tenant_id()
        holder = await register(registry, person(tenant, "tenant_officer"), nip=nip)
        body = {"name": "Druga Rejestracja", "legal_form": "foundation", "nip": nip}

        own = await registry.post(
            "/organizations",
            json=body,
            headers=person(tenant, "ngo_member", organization_id=holder["id"]),
        )
        other = await registry.post(
            "/organizations",
            json=body,
            headers=person(tenant, "ngo_member", organization_id="another"),
        )

        assert problem(own, 409)["existing_organization"]["id"] == holder["id"]
        assert "existing_organization" not in problem(other, 409)


class TestIdentityChangesAreVerifiedAgain:
    async def test_a_members_rename_waits_and_the_public_keeps_the_verified_name(
        self, registry: ServiceClient, officer: Headers, person: Callable[..., Headers]
    ) -> None:
        tenant = new_tenant_id()
        home_officer = person(tenant, "tenant_officer")
        organization = await register(registry, home_officer, name="Fundacja Zaufana")
        oid = organization["id"]
        member = person(tenant, "ngo_member", organization_id=oid)

        changed = ok(
            await registry.patch(
                f"/organizations/{oid}",
                json={"name": "Fundacja Podszyta", "description": "Nowy opis"},
                headers=member,
            )
        )
        public_before = ok(await registry.get(f"/public/organizations/{oid}"))
        accepted = ok(
            await registry.post(f"/organizations/{oid}/verification", headers=home_officer)
        )
        public_after = ok(await registry.get(f"/public/organizations/{oid}"))

        assert (changed["name"], changed["pending_changes"]) == (
            "Fundacja Zaufana",
            {"name": "Fundacja Podszyta"},
        )
        assert changed["description"] == "Nowy opis"
        assert (public_before["name"], public_before["description"]) == (
            "Fundacja Zaufana",
            "Nowy opis",
        )
        assert (accepted["name"], accepted["pending_changes"]) == ("Fundacja Podszyta", {})
        assert public_after["name"] == "Fundacja Podszyta"
        records = await emitted(registry, ORGANIZATION_TOPIC)
        profiles = [
            json.loads(r.value)["profile"]
            for r in records
            if r.key == oid.encode()
            and headers_of(r)["ce_type"] == "pl.ngo.registry.organization.updated"
        ]
        assert profiles[-2]["name"] == "Fundacja Zaufana"
        assert profiles[-2]["pending_changes"] == ["name"]
        assert (profiles[-1]["name"], profiles[-1]["pending_changes"]) == ("Fundacja Podszyta", [])

    async def test_a_members_new_nip_is_claimed_only_once_accepted(
        self, registry: ServiceClient, person: Callable[..., Headers], onboarded: Onboard
    ) -> None:
        tenant = new_tenant_id()
        home_officer = person(tenant, "tenant_officer")
        organization = await register(registry, home_officer)
        member = person(tenant, "ngo_member", organization_id=organization["id"])
        new_nip = unique_nip()

        ok(
            await registry.patch(
                f"/organizations/{organization['id']}", json={"nip": new_nip}, headers=member
            )
        )
        other = await registry.post(
            "/organizations",
            json={"name": "Fundacja Inna", "legal_form": "foundation", "nip": new_nip},
            headers=person(await onboarded(), "tenant_officer"),
        )
        accept = await registry.post(
            f"/organizations/{organization['id']}/verification", headers=home_officer
        )

        ok(other, 201)
        problem(accept, 409)

    async def test_the_home_officer_refuses_a_pending_rename_and_a_listing_one_cannot(
        self, registry: ServiceClient, person: Callable[..., Headers], onboarded: Onboard
    ) -> None:
        tenant = new_tenant_id()
        home_officer = person(tenant, "tenant_officer")
        organization = await register(registry, home_officer, name="Fundacja Stała")
        oid = organization["id"]
        neighbour = person(await onboarded(), "tenant_officer")
        ok(await registry.put(f"/local-list/{oid}", json={}, headers=neighbour))
        member = person(tenant, "ngo_member", organization_id=oid)
        rename = {"name": "Fundacja Zmieniona"}
        ok(await registry.patch(f"/organizations/{oid}", json=rename, headers=member))
        refusal = f"/organizations/{oid}/verification/refusal"

        by_neighbour = await registry.post(refusal, json={"reason": "nie nasza"}, headers=neighbour)
        refused = ok(
            await registry.post(refusal, json={"reason": "Brak uchwały"}, headers=home_officer)
        )
        again = await registry.post(refusal, json={"reason": "raz jeszcze"}, headers=home_officer)

        problem(by_neighbour, 403)
        assert (refused["name"], refused["pending_changes"]) == ("Fundacja Stała", {})
        assert (refused["verified"], refused["verification_refusal"]) == (True, "Brak uchwały")
        problem(again, 409)


class TestImportProgress:
    async def test_only_officers_of_the_importing_municipality_read_it(
        self,
        registry: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        onboarded: Onboard,
        tenant_id: str,
    ) -> None:
        answer = await registry.post(
            "/imports",
            content=b"name;legal_form\nKlub Postepu;sports_club\n",
            headers={**officer, "Content-Type": "text/csv"},
        )
        path = f"/imports/{ok(answer, 202)['id']}"

        for stranger in (
            person(tenant_id, "ngo_member", organization_id="x"),
            person(tenant_id),
            person(await onboarded(), "tenant_officer"),
        ):
            problem(await registry.get(path, headers=stranger), 404)
        ok(await registry.get(path, headers=officer))


class TestImportNumberConflicts:
    async def test_a_row_taking_another_organizations_number_fails_alone(
        self,
        registry: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        onboarded: Onboard,
    ) -> None:
        mine = await register(registry, officer, krs=unique_krs())
        theirs = await register(registry, person(await onboarded(), "tenant_officer"))
        good = unique_nip()
        rows = (
            "name;legal_form;krs;nip\n"
            f"{mine['name']};association;{mine['krs']};{theirs['nip']}\n"
            f"Fundacja Obok {good};foundation;;{good}\n"
        )

        progress = await _import(registry, officer, rows)

        assert (progress["created"], progress["failed"]) == (1, 1)
        assert [(e["row"], e["field"]) for e in progress["errors"]] == [(2, "nip")]
        kept = ok(await registry.get(f"/organizations/{mine['id']}", headers=officer))
        assert kept["nip"] == mine["nip"]

    async def test_a_claim_left_by_an_unverified_registration_blocks_no_import(
        self, registry: ServiceClient, officer: Headers, person: Callable[..., Headers]
    ) -> None:
        nip = unique_nip()
        pending = await register(registry, person(new_tenant_id(), "ngo_member"), nip=nip)
        # As stored before only verified organizations claimed their numbers.
        await registry.database["identifier_claims"].insert_one(
            {"_id": f"nip:{nip}", "organization_id": pending["id"], "name": pending["name"]}
        )

        progress = await _import(
            registry, officer, f"name;legal_form;nip\nFundacja Legalna {nip};foundation;{nip}\n"
        )

        assert (progress["created"], progress["failed"]) == (1, 0)
        claim = await registry.database["identifier_claims"].find_one({"_id": f"nip:{nip}"})
        assert claim is not None and claim["organization_id"] != pending["id"]
