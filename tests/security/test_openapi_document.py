"""The OpenAPI documents list every problem+json answer and the real media types."""

from __future__ import annotations

from typing import Any

from tests.conftest import AppClientFactory
from tests.support.http import PROBLEM_JSON, problem
from tests.support.services import SERVICES

PROBLEM = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


class TestProblemAnswers:
    async def test_a_request_without_a_token_gets_the_documented_problem(
        self, app_client: AppClientFactory
    ) -> None:
        registry = await app_client("registry")

        answer = await registry.get("/organizations/someone-elses")
        document = (await registry.get("/openapi.json")).json()

        problem(answer, 401)
        responses = document["paths"]["/organizations/{organization_id}"]["get"]["responses"]
        assert responses["401"]["content"] == PROBLEM
        assert responses["404"]["content"] == PROBLEM

    async def test_every_operation_documents_what_it_takes(
        self, app_client: AppClientFactory
    ) -> None:
        missing = []
        for service in SERVICES:
            document = (await (await app_client(service)).get("/openapi.json")).json()
            assert "HTTPValidationError" not in document["components"]["schemas"]
            for method, path, operation in _operations(document):
                responses = operation["responses"]
                expected = set()
                if operation.get("security"):
                    expected |= {"401", "403"}
                if "{" in path:
                    expected |= {"404", "422"}
                if "requestBody" in operation:
                    expected |= {"413", "422"}
                absent = expected - set(responses)
                wrong = [
                    s for s in responses if s.startswith("4") and responses[s]["content"] != PROBLEM
                ]
                if absent or wrong:
                    missing.append(f"{service} {method} {path}: {sorted(absent)} {wrong}")

        assert not missing, "\n".join(missing)


class TestMediaTypes:
    async def test_csv_and_digests_document_their_own_media_types(
        self, app_client: AppClientFactory
    ) -> None:
        grants = (await (await app_client("grants")).get("/openapi.json")).json()
        notifications = (await (await app_client("notifications")).get("/openapi.json")).json()

        sheets = grants["paths"]["/competitions/{competition_id}/committee/sheets.csv"]["get"]
        digest = notifications["paths"]["/digests/weekly"]["get"]
        assert list(sheets["responses"]["200"]["content"]) == ["text/csv"]
        assert sorted(digest["responses"]["200"]["content"]) == ["text/html", "text/markdown"]
