"""Comments and survey responses are bounded per client address, whoever signs them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from services.consultations.settings import ConsultationsSettings
from tests.conftest import AppClientFactory
from tests.consultations.conftest import Headers, comment_payload, from_address, open_consultation
from tests.support.http import ok, problem
from tests.support.services import ServiceClient

PER_ADDRESS = 3
SURVEY = {"answers": {"1": ["seniorzy"]}}
HMAC_HEX = re.compile(r"[0-9a-f]{64}")
IDENTITY = {
    "auth_jwks_url": "https://auth.example.org/realms/ngo-platform/certs",
    "auth_issuer": "https://auth.example.org/realms/ngo-platform",
}


@pytest.fixture
async def limited(app_client: AppClientFactory) -> ServiceClient:
    """Consultations with a small per-address limit, so that tests reach it quickly."""
    return await app_client("consultations", comments_per_address=PER_ADDRESS)


async def _flood(
    client: httpx.AsyncClient, path: str, people: list[Headers], body: dict[str, Any]
) -> list[httpx.Response]:
    return [await client.post(path, json=body, headers=who) for who in people]


def _residents(person: Callable[..., Headers], tenant_id: str, count: int) -> list[Headers]:
    # A new subject each time: the per-author limit never applies.
    return [person(tenant_id) for _ in range(count)]


class TestCommentsPerAddress:
    async def test_one_address_is_refused_past_the_limit_whatever_the_subject(
        self,
        limited: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        consultation = await open_consultation(limited, officer)
        path = f"/consultations/{consultation['id']}/comments"
        people = _residents(person, tenant_id, PER_ADDRESS + 1)
        async with from_address(limited, "203.0.113.5") as client:
            made = await _flood(client, path, people, comment_payload())

        assert [a.status_code for a in made[:PER_ADDRESS]] == [201] * PER_ADDRESS
        refused = problem(made[PER_ADDRESS], 409)
        assert (refused["reason"], refused["limit"]) == ("comment-limit-per-address", PER_ADDRESS)
        assert "adresu" in refused["detail"]
        stored = limited.database["comments"]
        assert await stored.count_documents({"consultation_id": consultation["id"]}) == 3
        async with from_address(limited, "203.0.113.6") as neighbour:
            ok(await neighbour.post(path, json=comment_payload(), headers=people[-1]), 201)

    async def test_the_limit_counts_within_one_consultation(
        self,
        limited: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        first, second = [
            f"/consultations/{(await open_consultation(limited, officer))['id']}/comments"
            for _ in range(2)
        ]
        people = _residents(person, tenant_id, PER_ADDRESS)
        async with from_address(limited, "203.0.113.7") as client:
            await _flood(client, first, people, comment_payload())
            elsewhere = await client.post(second, json=comment_payload(), headers=people[0])

        ok(elsewhere, 201)

    async def test_an_officer_at_the_same_address_still_answers(
        self,
        limited: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        consultation = await open_consultation(limited, officer)
        path = f"/consultations/{consultation['id']}"
        people = _residents(person, tenant_id, PER_ADDRESS + 1)
        async with from_address(limited, "203.0.113.8") as office:
            made = await _flood(office, f"{path}/comments", people, comment_payload())
            problem(made[-1], 409)
            ids = [ok(a, 201)["id"] for a in made[:PER_ADDRESS]]
            bulk = {"comment_ids": ids[1:], "verdict": "rejected", "justification": "Duplikat."}
            answered = await office.post(f"{path}/comments/bulk-answer", json=bulk, headers=officer)
            one = {"verdict": "accepted", "justification": "Słuszna uwaga."}
            single = await office.put(f"{path}/comments/{ids[0]}/answer", json=one, headers=officer)
            listed = await office.get(f"{path}/comments", headers=officer)

        assert len(ok(answered)) == PER_ADDRESS - 1
        assert ok(single)["answer"]["verdict"] == "accepted"
        assert all(c["answer"] for c in ok(listed))

    async def test_the_stored_comment_keeps_a_keyed_hash_and_no_address(
        self,
        limited: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        consultations = [(await open_consultation(limited, officer))["id"] for _ in range(2)]
        async with from_address(limited, "198.51.100.23") as client:
            for consultation_id in consultations:
                answer = await client.post(
                    f"/consultations/{consultation_id}/comments",
                    json=comment_payload(),
                    headers=person(tenant_id),
                )
                ok(answer, 201)
        stored = await (
            limited.database["comments"].find({"consultation_id": {"$in": consultations}})
        ).to_list()

        assert len(stored) == 2
        assert all("198.51.100.23" not in repr(document) for document in stored)
        keys = [document["client_key"] for document in stored]
        assert all(HMAC_HEX.fullmatch(key) for key in keys)
        # Unlinkable across consultations: each keys the address anew.
        assert keys[0] != keys[1]


class TestSurveyResponsesPerAddress:
    async def test_one_address_is_refused_past_the_limit_whatever_the_subject(
        self,
        limited: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        consultation = await open_consultation(limited, officer)
        path = f"/consultations/{consultation['id']}/survey-responses"
        people = _residents(person, tenant_id, PER_ADDRESS + 2)
        async with from_address(limited, "203.0.113.9") as client:
            made = await _flood(client, path, people[:-1], SURVEY)

        assert [a.status_code for a in made[:PER_ADDRESS]] == [201] * PER_ADDRESS
        refused = problem(made[PER_ADDRESS], 409)
        assert (refused["reason"], refused["limit"]) == ("survey-limit-per-address", PER_ADDRESS)
        stored = (
            await limited.database["survey_responses"]
            .find({"consultation_id": consultation["id"]})
            .to_list()
        )
        assert len(stored) == PER_ADDRESS
        assert all("203.0.113.9" not in repr(document) for document in stored)
        async with from_address(limited, "203.0.113.10") as neighbour:
            ok(await neighbour.post(path, json=SURVEY, headers=people[-1]), 201)


class TestClientAddressKeySetting:
    def test_production_refuses_the_development_key(self) -> None:
        with pytest.raises(ValidationError, match="CONSULTATIONS_CLIENT_ADDRESS_KEY"):
            ConsultationsSettings(**IDENTITY)

    def test_production_accepts_a_key_of_its_own(self) -> None:
        settings = ConsultationsSettings(**IDENTITY, client_address_key="k" * 40)

        assert settings.address_key == b"k" * 40
