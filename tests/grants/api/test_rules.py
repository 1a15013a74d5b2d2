"""Each rule of the grants service refuses with a clear 4xx problem+json naming the field."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.grants.bodies import competition_terms, offer_content, score_sheet
from tests.grants.scene import Json, Ngo, Scene, ok, task_start
from tests.support.factories import unique_nip
from tests.support.http import error_fields, problem
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually


async def _two_accepted(scene: Scene, **terms: Any) -> tuple[Json, Json, Json, Ngo, Ngo]:
    first, second = await scene.ngo(), await scene.ngo()
    competition = await scene.announced(**terms)
    offers = [await scene.submitted(ngo, competition) for ngo in (first, second)]
    await scene.in_review(competition)
    for offer in offers:
        await scene.accept_formally(offer)
    return competition, offers[0], offers[1], first, second


class TestAnnounceCompetition:
    async def test_refuses_a_deadline_under_21_days_citing_the_act(self, scene: Scene) -> None:
        soon = (scene.clock.now() + timedelta(days=20)).isoformat()
        draft = await scene.draft_competition(offer_deadline=soon)

        answer = await scene.grants.post(
            f"/competitions/{draft['id']}/announcement", headers=scene.officer
        )

        body = problem(answer, 422)
        assert error_fields(body) == ["offer_deadline"]
        assert body["errors"][0]["code"] == "deadline-too-early"
        assert "art. 13 ust. 1" in body["errors"][0]["message"]
        assert await scene.event_types(draft["id"]) == ["pl.ngo.grants.competition.drafted"]

    async def test_speaks_english_on_request(self, scene: Scene) -> None:
        soon = (scene.clock.now() + timedelta(days=3)).isoformat()
        draft = await scene.draft_competition(offer_deadline=soon)

        answer = await scene.grants.post(
            f"/competitions/{draft['id']}/announcement",
            headers={**scene.officer, "Accept-Language": "en"},
        )

        assert "at least 21 days" in problem(answer, 422)["errors"][0]["message"]

    async def test_a_draft_names_every_inconsistent_body_field(self, scene: Scene) -> None:
        body = competition_terms(scene.clock.now(), max_grant="150000.00", title=" ")

        answer = await scene.grants.post("/competitions", json=body, headers=scene.officer)

        fields = {e["field"] for e in problem(answer, 422)["errors"]}
        assert fields == {"body.title", "body.max_grant"}

    async def test_malformed_input_is_named_by_request_validation(self, scene: Scene) -> None:
        body = competition_terms(scene.clock.now(), total_funds="12.345", area="astrology")

        answer = await scene.grants.post("/competitions", json=body, headers=scene.officer)

        assert sorted(e["field"] for e in problem(answer, 422)["errors"]) == [
            "body.area",
            "body.total_funds",
        ]

    async def test_only_officers_draft(self, scene: Scene) -> None:
        member = scene.person("ngo_member", organization_id="org-x")
        body = competition_terms(scene.clock.now())

        problem(await scene.grants.post("/competitions", json=body, headers=member), 403)
        problem(await scene.grants.post("/competitions", json=body), 401)


class TestCancelAndCopy:
    async def test_cancellation_needs_a_reason_and_is_an_event(self, scene: Scene) -> None:
        competition = await scene.announced()
        path = f"/competitions/{competition['id']}/cancellation"

        blank = await scene.grants.post(path, json={"reason": "  "}, headers=scene.officer)
        assert error_fields(problem(blank, 422)) == ["reason"]
        cancelled = ok(
            await scene.grants.post(path, json={"reason": "Brak środków."}, headers=scene.officer)
        )

        assert (cancelled["state"], cancelled["cancellation_reason"]) == (
            "cancelled",
            "Brak środków.",
        )
        assert (await scene.event_types(competition["id"]))[
            -1
        ] == "pl.ngo.grants.competition.cancelled"
        again = await scene.grants.post(path, json={"reason": "x"}, headers=scene.officer)
        assert problem(again, 409)["state"] == "cancelled"

    async def test_last_years_competition_is_copied_as_a_new_draft(self, scene: Scene) -> None:
        last_year = await scene.announced(title="Senior 2026")

        copy = ok(
            await scene.grants.post(
                f"/competitions/{last_year['id']}/copy",
                json={"shift_years": 1},
                headers=scene.officer,
            ),
            201,
        )

        assert (copy["state"], copy["copied_from"]) == ("draft", last_year["id"])
        assert copy["terms"]["title"] == "Senior 2026"
        old, new = last_year["terms"]["decision_date"], copy["terms"]["decision_date"]
        assert int(new[:4]) == int(old[:4]) + 1 and new[4:] == old[4:]
        edited = ok(
            await scene.grants.put(
                f"/competitions/{copy['id']}",
                json=competition_terms(scene.clock.now(), title="Senior 2027"),
                headers=scene.officer,
            )
        )
        assert edited["terms"]["title"] == "Senior 2027"
        assert await scene.event_types(copy["id"]) == [
            "pl.ngo.grants.competition.drafted",
            "pl.ngo.grants.competition.revised",
        ]


class TestTenantIsolation:
    async def test_another_municipalitys_competition_is_not_found(self, scene: Scene) -> None:
        competition = await scene.announced()
        draft = await scene.draft_competition()
        elsewhere = new_tenant_id()
        outsider = scene.person("tenant_officer", tenant_id=elsewhere)
        foreign_ngo = scene.person("ngo_member", tenant_id=elsewhere, organization_id="org-y")

        for path in (f"/competitions/{competition['id']}", f"/competitions/{draft['id']}"):
            problem(await scene.grants.get(path, headers=outsider), 404)
        announce = f"/competitions/{draft['id']}/announcement"
        problem(await scene.grants.post(announce, headers=outsider), 404)
        offer = offer_content(task_start(competition))
        path = f"/competitions/{competition['id']}/offers"
        # The organization is unknown too, yet the competition's absence is all it learns.
        assert problem(await scene.grants.post(path, json=offer, headers=foreign_ngo), 409)
        listed = ok(await scene.grants.get("/competitions", headers=outsider))
        assert competition["id"] not in {c["id"] for c in listed}

    async def test_an_ngo_does_not_see_drafts_of_competitions(self, scene: Scene) -> None:
        ngo = await scene.ngo()
        draft = await scene.draft_competition()

        problem(await scene.grants.get(f"/competitions/{draft['id']}", headers=ngo.member), 404)
        offer = offer_content(task_start(draft))
        path = f"/competitions/{draft['id']}/offers"
        problem(await scene.grants.post(path, json=offer, headers=ngo.member), 404)


class TestOffersOfOtherNgos:
    async def test_another_ngos_draft_is_not_found(self, scene: Scene) -> None:
        owner, other = await scene.ngo(), await scene.ngo()
        competition = await scene.announced()
        draft = await scene.offer(owner, competition)
        body = offer_content(task_start(competition))

        for answer in (
            await scene.grants.get(f"/offers/{draft['id']}", headers=other.member),
            await scene.grants.put(f"/offers/{draft['id']}", json=body, headers=other.member),
            await scene.grants.post(f"/offers/{draft['id']}/submission", headers=other.member),
            await scene.grants.get(f"/offers/{draft['id']}/document", headers=other.member),
        ):
            problem(answer, 404)
        assert ok(await scene.grants.get("/offers", headers=other.member)) == []
        # Drafts stay the organization's own until submitted, officers included.
        problem(await scene.grants.get(f"/offers/{draft['id']}", headers=scene.officer), 404)


class TestOfferDeadline:
    async def test_after_the_deadline_offers_are_refused(self, scene: Scene) -> None:
        ngo = await scene.ngo()
        competition = await scene.announced()
        draft = await scene.offer(ngo, competition)
        submitted = await scene.submitted(ngo, competition)
        scene.clock.advance(timedelta(days=31))
        body = offer_content(task_start(competition))

        for answer in (
            await scene.grants.post(
                f"/competitions/{competition['id']}/offers", json=body, headers=ngo.member
            ),
            await scene.grants.post(f"/offers/{draft['id']}/submission", headers=ngo.member),
            await scene.grants.put(f"/offers/{draft['id']}", json=body, headers=ngo.member),
            await scene.grants.post(f"/offers/{submitted['id']}/withdrawal", headers=ngo.member),
        ):
            problem(answer, 409)

    async def test_before_it_an_offer_can_be_withdrawn(self, scene: Scene) -> None:
        ngo = await scene.ngo()
        competition = await scene.announced()
        submitted = await scene.submitted(ngo, competition)

        withdrawn = ok(
            await scene.grants.post(f"/offers/{submitted['id']}/withdrawal", headers=ngo.member)
        )

        assert withdrawn["state"] == "withdrawn"
        assert (await scene.event_types(submitted["id"]))[-1] == "pl.ngo.grants.offer.withdrawn"

    async def test_an_offer_breaking_the_terms_is_not_submitted(self, scene: Scene) -> None:
        ngo = await scene.ngo()
        competition = await scene.announced()
        draft = await scene.offer(ngo, competition, grant="4000.00", place="")

        answer = await scene.grants.post(f"/offers/{draft['id']}/submission", headers=ngo.member)

        assert set(error_fields(problem(answer, 422))) == {"place", "requested_grant"}


class TestApplicantStatus:
    async def test_an_inactive_organization_cannot_apply(self, scene: Scene) -> None:
        ngo = await scene.ngo()
        competition = await scene.announced()
        draft = await scene.offer(ngo, competition)
        status = {"status": "suspended", "reason": "Zawieszenie działalności."}
        ok(
            await scene.registry.post(
                f"/organizations/{ngo.id}/status", json=status, headers=scene.officer
            )
        )
        await scene.applicant(ngo.id, status="suspended")

        drafting = await scene.grants.post(
            f"/competitions/{competition['id']}/offers",
            json=offer_content(task_start(competition)),
            headers=ngo.member,
        )
        submitting = await scene.grants.post(
            f"/offers/{draft['id']}/submission", headers=ngo.member
        )

        for answer in (drafting, submitting):
            body = problem(answer, 409)
            assert error_fields(body) == ["organization_id"]
            assert body["errors"][0]["code"] == "organization-inactive"

    async def test_a_self_registered_organization_waits_for_verification(
        self, scene: Scene
    ) -> None:
        competition = await scene.announced()
        newcomer = scene.person("ngo_member")
        body = {"name": "Fundacja Nowa", "legal_form": "foundation", "nip": unique_nip()}
        created = ok(await scene.registry.post("/organizations", json=body, headers=newcomer), 201)
        member = scene.person("ngo_member", organization_id=created["id"])
        await scene.applicant(created["id"], status="active")
        content = offer_content(task_start(competition))
        path = f"/competitions/{competition['id']}/offers"

        answer = await scene.grants.post(path, json=content, headers=member)
        assert problem(answer, 409)["errors"][0]["code"] == "organization-unverified"
        verification = f"/organizations/{created['id']}/verification"
        ok(await scene.registry.post(verification, headers=scene.officer))

        async def verified() -> None:
            assert (await scene.grants.post(path, json=content, headers=member)).status_code == 201

        await eventually(verified)

    async def test_an_organization_the_registry_does_not_know_cannot_apply(
        self, scene: Scene
    ) -> None:
        competition = await scene.announced()
        stranger = scene.person("ngo_member", organization_id="not-registered")

        answer = await scene.grants.post(
            f"/competitions/{competition['id']}/offers",
            json=offer_content(task_start(competition)),
            headers=stranger,
        )

        assert problem(answer, 409)["errors"][0]["code"] == "organization-unknown"


class TestCommittee:
    async def test_a_member_never_scores_an_offer_of_their_own_organization(
        self, scene: Scene
    ) -> None:
        competition, own, other, first, _ = await _two_accepted(scene)
        base = f"/competitions/{competition['id']}/committee"
        members = [
            {"member_id": "delegat", "kind": "ngo_representative", "organization_id": first.id}
        ]
        ok(await scene.grants.post(base, json={"members": members}, headers=scene.officer), 201)
        delegate = scene.person("committee_member", subject="delegat")

        early = await scene.grants.put(
            f"{base}/sheets/{other['id']}", json=score_sheet(10, 5), headers=delegate
        )
        assert problem(early, 409)["member_id"] == "delegat"
        ok(await scene.grants.post(f"{base}/declarations", json={}, headers=delegate))
        answer = await scene.grants.put(
            f"{base}/sheets/{own['id']}", json=score_sheet(10, 5), headers=delegate
        )

        problem(answer, 403)
        ok(
            await scene.grants.put(
                f"{base}/sheets/{other['id']}", json=score_sheet(10, 5), headers=delegate
            )
        )

    async def test_points_stay_within_each_criterions_maximum(self, scene: Scene) -> None:
        competition, offer, _, _, _ = await _two_accepted(scene)
        base = f"/competitions/{competition['id']}/committee"
        members = [{"member_id": "urzednik", "kind": "officer"}]
        ok(await scene.grants.post(base, json={"members": members}, headers=scene.officer), 201)
        member = scene.person("committee_member", subject="urzednik")
        ok(await scene.grants.post(f"{base}/declarations", json={}, headers=member))

        answer = await scene.grants.put(
            f"{base}/sheets/{offer['id']}", json=score_sheet(21, 5), headers=member
        )

        assert problem(answer, 422)["errors"][0]["field"] == "body.scores.quality.points"
        outsider = scene.person("committee_member", subject="ktos-inny")
        problem(await scene.grants.get(f"{base}/ranking", headers=outsider), 404)


class TestGrantDecisions:
    async def test_a_grant_cannot_exceed_what_the_offer_asks(self, scene: Scene) -> None:
        competition, offer, _, _, _ = await _two_accepted(scene)

        answer = await scene.grants.put(
            f"/competitions/{competition['id']}/grants/{offer['id']}",
            json={"amount": "20000.01"},
            headers=scene.officer,
        )

        body = problem(answer, 422)
        assert [(e["field"], e["code"]) for e in body["errors"]] == [
            ("body.amount", "grant-above-requested")
        ]

    async def test_the_grants_cannot_exceed_the_competitions_funds(self, scene: Scene) -> None:
        competition, first, second, _, _ = await _two_accepted(
            scene, total_funds="30000.00", max_grant="25000.00"
        )
        base = f"/competitions/{competition['id']}/grants"
        ok(
            await scene.grants.put(
                f"{base}/{first['id']}", json={"amount": "20000.00"}, headers=scene.officer
            )
        )

        answer = await scene.grants.put(
            f"{base}/{second['id']}", json={"amount": "15000.00"}, headers=scene.officer
        )

        body = problem(answer, 422)
        assert [(e["field"], e["code"]) for e in body["errors"]] == [
            ("body.amount", "grants-above-funds")
        ]
        assert "10000.00" in body["errors"][0]["message"]

    async def test_results_wait_for_every_decision(self, scene: Scene) -> None:
        competition, first, second, _, _ = await _two_accepted(scene)
        ok(
            await scene.grants.put(
                f"/competitions/{competition['id']}/grants/{first['id']}",
                json={"amount": "10000.00"},
                headers=scene.officer,
            )
        )

        answer = await scene.grants.post(
            f"/competitions/{competition['id']}/results", headers=scene.officer
        )

        assert problem(answer, 409)["offer_ids"] == [second["id"]]


class TestFormalReview:
    async def test_a_rejection_needs_a_reason(self, scene: Scene) -> None:
        ngo = await scene.ngo()
        competition = await scene.announced()
        offer = await scene.submitted(ngo, competition)
        await scene.in_review(competition)
        checklist = ok(await scene.grants.get("/formal-review/checklist"))
        answers = {item["code"]: item["code"] != "on_time" for item in checklist}
        path = f"/offers/{offer['id']}/formal-review"

        answer = await scene.grants.put(path, json={"answers": answers}, headers=scene.officer)
        assert error_fields(problem(answer, 422)) == ["reason"]
        rejected = ok(
            await scene.grants.put(
                path, json={"answers": answers, "reason": "Po terminie."}, headers=scene.officer
            )
        )

        assert rejected["state"] == "formally_rejected"
        assert rejected["formal_review"]["failed_checks"] == ["on_time"]
        seen = ok(await scene.grants.get(f"/offers/{offer['id']}", headers=ngo.member))
        assert seen["formal_review"]["reason"] == "Po terminie."
