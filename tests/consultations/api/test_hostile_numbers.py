"""Numbers no database can store are refused with a 422, never a 500."""

from __future__ import annotations

from tests.consultations.conftest import Headers, terms_payload
from tests.support.http import error_fields, problem
from tests.support.services import ServiceClient


class TestSectionAndQuestionNumbers:
    async def test_a_section_number_beyond_eight_bytes_is_refused(
        self, consultations: ServiceClient, officer: Headers
    ) -> None:
        body = terms_payload()
        body["document"]["sections"][0]["number"] = 10**30
        answer = await consultations.post("/consultations", json=body, headers=officer)
        assert error_fields(problem(answer, 422)) == ["number"]

    async def test_a_question_number_beyond_eight_bytes_is_refused(
        self, consultations: ServiceClient, officer: Headers
    ) -> None:
        body = terms_payload()
        body["forms"]["survey"][0]["number"] = 2**63
        answer = await consultations.post("/consultations", json=body, headers=officer)
        assert error_fields(problem(answer, 422)) == ["number"]
