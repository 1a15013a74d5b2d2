"""Control characters: refused in every text of a request, harmless in what is already stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.consultations.api.test_consultation_flow import _reported
from tests.consultations.conftest import Headers, open_consultation, terms_payload
from tests.support.http import error_fields, ok, problem
from tests.support.services import ServiceClient


def _with_section_text(text: str) -> dict[str, Any]:
    terms = terms_payload()
    terms["document"]["sections"][0]["text"] = text
    return terms


class TestTextsRefuseControlCharacters:
    @pytest.mark.parametrize(
        ("body", "field"),
        [
            (terms_payload(title="Program\x00"), "title"),
            (terms_payload(title="Program\nna dwa wiersze"), "title"),
            (_with_section_text("Cele\x1b[31m programu"), "text"),
        ],
    )
    async def test_a_draft(
        self, consultations: ServiceClient, officer: Headers, body: dict[str, Any], field: str
    ) -> None:
        answer = await consultations.post("/consultations", json=body, headers=officer)
        assert error_fields(problem(answer, 422)) == [field]

    async def test_an_answer_and_a_survey_response(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        survey = {"answers": {"2": ["Więcej\x07 sportu"]}}
        answer = await consultations.post(
            f"{path}/survey-responses", json=survey, headers=person(tenant_id)
        )
        assert problem(answer, 422)["errors"][0]["field"].startswith("body.answers")
        council = await consultations.put("/council", json={"members": ["a\x00"]}, headers=officer)
        assert problem(council, 422)["errors"][0]["field"].startswith("body.members")


class TestStoredControlCharactersStillRender:
    async def test_the_public_consultation_and_the_staff_view(
        self, consultations: ServiceClient, officer: Headers, tenant_id: str
    ) -> None:
        consultation = await open_consultation(consultations, officer)
        await consultations.database["consultations"].update_one(
            {"_id": consultation["id"]}, {"$set": {"data.terms.title": "Program\x00\x1b"}}
        )
        public = f"/public/municipalities/{tenant_id}/consultations/{consultation['id']}"
        assert ok(await consultations.get(public))["title"] == "Program\x00\x1b"
        staff = await consultations.get(f"/consultations/{consultation['id']}", headers=officer)
        assert ok(staff)["title"] == "Program\x00\x1b"

    async def test_the_report_page(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        consultation, _ = await _reported(consultations, officer, person, tenant_id)
        await consultations.database["consultation_reports"].update_one(
            {"_id": consultation["id"]}, {"$set": {"data.title": "Raport\x00\x07\x1b"}}
        )
        public = f"/public/municipalities/{tenant_id}/consultations/{consultation['id']}"
        page = await consultations.get(f"{public}/report.html")
        assert page.status_code == 200, page.text
        assert "Raport" in page.text and "\x00" not in page.text and "\x1b" not in page.text
