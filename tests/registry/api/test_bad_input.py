"""Bad input never answers 500 nor writes half: huge cells, wrong encodings, controls, nulls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import AppClientFactory
from tests.registry.conftest import Headers, register
from tests.support.factories import unique_nip
from tests.support.http import error_fields, ok, problem
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.services import ServiceClient

MAX_ROWS = 3
CONTROLS = ("\x00", "\x07", "\x1b")


@pytest.fixture
async def registry(app_client: AppClientFactory) -> ServiceClient:
    """The registry with a small row limit, so the limit is reached with a few rows."""
    return await app_client("registry", import_max_rows=MAX_ROWS)


async def _upload(
    registry: ServiceClient, officer: Headers, body: bytes, content_type: str = "text/csv"
) -> Any:
    return await registry.post(
        "/imports", content=body, headers={**officer, "Content-Type": content_type}
    )


async def _jobs_of(registry: ServiceClient, tenant_id: str) -> int:
    return int(await registry.database["import_jobs"].count_documents({"tenant_id": tenant_id}))


async def _finished(registry: ServiceClient, officer: Headers, job_id: str) -> dict[str, Any]:
    async def done() -> dict[str, Any]:
        progress: dict[str, Any] = ok(await registry.get(f"/imports/{job_id}", headers=officer))
        assert progress["state"] == "done", progress
        return progress

    return await eventually(done)


class TestImportFile:
    async def test_a_cell_over_128_kib_names_its_row_and_leaves_nothing(
        self, registry: ServiceClient, officer: Headers, tenant_id: str
    ) -> None:
        huge = "x" * (128 * 1024 + 1)
        body = (
            f"name;legal_form;description\nKlub Dobry;sports_club;\nKlub Duży;sports_club;{huge}\n"
        )

        answer = await _upload(registry, officer, body.encode())

        error = problem(answer, 422)["errors"][0]
        assert error["field"] == "body.row.3"
        assert "131072" in error["message"]
        assert await _jobs_of(registry, tenant_id) == 0

    async def test_a_file_that_is_not_utf8_names_the_encoding(
        self, registry: ServiceClient, officer: Headers, tenant_id: str
    ) -> None:
        body = "name;legal_form\nStowarzyszenie Łąka Żółta;association\n".encode("cp1250")

        answer = await _upload(registry, {**officer, "Accept-Language": "en"}, body)

        found = problem(answer, 422)
        assert found["errors"][0]["field"] == "body"
        assert "utf-8" in found["detail"] and "windows-1250" in found["detail"]
        assert await _jobs_of(registry, tenant_id) == 0

    async def test_windows_1250_is_read_when_declared(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        name = f"Stowarzyszenie Łąka Żółta {unique_nip()}"
        body = f"name;legal_form\n{name};association\n".encode("cp1250")

        answer = await _upload(registry, officer, body, "text/csv; charset=windows-1250")
        await _finished(registry, officer, ok(answer, 202)["id"])

        listed = ok(await registry.get("/organizations", headers=officer))
        assert name in {o["name"] for o in listed}

    async def test_utf8_with_a_bom_is_read(self, registry: ServiceClient, officer: Headers) -> None:
        name = f"Fundacja Bom {unique_nip()}"
        body = f"name;legal_form\n{name};foundation\n".encode("utf-8-sig")

        answer = await _upload(registry, officer, body, "text/csv; charset=UTF-8")
        progress = await _finished(registry, officer, ok(answer, 202)["id"])

        assert (progress["created"], progress["failed"]) == (1, 0)

    async def test_another_declared_charset_is_415(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        answer = await _upload(
            registry, officer, b"name;legal_form\n", "text/csv; charset=iso-8859-2"
        )

        assert problem(answer, 415)["field"] == "header.content-type"

    async def test_more_rows_than_the_limit_is_413_and_leaves_nothing(
        self, registry: ServiceClient, officer: Headers, tenant_id: str
    ) -> None:
        rows = "".join(f"Klub {n};sports_club\n" for n in range(MAX_ROWS + 1))

        answer = await _upload(registry, officer, f"name;legal_form\n{rows}".encode())

        assert problem(answer, 413)["max_rows"] == MAX_ROWS
        assert await _jobs_of(registry, tenant_id) == 0

    async def test_a_row_with_a_control_character_is_a_row_error(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        body = "name;legal_form;city\nKlub\x07Dzwonek;sports_club;\nKlub Dobry;sports_club;W\x1bx\n"

        answer = await _upload(registry, officer, body.encode())
        progress = await _finished(registry, officer, ok(answer, 202)["id"])

        assert (progress["created"], progress["failed"]) == (0, 2)
        assert {(e["row"], e["field"]) for e in progress["errors"]} == {(2, "name"), (3, "city")}


class TestControlCharacters:
    @pytest.mark.parametrize("control", CONTROLS)
    async def test_a_name_with_a_control_character_is_refused_naming_it(
        self, registry: ServiceClient, officer: Headers, control: str
    ) -> None:
        answer = await registry.post(
            "/organizations",
            json={"name": f"Fundacja{control}Zła", "legal_form": "foundation"},
            headers=officer,
        )

        assert problem(answer, 422)["errors"][0]["field"] == "body.name"

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"description": "opis\x1b[31m"}, "body.description"),
            ({"short_name": "Krótka\x00"}, "body.short_name"),
            ({"address": {"city": "Wrocław\x07"}}, "body.address.city"),
            ({"target_groups": ["seniorzy\x00"]}, "body.target_groups.0"),
            ({"contact_persons": [{"name": "Jan\x1b"}]}, "body.contact_persons.0.name"),
            ({"website": "https://example.org/\x07"}, "body.website"),
        ],
    )
    async def test_every_text_field_of_a_patch_refuses_them(
        self, registry: ServiceClient, officer: Headers, body: dict[str, Any], field: str
    ) -> None:
        organization = await register(registry, officer)

        answer = await registry.patch(
            f"/organizations/{organization['id']}", json=body, headers=officer
        )

        assert problem(answer, 422)["errors"][0]["field"] == field

    async def test_notes_reasons_and_tenant_names_refuse_them(
        self,
        registry: ServiceClient,
        officer: Headers,
        admin: Headers,
        person: Callable[..., Headers],
    ) -> None:
        organization = await register(registry, officer)
        oid = organization["id"]

        note = await registry.put(
            f"/local-list/{oid}", json={"needs_assessment": "sala\x00"}, headers=officer
        )
        status = await registry.post(
            f"/organizations/{oid}/status",
            json={"status": "suspended", "reason": "bo\x1b"},
            headers=officer,
        )
        tenant = await registry.post(
            "/tenants",
            json={"id": new_tenant_id(), "name": "Gmina\x07", "kind": "municipality"},
            headers=admin,
        )

        assert error_fields(problem(note, 422)) == ["needs_assessment"]
        assert error_fields(problem(status, 422)) == ["reason"]
        assert error_fields(problem(tenant, 422)) == ["name"]


class TestPatchWithNull:
    @pytest.mark.parametrize(
        "field",
        [
            "name",
            "legal_form",
            "address",
            "public_benefit_status",
            "public_benefit_areas",
            "target_groups",
            "social_services",
            "declarations",
            "contact_persons",
        ],
    )
    async def test_null_for_a_required_field_is_422_naming_it_and_writes_nothing(
        self, registry: ServiceClient, officer: Headers, field: str
    ) -> None:
        organization = await register(registry, officer)
        oid = organization["id"]

        answer = await registry.patch(
            f"/organizations/{oid}",
            json={field: None, "description": "nie zapisze się"},
            headers=officer,
        )

        assert error_fields(problem(answer, 422)) == [field]
        stored = ok(await registry.get(f"/organizations/{oid}", headers=officer))
        assert (stored["version"], stored["description"]) == (organization["version"], None)
        ok(await registry.get(f"/public/organizations/{oid}"))

    async def test_null_for_an_optional_field_still_clears_it(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        organization = await register(registry, officer, description="stary opis")

        cleared = ok(
            await registry.patch(
                f"/organizations/{organization['id']}",
                json={"description": None},
                headers=officer,
            )
        )

        assert cleared["description"] is None


class TestQueryParameters:
    @pytest.mark.parametrize(
        "query",
        [
            "limit=100000",
            "limit=0",
            "cursor=%%%",
            "cursor=" + "A" * 5000,
            "municipality=02640",
            "sort=password",
        ],
    )
    async def test_a_bad_public_query_is_a_4xx_problem(
        self, registry: ServiceClient, query: str
    ) -> None:
        answer = await registry.get(f"/public/organizations?{query}")

        problem(answer, 422)

    async def test_a_huge_list_limit_or_cursor_is_refused(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        for query in ("limit=100000", "after=" + "x" * 5000):
            problem(await registry.get(f"/organizations?{query}", headers=officer), 422)

    async def test_an_unknown_or_malformed_municipality_feed_is_404(
        self, registry: ServiceClient
    ) -> None:
        for code in ("0000000", "%00", "x" * 300):
            problem(await registry.get(f"/public/municipalities/{code}/organizations.atom"), 404)
