"""The cooperation-quality index through the HTTP API: both groups score, rounds compare."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from shared.contracts.registry import TenantOnboarded
from tests.consultations.conftest import Headers, publish, record_of
from tests.support.http import error_fields, ok, problem
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.services import ServiceClient

CONSULTATIONS_AREA = "social_consultations"
PROCEDURE, ANSWERS = "consultations.procedure", "consultations.answers"


async def run_round(
    consultations: ServiceClient,
    officer: Headers,
    ngo: Headers,
    *,
    assessed_on: str,
    officers: dict[str, int],
    ngos: dict[str, int],
) -> dict[str, Any]:
    """Start, score by both groups, conclude and publish a round; return it."""
    started = ok(
        await consultations.post(
            "/index-rounds",
            json={"title": f"Samoocena {assessed_on}", "assessed_on": assessed_on},
            headers=officer,
        ),
        201,
    )
    path = f"/index-rounds/{started['id']}"
    ok(await consultations.put(f"{path}/scorecard", json={"scores": officers}, headers=officer))
    ok(await consultations.put(f"{path}/scorecard", json={"scores": ngos}, headers=ngo))
    ok(
        await consultations.put(
            f"{path}/conclusions",
            json={
                "summary": "Uchwalić procedurę konsultacji.",
                "by_area": {CONSULTATIONS_AREA: "Tak"},
            },
            headers=officer,
        )
    )
    return dict(ok(await consultations.post(f"{path}/publish", headers=officer)))


class TestAssessmentRound:
    async def test_officers_and_ngos_score_apart_and_the_result_is_published(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        ngo = person(tenant_id, "ngo_member", organization_id="org-1")
        published = await run_round(
            consultations,
            officer,
            ngo,
            assessed_on="2025-03-10",
            officers={PROCEDURE: 3, ANSWERS: 3},
            ngos={PROCEDURE: 1, ANSWERS: 2},
        )

        area = published["result"]["areas"][CONSULTATIONS_AREA]
        assert published["state"] == "published"
        assert published["result"]["raters"] == {"officers": 1, "ngos": 1}
        assert (area["officers"], area["ngos"], area["combined"], area["gap"]) == (
            3.0,
            1.5,
            2.25,
            1.5,
        )
        assert published["conclusions"]["by_area"] == {CONSULTATIONS_AREA: "Tak"}
        late = await consultations.put(
            f"/index-rounds/{published['id']}/scorecard",
            json={"scores": {PROCEDURE: 4}},
            headers=ngo,
        )
        assert problem(late, 409)["reason"] == "round-published"

    async def test_a_round_is_published_only_with_both_groups_and_conclusions(
        self, consultations: ServiceClient, officer: Headers
    ) -> None:
        started = ok(
            await consultations.post(
                "/index-rounds",
                json={"title": "Diagnoza", "assessed_on": "2025-04-01"},
                headers=officer,
            ),
            201,
        )
        path = f"/index-rounds/{started['id']}"
        ok(
            await consultations.put(
                f"{path}/scorecard", json={"scores": {PROCEDURE: 2}}, headers=officer
            )
        )

        refused = problem(await consultations.post(f"{path}/publish", headers=officer), 409)

        assert (refused["reason"], refused["missing_groups"]) == ("group-not-scored", ["ngos"])

    async def test_scores_off_the_scale_or_unknown_are_named(
        self, consultations: ServiceClient, officer: Headers
    ) -> None:
        started = ok(
            await consultations.post(
                "/index-rounds",
                json={"title": "Diagnoza", "assessed_on": "2025-04-01"},
                headers=officer,
            ),
            201,
        )
        path = f"/index-rounds/{started['id']}/scorecard"

        off_scale = await consultations.put(
            path, json={"scores": {PROCEDURE: 7, "no.such": 2}}, headers=officer
        )
        untitled = await consultations.post(
            "/index-rounds", json={"title": "", "assessed_on": "2025-04-01"}, headers=officer
        )
        undated = await consultations.post(
            "/index-rounds", json={"title": "X", "assessed_on": "wczoraj"}, headers=officer
        )

        assert [e["field"] for e in problem(off_scale, 422)["errors"]] == [
            f"body.scores.{PROCEDURE}",
            "body.scores.no.such",
        ]
        assert error_fields(problem(untitled, 422)) == ["title"]
        assert error_fields(problem(undated, 422)) == ["assessed_on"]

    async def test_other_municipalities_and_other_roles_are_kept_out(
        self, consultations: ServiceClient, officer: Headers, person: Callable[..., Headers]
    ) -> None:
        started = ok(
            await consultations.post(
                "/index-rounds",
                json={"title": "Diagnoza", "assessed_on": "2025-04-01"},
                headers=officer,
            ),
            201,
        )
        stranger = person(new_tenant_id(), "tenant_officer")
        committee = person(new_tenant_id(), "committee_member")

        problem(await consultations.get(f"/index-rounds/{started['id']}", headers=stranger), 404)
        problem(
            await consultations.put(
                f"/index-rounds/{started['id']}/scorecard",
                json={"scores": {PROCEDURE: 1}},
                headers=stranger,
            ),
            404,
        )
        problem(await consultations.get("/index-rounds", headers=committee), 403)

    async def test_the_catalogue_lists_six_areas_and_the_scale(
        self, consultations: ServiceClient
    ) -> None:
        catalogue = ok(
            await consultations.get("/index/catalogue", headers={"Accept-Language": "en"})
        )

        assert len(catalogue["areas"]) == 6
        assert catalogue["scale"]["0"].startswith("absent")
        assert catalogue["areas"][0]["indicators"][0]["code"] == PROCEDURE


class TestComparingRounds:
    async def test_a_later_round_shows_progress_since_the_first_diagnosis(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        ngo = person(tenant_id, "ngo_member", organization_id="org-1")
        first = await run_round(
            consultations,
            officer,
            ngo,
            assessed_on="2024-03-10",
            officers={PROCEDURE: 2},
            ngos={PROCEDURE: 0},
        )
        later = await run_round(
            consultations,
            officer,
            ngo,
            assessed_on="2025-03-10",
            officers={PROCEDURE: 3},
            ngos={PROCEDURE: 2},
        )

        comparison = ok(
            await consultations.get(
                f"/index-rounds/{later['id']}/comparison",
                params={"earlier": first["id"]},
                headers=officer,
            )
        )

        assert (comparison["earlier_round_id"], comparison["later_round_id"]) == (
            first["id"],
            later["id"],
        )
        assert comparison["areas"][CONSULTATIONS_AREA] == {
            "officers": 1.0,
            "ngos": 2.0,
            "combined": 1.5,
        }
        assert comparison["areas"]["financial_cooperation"]["combined"] is None

    async def test_a_support_centre_compares_its_members_round_by_round(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        neighbour_id = new_tenant_id()
        neighbour = person(neighbour_id, "tenant_officer")
        for who, municipality, scores in (
            (officer, tenant_id, (1, 3)),
            (neighbour, neighbour_id, (2, 2)),
        ):
            ngo = person(municipality, "ngo_member", organization_id=f"org-{municipality}")
            for year, score in zip(("2024", "2025"), scores, strict=True):
                await run_round(
                    consultations,
                    who,
                    ngo,
                    assessed_on=f"{year}-05-01",
                    officers={PROCEDURE: score},
                    ngos={PROCEDURE: score},
                )
        centre_id = f"centre-{tenant_id[:2]}-{tenant_id}"
        await publish(
            consultations,
            record_of(
                consultations,
                TenantOnboarded(
                    tenant_id=centre_id,
                    name="Centrum Wspierania Organizacji",
                    kind="support_centre",
                    member_ids=[tenant_id, neighbour_id],
                    onboarded_at=datetime.now(UTC),
                ),
                tenant_id=centre_id,
                source="registry",
            ),
        )
        staff = person(centre_id, "centre_staff")

        async def compared() -> dict[str, Any]:
            found: dict[str, Any] = ok(
                await consultations.get("/centre/index-comparison", headers=staff)
            )
            assert len(found["municipalities"]) == 2
            return found

        comparison = await eventually(compared)

        tracks = {t["tenant_id"]: t for t in comparison["municipalities"]}
        assert [len(t["rounds"]) for t in tracks.values()] == [2, 2]
        assert tracks[tenant_id]["progress"]["overall"]["combined"] == 2.0
        assert tracks[neighbour_id]["progress"]["overall"]["combined"] == 0.0
        assert [a["overall"] for a in comparison["averages"]] == [1.5, 2.5]
        outsider = person(new_tenant_id(), "tenant_officer")
        rounds = ok(await consultations.get("/index-rounds", headers=staff))
        assert len(rounds) == 4
        problem(await consultations.get(f"/index-rounds/{rounds[0]['id']}", headers=outsider), 404)


class TestPublicResult:
    async def test_anyone_reads_a_published_round_and_nobody_an_open_one(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        ngo = person(tenant_id, "ngo_member", organization_id="org-public")
        published = await run_round(
            consultations, officer, ngo, assessed_on="2025-05-05",
            officers={PROCEDURE: 2}, ngos={PROCEDURE: 4},
        )  # fmt: skip
        body = {"title": "Samoocena w toku", "assessed_on": "2025-06-01"}
        still_open = ok(await consultations.post("/index-rounds", json=body, headers=officer), 201)
        base = f"/public/municipalities/{tenant_id}/index-rounds"

        seen = ok(await consultations.get(f"{base}/{published['id']}"))

        assert seen["result"]["overall"]["combined"] == 3.0
        assert seen["conclusions"]["summary"] == "Uchwalić procedurę konsultacji."
        problem(await consultations.get(f"{base}/{still_open['id']}"), 404)
        elsewhere = f"/public/municipalities/{new_tenant_id()}/index-rounds/{published['id']}"
        problem(await consultations.get(elsewhere), 404)
