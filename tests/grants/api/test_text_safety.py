"""Control characters and spreadsheet formulas: refused on input, harmless in every renderer."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ElementTree
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.grants.api.test_small_grants_and_views import _published, small_grant
from tests.grants.bodies import competition_terms, score_sheet
from tests.grants.scene import Scene, ok
from tests.support.http import error_fields, problem

CONTROLS = ["\x00", "\x07", "\x1b", "\x7f", "\u0085"]
FORMULA = '=HYPERLINK("http://zly.example";"kliknij")'


def _atom_titles(body: bytes) -> list[str]:
    root = ElementTree.fromstring(body)  # noqa: S314 - our own feed
    return [e.text or "" for e in root.iter("{http://www.w3.org/2005/Atom}title")]


class TestControlCharactersAreRefused:
    @pytest.mark.parametrize("control", CONTROLS)
    async def test_a_competition_title_with_a_control_character(
        self, scene: Scene, control: str
    ) -> None:
        body = competition_terms(scene.clock.now(), title=f"Konkurs{control}2027")
        answer = await scene.grants.post("/competitions", json=body, headers=scene.officer)
        assert error_fields(problem(answer, 422)) == ["title"]

    async def test_free_text_keeps_line_breaks_and_tabs(self, scene: Scene) -> None:
        body = competition_terms(scene.clock.now(), funding_rules="1.\tDo 90%.\r\n2.\tWkład.")
        ok(await scene.grants.post("/competitions", json=body, headers=scene.officer), 201)

    async def test_a_line_refuses_a_line_break(self, scene: Scene) -> None:
        body = competition_terms(scene.clock.now(), title="Konkurs\nz nową linią")
        answer = await scene.grants.post("/competitions", json=body, headers=scene.officer)
        assert error_fields(problem(answer, 422)) == ["title"]

    async def test_a_small_grant_and_its_comment(self, scene: Scene) -> None:
        ngo = await scene.ngo()
        answer = await scene.grants.post(
            "/small-grants", json=small_grant(place="Park\x1b[31m"), headers=ngo.member
        )
        assert error_fields(problem(answer, 422)) == ["place"]
        published = await _published(scene, ngo)
        path = f"/public/municipalities/{scene.tenant_id}/small-grants/{published['id']}/comments"
        bad = await scene.grants.post(path, json={"text": "ok", "author_name": "Jan\x00"})
        assert error_fields(problem(bad, 422)) == ["author_name"]
        bad = await scene.grants.post(path, json={"text": "Uwaga\x07"})
        assert error_fields(problem(bad, 422)) == ["text"]

    async def test_a_decline_reason(self, scene: Scene) -> None:
        published = await _published(scene, await scene.ngo())
        path = f"/small-grants/{published['id']}/decline"
        answer = await scene.grants.post(path, json={"reason": "Nie\x00"}, headers=scene.officer)
        assert error_fields(problem(answer, 422)) == ["reason"]


class TestRenderersSurviveStoredControlCharacters:
    async def test_the_competitions_feed_answers_with_a_bad_title_stored(
        self, scene: Scene
    ) -> None:
        competition = await scene.announced(title="Aktywny senior")
        await scene.grants.database["competitions"].update_one(
            {"_id": competition["id"]},
            {
                "$set": {
                    "data.terms.title": "Zły\x00tytuł\x07\x1b",
                    "data.terms.public_task": "A\x0cB",
                }
            },
        )
        feed = await scene.grants.get(f"/public/municipalities/{scene.tenant_id}/competitions.atom")
        assert feed.status_code == 200, feed.text
        assert "Zły tytuł" in _atom_titles(feed.content)

    async def test_the_results_feed_answers_with_a_bad_title_stored(self, scene: Scene) -> None:
        line = {
            "organization_name": "Fundacja\x00",
            "task_title": "Zadanie\x1b",
            "granted_amount": "100.00",
        }
        await scene.grants.database["published_results"].insert_one(
            {
                "_id": "wyniki-z-kontrolnymi",
                "tenant_id": scene.tenant_id,
                "title": "Konkurs\x00\x07",
                "area": "seniors",
                "published_at": datetime(2026, 5, 1, tzinfo=UTC),
                "data": {"results": [line]},
            }
        )
        feed = await scene.grants.get(f"/public/municipalities/{scene.tenant_id}/results.atom")
        assert feed.status_code == 200, feed.text
        assert "Wyniki: Konkurs" in _atom_titles(feed.content)

    async def test_the_offer_document_answers_without_the_characters(self, scene: Scene) -> None:
        ngo = await scene.ngo()
        competition = await scene.announced()
        offer = await scene.offer(ngo, competition)
        await scene.grants.database["offers"].update_one(
            {"_id": offer["id"]}, {"$set": {"data.content.title": "Senior\x00\x1b w ruchu"}}
        )
        document = await scene.grants.get(f"/offers/{offer['id']}/document", headers=ngo.member)
        assert document.status_code == 200, document.text
        assert "Senior w ruchu" in document.text and "\x00" not in document.text


class TestCsvCellsAreNeverFormulas:
    async def test_score_sheets_and_ranking_quote_formula_cells(self, scene: Scene) -> None:
        ngo = await scene.ngo(name="@Fundacja Formuł")
        competition = await scene.announced()
        offer = await scene.submitted(ngo, competition, title=FORMULA)
        await scene.in_review(competition)
        await scene.accept_formally(offer)
        base = f"/competitions/{competition['id']}/committee"
        members = [{"member_id": "kom-1", "kind": "officer"}]
        ok(await scene.grants.post(base, json={"members": members}, headers=scene.officer), 201)
        member = scene.person("committee_member", subject="kom-1")
        ok(await scene.grants.post(f"{base}/declarations", json={}, headers=member))
        sheet: dict[str, Any] = score_sheet(10, 5)
        sheet["scores"][0]["comment"] = "-2+3"
        sheet["scores"][1]["comment"] = "+SUM(A1:A9)"
        ok(await scene.grants.put(f"{base}/sheets/{offer['id']}", json=sheet, headers=member))

        sheets = list(csv.DictReader(io.StringIO(
            (await scene.grants.get(f"{base}/sheets.csv", headers=scene.officer)).text
        )))  # fmt: skip
        assert {r["comment"] for r in sheets} == {"'-2+3", "'+SUM(A1:A9)"}
        assert {(r["organization"], r["task_title"]) for r in sheets} == {
            ("'@Fundacja Formuł", "'" + FORMULA)
        }
        ranking = list(csv.DictReader(io.StringIO(
            (await scene.grants.get(f"{base}/ranking.csv", headers=scene.officer)).text
        )))  # fmt: skip
        assert [(r["organization"], r["task_title"]) for r in ranking] == [
            ("'@Fundacja Formuł", "'" + FORMULA)
        ]
