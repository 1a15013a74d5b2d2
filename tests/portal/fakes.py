"""In-memory stand-ins for the portal's backends and session storage (fast page tests).

In the manner of cosmicpython's `tests/unit/fakes.py`: the same methods the pages call, so each
role's page rules are checked without the four services, Kafka or MongoDB.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from services.portal.adapters.backend import ROUTES, BackendDown, BackendProblem
from services.portal.api.deps import PortalState
from services.portal.app import create_app
from services.portal.bootstrap import PortalComposition
from services.portal.domain.session import User, cookie_value
from services.portal.services.sessions import SessionStore
from services.portal.settings import PortalSettings
from shared.clock import SYSTEM_CLOCK, Clock

Answer = Any  # JSON, bytes, a BackendProblem/BackendDown to raise, or a callable of the call


@dataclass(frozen=True)
class Call:
    """One backend call a page made."""

    name: str
    token: str | None
    language: str
    params: dict[str, Any]
    json: Any
    path: dict[str, Any]


class FakeBackends:
    """Scripted answers per route name; a call nobody scripted fails the test."""

    def __init__(self) -> None:
        self.answers: dict[str, tuple[Answer, str | None]] = {}
        self.calls: list[Call] = []
        self.closed = False

    def answer(self, name: str, body: Answer, *, next_cursor: str | None = None) -> None:
        """Have route `name` answer with `body` (and a next-page cursor, for lists)."""
        assert name in ROUTES, f"{name} is not a route the portal knows"
        self.answers[name] = (body, next_cursor)

    def refuse(self, name: str, status: int, **problem: Any) -> None:
        """Have route `name` answer with a problem (4xx)."""
        self.answer(name, BackendProblem(status=status, **problem))

    def down(self, name: str) -> None:
        """Have route `name`'s service fail (5xx or no answer)."""
        self.answer(name, BackendDown(ROUTES[name].service))

    def called(self, name: str) -> list[Call]:
        """Return the calls of route `name`, in order."""
        return [call for call in self.calls if call.name == name]

    async def call(
        self,
        name: str,
        *,
        token: str | None = None,
        language: str = "pl",
        params: dict[str, Any] | None = None,
        json: Any = None,
        **path: Any,
    ) -> httpx.Response:
        """Answer a named route as scripted."""
        ROUTES[name].path(**path)  # an unsafe id fails here as it would on the real client
        self.calls.append(Call(name, token, language, dict(params or {}), json, path))
        if name not in self.answers:
            raise AssertionError(f"no answer scripted for {name}")
        body, cursor = self.answers[name]
        if callable(body):
            body = body(self.calls[-1])
        if isinstance(body, BackendProblem | BackendDown):
            raise body
        headers = {"Link": f'</next?cursor={cursor}>; rel="next"'} if cursor else {}
        if body is None:
            return httpx.Response(204, headers=headers)
        if isinstance(body, bytes):  # a feed or a file, passed through as it is
            return httpx.Response(200, content=body, headers=headers)
        return httpx.Response(200, json=body, headers=headers)

    async def json(self, name: str, **kwargs: Any) -> Any:
        """Return a scripted JSON body."""
        return (await self.call(name, **kwargs)).json()

    async def page(self, name: str, **kwargs: Any) -> tuple[Any, str | None]:
        """Return a scripted list body and its next-page cursor."""
        answer = await self.call(name, **kwargs)
        return answer.json(), self.answers[name][1]

    async def close(self) -> None:
        """Note that the portal closed its clients."""
        self.closed = True


@dataclass
class FakeSessionDocuments:
    """Stored sessions in a dict, and the CSRF secret the first replica stored."""

    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    secret: str | None = None
    reads: int = 0

    async def find(self, session_id: str) -> dict[str, Any] | None:
        """Return a copy of a stored session."""
        self.reads += 1
        found = self.documents.get(session_id)
        return copy.deepcopy(found) if found is not None else None

    async def put(self, document: dict[str, Any]) -> None:
        """Store a copy of a session."""
        self.documents[document["_id"]] = copy.deepcopy(document)

    async def delete(self, session_id: str) -> None:
        """Forget a session."""
        self.documents.pop(session_id, None)

    async def delete_expired(self, now: float) -> int:
        """Forget the sessions past their end."""
        expired = [k for k, d in self.documents.items() if d["expires_at"] < now]
        for key in expired:
            del self.documents[key]
        return len(expired)

    async def csrf_secret(self, candidate: str) -> str:
        """Keep the first candidate, as the unique key keeps the first replica's."""
        if self.secret is None:
            self.secret = candidate
        return self.secret


def user(tenant_id: str = "0264011", *roles: str, **fields: Any) -> User:
    """Return a signed-in user (roles default to none: a resident)."""
    values: dict[str, Any] = {
        "subject": "user-1",
        "name": "Anna Nowak",
        "tenant_id": tenant_id,
        "roles": list(roles),
        "token": "token-of-user-1",
        **fields,
    }
    return User(**values)


@dataclass
class FakePortal:
    """The portal app over fakes, and a client that keeps its cookie."""

    client: httpx.AsyncClient
    backends: FakeBackends
    documents: FakeSessionDocuments
    sessions: SessionStore

    async def sign_in(self, who: User, *, language: str = "pl") -> None:
        """Store a signed-in session and give the browser its cookie."""
        session = await self.sessions.start()
        session.user, session.language = who, language
        await self.sessions.save(session)
        self.client.cookies.set("portal_session", cookie_value(session))

    async def submit(self, path: str, form: dict[str, Any]) -> httpx.Response:
        """Post a form as a browser would, with the session's CSRF token."""
        return await self.client.post(path, data={**form, "csrf_token": await self.csrf()})

    async def csrf(self) -> str:
        """Return the CSRF token of the browser's session (a visitor's first page starts it)."""
        if "portal_session" not in self.client.cookies:
            await self.client.get("/")
        cookie = self.client.cookies.get("portal_session")
        session = await self.sessions.load(cookie)
        assert session is not None
        return session.csrf


@contextlib.asynccontextmanager
async def fake_portal(clock: Clock = SYSTEM_CLOCK, **overrides: Any) -> AsyncIterator[FakePortal]:
    """Run the portal in-process over fake backends and fake session storage."""
    settings = PortalSettings(
        deployment="development",
        metrics_port=0,
        log_level="WARNING",
        municipalities="0264011=Wrocław,0223044=Kąty Wrocławskie",
        **overrides,
    )
    backends, documents = FakeBackends(), FakeSessionDocuments()
    sessions = SessionStore(documents, settings.session_ttl_seconds, clock)

    def compose(settings: PortalSettings) -> PortalComposition:
        state = PortalState(settings, backends, sessions, mongo=None, clock=clock)  # type: ignore[arg-type]
        return PortalComposition(services=state, closers=(backends.close,))

    app = create_app(settings, compose=compose)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://portal") as c,
    ):
        yield FakePortal(c, backends, documents, sessions)
