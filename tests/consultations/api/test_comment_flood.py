"""A flood of comments: per-author and size limits, bulk answers, a report that still comes out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.consultations.api.test_consultation_flow import closing_job
from tests.consultations.conftest import Headers, comment_payload, from_address, open_consultation
from tests.support.http import error_fields, ok, problem
from tests.support.services import ServiceClient

PER_AUTHOR = 50  # the service's default `comments_per_author`


async def _comments(
    consultations: httpx.AsyncClient, path: str, author: Headers, count: int, **payload: Any
) -> list[dict[str, Any]]:
    made = []
    for _ in range(count):
        answer = await consultations.post(
            f"{path}/comments", json=comment_payload(**payload), headers=author
        )
        made.append(ok(answer, 201))
    return made


def _bulk(ids: list[str], verdict: str = "rejected") -> dict[str, Any]:
    return {"comment_ids": ids, "verdict": verdict, "justification": "Duplikat uwagi nr 1."}


class TestCommentLimits:
    async def test_one_author_makes_a_bounded_number_of_comments(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        resident = person(tenant_id, subject="resident-flood")
        await _comments(consultations, path, resident, PER_AUTHOR)
        refused = await consultations.post(
            f"{path}/comments", json=comment_payload(), headers=resident
        )
        assert problem(refused, 409)["reason"] == "comment-limit-per-author"
        neighbour = person(tenant_id, subject="resident-neighbour")
        await _comments(consultations, path, neighbour, 1)

    async def test_a_comment_longer_than_the_limit_is_refused(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        resident = person(tenant_id)
        body = comment_payload(
            current_wording=None, proposed_wording="p" * 16_000, justification="j" * 4_001
        )
        answer = await consultations.post(f"{path}/comments", json=body, headers=resident)
        assert error_fields(problem(answer, 422)) == ["justification"]
        body["justification"] = "j" * 4_000
        ok(await consultations.post(f"{path}/comments", json=body, headers=resident), 201)

    async def test_control_characters_are_refused(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        resident = person(tenant_id)
        bad = comment_payload(justification="Uwaga\x00\x1b[2J")
        answer = await consultations.post(f"{path}/comments", json=bad, headers=resident)
        assert error_fields(problem(answer, 422)) == ["justification"]
        multiline = comment_payload(justification="Po pierwsze:\n\tseniorzy.\r\nPo drugie: sport.")
        ok(await consultations.post(f"{path}/comments", json=multiline, headers=resident), 201)


class TestBulkAnswer:
    async def test_answers_many_comments_with_one_justification(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        made = await _comments(consultations, path, person(tenant_id), 4)
        spam = [c["id"] for c in made[1:]]
        answered = ok(
            await consultations.post(
                f"{path}/comments/bulk-answer", json=_bulk(spam), headers=officer
            )
        )
        assert sorted(c["id"] for c in answered) == sorted(spam)
        listed = {
            c["id"]: c for c in ok(await consultations.get(f"{path}/comments", headers=officer))
        }
        assert listed[made[0]["id"]]["answer"] is None
        assert {listed[i]["answer"]["justification"] for i in spam} == {"Duplikat uwagi nr 1."}

    async def test_the_officer_lists_the_unanswered_to_answer_them(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        made = [c["id"] for c in await _comments(consultations, path, person(tenant_id), 3)]
        bulk = _bulk(made[:1])
        ok(await consultations.post(f"{path}/comments/bulk-answer", json=bulk, headers=officer))

        async def listed(**params: Any) -> list[str]:
            answer = await consultations.get(f"{path}/comments", params=params, headers=officer)
            return [c["id"] for c in ok(answer)]

        assert await listed(answered="false") == made[1:]
        assert await listed(answered="true") == made[:1]
        assert await listed(answered="false", limit=1) == made[1:2]
        wrong = await consultations.get(
            f"{path}/comments", params={"answered": "może"}, headers=officer
        )
        assert error_fields(problem(wrong, 422)) == ["answered"]

    async def test_an_unknown_id_answers_none_and_names_the_id(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        other_path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        mine = await _comments(consultations, path, person(tenant_id), 2)
        elsewhere = await _comments(consultations, other_path, person(tenant_id), 1)
        ids = [mine[0]["id"], "nie-ma-takiej", mine[1]["id"], elsewhere[0]["id"]]
        answer = await consultations.post(
            f"{path}/comments/bulk-answer", json=_bulk(ids), headers=officer
        )
        body = problem(answer, 422)
        assert [e["field"] for e in body["errors"]] == [
            "body.comment_ids[1]",
            "body.comment_ids[3]",
        ]
        listed = ok(await consultations.get(f"{path}/comments", headers=officer))
        assert [c["answer"] for c in listed] == [None, None]

    async def test_refuses_more_ids_than_the_limit(
        self, consultations: ServiceClient, officer: Headers
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        ids = [f"uwaga-{n}" for n in range(201)]
        answer = await consultations.post(
            f"{path}/comments/bulk-answer", json=_bulk(ids), headers=officer
        )
        assert error_fields(problem(answer, 422)) == ["comment_ids"]

    async def test_another_municipality_finds_no_consultation(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        made = await _comments(consultations, path, person(tenant_id), 1)
        stranger = person("9999999", "tenant_officer")
        answer = await consultations.post(
            f"{path}/comments/bulk-answer", json=_bulk([made[0]["id"]]), headers=stranger
        )
        problem(answer, 404)
        resident = person(tenant_id)
        answer = await consultations.post(
            f"{path}/comments/bulk-answer", json=_bulk([made[0]["id"]]), headers=resident
        )
        assert answer.status_code in (403, 404)


class TestReportAfterAFlood:
    async def test_the_report_of_more_than_16_mib_of_comments_is_published(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        ends_at = datetime.now(UTC) + timedelta(hours=2)
        consultation = await open_consultation(consultations, officer, ends_at=ends_at.isoformat())
        path = f"/consultations/{consultation['id']}"
        # 4 bytes each in UTF-8: 215 comments of 20,000 characters weigh 17 MB.
        heavy = {
            "current_wording": None,
            "proposed_wording": "🙂" * 15_000,
            "justification": "🙂" * 5_000,
        }
        ids: list[str] = []
        for author in range(5):
            resident = person(tenant_id, subject=f"resident-heavy-{author}")
            # One address each: more than `comments_per_address` from one would be refused.
            async with from_address(consultations, f"203.0.113.{author}") as client:
                ids += [c["id"] for c in await _comments(client, path, resident, 43, **heavy)]
        await closing_job(consultations).close_due(ends_at + timedelta(seconds=1))
        for start in range(0, len(ids), 200):
            batch = _bulk(ids[start : start + 200])
            ok(
                await consultations.post(
                    f"{path}/comments/bulk-answer", json=batch, headers=officer
                )
            )

        ok(await consultations.post(f"{path}/report", headers=officer), 201)
        public = f"/public/municipalities/{tenant_id}/consultations/{consultation['id']}"
        report = ok(await consultations.get(f"{public}/report"))
        assert sorted(e["comment_id"] for e in report["entries"]) == sorted(ids)
        assert report["participation"]["rejected"] == len(ids)
        page = await consultations.get(f"{public}/report.html")
        assert page.status_code == 200
