"""A whole open competition through the HTTP API, with real tokens and real registry events.

Announce, two NGOs submit, formal review, three committee members score, ranking, grants
decided, results published, agreement signed, final report returned once and then accepted;
every state change leaves its event in grants' outbox, and the relay puts them on Kafka.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

from tests.grants.bodies import offer_content, report_contents, score_sheet
from tests.grants.scene import Json, Ngo, Scene, ok, task_start
from tests.support.kafka import headers_of, read_topic
from tests.support.polling import eventually

OFFICER_MEMBER, SECOND_OFFICER, NGO_DELEGATE = "kom-urzednik", "kom-skarbnik", "kom-delegat"


async def _announce_and_collect_offers(scene: Scene, first: Ngo, second: Ngo) -> dict[str, Any]:
    competition = await scene.announced(title="Aktywny senior 2027")
    assert competition["state"] == "announced"

    # The first NGO drafts too big a grant; the server names the breach while it edits.
    body = offer_content(task_start(competition), grant="45000.00")
    path = f"/competitions/{competition['id']}/offers"
    draft = ok(await scene.grants.post(path, json=body, headers=first.member), 201)
    # Every breach by field: too big a grant, so too small an own contribution too.
    assert {(b["field"], b["code"]) for b in draft["breaches"]} == {
        ("budget.requested_grant", "grant-above-maximum"),
        ("budget.own_contribution", "own-contribution-too-low"),
        ("budget.own_financial", "own-contribution-too-low"),
    }

    fixed = offer_content(task_start(competition), grant="20000.00")
    edited = ok(await scene.grants.put(f"/offers/{draft['id']}", json=fixed, headers=first.member))
    assert edited["breaches"] == []
    assert edited["totals"] == {
        "requested_grant": "20000.00",
        "own_financial": "2000.00",
        "own_non_financial": "1000.00",
        "own_contribution": "3000.00",
        "total_cost": "23000.00",
        "own_contribution_percent": "13.04",
    }
    # A colleague from the same organization submits what the first member prepared.
    colleague = scene.person("ngo_member", organization_id=first.id)
    submitted = ok(await scene.grants.post(f"/offers/{draft['id']}/submission", headers=colleague))
    assert submitted["state"] == "submitted"
    await scene.submitted(second, competition, grant="18000.00")
    return competition


async def _review(scene: Scene, competition: dict[str, Any], delegate_org: Ngo) -> list[Json]:
    await scene.in_review(competition)
    offers = ok(
        await scene.grants.get(f"/competitions/{competition['id']}/offers", headers=scene.officer)
    )
    assert len(offers) == 2
    for offer in offers:
        reviewed = await scene.accept_formally(offer)
        assert reviewed["state"] == "formally_accepted"

    members = [
        {"member_id": OFFICER_MEMBER, "kind": "officer"},
        {"member_id": SECOND_OFFICER, "kind": "officer"},
        {
            "member_id": NGO_DELEGATE,
            "kind": "ngo_representative",
            "organization_id": delegate_org.id,
        },
    ]
    path = f"/competitions/{competition['id']}/committee"
    ok(await scene.grants.post(path, json={"members": members}, headers=scene.officer), 201)
    return offers


async def _score(scene: Scene, competition: dict[str, Any], by_org: dict[str, str]) -> None:
    base = f"/competitions/{competition['id']}/committee"
    points = {
        OFFICER_MEMBER: (18, 9, 12, 6),
        SECOND_OFFICER: (16, 8, 14, 7),
        NGO_DELEGATE: (17, 9, 11, 5),
    }
    for member, (q1, b1, q2, b2) in points.items():
        headers = scene.person("committee_member", subject=member)
        ok(await scene.grants.post(f"{base}/declarations", json={}, headers=headers))
        first, second = by_org["first"], by_org["second"]
        ok(
            await scene.grants.put(
                f"{base}/sheets/{first}", json=score_sheet(q1, b1), headers=headers
            )
        )
        ok(
            await scene.grants.put(
                f"{base}/sheets/{second}", json=score_sheet(q2, b2), headers=headers
            )
        )


async def _check_ranking(scene: Scene, competition: dict[str, Any], by_org: dict[str, str]) -> None:
    base = f"/competitions/{competition['id']}/committee"
    member = scene.person("committee_member", subject=NGO_DELEGATE)
    ranking = ok(await scene.grants.get(f"{base}/ranking", headers=member))
    assert [(o["offer_id"], o["mean_points"]) for o in ranking["offers"]] == [
        (by_org["first"], "25.67"),
        (by_org["second"], "18.33"),
    ]
    assert ranking["offers"][0]["member_totals"] == {
        OFFICER_MEMBER: "27",
        SECOND_OFFICER: "24",
        NGO_DELEGATE: "26",
    }

    sheets = await scene.grants.get(
        f"{base}/sheets.csv", params={"member_id": SECOND_OFFICER}, headers=scene.officer
    )
    assert sheets.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(sheets.text)))
    assert {r["member_id"] for r in rows} == {SECOND_OFFICER}
    assert len(rows) == 4 and {r["criterion"] for r in rows} == {"quality", "budget"}

    totals = list(
        csv.DictReader(
            io.StringIO((await scene.grants.get(f"{base}/ranking.csv", headers=scene.officer)).text)
        )
    )
    assert [(r["rank"], r["mean_points"], r[f"total_{OFFICER_MEMBER}"]) for r in totals] == [
        ("1", "25.67", "27"),
        ("2", "18.33", "18"),
    ]


async def _decide_and_publish(
    scene: Scene, competition: dict[str, Any], by_org: dict[str, str]
) -> None:
    base = f"/competitions/{competition['id']}"
    for offer_id, amount in ((by_org["first"], "20000.00"), (by_org["second"], "15000.00")):
        ok(
            await scene.grants.put(
                f"{base}/grants/{offer_id}", json={"amount": amount}, headers=scene.officer
            )
        )
    resolved = ok(await scene.grants.post(f"{base}/results", headers=scene.officer))
    assert resolved["state"] == "resolved"
    assert (resolved["granted_total"], resolved["funds_left"]) == ("35000.00", "65000.00")

    [published] = ok(await scene.grants.get(f"/public/municipalities/{scene.tenant_id}/results"))
    assert published["competition_id"] == competition["id"]
    assert [(r["offer_id"], r["granted_amount"]) for r in published["results"]] == [
        (by_org["first"], "20000.00"),
        (by_org["second"], "15000.00"),
    ]
    feed = await scene.grants.get(f"/public/municipalities/{scene.tenant_id}/results.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    assert "Aktywny senior 2027" in feed.text and "20000.00 PLN" in feed.text


async def _agreements(scene: Scene, by_org: dict[str, str]) -> tuple[Json, Json]:
    body = {
        "offer_id": by_org["first"],
        "representatives": {"municipality": ["Wójt Gminy"], "organization": ["Prezes zarządu"]},
    }
    prepared = ok(await scene.grants.post("/agreements", json=body, headers=scene.officer), 201)
    assert prepared["state"] == "prepared" and prepared["amount"] == "20000.00"
    assert [p["organization_id"] for p in prepared["parties"]] == [
        None,
        prepared["organization_id"],
    ]
    signed = ok(
        await scene.grants.post(f"/agreements/{prepared['id']}/signature", headers=scene.officer)
    )
    assert signed["state"] == "signed"

    # The second offer got less than it asked for: the budget is updated before signing.
    lower = ok(
        await scene.grants.post(
            "/agreements", json={"offer_id": by_org["second"]}, headers=scene.officer
        ),
        201,
    )
    assert lower["needs_updated_budget"] is True
    refused = await scene.grants.post(f"/agreements/{lower['id']}/signature", headers=scene.officer)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "updated_budget"
    line = {**lower["budget"]["lines"][0], "requested_grant": "15000.00"}
    ok(
        await scene.grants.put(
            f"/agreements/{lower['id']}/budget", json={"lines": [line]}, headers=scene.officer
        )
    )
    ok(await scene.grants.post(f"/agreements/{lower['id']}/signature", headers=scene.officer))
    return signed, lower


async def _final_report(scene: Scene, agreement: dict[str, Any], ngo: Ngo) -> dict[str, Any]:
    # Past the task's end, inside the week before the report is due: a reminder is raised.
    task_end = date.fromisoformat(agreement["task_period"]["end"])
    scene.clock.advance(timedelta(days=(task_end - scene.clock.now().date()).days + 25))
    await eventually(
        lambda: _has_event(scene, agreement["id"], "pl.ngo.grants.agreement.report_due")
    )

    path = f"/agreements/{agreement['id']}/reports"
    report = ok(
        await scene.grants.post(path, json={"obligation": "final"}, headers=ngo.member), 201
    )
    ok(
        await scene.grants.put(
            f"/reports/{report['id']}", json=report_contents(), headers=ngo.member
        )
    )
    ok(await scene.grants.post(f"/reports/{report['id']}/submission", headers=ngo.member))
    remarks = {"remarks": "Dołącz listy obecności."}
    returned = ok(
        await scene.grants.post(
            f"/reports/{report['id']}/return", json=remarks, headers=scene.officer
        )
    )
    assert (returned["state"], returned["remarks"]) == ("returned", "Dołącz listy obecności.")
    ok(
        await scene.grants.put(
            f"/reports/{report['id']}", json=report_contents(), headers=ngo.member
        )
    )
    ok(await scene.grants.post(f"/reports/{report['id']}/submission", headers=ngo.member))
    accepted = ok(
        await scene.grants.post(f"/reports/{report['id']}/acceptance", headers=scene.officer)
    )
    assert accepted["state"] == "accepted"
    settled = ok(await scene.grants.get(f"/agreements/{agreement['id']}", headers=ngo.member))
    assert settled["state"] == "settled"
    return accepted


async def _print_report(scene: Scene, report: dict[str, Any], ngo: Ngo) -> None:
    document = await scene.grants.get(f"/reports/{report['id']}/document", headers=ngo.member)
    assert document.status_code == 200, document.text
    for text in (
        "Załącznik nr 5",
        "Sprawozdanie z wykonania zadania publicznego",
        "końcowe",
        "Senior w ruchu",
        "Uczestnicy",
        "19\u00a0000,00\u00a0zł",
    ):
        assert text in document.text, text


async def _has_event(scene: Scene, key: str, event_type: str) -> None:
    assert event_type in await scene.event_types(key)


class TestFullCompetition:
    async def test_from_announcement_to_settlement(self, scene: Scene) -> None:
        first = await scene.ngo("Stowarzyszenie Aktywni Seniorzy")
        second = await scene.ngo("Fundacja Złota Jesień")
        delegate_org = await scene.ngo("Stowarzyszenie Sąsiedzkie")

        competition = await _announce_and_collect_offers(scene, first, second)
        offers = await _review(scene, competition, delegate_org)
        by_org = {
            "first": next(o["id"] for o in offers if o["organization_id"] == first.id),
            "second": next(o["id"] for o in offers if o["organization_id"] == second.id),
        }
        await _score(scene, competition, by_org)
        await _check_ranking(scene, competition, by_org)
        await _decide_and_publish(scene, competition, by_org)
        agreement, lower = await _agreements(scene, by_org)
        report = await _final_report(scene, agreement, first)
        await _print_report(scene, report, first)
        # The second organization never reports: a week later its report is overdue.
        scene.clock.advance(timedelta(days=7))
        overdue = "pl.ngo.grants.agreement.report_overdue"
        await eventually(lambda: _has_event(scene, lower["id"], overdue))
        archive = f"/competitions/{competition['id']}/archive"
        assert ok(await scene.grants.post(archive, headers=scene.officer))["state"] == "archived"

        assert await scene.event_types(competition["id"]) == [
            "pl.ngo.grants.competition.drafted",
            "pl.ngo.grants.competition.announced",
            "pl.ngo.grants.competition.closed",
            "pl.ngo.grants.competition.review_started",
            "pl.ngo.grants.competition.grant_decided",
            "pl.ngo.grants.competition.grant_decided",
            "pl.ngo.grants.competition.results_published",
            "pl.ngo.grants.competition.archived",
        ]
        assert await scene.event_types(by_org["first"]) == [
            "pl.ngo.grants.offer.drafted",
            "pl.ngo.grants.offer.revised",
            "pl.ngo.grants.offer.submitted",
            "pl.ngo.grants.offer.formally_reviewed",
        ]
        committee = ok(
            await scene.grants.get(
                f"/competitions/{competition['id']}/committee", headers=scene.officer
            )
        )
        committee_events = await scene.event_types(committee["id"])
        assert committee_events[0] == "pl.ngo.grants.committee.appointed"
        assert committee_events.count("pl.ngo.grants.committee.impartiality_declared") == 3
        assert committee_events.count("pl.ngo.grants.committee.offer_scored") == 6
        assert await scene.event_types(agreement["id"]) == [
            "pl.ngo.grants.agreement.prepared",
            "pl.ngo.grants.agreement.signed",
            "pl.ngo.grants.agreement.report_due",
            "pl.ngo.grants.agreement.settled",
        ]
        assert await scene.event_types(lower["id"]) == [
            "pl.ngo.grants.agreement.prepared",
            "pl.ngo.grants.agreement.budget_updated",
            "pl.ngo.grants.agreement.signed",
            "pl.ngo.grants.agreement.report_due",
            "pl.ngo.grants.agreement.report_overdue",
        ]
        assert await scene.event_types(report["id"]) == [
            "pl.ngo.grants.report.drafted",
            "pl.ngo.grants.report.revised",
            "pl.ngo.grants.report.submitted",
            "pl.ngo.grants.report.returned",
            "pl.ngo.grants.report.revised",
            "pl.ngo.grants.report.submitted",
            "pl.ngo.grants.report.accepted",
        ]
        await _relayed_to_kafka(scene, competition["id"])

    async def test_the_offer_and_report_print_as_the_statutory_forms(self, scene: Scene) -> None:
        ngo = await scene.ngo("Fundacja Pełna Ofert")
        competition = await scene.announced()
        offer = await scene.submitted(ngo, competition)

        document = await scene.grants.get(f"/offers/{offer['id']}/document", headers=ngo.member)

        assert document.status_code == 200
        assert document.headers["content-type"].startswith("text/html")
        page = document.text
        for text in (
            "Załącznik nr 1",
            "Dz.U. 2018 poz. 2057",
            "Oferta realizacji zadania publicznego",
            "Fundacja Pełna Ofert",
            "Senior w ruchu",
            "V.B Źródła finansowania kosztów realizacji zadania",
            "20\u00a0000,00\u00a0zł",
            f"Gmina {scene.tenant_id}",
        ):
            assert text in page, text


async def _relayed_to_kafka(scene: Scene, competition_id: str) -> None:
    async def published() -> None:
        pending = await scene.grants.database["outbox"].count_documents({})
        assert pending == 0

    await eventually(published)
    settings = scene.grants.runtime.settings
    records = await read_topic(
        settings.kafka_bootstrap_servers, settings.topic("grants.competition.v1")
    )
    types = [headers_of(r)["ce_type"] for r in records if r.key == competition_id.encode()]
    assert types[-1] == "pl.ngo.grants.competition.archived"
    assert len(types) == 8
