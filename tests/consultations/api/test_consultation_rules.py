"""Each rule of consultations refuses with a problem naming the field or reason; tenants apart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from shared.contracts.registry import TenantOnboarded
from tests.consultations.conftest import (
    Headers,
    comment_payload,
    open_consultation,
    publish,
    record_of,
    terms_payload,
)
from tests.support.http import error_fields, ok, problem
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.services import ServiceClient


async def draft(consultations: ServiceClient, officer: Headers, **overrides: Any) -> Any:
    return await consultations.post(
        "/consultations", json=terms_payload(**overrides), headers=officer
    )


class TestDraftRules:
    async def test_names_every_broken_field(
        self, consultations: ServiceClient, officer: Headers
    ) -> None:
        now = datetime.now(UTC)
        answer = await draft(
            consultations,
            officer,
            title=" ",
            programme_year=...,
            starts_at=now.isoformat(),
            ends_at=(now - timedelta(days=1)).isoformat(),
            audiences=[],
        )

        body = problem(answer, 422)
        assert set(error_fields(body)) >= {"title", "programme_year", "ends_at", "audiences"}

    async def test_a_time_without_its_zone_is_refused(
        self, consultations: ServiceClient, officer: Headers
    ) -> None:
        answer = await draft(consultations, officer, starts_at="2030-01-01T10:00:00")

        body = problem(answer, 422)
        assert error_fields(body) == ["starts_at"]
        assert body["errors"][0]["code"] == "timezone-required"

    async def test_a_malformed_body_names_the_field(
        self, consultations: ServiceClient, officer: Headers
    ) -> None:
        answer = await draft(consultations, officer, kind="budget", audiences=["aliens"])

        assert set(error_fields(problem(answer, 422))) == {"kind", "0"}

    async def test_warns_when_the_programme_could_not_be_adopted_by_30_november(
        self, consultations: ServiceClient, officer: Headers
    ) -> None:
        now = datetime.now(UTC)
        # Ending a year before the 30 November of the year before the programme leaves time.
        on_time = ok(await draft(consultations, officer, programme_year=now.year + 2), 201)
        late = ok(
            await draft(
                consultations,
                officer,
                programme_year=now.year + 1,
                ends_at=datetime(now.year, 11, 29, 12, tzinfo=UTC).isoformat(),
                starts_at=datetime(now.year, 11, 1, 8, tzinfo=UTC).isoformat(),
                forms={"written_comments": True},
            ),
            201,
        )

        assert on_time["warnings"] == []
        assert [w["code"] for w in late["warnings"]] == ["programme-adoption-at-risk"]
        assert "30.11" in late["warnings"][0]["message"]

    async def test_revising_checks_and_rewarns_and_stops_once_opened(
        self, consultations: ServiceClient, officer: Headers
    ) -> None:
        drafted = ok(await draft(consultations, officer), 201)
        path = f"/consultations/{drafted['id']}"
        short_end = datetime.now(UTC) + timedelta(days=2)

        revised = ok(
            await consultations.put(
                f"{path}/terms",
                json=terms_payload(title="Nowy tytuł", ends_at=short_end.isoformat()),
                headers=officer,
            )
        )
        invalid = await consultations.put(
            f"{path}/terms", json=terms_payload(title=""), headers=officer
        )
        ok(await consultations.post(f"{path}/open", headers=officer))
        too_late = await consultations.put(f"{path}/terms", json=terms_payload(), headers=officer)

        assert revised["title"] == "Nowy tytuł"
        assert [w["code"] for w in revised["warnings"]] == ["consultation-short"]
        assert error_fields(problem(invalid, 422)) == ["title"]
        assert problem(too_late, 409)["reason"] == "consultation-open"

    async def test_only_an_officer_drafts(
        self, consultations: ServiceClient, person: Callable[..., Headers], tenant_id: str
    ) -> None:
        member = person(tenant_id, "ngo_member", organization_id="org-1")

        problem(await draft(consultations, member), 403)
        problem(await consultations.post("/consultations", json=terms_payload()), 401)


class TestTenantIsolation:
    async def test_another_municipalitys_consultation_is_not_found(
        self, consultations: ServiceClient, officer: Headers, person: Callable[..., Headers]
    ) -> None:
        consultation = await open_consultation(consultations, officer)
        path = f"/consultations/{consultation['id']}"
        stranger = person(new_tenant_id(), "tenant_officer")
        ngo = person(new_tenant_id(), "ngo_member", organization_id="org-x")
        comment = ok(
            await consultations.post(f"{path}/comments", json=comment_payload(), headers=ngo), 201
        )

        for answer in (
            await consultations.get(path, headers=stranger),
            await consultations.put(f"{path}/terms", json=terms_payload(), headers=stranger),
            await consultations.post(f"{path}/open", headers=stranger),
            await consultations.get(f"{path}/comments", headers=stranger),
            await consultations.put(
                f"{path}/comments/{comment['id']}/answer",
                json={"verdict": "accepted", "justification": "Tak."},
                headers=stranger,
            ),
            await consultations.post(f"{path}/report", headers=stranger),
            await consultations.get(
                f"/public/municipalities/{new_tenant_id()}/consultations/{consultation['id']}"
            ),
        ):
            problem(answer, 404)
        assert ok(await consultations.get("/consultations", headers=stranger)) == []

    async def test_a_draft_is_not_public_and_takes_no_comments(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        drafted = ok(await draft(consultations, officer), 201)
        resident = person(tenant_id)

        problem(
            await consultations.get(
                f"/public/municipalities/{tenant_id}/consultations/{drafted['id']}"
            ),
            404,
        )
        problem(
            await consultations.post(
                f"/consultations/{drafted['id']}/comments", json=comment_payload(), headers=resident
            ),
            404,
        )
        assert (
            ok(await consultations.get(f"/public/municipalities/{tenant_id}/consultations")) == []
        )


class TestSupportCentre:
    async def test_sees_its_members_opened_consultations_but_not_their_drafts(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        opened = await open_consultation(consultations, officer)
        drafted = ok(await draft(consultations, officer), 201)
        centre_id = f"centre-{tenant_id[:2]}-consultations-{tenant_id}"
        onboarded = TenantOnboarded(
            tenant_id=centre_id,
            name="Centrum NGO",
            kind="support_centre",
            member_ids=[tenant_id],
            onboarded_at=datetime.now(UTC),
        )
        await publish(
            consultations,
            record_of(consultations, onboarded, tenant_id=centre_id, source="registry"),
        )
        staff = person(centre_id, "centre_staff")

        async def listed() -> list[str]:
            found = [c["id"] for c in ok(await consultations.get("/consultations", headers=staff))]
            assert found
            return found

        assert await eventually(listed) == [opened["id"]]
        ok(await consultations.get(f"/consultations/{opened['id']}", headers=staff))
        problem(await consultations.get(f"/consultations/{drafted['id']}", headers=staff), 404)


class TestWhoTakesPart:
    async def test_staff_do_not_comment_and_residents_comment_at_home(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
    ) -> None:
        consultation = await open_consultation(consultations, officer)
        path = f"/consultations/{consultation['id']}/comments"
        elsewhere = person(new_tenant_id())
        member_without_organization = person(new_tenant_id(), "ngo_member")

        problem(await consultations.post(path, json=comment_payload(), headers=officer), 403)
        problem(await consultations.post(path, json=comment_payload(), headers=elsewhere), 403)
        problem(
            await consultations.post(
                path, json=comment_payload(), headers=member_without_organization
            ),
            403,
        )

    async def test_a_group_not_invited_is_refused(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        consultation = await open_consultation(consultations, officer, audiences=["ngos"])

        refused = await consultations.post(
            f"/consultations/{consultation['id']}/comments",
            json=comment_payload(),
            headers=person(tenant_id),
        )

        problem(refused, 403)

    async def test_a_council_member_on_the_officers_list_speaks_as_the_council(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        member_id = f"council-member-{tenant_id}"
        council = ok(
            await consultations.put("/council", json={"members": [member_id]}, headers=officer)
        )
        consultation = await open_consultation(
            consultations, officer, audiences=["public_benefit_council"]
        )
        path = f"/consultations/{consultation['id']}/comments"
        body = comment_payload(as_council_member=True)

        spoken = ok(
            await consultations.post(path, json=body, headers=person(tenant_id, subject=member_id)),
            201,
        )
        refused = await consultations.post(path, json=body, headers=person(tenant_id))

        assert council["members"] == [member_id]
        assert spoken["participant_kind"] == "public_benefit_council"
        problem(refused, 403)


class TestCommentRules:
    async def test_names_the_section_and_the_missing_wording(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        consultation = await open_consultation(consultations, officer)
        path = f"/consultations/{consultation['id']}/comments"
        ngo = person(tenant_id, "ngo_member", organization_id="org-1")
        body = comment_payload(section_number=99, current_wording=None, proposed_wording=" ")

        refused = problem(await consultations.post(path, json=body, headers=ngo), 422)
        untyped = problem(
            await consultations.post(path, json={"section_number": "two"}, headers=ngo), 422
        )

        assert error_fields(refused) == ["section_number", "proposed_wording"]
        assert set(error_fields(untyped)) == {"section_number", "justification"}

    async def test_an_answer_needs_a_justification_and_a_known_comment(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        consultation = await open_consultation(consultations, officer)
        path = f"/consultations/{consultation['id']}/comments"
        ngo = person(tenant_id, "ngo_member", organization_id="org-1")
        comment = ok(await consultations.post(path, json=comment_payload(), headers=ngo), 201)

        unjustified = await consultations.put(
            f"{path}/{comment['id']}/answer",
            json={"verdict": "rejected", "justification": "  "},
            headers=officer,
        )
        unknown = await consultations.put(
            f"{path}/no-such-comment/answer",
            json={"verdict": "rejected", "justification": "Nie."},
            headers=officer,
        )
        bad_verdict = await consultations.put(
            f"{path}/{comment['id']}/answer",
            json={"verdict": "maybe", "justification": "Hm."},
            headers=officer,
        )

        assert error_fields(problem(unjustified, 422)) == ["justification"]
        problem(unknown, 404)
        assert error_fields(problem(bad_verdict, 422)) == ["verdict"]


class TestSurveyRules:
    async def test_one_response_per_person_with_offered_options(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        consultation = await open_consultation(consultations, officer)
        path = f"/consultations/{consultation['id']}/survey-responses"
        resident = person(tenant_id, subject=f"resident-{tenant_id}")

        unknown = await consultations.post(
            path, json={"answers": {"1": ["koszykówka"]}}, headers=resident
        )
        first = ok(
            await consultations.post(path, json={"answers": {"1": ["sport"]}}, headers=resident),
            201,
        )
        again = await consultations.post(path, json={"answers": {"1": ["sport"]}}, headers=resident)

        assert error_fields(problem(unknown, 422)) == ["1"]
        assert first["answers"] == {"1": ["sport"]}
        assert problem(again, 409)["reason"] == "survey-already-answered"
