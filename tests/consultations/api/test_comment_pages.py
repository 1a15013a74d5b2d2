"""Pages of a consultation's comments: `_id` ranges of a read model, the next page in Link."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from services.consultations.repository import CommentRepository
from tests.consultations.conftest import Headers, comment_payload, open_consultation
from tests.support.http import error_fields, ok, problem
from tests.support.namespace import new_tenant_id
from tests.support.services import ServiceClient

_NEXT = re.compile(r"<(?P<url>[^>]+)>; rel=\"next\"")
Person = Callable[..., Headers]


async def _walk(
    consultations: ServiceClient,
    headers: Headers,
    url: str,
    between: Callable[[], Awaitable[None]] | None = None,
) -> list[dict[str, Any]]:
    """Follow the next links from `url`; call `between()` after the first page."""
    found: list[dict[str, Any]] = []
    first = True
    while url:
        answer = await consultations.get(url, headers=headers)
        found += ok(answer)
        if first and between is not None:
            await between()
        first = False
        link = _NEXT.search(answer.headers.get("link", ""))
        url = link["url"] if link else ""
    return found


async def _comment(consultations: ServiceClient, path: str, author: Headers) -> str:
    answer = await consultations.post(f"{path}/comments", json=comment_payload(), headers=author)
    comment_id: str = ok(answer, 201)["id"]
    return comment_id


async def _answer(
    consultations: ServiceClient, path: str, comment_id: str, officer: Headers
) -> None:
    body = {"verdict": "accepted", "justification": "Słuszna uwaga."}
    ok(await consultations.put(f"{path}/comments/{comment_id}/answer", json=body, headers=officer))


class TestStaffPages:
    async def test_pages_neither_repeat_nor_skip_and_show_answers(
        self, consultations: ServiceClient, officer: Headers, person: Person, tenant_id: str
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        made = [await _comment(consultations, path, person(tenant_id)) for _ in range(5)]
        await _answer(consultations, path, made[3], officer)

        async def comment_between_pages() -> None:
            made.append(await _comment(consultations, path, person(tenant_id)))

        found = await _walk(
            consultations, officer, f"{path}/comments?limit=2", comment_between_pages
        )

        assert [c["id"] for c in found] == made
        assert [c["answer"] is not None for c in found] == [False] * 3 + [True] + [False] * 2

    async def test_the_unanswered_pages_lose_what_gets_answered_meanwhile(
        self, consultations: ServiceClient, officer: Headers, person: Person, tenant_id: str
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        made = [await _comment(consultations, path, person(tenant_id)) for _ in range(4)]

        async def answer_between_pages() -> None:
            await _answer(consultations, path, made[2], officer)

        url = f"{path}/comments?answered=false&limit=2"
        found = await _walk(consultations, officer, url, answer_between_pages)

        assert [c["id"] for c in found] == [made[0], made[1], made[3]]
        answered = await _walk(consultations, officer, f"{path}/comments?answered=true&limit=1")
        assert [c["id"] for c in answered] == [made[2]]

    async def test_another_municipality_reads_none_of_them(
        self, consultations: ServiceClient, officer: Headers, person: Person, tenant_id: str
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        await _comment(consultations, path, person(tenant_id))
        stranger = person(new_tenant_id(), "tenant_officer")

        problem(await consultations.get(f"{path}/comments", headers=stranger), 404)

    async def test_a_garbage_cursor_is_refused_naming_it(
        self, consultations: ServiceClient, officer: Headers
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"

        answer = await consultations.get(
            f"{path}/comments", params={"cursor": "%%%"}, headers=officer
        )

        assert error_fields(problem(answer, 422)) == ["cursor"]


class TestParticipantPages:
    async def test_an_author_pages_only_their_own_even_with_a_look_alike_subject(
        self, consultations: ServiceClient, officer: Headers, person: Person, tenant_id: str
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        subject = f"mieszkaniec-{tenant_id}"
        author = person(tenant_id, subject=subject)
        # A subject that extends the author's by the key separator must not reach their list.
        look_alike = person(tenant_id, subject=f"{subject}|obcy")
        mine = []
        for _ in range(3):
            mine.append(await _comment(consultations, path, author))
            await _comment(consultations, path, look_alike)
        await _answer(consultations, path, mine[1], officer)

        found = await _walk(consultations, author, f"{path}/comments?limit=2")
        open_ones = await _walk(consultations, author, f"{path}/comments?answered=false&limit=1")

        assert [c["id"] for c in found] == mine
        assert [c["id"] for c in open_ones] == [mine[0], mine[2]]


class TestBackfill:
    async def test_comments_stored_before_the_lists_are_listed_after_start_up(
        self, consultations: ServiceClient, officer: Headers, person: Person, tenant_id: str
    ) -> None:
        path = f"/consultations/{(await open_consultation(consultations, officer))['id']}"
        made = [await _comment(consultations, path, person(tenant_id)) for _ in range(2)]
        await _answer(consultations, path, made[0], officer)
        await consultations.database["comment_list_entries"].delete_many({})

        comments = CommentRepository(consultations.database)
        placed = await comments.backfill_lists()
        again = await comments.backfill_lists()

        assert placed >= 2 and again == 0
        every = ok(await consultations.get(f"{path}/comments", headers=officer))
        unanswered = ok(await consultations.get(f"{path}/comments?answered=false", headers=officer))
        assert [c["id"] for c in every] == made
        assert [c["id"] for c in unanswered] == made[1:]
