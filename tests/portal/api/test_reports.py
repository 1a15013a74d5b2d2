"""An NGO member's agreements and their reports (annex 5): fill, save, submit, the decision."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tests.grants.scene import Ngo, Scene
from tests.portal.conftest import PortalClient
from tests.portal.scenes import resolved_competition, signed_agreement
from tests.support.http import ok

FILLED = {
    "narrative": "Piknik odbył się w parku; przyszło 120 sąsiadów.",
    "results.0.achieved_value": "120",
    "expenses.0.grant": "7 500,00",
    "expenses.0.own_financial": "500",
    "expenses.0.in_kind": "",
    "expenses.0.volunteer_work": "",
}


async def _started(portal: PortalClient, agreement_id: str) -> str:
    page = f"/agreements/{agreement_id}"
    answer = await portal.submit(f"{page}/reports", {"obligation": "final"}, page=page)
    assert answer.status_code == 303, answer.text
    found = re.fullmatch(r"/reports/([^/?]+)", answer.headers["location"])
    assert found
    return found.group(1)


async def _draft_report(portal: PortalClient, scene: Scene, name: str) -> tuple[Ngo, str]:
    """Sign in as a member of a new organization with a signed agreement; start its report."""
    ngo = await scene.ngo(name)
    agreement = await signed_agreement(scene, ngo)
    await portal.sign_in(f"ngo-{ngo.id}")
    return ngo, f"/reports/{await _started(portal, agreement['id'])}"


class TestAgreements:
    async def test_lists_my_agreements_and_the_report_each_owes(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo("Stowarzyszenie Umowne")
        agreement = await signed_agreement(scene, ngo)
        await portal.sign_in(f"ngo-{ngo.id}")

        listed = await portal.get("/agreements")
        page = await portal.get(f"/agreements/{agreement['id']}")

        assert f'href="/agreements/{agreement["id"]}"' in listed.text
        assert "8\u00a0000,00\u00a0zł" in listed.text
        assert "sprawozdanie końcowe" in page.text
        assert "Rozpocznij sprawozdanie" in page.text

    async def test_another_organization_gets_no_page(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        agreement = await signed_agreement(scene, await scene.ngo("Fundacja Cudza Umowa"))
        other = await scene.ngo("Fundacja Wścibska")
        await portal.sign_in(f"ngo-{other.id}")

        assert (await portal.get(f"/agreements/{agreement['id']}")).status_code == 404


class TestReport:
    async def test_saves_submits_and_shows_the_officers_decision(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo, path = await _draft_report(portal, scene, "Stowarzyszenie Sprawozdawcze")

        saved = await portal.submit(path, {**FILLED, "action": "save"}, page=path)
        assert saved.status_code == 303, saved.text
        assert saved.headers["location"] == f"{path}?saved=1"
        stored = ok(await scene.grants.get(path, headers=ngo.member))
        assert stored["state"] == "draft"
        assert stored["expenses"][0]["grant"] == "7500.00"  # typed the Polish way
        assert stored["results"] == [{"name": "Uczestnicy", "achieved_value": "120"}]

        submitted = await portal.submit(path, {**FILLED, "action": "submit"}, page=path)
        assert submitted.status_code == 303, submitted.text
        assert submitted.headers["location"] == f"{path}?submitted=1"
        page = await portal.get(f"{path}?submitted=1")
        assert "Urzędnik je przyjmie albo zwróci z uwagami." in page.text
        assert "złożone, czeka na decyzję urzędnika" in page.text
        assert 'name="narrative"' not in page.text  # no form once handed in

        remarks = {"remarks": "Brakuje opisu działań w parku."}
        ok(await scene.grants.post(f"{path}/return", json=remarks, headers=scene.officer))
        returned = await portal.get(path)
        assert "zwrócone do poprawy" in returned.text
        assert "Brakuje opisu działań w parku." in returned.text
        await portal.submit(path, {**FILLED, "action": "submit"}, page=path)
        ok(await scene.grants.post(f"{path}/acceptance", headers=scene.officer))
        accepted = (await portal.get(f"{path}?submitted=1")).text  # the redirect's address
        assert "Urzędnik przyjął sprawozdanie." in accepted
        assert "Urzędnik je przyjmie albo zwróci" not in accepted  # decided: no "will decide"

    async def test_a_wrong_amount_shows_at_its_field_and_nothing_is_saved(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo, path = await _draft_report(portal, scene, "Fundacja Rachunkowa")

        answer = await portal.submit(
            path, {**FILLED, "expenses.0.grant": "dużo", "action": "save"}, page=path
        )

        assert answer.status_code == 422
        assert 'href="#f-expenses-0-grant"' in answer.text
        assert 'value="dużo"' in answer.text
        stored = ok(await scene.grants.get(path, headers=ngo.member))
        assert stored["narrative"] == ""

    async def test_an_overspent_grant_is_refused_at_submission(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo, path = await _draft_report(portal, scene, "Fundacja Rozrzutna")

        answer = await portal.submit(
            path, {**FILLED, "expenses.0.grant": "9000", "action": "submit"}, page=path
        )

        assert answer.status_code == 422
        assert 'href="#f-expenses"' in answer.text
        stored = ok(await scene.grants.get(path, headers=ngo.member))
        assert stored["state"] == "draft"


class TestPartialReport:
    async def test_a_partial_report_needs_its_period_shown_at_the_field(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo("Stowarzyszenie Częściowe")
        _, offer = await resolved_competition(scene, ngo)
        start = date.fromisoformat(offer["content"]["task_period"]["start"])
        body = {
            "offer_id": offer["id"],
            "partial_report_due_dates": [str(start + timedelta(days=40))],
        }
        agreement = ok(
            await scene.grants.post("/agreements", json=body, headers=scene.officer), 201
        )
        ok(
            await scene.grants.post(
                f"/agreements/{agreement['id']}/signature", headers=scene.officer
            )
        )
        await portal.sign_in(f"ngo-{ngo.id}")
        page = f"/agreements/{agreement['id']}"

        missing = await portal.submit(f"{page}/reports", {"obligation": "partial-1"}, page=page)
        period = {"period.start": str(start), "period.end": str(start + timedelta(days=30))}
        started = await portal.submit(
            f"{page}/reports", {"obligation": "partial-1", **period}, page=page
        )

        assert missing.status_code == 422
        assert re.search(r'href="#f-period(-start)?"', missing.text)
        assert 'id="f-period-start"' in missing.text
        assert started.status_code == 303
        report = ok(await scene.grants.get(started.headers["location"], headers=ngo.member))
        assert (report["kind"], report["period"]["start"]) == ("partial", str(start))
