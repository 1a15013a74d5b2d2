"""A consultation through the HTTP API: opened, commented, closed, answered and reported."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from services.consultations.services import ConsultationServices
from shared.contracts.consultations import COMMENT_TOPIC, CONSULTATION_TOPIC, REPORT_TOPIC
from tests.consultations.conftest import Headers, comment_payload, events_about, open_consultation
from tests.support.http import ok, problem
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.services import ServiceClient

CONSULTATION = "pl.ngo.consultations.consultation"


def closing_job(consultations: ServiceClient) -> ConsultationServices:
    """Return the use cases whose `close_due` the periodic job runs."""
    job: ConsultationServices = consultations.app.state.services.consultations
    return job


async def answer(
    consultations: ServiceClient, officer: Headers, comment: dict[str, Any], verdict: str
) -> Any:
    return await consultations.put(
        f"/consultations/{comment['consultation_id']}/comments/{comment['id']}/answer",
        json={"verdict": verdict, "justification": f"Stanowisko: {verdict}."},
        headers=officer,
    )


class TestConsultationFromOpeningToReport:
    async def test_two_ngos_and_a_resident_take_part_and_the_report_is_published(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        ends_at = datetime.now(UTC) + timedelta(days=1)
        consultation = await open_consultation(consultations, officer, ends_at=ends_at.isoformat())
        path = f"/consultations/{consultation['id']}"
        ngo_a = person(tenant_id, "ngo_member", organization_id="org-seniors")
        # An organization of a neighbouring municipality takes part too: it acts here.
        ngo_b = person(new_tenant_id(), "ngo_member", organization_id="org-sport")
        resident = person(tenant_id)

        comments = [
            ok(await consultations.post(f"{path}/comments", json=body, headers=who), 201)
            for who, body in (
                (ngo_a, comment_payload()),
                (ngo_b, comment_payload(section_number=1, current_wording=None)),
                (resident, comment_payload(section_number=3, proposed_wording="1 000 000 zł")),
            )
        ]
        ok(
            await consultations.post(
                f"{path}/survey-responses",
                json={"answers": {"1": ["seniorzy"], "2": ["Więcej konsultacji."]}},
                headers=resident,
            ),
            201,
        )
        too_early = await consultations.post(f"{path}/report", headers=officer)

        assert problem(too_early, 409)["reason"] == "consultation-open"
        assert [c["participant_kind"] for c in comments] == [
            "organization",
            "organization",
            "resident",
        ]
        assert ok(await consultations.get(f"{path}/comments", headers=resident)) == [comments[2]]

        closed = await closing_job(consultations).close_due(ends_at + timedelta(seconds=1))
        late = await consultations.post(f"{path}/comments", json=comment_payload(), headers=ngo_a)
        unanswered = await consultations.post(f"{path}/report", headers=officer)

        assert closed >= 1
        assert ok(await consultations.get(path, headers=officer))["state"] == "closed"
        assert problem(late, 409)["reason"] == "consultation-ended"
        refusal = problem(unanswered, 409)
        assert (refusal["reason"], refusal["unanswered"]) == ("comments-unanswered", 3)

        for comment, verdict in zip(
            comments, ("accepted", "partly_accepted", "rejected"), strict=True
        ):
            ok(await answer(consultations, officer, comment, verdict))
        report = ok(await consultations.post(f"{path}/report", headers=officer), 201)

        assert report["participation"] | {"comments_by_kind": None} == {
            "comments": 3,
            "comments_by_kind": None,
            "organizations": 2,
            "residents": 1,
            "accepted": 1,
            "partly_accepted": 1,
            "rejected": 1,
            "survey_responses": 1,
        }
        assert [e["verdict"] for e in report["entries"]] == [
            "partly_accepted",
            "accepted",
            "rejected",
        ]
        assert report["survey"][0]["option_counts"] == {"seniorzy": 1, "sport": 0}
        assert ok(await consultations.get(f"{path}", headers=officer))["state"] == (
            "report_published"
        )
        assert problem(await answer(consultations, officer, comments[0], "rejected"), 409)[
            "reason"
        ] == ("report-published")

    async def test_the_report_is_public_as_json_and_as_a_page_in_polish(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        consultation, comment = await _reported(consultations, officer, person, tenant_id)
        public = f"/public/municipalities/{tenant_id}/consultations/{consultation['id']}"

        report = ok(await consultations.get(f"{public}/report"))
        page = await consultations.get(report["page"])
        listed = ok(await consultations.get(f"/public/municipalities/{tenant_id}/consultations"))

        assert report["entries"][0]["answer_justification"] == "Stanowisko: partly_accepted."
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert "Raport z konsultacji społecznych" in page.text
        assert "uwzględniona częściowo" in page.text
        assert comment["justification"] in page.text
        assert [c["id"] for c in listed] == [consultation["id"]]
        assert listed[0]["state"] == "report_published"
        assert "drafted_by" not in listed[0]

    async def test_every_state_change_is_an_event_on_its_topic(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        consultation, comment = await _reported(consultations, officer, person, tenant_id)

        async def all_relayed() -> dict[str, list[tuple[str, dict[str, Any]]]]:
            found = {
                "consultation": await events_about(
                    consultations, CONSULTATION_TOPIC, {consultation["id"]}
                ),
                "comment": await events_about(consultations, COMMENT_TOPIC, {comment["id"]}),
                "report": await events_about(consultations, REPORT_TOPIC, {consultation["id"]}),
            }
            assert [len(events) for events in found.values()] == [3, 2, 1]
            return found

        found = await eventually(all_relayed)

        assert [t for t, _ in found["consultation"]] == [
            f"{CONSULTATION}.drafted",
            f"{CONSULTATION}.opened",
            f"{CONSULTATION}.closed",
        ]
        assert [t for t, _ in found["comment"]] == [
            "pl.ngo.consultations.comment.submitted",
            "pl.ngo.consultations.comment.answered",
        ]
        ((_, published),) = found["report"]
        assert (published["comments"], published["organizations"]) == (1, 1)

    async def test_monitoring_counts_the_consultation_as_it_happens(
        self,
        consultations: ServiceClient,
        officer: Headers,
        person: Callable[..., Headers],
        tenant_id: str,
    ) -> None:
        await _reported(consultations, officer, person, tenant_id)
        year = datetime.now(UTC).year

        figures = ok(
            await consultations.get(
                f"/monitoring/municipalities/{tenant_id}/years/{year}", headers=officer
            )
        )

        assert (figures["consultations_held"], figures["consultations_with_organizations"]) == (
            1,
            1,
        )
        assert (figures["comments"], figures["comments_partly_accepted"]) == (1, 1)
        [organization] = figures["organizations"]
        assert (organization["organization_id"], organization["comments"]) == ("org-one", 1)


async def _reported(
    consultations: ServiceClient,
    officer: Headers,
    person: Callable[..., Headers],
    tenant_id: str,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run a consultation of the officer's municipality with one NGO comment to its report."""
    ends_at = datetime.now(UTC) + timedelta(hours=2)
    consultation = await open_consultation(consultations, officer, ends_at=ends_at.isoformat())
    path = f"/consultations/{consultation['id']}"
    ngo = person(tenant_id, "ngo_member", organization_id="org-one")
    comment = ok(
        await consultations.post(f"{path}/comments", json=comment_payload(), headers=ngo), 201
    )
    await closing_job(consultations).close_due(ends_at + timedelta(seconds=1))
    ok(await answer(consultations, officer, comment, "partly_accepted"))
    ok(await consultations.post(f"{path}/report", headers=officer), 201)
    return consultation, comment
