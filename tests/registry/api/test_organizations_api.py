"""Registry HTTP API: registering and reading organizations, with real tokens and servers."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest

from shared.contracts.registry import ORGANIZATION_TOPIC, OrganizationRegistered
from shared.http.idempotency import ABANDONED_AFTER, IDEMPOTENCY_COLLECTION, record_id
from tests.registry.conftest import Onboard
from tests.support.auth import TokenFactory, bearer
from tests.support.events import emitted
from tests.support.factories import KRS, NIP, REGON, organization_payload, unique_nip
from tests.support.http import error_fields, problem
from tests.support.kafka import headers_of
from tests.support.namespace import new_tenant_id
from tests.support.services import ServiceClient

REGISTERED = OrganizationRegistered.event_type


async def _register(
    registry: ServiceClient, headers: dict[str, str], **overrides: Any
) -> httpx.Response:
    return await registry.post(
        "/organizations", json=organization_payload(**overrides), headers=headers
    )


async def _organizations(registry: ServiceClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    answer = await registry.get("/organizations", headers=headers)
    assert answer.status_code == 200, answer.text
    organizations: list[dict[str, Any]] = answer.json()
    return organizations


async def _registered(registry: ServiceClient, tenant_id: str) -> list[dict[str, Any]]:
    """Return the registration events the registry published for the tenant."""
    records = await emitted(registry, ORGANIZATION_TOPIC)
    events = [{"key": r.key.decode(), "headers": headers_of(r)} for r in records if r.key]
    return [
        e
        for e in events
        if e["headers"]["ce_type"] == REGISTERED and e["headers"]["ce_tenantid"] == tenant_id
    ]


class TestRegisterOrganization:
    async def test_accepts_real_krs_regon_and_nip(
        self, registry: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        answer = await _register(
            registry, officer, name="Fundacja Rozwoju Gminy", krs=KRS, regon=REGON, nip=NIP
        )

        assert answer.status_code == 201, answer.text
        organization = answer.json()
        assert (organization["krs"], organization["regon"], organization["nip"]) == (
            KRS,
            REGON,
            NIP,
        )
        assert organization["tenant_id"] == tenant_id
        assert answer.headers["location"] == f"/organizations/{organization['id']}"
        shown = await registry.get(answer.headers["location"], headers=officer)
        assert shown.json()["name"] == "Fundacja Rozwoju Gminy"

    async def test_announces_it_with_one_event(
        self, registry: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        organization = (await _register(registry, officer)).json()

        [record] = await _registered(registry, tenant_id)
        assert record["key"] == organization["id"]
        assert record["headers"]["ce_type"] == "pl.ngo.registry.organization.registered"
        assert record["headers"]["ce_tenantid"] == tenant_id

    async def test_normalizes_a_nip_written_with_dashes(
        self, registry: ServiceClient, officer: dict[str, str]
    ) -> None:
        nip = unique_nip()
        dashed = f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}"

        answer = await _register(registry, officer, nip=dashed)

        assert answer.status_code == 201, answer.text
        assert answer.json()["nip"] == nip

    async def test_names_a_field_by_one_path_whichever_check_fails(
        self, registry: ServiceClient, officer: dict[str, str]
    ) -> None:
        too_long = await _register(registry, officer, nip="8" * 21)
        bad_digit = await _register(registry, officer, nip="8621642208")

        [schema_error] = problem(too_long, 422)["errors"]
        [domain_error] = problem(bad_digit, 422)["errors"]
        assert domain_error["field"] == schema_error["field"]

    async def test_a_rejected_registration_writes_nothing(
        self, registry: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        await _register(registry, officer, nip="8621642208")

        assert await _organizations(registry, officer) == []
        assert await _registered(registry, tenant_id) == []

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"name": ...}, "name"),
            ({"name": "ab"}, "name"),
            ({"name": None}, "name"),
            ({"legal_form": "cartel"}, "legal_form"),
            ({"krs": 563248}, "krs"),
            ({"nip": "8" * 21}, "nip"),
            ({"colour": "green"}, "colour"),
        ],
    )
    async def test_rejects_a_malformed_body_naming_the_field(
        self,
        registry: ServiceClient,
        officer: dict[str, str],
        overrides: dict[str, Any],
        field: str,
    ) -> None:
        answer = await _register(registry, officer, **overrides)

        assert field in error_fields(problem(answer, 422))

    @pytest.mark.parametrize(
        ("content", "status"),
        [(b"", 422), (b"{", 422), (b"[]", 422), (b'"name"', 422), (b'{"name": "\xff"}', 400)],
        ids=repr,
    )
    async def test_answers_a_body_that_is_no_organization_with_a_problem(
        self, registry: ServiceClient, officer: dict[str, str], content: bytes, status: int
    ) -> None:
        answer = await registry.post(
            "/organizations",
            content=content,
            headers={**officer, "Content-Type": "application/json"},
        )

        problem(answer, status)


class TestAuthenticateCaller:
    async def test_rejects_a_request_without_token(self, registry: ServiceClient) -> None:
        answer = await registry.post("/organizations", json=organization_payload())

        problem(answer, 401)
        assert answer.headers["www-authenticate"] == "Bearer"

    @pytest.mark.parametrize("scheme", ["Bearer not-a-token", "Basic dXNlcjpwYXNz", "Bearer"])
    async def test_rejects_a_bad_authorization_header(
        self, registry: ServiceClient, scheme: str
    ) -> None:
        answer = await registry.get("/organizations", headers={"Authorization": scheme})

        problem(answer, 401)

    async def test_rejects_an_expired_token(
        self, registry: ServiceClient, token: TokenFactory, tenant_id: str
    ) -> None:
        expired = token(tenant_id=tenant_id, ttl_seconds=-30)

        answer = await registry.post(
            "/organizations", json=organization_payload(), headers=bearer(expired)
        )

        assert problem(answer, 401)["detail"] == "Token wygasł."

    async def test_rejects_a_token_without_tenant(
        self, registry: ServiceClient, identity: Any
    ) -> None:
        # LocalIdentity always sets tenant_id; an empty one is what a broken IdP would send.
        tokenless = identity.mint(subject="u", tenant_id="", roles=["tenant_officer"])

        problem(await registry.get("/organizations", headers=bearer(tokenless)), 401)


class TestAuthorizeCaller:
    @pytest.mark.parametrize("roles", [["committee_member"], ["integration"], []])
    async def test_refuses_registration_without_officer_or_member_role(
        self, registry: ServiceClient, token: TokenFactory, tenant_id: str, roles: list[str]
    ) -> None:
        member = bearer(token(tenant_id=tenant_id, roles=roles))

        answer = await registry.post("/organizations", json=organization_payload(), headers=member)

        problem(answer, 403)
        assert await _registered(registry, tenant_id) == []


class TestKeepTenantsApart:
    async def test_another_tenants_organization_is_not_found(
        self, registry: ServiceClient, officer: dict[str, str], token: TokenFactory
    ) -> None:
        theirs = (await _register(registry, officer)).json()
        outsider = bearer(token(tenant_id=new_tenant_id()))

        answer = await registry.get(f"/organizations/{theirs['id']}", headers=outsider)

        problem(answer, 404)

    async def test_lists_only_the_callers_organizations(
        self,
        registry: ServiceClient,
        officer: dict[str, str],
        token: TokenFactory,
        onboarded: Onboard,
    ) -> None:
        mine = (await _register(registry, officer)).json()
        neighbour = bearer(token(tenant_id=await onboarded()))
        await _register(registry, neighbour)

        assert [o["id"] for o in await _organizations(registry, officer)] == [mine["id"]]

    async def test_an_unknown_organization_is_not_found(
        self, registry: ServiceClient, officer: dict[str, str]
    ) -> None:
        problem(await registry.get("/organizations/no-such-id", headers=officer), 404)


class TestRetryWithIdempotencyKey:
    async def test_the_same_post_twice_registers_once_and_answers_the_same(
        self, registry: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        payload = organization_payload()
        headers = {**officer, "Idempotency-Key": "form-submit-1"}

        first = await registry.post("/organizations", json=payload, headers=headers)
        second = await registry.post("/organizations", json=payload, headers=headers)

        assert first.status_code == second.status_code == 201
        assert second.json() == first.json()
        assert second.headers["location"] == first.headers["location"]
        assert second.headers["idempotent-replayed"] == "true"
        assert len(await _organizations(registry, officer)) == 1
        assert len(await _registered(registry, tenant_id)) == 1

    async def test_the_same_key_with_another_body_is_refused(
        self, registry: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        headers = {**officer, "Idempotency-Key": "form-submit-2"}
        await registry.post("/organizations", json=organization_payload(), headers=headers)

        answer = await registry.post("/organizations", json=organization_payload(), headers=headers)

        assert error_fields(problem(answer, 422)) == ["Idempotency-Key"]
        assert len(await _registered(registry, tenant_id)) == 1

    async def test_different_keys_register_twice(
        self, registry: ServiceClient, officer: dict[str, str]
    ) -> None:
        for key in ("a", "b"):
            answer = await registry.post(
                "/organizations",
                json=organization_payload(),
                headers={**officer, "Idempotency-Key": key},
            )
            assert answer.status_code == 201

        assert len(await _organizations(registry, officer)) == 2

    async def test_a_key_left_pending_by_a_killed_process_is_taken_over_once_abandoned(
        self, registry: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        body = json.dumps(organization_payload()).encode()
        headers = {**officer, "Idempotency-Key": "killed-1", "Content-Type": "application/json"}
        token = officer["Authorization"].removeprefix("Bearer ")
        subject = jwt.decode(token, options={"verify_signature": False})["sub"]
        keys = registry.database[IDEMPOTENCY_COLLECTION]

        async def left_pending(started: datetime) -> None:
            await keys.delete_many({"tenant_id": tenant_id})
            await keys.insert_one(
                {
                    "_id": record_id(tenant_id, subject, "/organizations", "killed-1"),
                    "tenant_id": tenant_id,
                    "state": "pending",
                    "attempt": "lost with its process",
                    "body_hash": hashlib.sha256(body).hexdigest(),
                    "created_at": started,
                }
            )

        await left_pending(datetime.now(UTC))
        in_progress = await registry.post("/organizations", content=body, headers=headers)
        await left_pending(datetime.now(UTC) - ABANDONED_AFTER - timedelta(seconds=1))
        retried = await registry.post("/organizations", content=body, headers=headers)
        again = await registry.post("/organizations", content=body, headers=headers)

        assert error_fields(problem(in_progress, 409)) == ["Idempotency-Key"]
        assert retried.status_code == again.status_code == 201
        assert again.json()["id"] == retried.json()["id"]
        assert len(await _organizations(registry, officer)) == 1

    async def test_keys_of_different_users_do_not_collide(
        self, registry: ServiceClient, token: TokenFactory, onboarded: Onboard
    ) -> None:
        tenant_id = await onboarded()
        answers = [
            await registry.post(
                "/organizations",
                json=organization_payload(),
                headers=bearer(token(tenant_id=tenant_id), **{"Idempotency-Key": "1"}),
            )
            for _ in range(2)
        ]

        assert [a.status_code for a in answers] == [201, 201]
        assert answers[0].json()["id"] != answers[1].json()["id"]


class TestFollowCorrelationId:
    async def test_echoes_the_callers_id_and_stamps_it_on_the_event(
        self, registry: ServiceClient, officer: dict[str, str], tenant_id: str
    ) -> None:
        answer = await _register(registry, {**officer, "X-Correlation-Id": "req-42"})

        assert answer.headers["x-correlation-id"] == "req-42"
        [record] = await _registered(registry, tenant_id)
        assert record["headers"]["ce_correlationid"] == "req-42"

    async def test_gives_a_request_without_one_its_own(
        self, registry: ServiceClient, officer: dict[str, str]
    ) -> None:
        first = await registry.get("/organizations", headers=officer)
        second = await registry.get("/organizations", headers=officer)

        assert first.headers["x-correlation-id"] != second.headers["x-correlation-id"]
