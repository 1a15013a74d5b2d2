"""The published consultation report: every comment with its answer, on a public page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.portal.bodies import consultation_terms
from tests.portal.conftest import Backends, PortalClient
from tests.support.auth import TokenFactory, bearer
from tests.support.polling import eventually


class TestReportPage:
    async def test_shows_each_comment_with_its_answer(
        self, portal: PortalClient, backends: Backends, token: TokenFactory, tenant_id: str
    ) -> None:
        consultations = backends["consultations"]
        officer = bearer(token(tenant_id=tenant_id, roles=["tenant_officer"]))
        resident = bearer(token(tenant_id=tenant_id, roles=[], subject="resident-report"))
        ends_at = datetime.now(UTC) + timedelta(seconds=2)
        terms = consultation_terms(ends_at=ends_at.isoformat())
        drafted = await consultations.post("/consultations", json=terms, headers=officer)
        path = f"/consultations/{drafted.json()['id']}"
        assert (await consultations.post(f"{path}/open", headers=officer)).status_code == 200
        comment = await consultations.post(
            f"{path}/comments",
            json={"section_number": 1, "proposed_wording": "Partnerstwo i jawność.",
                  "justification": "Jawność buduje zaufanie."},
            headers=resident,
        )  # fmt: skip
        assert comment.status_code == 201, comment.text

        async def closed() -> None:
            await consultations.app.state.services.consultations.close_due()
            found = await consultations.get(path, headers=officer)
            assert found.json()["state"] == "closed"

        await eventually(closed, timeout=15)
        answer = {"verdict": "accepted", "justification": "Dopisujemy jawność w § 1."}
        answered = await consultations.put(
            f"{path}/comments/{comment.json()['id']}/answer", json=answer, headers=officer
        )
        assert answered.status_code == 200, answered.text
        published = await consultations.post(f"{path}/report", headers=officer)
        assert published.status_code == 201, published.text

        page = await portal.get(f"/municipalities/{tenant_id}{path}/report")

        assert page.status_code == 200
        assert "Raport z konsultacji" in page.text
        assert "Jawność buduje zaufanie." in page.text
        assert "uwzględniona" in page.text
        assert "Dopisujemy jawność w § 1." in page.text
        consultation = await portal.get(f"/municipalities/{tenant_id}{path}")
        assert f'href="/municipalities/{tenant_id}{path}/report"' in consultation.text

    async def test_an_unpublished_report_is_a_404_page(
        self, portal: PortalClient, tenant_id: str
    ) -> None:
        page = await portal.get(f"/municipalities/{tenant_id}/consultations/nothing/report")

        assert page.status_code == 404
        assert "Nie znaleziono strony" in page.text
