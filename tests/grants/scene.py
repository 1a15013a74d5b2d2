"""A municipality, its officer and its NGOs, acting through the registry and grants HTTP APIs."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx

from shared.contracts.grants import TOPICS
from tests.grants.bodies import competition_terms, offer_content
from tests.support.auth import TokenFactory, bearer
from tests.support.clock import ShiftedClock
from tests.support.events import emitted
from tests.support.factories import unique_nip
from tests.support.kafka import headers_of
from tests.support.polling import eventually
from tests.support.services import ServiceClient

__all__ = ["Headers", "Json", "Ngo", "Scene", "ok", "task_start"]

Headers = dict[str, str]
Json = dict[str, Any]
_serials = itertools.count(1)


def ok(answer: httpx.Response, status: int = 200) -> Any:
    """Assert the status and return the JSON body."""
    assert answer.status_code == status, answer.text
    return answer.json()


@dataclass(frozen=True)
class Ngo:
    """An organization registered in the registry, and one of its members."""

    id: str
    name: str
    member: Headers


@dataclass
class Scene:
    """One municipality in both services; each helper is one step a user takes."""

    registry: ServiceClient
    grants: ServiceClient
    token: TokenFactory
    clock: ShiftedClock
    tenant_id: str
    officer: Headers = field(init=False)

    def __post_init__(self) -> None:
        self.officer = self.person("tenant_officer")

    def person(self, *roles: str, tenant_id: str | None = None, **claims: Any) -> Headers:
        """Return the headers of a new user of the municipality (or of `tenant_id`)."""
        return bearer(self.token(tenant_id=tenant_id or self.tenant_id, roles=roles, **claims))

    async def onboard(self, tenant_id: str | None = None, **body: Any) -> None:
        """Onboard a tenant in the registry and wait until grants knows it."""
        tenant_id = tenant_id or self.tenant_id
        admin = self.person("platform_admin")
        payload = {"id": tenant_id, "name": f"Gmina {tenant_id}", "kind": "municipality", **body}
        ok(await self.registry.post("/tenants", json=payload, headers=admin), 201)
        await eventually(lambda: self._tenant_known(tenant_id))

    async def _tenant_known(self, tenant_id: str) -> None:
        answer = await self.grants.get(f"/public/municipalities/{tenant_id}/competitions")
        assert answer.status_code == 200, answer.text

    async def ngo(self, name: str | None = None, **fields: Any) -> Ngo:
        """Register an organization in the registry; wait until grants lets it apply."""
        body = {
            "name": name or f"Stowarzyszenie Seniorów nr {next(_serials)}",
            "legal_form": "association",
            "nip": unique_nip(),
            **fields,
        }
        created = ok(
            await self.registry.post("/organizations", json=body, headers=self.officer), 201
        )
        await self.applicant(created["id"], status="active")
        member = self.person("ngo_member", organization_id=created["id"])
        return Ngo(created["id"], created["name"], member)

    async def applicant(self, organization_id: str, *, status: str) -> dict[str, Any]:
        """Wait until grants' read model holds the organization with `status`."""

        async def probe() -> dict[str, Any]:
            answer = await self.grants.get(f"/applicants/{organization_id}", headers=self.officer)
            assert answer.status_code == 200, answer.text
            body: dict[str, Any] = answer.json()
            assert body["status"] == status, body
            return body

        return await eventually(probe)

    async def draft_competition(self, **overrides: Any) -> dict[str, Any]:
        """Draft a competition whose deadline is 30 days away."""
        body = competition_terms(self.clock.now(), **overrides)
        return ok(await self.grants.post("/competitions", json=body, headers=self.officer), 201)

    async def announced(self, **overrides: Any) -> dict[str, Any]:
        """Draft and announce a competition."""
        draft = await self.draft_competition(**overrides)
        path = f"/competitions/{draft['id']}/announcement"
        return ok(await self.grants.post(path, headers=self.officer))

    async def offer(
        self, ngo: Ngo, competition: dict[str, Any], **overrides: Any
    ) -> dict[str, Any]:
        """Draft an offer of `ngo` that meets the competition's terms."""
        body = offer_content(task_start(competition), **overrides)
        path = f"/competitions/{competition['id']}/offers"
        return ok(await self.grants.post(path, json=body, headers=ngo.member), 201)

    async def submitted(
        self, ngo: Ngo, competition: dict[str, Any], **overrides: Any
    ) -> dict[str, Any]:
        """Draft and submit an offer."""
        offer = await self.offer(ngo, competition, **overrides)
        path = f"/offers/{offer['id']}/submission"
        return ok(await self.grants.post(path, headers=ngo.member))

    async def past_deadline(self, competition: dict[str, Any]) -> dict[str, Any]:
        """Move past the deadline and wait until the periodic job closes the competition."""
        self.clock.advance(timedelta(days=31))
        return await self.state(competition, "closed")

    async def state(self, competition: dict[str, Any], state: str) -> dict[str, Any]:
        """Wait until the competition reaches `state`."""

        async def probe() -> dict[str, Any]:
            path = f"/competitions/{competition['id']}"
            body: dict[str, Any] = ok(await self.grants.get(path, headers=self.officer))
            assert body["state"] == state, body["state"]
            return body

        return await eventually(probe)

    async def in_review(self, competition: dict[str, Any]) -> dict[str, Any]:
        """Pass the deadline and open the review."""
        await self.past_deadline(competition)
        path = f"/competitions/{competition['id']}/review"
        return ok(await self.grants.post(path, headers=self.officer))

    async def accept_formally(self, offer: dict[str, Any]) -> dict[str, Any]:
        """Pass an offer through the formal review."""
        checklist = ok(await self.grants.get("/formal-review/checklist"))
        answers = {item["code"]: True for item in checklist}
        path = f"/offers/{offer['id']}/formal-review"
        return ok(await self.grants.put(path, json={"answers": answers}, headers=self.officer))

    async def event_types(self, key: str) -> list[str]:
        """Return the types of the events grants published about `key`, in order."""
        records = await emitted(self.grants, *TOPICS)
        return [headers_of(r)["ce_type"] for r in records if r.key == key.encode()]


def task_start(competition: dict[str, Any]) -> date:
    """Return the first day a funded task may start in the competition."""
    return date.fromisoformat(competition["terms"]["task_period"]["start"])
