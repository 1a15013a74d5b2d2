"""Bulk import of a municipality's list from CSV: row errors, re-import updates, progress."""

from __future__ import annotations

import re
from typing import Any

from tests.registry.conftest import Headers, Onboard
from tests.support.factories import unique_nip, unique_regon
from tests.support.http import ok, problem
from tests.support.polling import eventually
from tests.support.services import ServiceClient

_NEXT = re.compile(r"<(?P<url>[^>]+)>; rel=\"next\"")
HEADER = "name;legal_form;nip;city;municipality_teryt;public_benefit_areas;needs_assessment\n"


async def _import(registry: ServiceClient, officer: Headers, text: str) -> dict[str, Any]:
    answer = await registry.post(
        "/imports", content=text.encode(), headers={**officer, "Content-Type": "text/csv"}
    )
    job: dict[str, Any] = ok(answer, 202)

    async def finished() -> dict[str, Any]:
        progress: dict[str, Any] = ok(await registry.get(f"/imports/{job['id']}", headers=officer))
        assert progress["state"] == "done", progress
        return progress

    return await eventually(finished)


class TestImport:
    async def test_imports_valid_rows_and_reports_invalid_ones_by_row_and_field(
        self, registry: ServiceClient, officer: Headers, tenant_id: str
    ) -> None:
        good, other = unique_nip(), unique_nip()
        text = HEADER + (
            f"Fundacja CSV {good};foundation;{good};Wrocław;{tenant_id};seniors;lokal\n"
            f"Stowarzyszenie CSV {other};association;{other};;;culture_heritage;\n"
            "Fundacja Błędna;foundation;8621642208;;;;\n"
            "Klub Bez Formy;;;;;;\n"
        )

        progress = await _import(registry, officer, text)

        assert (progress["total_rows"], progress["created"], progress["failed"]) == (4, 2, 2)
        errors = {(e["row"], e["field"]) for e in progress["errors"]}
        assert errors == {(4, "nip"), (5, "legal_form")}
        listed = ok(await registry.get("/organizations", headers=officer))
        assert {o["nip"] for o in listed} >= {good, other}

    async def test_row_errors_come_in_row_order_past_row_nine(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        text = HEADER + "".join(f"Klub Bez Formy {n};;;;;;\n" for n in range(12))

        progress = await _import(registry, officer, text)

        assert [e["row"] for e in progress["errors"]] == list(range(2, 14))

    async def test_row_errors_page_in_row_order_by_cursor(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        text = HEADER + "".join(f"Klub Bez Formy {n};;;;;;\n" for n in range(12))
        progress = await _import(registry, officer, text)

        rows, url = [], f"/imports/{progress['id']}/errors?limit=5"
        while url:
            answer = await registry.get(url, headers=officer)
            rows.append([e["row"] for e in ok(answer)])
            found = _NEXT.search(answer.headers.get("link", ""))
            url = found["url"] if found else ""

        assert rows == [[2, 3, 4, 5, 6], [7, 8, 9, 10, 11], [12, 13]]

    async def test_row_errors_of_another_municipality_s_import_are_not_found(
        self, registry: ServiceClient, officer: Headers, onboarded: Onboard, person: Any
    ) -> None:
        progress = await _import(registry, officer, HEADER + "Klub Bez Formy;;;;;;\n")
        stranger = person(await onboarded(), "tenant_officer")

        answer = await registry.get(f"/imports/{progress['id']}/errors", headers=stranger)

        assert answer.status_code == 404

    async def test_a_garbage_errors_cursor_names_the_cursor(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        progress = await _import(registry, officer, HEADER + "Klub Bez Formy;;;;;;\n")

        answer = await registry.get(
            f"/imports/{progress['id']}/errors?cursor=bm90LW91cnM", headers=officer
        )

        assert problem(answer, 422)["errors"][0]["field"] == "query.cursor"

    async def test_reimporting_the_same_file_updates_and_never_duplicates(
        self, registry: ServiceClient, officer: Headers, tenant_id: str
    ) -> None:
        nip = unique_nip()
        first = HEADER + f"Fundacja Powtórna {nip};foundation;{nip};;;seniors;stara notatka\n"
        second = HEADER + f"Fundacja Powtórna {nip};foundation;{nip};;;seniors;nowa notatka\n"

        created = await _import(registry, officer, first)
        same = await _import(registry, officer, first)
        changed = await _import(registry, officer, second)

        assert (created["created"], same["created"], same["updated"]) == (1, 0, 0)
        assert (changed["created"], changed["updated"]) == (0, 1)
        matching = [
            o for o in ok(await registry.get("/organizations", headers=officer)) if o["nip"] == nip
        ]
        assert len(matching) == 1
        [entry] = [e for e in matching[0]["local_lists"] if e["municipality_id"] == tenant_id]
        assert entry["needs_assessment"] == "nowa notatka"

    async def test_rows_without_krs_or_nip_match_by_regon_else_by_name_on_this_list(
        self, registry: ServiceClient, officer: Headers, person: Any, onboarded: Onboard
    ) -> None:
        regon, tag = unique_regon(), unique_nip()
        header = "name;legal_form;regon;needs_assessment\n"
        first = header + (
            f"Klub Regon {tag};sports_club;{regon};a\n"
            f"Koło Bez Numerów {tag};ordinary_association;;a\n"
        )
        second = header + (
            f"Klub Regon Nowa Nazwa {tag};sports_club;{regon};b\n"
            f"Koło Bez Numerów {tag};ordinary_association;;b\n"
        )
        neighbour = person(await onboarded("1465011"), "tenant_officer")

        created = await _import(registry, officer, first)
        changed = await _import(registry, officer, second)
        elsewhere = await _import(
            registry, neighbour, header + f"Koło Bez Numerów {tag};ordinary_association;;c\n"
        )

        assert created["created"] == 2
        assert (changed["created"], changed["updated"]) == (0, 2)
        names = {o["name"] for o in ok(await registry.get("/organizations", headers=officer))}
        assert f"Klub Regon Nowa Nazwa {tag}" in names and f"Klub Regon {tag}" not in names
        # A name decides only on the importing municipality's own list.
        assert elsewhere["created"] == 1

    async def test_progress_counts_rows_of_a_larger_file(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        rows = "".join(
            f"Stowarzyszenie Seryjne {n}-{nip};association;{nip};;;;\n"
            for n, nip in ((n, unique_nip()) for n in range(1200))
        )

        progress = await _import(registry, officer, HEADER + rows)

        assert progress["processed_rows"] == 1200 and progress["created"] == 1200

    async def test_unknown_columns_are_refused_before_anything_is_imported(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        answer = await registry.post(
            "/imports",
            content=b"name;colour\nX;red\n",
            headers={**officer, "Content-Type": "text/csv"},
        )

        assert problem(answer, 422)["errors"][0]["field"] == "body.colour"

    async def test_another_tenants_import_is_not_visible(
        self, registry: ServiceClient, officer: Headers, person: Any, onboarded: Onboard
    ) -> None:
        job = ok(
            await registry.post(
                "/imports", content=HEADER.encode(), headers={**officer, "Content-Type": "text/csv"}
            ),
            202,
        )

        problem(
            await registry.get(
                f"/imports/{job['id']}", headers=person("1465011", "tenant_officer")
            ),
            404,
        )


class TestLargeCells:
    async def test_rows_of_long_cells_never_make_a_chunk_too_large_to_store(
        self, registry: ServiceClient, officer: Headers
    ) -> None:
        cell = "x" * (120 * 1024)  # under the 128 KiB cell limit, over any column's length
        rows = "".join(f"Klub {n};sports_club;{cell}\n" for n in range(150))  # about 18 MB

        answer = await registry.post(
            "/imports",
            content=f"name;legal_form;description\n{rows}".encode(),
            headers={**officer, "Content-Type": "text/csv"},
        )

        # A request-size limit in front may refuse the body; it is never a 500.
        assert answer.status_code in (202, 413), answer.text
        if answer.status_code == 202:

            async def finished() -> dict[str, Any]:
                path = f"/imports/{answer.json()['id']}"
                progress: dict[str, Any] = ok(await registry.get(path, headers=officer))
                assert progress["state"] == "done", progress
                return progress

            progress = await eventually(finished)
            assert (progress["total_rows"], progress["failed"]) == (150, 150)
