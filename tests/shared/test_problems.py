"""Errors answer as RFC 9457 problem+json, in Polish unless the caller prefers English."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, Field

from shared.errors import Conflict, InvalidInput, NotFound, Text, Unauthorized
from shared.http.problems import install_problem_handlers

PROBLEM_JSON = "application/problem+json"


class Body(BaseModel):
    name: str = Field(min_length=3)


def _app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/things")
    async def create(body: Body) -> dict[str, str]:
        if body.name == "bad-nip":
            raise InvalidInput.for_field(
                "nip", "Błędna cyfra kontrolna NIP.", "NIP check digit is wrong.", "nip-checksum"
            )
        return {"name": body.name}

    @app.get("/things/{thing_id}")
    async def show(thing_id: str) -> None:
        if thing_id == "taken":
            raise Conflict(detail=Text("Już jest.", "Already there."))
        if thing_id == "secret":
            raise Unauthorized(detail=Text("Brak tokenu.", "No token."))
        raise NotFound(detail=Text("Nie ma.", "Not there."), extra={"thing_id": thing_id})

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("database password is hunter2")

    return app


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


class TestDomainErrorAnswer:
    async def test_is_problem_json_naming_the_field_in_polish_by_default(
        self, client: httpx.AsyncClient
    ) -> None:
        answer = await client.post("/things", json={"name": "bad-nip"})

        assert answer.status_code == 422
        assert answer.headers["content-type"] == PROBLEM_JSON
        problem = answer.json()
        assert problem["type"] == "urn:ngo-platform:problem:invalid-input"
        assert problem["title"] == "Nieprawidłowe dane"
        assert problem["status"] == 422
        assert problem["detail"] == "Błędna cyfra kontrolna NIP."
        assert problem["instance"] == "/things"
        assert problem["errors"] == [
            {"field": "nip", "code": "nip-checksum", "message": "Błędna cyfra kontrolna NIP."}
        ]

    @pytest.mark.parametrize("accept_language", ["en", "en-GB,en;q=0.9", "de-DE, en;q=0.5"])
    async def test_is_in_english_when_the_caller_prefers_it(
        self, client: httpx.AsyncClient, accept_language: str
    ) -> None:
        answer = await client.post(
            "/things", json={"name": "bad-nip"}, headers={"Accept-Language": accept_language}
        )

        problem = answer.json()
        assert problem["title"] == "Invalid input"
        assert problem["errors"][0]["message"] == "NIP check digit is wrong."

    @pytest.mark.parametrize("accept_language", ["pl-PL,en;q=0.8", "de", ""])
    async def test_stays_polish_unless_english_is_preferred(
        self, client: httpx.AsyncClient, accept_language: str
    ) -> None:
        answer = await client.post(
            "/things", json={"name": "bad-nip"}, headers={"Accept-Language": accept_language}
        )

        assert answer.json()["title"] == "Nieprawidłowe dane"

    @pytest.mark.parametrize(
        ("path", "status", "code"),
        [("/things/taken", 409, "conflict"), ("/things/x", 404, "not-found")],
    )
    async def test_carries_the_status_of_the_error(
        self, client: httpx.AsyncClient, path: str, status: int, code: str
    ) -> None:
        answer = await client.get(path)

        assert answer.status_code == status
        assert answer.headers["content-type"] == PROBLEM_JSON
        assert answer.json()["type"] == f"urn:ngo-platform:problem:{code}"

    async def test_not_found_carries_its_extra_members(self, client: httpx.AsyncClient) -> None:
        answer = await client.get("/things/x")

        assert answer.json()["thing_id"] == "x"

    async def test_unauthorized_asks_for_a_bearer_token(self, client: httpx.AsyncClient) -> None:
        answer = await client.get("/things/secret")

        assert answer.status_code == 401
        assert answer.headers["www-authenticate"] == "Bearer"


class TestValidationErrorAnswer:
    async def test_names_each_bad_field(self, client: httpx.AsyncClient) -> None:
        answer = await client.post("/things", json={"name": "ab", "extra": 1})

        assert answer.status_code == 422
        assert answer.headers["content-type"] == PROBLEM_JSON
        problem = answer.json()
        assert [e["field"] for e in problem["errors"]] == ["body.name"]
        assert problem["errors"][0]["message"] == "Wartość jest za krótka."
        assert "body.name" in problem["detail"]

    async def test_names_a_missing_field_in_english(self, client: httpx.AsyncClient) -> None:
        answer = await client.post("/things", json={}, headers={"Accept-Language": "en"})

        problem = answer.json()
        assert problem["title"] == "Invalid input"
        assert problem["errors"][0]["field"] == "body.name"
        assert problem["errors"][0]["code"] == "missing"

    async def test_answers_a_body_that_is_not_json(self, client: httpx.AsyncClient) -> None:
        answer = await client.post(
            "/things", content=b"{not json", headers={"Content-Type": "application/json"}
        )

        assert answer.status_code == 422
        assert answer.headers["content-type"] == PROBLEM_JSON


class TestUnparsableBodyAnswer:
    async def test_is_in_polish_by_default(self, client: httpx.AsyncClient) -> None:
        answer = await client.post(
            "/things", content=b'{"name": "\xff"}', headers={"Content-Type": "application/json"}
        )

        assert answer.status_code == 400
        assert answer.json()["detail"] != "There was an error parsing the body"


class TestUnexpectedErrorAnswer:
    async def test_is_a_generic_500_problem_that_leaks_nothing(
        self, client: httpx.AsyncClient
    ) -> None:
        answer = await client.get("/boom")

        assert answer.status_code == 500
        assert answer.headers["content-type"] == PROBLEM_JSON
        assert "hunter2" not in answer.text
        assert answer.json()["type"] == "urn:ngo-platform:problem:internal"


class TestUnknownRouteAnswer:
    async def test_is_a_polish_404_problem(self, client: httpx.AsyncClient) -> None:
        answer = await client.get("/nowhere")

        assert answer.status_code == 404
        assert answer.headers["content-type"] == PROBLEM_JSON
        assert answer.json()["title"] == "Nie znaleziono"

    async def test_wrong_method_is_a_405_problem(self, client: httpx.AsyncClient) -> None:
        answer = await client.delete("/things")

        assert answer.status_code == 405
        assert answer.headers["content-type"] == PROBLEM_JSON
