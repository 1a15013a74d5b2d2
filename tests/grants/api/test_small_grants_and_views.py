"""Grants' read model of the registry, small grants (art. 19a), public views, centre totals."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import date, timedelta
from typing import Any

from tests.conftest import AppClientFactory
from tests.grants.scene import Ngo, Scene, ok
from tests.support.auth import TokenFactory, bearer
from tests.support.clock import ShiftedClock
from tests.support.factories import organization_registered, registered_record, unique_nip
from tests.support.http import error_fields, problem
from tests.support.kafka import produce_record
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.services import ServiceClient
from tests.support.tenants import onboard_with

ATOM = "{http://www.w3.org/2005/Atom}"


def small_grant(grant: str = "8000.00", days: int = 60, **overrides: Any) -> dict[str, Any]:
    """Return a simplified offer of a task lasting `days` days."""
    start = date(2099, 6, 1)
    end = start + timedelta(days=days - 1)
    return {
        "title": "Piknik sąsiedzki",
        "place": "Park miejski",
        "description": "Piknik integracyjny dla mieszkańców osiedla.",
        "task_period": {"start": start.isoformat(), "end": end.isoformat()},
        "budget": {
            "lines": [
                {
                    "key": "I.1",
                    "category": "action",
                    "name": "Namiot i nagłośnienie",
                    "requested_grant": grant,
                    "own_financial": "500.00",
                }
            ]
        },
        "qualitative_results": ["Lepsze relacje sąsiedzkie"],
        **overrides,
    }


class TestReadModelOfTheRegistry:
    async def test_grants_replays_the_registry_from_the_start_of_its_topics(
        self, registry: ServiceClient, app_client: AppClientFactory, token: TokenFactory
    ) -> None:
        # Registered before grants first starts in this module: grants reads it from offset 0.
        tenant_id = await onboard_with(registry, token, new_tenant_id())
        officer = bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))
        body = {
            "name": "Stowarzyszenie Wcześniejsze",
            "legal_form": "association",
            "nip": unique_nip(),
        }
        created = ok(await registry.post("/organizations", json=body, headers=officer), 201)

        grants = await app_client("grants", deadline_job_seconds=0.2, report_notice_job_seconds=0.2)

        async def known() -> None:
            answer = await grants.get(f"/applicants/{created['id']}", headers=officer)
            assert answer.status_code == 200, answer.text
            assert answer.json()["may_apply"] is True

        await eventually(known)

    async def test_a_repeated_event_is_applied_once(self, scene: Scene) -> None:
        event = organization_registered(name="Fundacja Powtórzona")
        settings = scene.grants.runtime.settings
        record = registered_record(
            tenant_id=scene.tenant_id, topic=settings.topic("registry.organization.v1"), event=event
        )
        for _ in range(2):
            await produce_record(settings.kafka_bootstrap_servers, record)

        applicant = await scene.applicant(event.organization_id, status="active")

        assert applicant["name"] == "Fundacja Powtórzona"
        inbox = scene.grants.database["inbox"]
        assert await inbox.count_documents({"_id": f"registry|{record.headers['ce_id']}"}) == 1

    async def test_profile_changes_and_deregistration_follow(self, scene: Scene) -> None:
        ngo = await scene.ngo("Stowarzyszenie Stara Nazwa")
        rename = {"name": "Stowarzyszenie Nowa Nazwa"}
        ok(
            await scene.registry.patch(
                f"/organizations/{ngo.id}", json=rename, headers=scene.officer
            )
        )

        async def renamed() -> None:
            body = ok(await scene.grants.get(f"/applicants/{ngo.id}", headers=ngo.member))
            assert body["name"] == "Stowarzyszenie Nowa Nazwa"

        await eventually(renamed)
        status = {"status": "deregistered", "reason": "Likwidacja."}
        ok(
            await scene.registry.post(
                f"/organizations/{ngo.id}/status", json=status, headers=scene.officer
            )
        )
        assert (await scene.applicant(ngo.id, status="deregistered"))["may_apply"] is False
        other = scene.person("ngo_member", organization_id="someone-else")
        problem(await scene.grants.get(f"/applicants/{ngo.id}", headers=other), 404)


async def _published(scene: Scene, ngo: Ngo, **overrides: Any) -> dict[str, Any]:
    received = ok(
        await scene.grants.post("/small-grants", json=small_grant(**overrides), headers=ngo.member),
        201,
    )
    path = f"/small-grants/{received['id']}/publication"
    return ok(await scene.grants.post(path, headers=scene.officer))


async def _set_caps(scene: Scene, organization_cap: str = "12000.00") -> None:
    year = scene.clock.now().year
    caps = {
        "organization_cap": organization_cap,
        "pool_share_percent": "10",
        "planned_grants_total": "500000.00",
    }
    ok(await scene.grants.put(f"/small-grant-policies/{year}", json=caps, headers=scene.officer))


class TestSmallGrants:
    async def test_published_anyone_comments_then_the_agreement_follows(self, scene: Scene) -> None:
        ngo = await scene.ngo()
        published = await _published(scene, ngo)
        public = f"/public/municipalities/{scene.tenant_id}/small-grants"
        assert [s["id"] for s in ok(await scene.grants.get(public))] == [published["id"]]

        comment = {"text": "Świetny pomysł, pomożemy.", "author_name": "Sąsiadka"}
        ok(await scene.grants.post(f"{public}/{published['id']}/comments", json=comment), 201)
        conclude = f"/small-grants/{published['id']}/agreement"
        problem(await scene.grants.post(conclude, headers=scene.officer), 409)
        scene.clock.advance(timedelta(days=8))
        late = await scene.grants.post(f"{public}/{published['id']}/comments", json=comment)
        assert problem(late, 409)["comments_until"]
        problem(await scene.grants.post(conclude, headers=scene.officer), 409)  # no caps yet
        await _set_caps(scene)
        agreement = ok(await scene.grants.post(conclude, headers=scene.officer), 201)

        assert (agreement["amount"], agreement["small_grant_id"]) == ("8000.00", published["id"])
        seen = ok(await scene.grants.get(f"/small-grants/{published['id']}", headers=ngo.member))
        assert seen["state"] == "concluded"
        assert [c["text"] for c in seen["comments"]] == ["Świetny pomysł, pomożemy."]
        assert await scene.event_types(published["id"]) == [
            "pl.ngo.grants.small_grant.received",
            "pl.ngo.grants.small_grant.published",
            "pl.ngo.grants.small_grant.commented",
            "pl.ngo.grants.small_grant.concluded",
        ]

    async def test_the_yearly_cap_per_organization_is_enforced(self, scene: Scene) -> None:
        ngo = await scene.ngo()
        first, second = await _published(scene, ngo), await _published(scene, ngo)
        scene.clock.advance(timedelta(days=8))
        await _set_caps(scene, organization_cap="12000.00")
        ok(
            await scene.grants.post(
                f"/small-grants/{first['id']}/agreement", headers=scene.officer
            ),
            201,
        )

        answer = await scene.grants.post(
            f"/small-grants/{second['id']}/agreement", headers=scene.officer
        )

        body = problem(answer, 422)
        assert [(e["field"], e["code"]) for e in body["errors"]] == [
            ("amount", "organization-cap-exceeded")
        ]

    async def test_limits_of_art_19a(self, scene: Scene) -> None:
        ngo = await scene.ngo()

        answer = await scene.grants.post(
            "/small-grants", json=small_grant(grant="10000.01", days=120), headers=ngo.member
        )

        assert {e["field"] for e in problem(answer, 422)["errors"]} == {
            "body.budget.requested_grant",
            "body.task_period",
        }
        year = scene.clock.now().year
        caps = {
            "organization_cap": "25000.00",
            "pool_share_percent": "10",
            "planned_grants_total": "1.00",
        }
        too_high = await scene.grants.put(
            f"/small-grant-policies/{year}", json=caps, headers=scene.officer
        )
        assert error_fields(problem(too_high, 422)) == ["organization_cap"]

    async def test_a_declined_offer_leaves_the_public_list(self, scene: Scene) -> None:
        ngo = await scene.ngo()
        published = await _published(scene, ngo)

        declined = ok(
            await scene.grants.post(
                f"/small-grants/{published['id']}/decline",
                json={"reason": "Zadanie poza zakresem."},
                headers=scene.officer,
            )
        )

        assert declined["state"] == "declined"
        assert (
            ok(await scene.grants.get(f"/public/municipalities/{scene.tenant_id}/small-grants"))
            == []
        )


class TestPublicViews:
    async def test_open_competitions_as_json_and_atom(self, scene: Scene) -> None:
        competition = await scene.announced(title="Kultura w gminie", area="culture_heritage")
        await scene.draft_competition(title="Szkic niewidoczny")

        listed = ok(
            await scene.grants.get(f"/public/municipalities/{scene.tenant_id}/competitions")
        )
        feed = await scene.grants.get(f"/public/municipalities/{scene.tenant_id}/competitions.atom")

        assert [(c["id"], c["area"]) for c in listed] == [(competition["id"], "culture_heritage")]
        assert listed[0]["funds_spent_last_year"] == "80000.00"
        root = ElementTree.fromstring(feed.content)  # noqa: S314 (our own service's answer)
        titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
        assert titles == ["Kultura w gminie"]

    async def test_an_unknown_municipality_is_not_found(self, grants: ServiceClient) -> None:
        for path in (
            "competitions",
            "competitions.atom",
            "results",
            "results.atom",
            "small-grants",
        ):
            problem(await grants.get(f"/public/municipalities/{new_tenant_id()}/{path}"), 404)


class TestSupportCentre:
    async def test_totals_of_funds_across_member_municipalities(
        self, scene: Scene, clock: ShiftedClock
    ) -> None:
        neighbour_id = _same_region(scene.tenant_id)
        await scene.onboard(neighbour_id)
        centre_id = f"centre-{scene.tenant_id[:2]}-{scene.tenant_id}"
        await scene.onboard(
            centre_id, name="Centrum Wspierania NGO", kind="support_centre",
            member_ids=[scene.tenant_id, neighbour_id],
        )  # fmt: skip
        neighbour = Scene(scene.registry, scene.grants, scene.token, clock, neighbour_id)
        await scene.announced(area="seniors", total_funds="100000.00")
        await scene.announced(area="culture_heritage", total_funds="50000.00")
        await neighbour.announced(area="seniors", total_funds="30000.00", max_grant="20000.00")
        staff = scene.person("centre_staff", tenant_id=centre_id)

        body = ok(await scene.grants.get("/centre/funds", headers=staff))

        assert (body["total"]["competitions"], body["total"]["funds_announced"]) == (3, "180000.00")
        by_area = {line["area"]: line["funds_announced"] for line in body["by_area"]}
        assert by_area == {"culture_heritage": "50000.00", "seniors": "130000.00"}
        by_municipality = {line["municipality_id"]: line for line in body["by_municipality"]}
        assert by_municipality[neighbour_id]["funds_announced"] == "30000.00"
        assert by_municipality[neighbour_id]["municipality_name"] == f"Gmina {neighbour_id}"
        assert {line["year"] for line in body["by_year"]} == {clock.now().year}
        one = ok(
            await scene.grants.get(
                "/centre/funds",
                params={"municipality": neighbour_id, "area": "seniors"},
                headers=staff,
            )
        )
        assert [line["municipality_id"] for line in one["lines"]] == [neighbour_id]

        listed = ok(await scene.grants.get("/competitions", headers=staff))
        assert {c["tenant_id"] for c in listed} == {scene.tenant_id, neighbour_id}
        assert all(c["state"] != "draft" for c in listed)
        problem(
            await scene.grants.get(
                "/centre/funds", params={"municipality": new_tenant_id()}, headers=staff
            ),
            404,
        )
        problem(await scene.grants.get("/centre/funds", headers=scene.officer), 403)
        draft = await scene.draft_competition()
        problem(
            await scene.grants.post(f"/competitions/{draft['id']}/announcement", headers=staff), 403
        )


def _same_region(tenant_id: str) -> str:
    while True:
        candidate = new_tenant_id()
        if candidate[:2] == tenant_id[:2]:
            return candidate
