"""KRS, NIP and REGON: checked by python-stdnum, unique across the whole platform."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from tests.registry.conftest import Headers, Onboard, register
from tests.support.factories import unique_krs, unique_nip
from tests.support.http import error_fields, problem
from tests.support.services import ServiceClient


class TestIdentifierChecks:
    @pytest.mark.parametrize(
        ("field", "value"),
        [("nip", "8621642208"), ("regon", "362013753"), ("krs", "12345"), ("regon", "12345")],
    )
    async def test_rejects_a_wrong_number_naming_the_field(
        self, registry: ServiceClient, officer: Headers, field: str, value: str
    ) -> None:
        answer = await registry.post(
            "/organizations",
            json={"name": "Fundacja Błędna", "legal_form": "foundation", field: value},
            headers=officer,
        )

        body = problem(answer, 422)
        assert error_fields(body) == [field]
        assert body["detail"]

    async def test_answers_in_english_on_request(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        answer = await registry.post(
            "/organizations",
            json={"name": "Fundacja Błędna", "legal_form": "foundation", "nip": "8621642208"},
            headers={**officer, "Accept-Language": "en"},
        )

        assert problem(answer, 422)["detail"] == "NIP check digit is wrong."

    async def test_rejects_a_municipality_code_of_the_wrong_shape(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        answer = await registry.post(
            "/organizations",
            json={
                "name": "Fundacja Gdzieś",
                "legal_form": "foundation",
                "address": {"municipality_teryt": "0264"},
            },
            headers=officer,
        )

        assert error_fields(problem(answer, 422)) == ["municipality_teryt"]


class TestUniqueAcrossThePlatform:
    async def test_a_second_krs_anywhere_is_a_conflict_naming_the_holder_only_at_home(
        self,
        registry: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        onboarded: Onboard,
    ) -> None:
        krs = unique_krs()
        first = await register(registry, officer, krs=krs, name="Fundacja Pierwsza")
        body = {"name": "Fundacja Druga", "legal_form": "foundation", "krs": krs}

        elsewhere = await registry.post(
            "/organizations", json=body, headers=person(await onboarded(), "tenant_officer")
        )
        at_home = await registry.post("/organizations", json=body, headers=officer)

        stranger_sees = problem(elsewhere, 409)
        assert stranger_sees["field"] == "krs"
        assert "existing_organization" not in stranger_sees
        assert "Fundacja Pierwsza" not in stranger_sees["detail"]
        home_sees = problem(at_home, 409)
        assert home_sees["existing_organization"] == {
            "id": first["id"],
            "name": "Fundacja Pierwsza",
        }

    async def test_a_conflict_writes_nothing(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        nip = unique_nip()
        await register(registry, officer, nip=nip)
        before = len((await registry.get("/organizations", headers=officer)).json())

        answer = await registry.post(
            "/organizations",
            json={"name": "Fundacja Kopia", "legal_form": "foundation", "nip": nip},
            headers=officer,
        )

        problem(answer, 409)
        assert len((await registry.get("/organizations", headers=officer)).json()) == before

    async def test_changing_to_a_taken_nip_is_refused_and_keeps_the_old_one(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        taken = (await register(registry, officer))["nip"]
        mine = await register(registry, officer)

        answer = await registry.patch(
            f"/organizations/{mine['id']}", json={"nip": taken}, headers=officer
        )

        problem(answer, 409)
        shown = (await registry.get(f"/organizations/{mine['id']}", headers=officer)).json()
        assert shown["nip"] == mine["nip"]


class TestRegistrationsAtOnce:
    """Requests that arrive together commit in one transaction on the embedded store."""

    async def test_each_number_is_won_once_and_every_other_registration_commits(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        numbers = [unique_nip() for _ in range(6)]
        bodies = [
            {"name": f"Fundacja Równoległa {n}-{copy}", "legal_form": "foundation", "nip": nip}
            for n, nip in enumerate(numbers)
            for copy in (1, 2)
        ] + [
            {"name": f"Stowarzyszenie Bez Numeru {n}", "legal_form": "association"}
            for n in range(6)
        ]

        answers = await asyncio.gather(
            *(registry.post("/organizations", json=body, headers=officer) for body in bodies)
        )

        by_nip: dict[str, list[int]] = {}
        for body, answer in zip(bodies, answers, strict=True):
            by_nip.setdefault(body.get("nip", "none"), []).append(answer.status_code)
        assert {nip: sorted(by_nip[nip]) for nip in numbers} == {nip: [201, 409] for nip in numbers}
        assert by_nip["none"] == [201] * 6
        listed = (await registry.get("/organizations", headers=officer)).json()
        holders = [o for o in listed if o.get("nip") in numbers]
        assert sorted(o["nip"] for o in holders) == sorted(numbers)  # one holder each
