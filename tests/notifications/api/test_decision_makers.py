"""Decision makers: the officers' list, and the reports and index results e-mailed to it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.notifications.conftest import Headers, People, Publish, SmtpSink, settled, unique_address
from tests.support.http import problem
from tests.support.producers.consultations import consultation_report, index_round
from tests.support.services import ServiceClient


@pytest.fixture
def officer(people: People, tenant_id: str) -> Headers:
    return people.headers(tenant_id, "tenant_officer")


async def _add(notifications: ServiceClient, officer: Headers, **fields: Any) -> dict[str, Any]:
    body = {
        "name": "Jan Burmistrz",
        "email": unique_address("mayor"),
        "function": "Burmistrz",
        **fields,
    }
    answer = await notifications.post("/decision-makers", json=body, headers=officer)
    assert answer.status_code == 201, answer.text
    person: dict[str, Any] = answer.json()
    return person


class TestTheList:
    async def test_officers_add_list_and_remove(
        self, notifications: ServiceClient, officer: Headers
    ) -> None:
        mayor = await _add(notifications, officer)

        listed = (await notifications.get("/decision-makers", headers=officer)).json()
        assert [p["id"] for p in listed] == [mayor["id"]]
        removed = await notifications.delete(f"/decision-makers/{mayor['id']}", headers=officer)
        assert removed.status_code == 204
        assert (await notifications.get("/decision-makers", headers=officer)).json() == []

    async def test_the_same_address_twice_conflicts(
        self, notifications: ServiceClient, officer: Headers
    ) -> None:
        mayor = await _add(notifications, officer)
        body = {"name": "Ktoś Inny", "email": mayor["email"]}

        problem(await notifications.post("/decision-makers", json=body, headers=officer), 409)

    async def test_a_malformed_address_is_named(
        self, notifications: ServiceClient, officer: Headers
    ) -> None:
        body = {"name": "Jan", "email": "not-an-address"}

        answer = await notifications.post("/decision-makers", json=body, headers=officer)

        assert problem(answer, 422)["errors"][0]["field"] == "body.email"

    async def test_is_the_officers_to_keep(
        self, notifications: ServiceClient, people: People, tenant_id: str
    ) -> None:
        member = people.headers(tenant_id, "ngo_member")

        problem(await notifications.get("/decision-makers", headers=member), 403)


class TestResultsForDecisionMakers:
    async def test_a_consultation_report_is_emailed_and_the_link_unsubscribes(
        self,
        notifications: ServiceClient,
        publish: Publish,
        officer: Headers,
        mail: SmtpSink,
        tenant_id: str,
    ) -> None:
        mayor = await _add(notifications, officer)
        council = await _add(notifications, officer, name="Rada Miejska", language="en")

        await publish(consultation_report(title="Program współpracy 2027"), tenant_id)

        [message] = await mail.wait_for(mayor["email"])
        assert message["Subject"] == "Raport z konsultacji: Program współpracy 2027"
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "Uwag: 12 (uwzględnione: 5, częściowo: 3, odrzucone: 4)" in text
        assert "decydentów" in text
        [english] = await mail.wait_for(council["email"])
        assert english["Subject"] == "Consultation report: Program współpracy 2027"

        link = urlsplit(message["List-Unsubscribe"].strip("<>"))
        assert (await notifications.post(f"{link.path}?{link.query}")).status_code == 200
        listed = (await notifications.get("/decision-makers", headers=officer)).json()
        assert {p["name"]: p["active"] for p in listed} == {
            "Jan Burmistrz": False,
            "Rada Miejska": True,
        }
        await publish(index_round(title="Diagnoza 2026"), tenant_id)
        await mail.wait_for(council["email"], 2)
        await settled(notifications)
        assert len(mail.to(mayor["email"])) == 1
