"""Full-text search of a municipality's consultations: Polish forms, typos, tenancy, rebuild."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.consultations.conftest import Headers, open_consultation, terms_payload
from tests.support.http import error_fields, ok, problem
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.services import ServiceClient

pytestmark = pytest.mark.integration

PREVENTION = "Strategia profilaktyki alkoholowej"
MARKET = "Rewitalizacja rynku"


def _document(title: str, text: str) -> dict[str, Any]:
    return {"sections": [{"number": 1, "title": title, "text": text}]}


async def _titles(consultations: ServiceClient, tenant_id: str, q: str) -> list[str]:
    path = f"/public/municipalities/{tenant_id}/consultations"
    return [c["title"] for c in ok(await consultations.get(path, params={"q": q}))]


async def _open_pair(consultations: ServiceClient, officer: Headers) -> None:
    await open_consultation(
        consultations,
        officer,
        title=PREVENTION,
        kind="social_problems_strategy",
        programme_year=...,
        document=_document("§ 1. Profilaktyka w szkołach", "Warsztaty dla uczniów."),
    )
    await open_consultation(
        consultations,
        officer,
        title=MARKET,
        kind="local_law",
        programme_year=...,
        document=_document("§ 1. Zieleń i ławki", "Nowe nasadzenia drzew na płycie rynku."),
    )


class TestConsultationSearch:
    async def test_finds_polish_forms_without_diacritics_by_prefix_and_with_a_typo(
        self, consultations: ServiceClient, officer: Headers, tenant_id: str
    ) -> None:
        await _open_pair(consultations, officer)

        async def found() -> None:
            # A newly opened consultation reaches the index through the service's own topic.
            assert await _titles(consultations, tenant_id, "profilaktyka") == [PREVENTION]
            assert await _titles(consultations, tenant_id, "rynek") == [MARKET]
            assert await _titles(consultations, tenant_id, "zielen ławek") == [MARKET]
            assert await _titles(consultations, tenant_id, "rewit") == [MARKET]
            assert await _titles(consultations, tenant_id, "strategja") == [PREVENTION]
            assert await _titles(consultations, tenant_id, "problemów społecznych") == [PREVENTION]

        await eventually(found, timeout=120)  # the first build waits for the dictionary

    async def test_marks_the_matched_words_of_a_section_title(
        self, consultations: ServiceClient, officer: Headers, tenant_id: str
    ) -> None:
        await _open_pair(consultations, officer)
        path = f"/public/municipalities/{tenant_id}/consultations"

        async def marked() -> dict[str, Any]:
            found = ok(await consultations.get(path, params={"q": "zielen"}))
            assert len(found) == 1
            return dict(found[0]["highlights"])

        marks = await eventually(marked, timeout=120)
        assert marks["sections"] == "§ 1. <mark>Zieleń</mark> i ławki"

    async def test_a_draft_or_another_municipality_is_never_found(
        self,
        consultations: ServiceClient,
        officer: Headers,
        tenant_id: str,
        person: Callable[..., Headers],
    ) -> None:
        other = new_tenant_id()
        await open_consultation(
            consultations, person(other, "tenant_officer"), title="Budowa skateparku"
        )
        draft = terms_payload(title="Skatepark przy szkole")
        ok(await consultations.post("/consultations", json=draft, headers=officer), 201)
        await open_consultation(consultations, officer, title="Skatepark nad rzeką")

        async def only_own() -> None:
            assert await _titles(consultations, other, "skateparku") == ["Budowa skateparku"]
            assert await _titles(consultations, tenant_id, "skatepark") == ["Skatepark nad rzeką"]

        await eventually(only_own, timeout=120)

    async def test_too_long_a_query_is_refused_naming_q(
        self, consultations: ServiceClient, tenant_id: str
    ) -> None:
        path = f"/public/municipalities/{tenant_id}/consultations"
        body = problem(await consultations.get(path, params={"q": "rynek " * 30}), 422)
        assert error_fields(body) == ["q"]


class TestRebuild:
    async def test_rebuild_reads_the_store_again(
        self,
        consultations: ServiceClient,
        officer: Headers,
        tenant_id: str,
        person: Callable[..., Headers],
    ) -> None:
        await open_consultation(consultations, officer, title="Park kieszonkowy")
        await eventually(lambda: _found(consultations, tenant_id, "kieszonkowy", 1), timeout=120)
        index = consultations.app.state.services.public.index
        index.clear()  # a replica that lost its index answers nothing
        index.commit()
        await _found(consultations, tenant_id, "kieszonkowy", 0)
        admin = person(tenant_id, "platform_admin")
        answer = ok(await consultations.post("/admin/search/rebuild", headers=admin))
        assert answer["indexes"]["consultations"] >= 1
        await _found(consultations, tenant_id, "kieszonkowy", 1)

    async def test_only_a_platform_admin_may_rebuild(
        self, consultations: ServiceClient, officer: Headers
    ) -> None:
        problem(await consultations.post("/admin/search/rebuild", headers=officer), 403)


async def _found(consultations: ServiceClient, tenant_id: str, q: str, count: int) -> None:
    assert len(await _titles(consultations, tenant_id, q)) == count
