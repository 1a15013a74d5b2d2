"""E-mail that cannot go out: header injection is cleaned, retries end, the officer sees it."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.conftest import AppClientFactory
from tests.notifications.conftest import (
    FAST_SETTINGS,
    People,
    Publish,
    SmtpSink,
    known_organization,
    unique_address,
)
from tests.support.http import problem
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually
from tests.support.producers.grants import competition_announced
from tests.support.producers.registry import organization_in
from tests.support.services import ServiceClient

SPORT = "physical_culture_sport"


@pytest.fixture
async def notifications(
    app_client: AppClientFactory, smtp_sink: tuple[SmtpSink, int]
) -> ServiceClient:
    """The service with two tries per e-mail, so a lasting failure ends quickly."""
    settings = {**FAST_SETTINGS, "email_retry_base_seconds": 0.1}
    return await app_client(
        "notifications", smtp_port=smtp_sink[1], email_max_attempts=2, **settings
    )


@pytest.fixture
async def sport_club(notifications: ServiceClient, publish: Publish, tenant_id: str) -> str:
    """An organization of the municipality working in sport, known to the service."""
    organization = organization_in([SPORT])
    await publish(organization, tenant_id)
    await known_organization(notifications, tenant_id, organization.organization_id)
    return organization.organization_id


async def _deliveries(
    notifications: ServiceClient, people: People, tenant_id: str, **params: Any
) -> list[dict[str, Any]]:
    officer = people.headers(tenant_id, "tenant_officer")
    answer = await notifications.get("/email-deliveries", headers=officer, params=params)
    assert answer.status_code == 200, answer.text
    found: list[dict[str, Any]] = answer.json()
    return found


class TestHeaderValuesStayOnOneLine:
    async def test_a_title_with_a_line_break_cannot_add_headers(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        address = unique_address("injected")
        await people.known(tenant_id, "ngo_member", organization_id=sport_club, email=address)
        title = "Konkurs\r\nBcc: ofiara@example.org\r\n\r\nFałszywa treść"

        await publish(competition_announced(title=title), tenant_id)

        [message] = await mail.wait_for(address)
        assert message["Bcc"] is None
        assert message["Subject"] == (
            "Nowy konkurs: Konkurs Bcc: ofiara@example.org Fałszywa treść"
        )
        assert not mail.to("ofiara@example.org")
        [sent] = await _deliveries(notifications, people, tenant_id, state="sent")
        assert sent["to"] == address


class TestAttemptsEnd:
    async def test_a_mailbox_that_keeps_refusing_ends_as_failed_for_the_officer(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        address = unique_address("refused-full")
        await people.known(tenant_id, "ngo_member", organization_id=sport_club, email=address)

        await publish(competition_announced(), tenant_id)

        async def failed() -> dict[str, Any]:
            found = await _deliveries(notifications, people, tenant_id, state="failed")
            assert len(found) == 1, found
            return found[0]

        delivery = await eventually(failed, timeout=20)
        assert delivery["to"] == address
        assert (delivery["attempts"], delivery["attempt_limit"]) == (2, 2)
        assert "Mailbox full" in delivery["error"]
        assert delivery["about"].startswith("Nowy konkurs")
        assert await _deliveries(notifications, people, tenant_id, state="queued") == []

    async def test_an_email_whose_sender_kept_dying_mid_send_ends_as_failed(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        address = unique_address("crashing")
        await people.known(tenant_id, "ngo_member", organization_id=sport_club, email=address)
        await publish(competition_announced(), tenant_id)
        await mail.wait_for(address)
        deliveries = notifications.database["email_deliveries"]
        sent = await deliveries.find_one({"tenant_id": tenant_id, "to": address})
        assert sent is not None
        # As a replica leaves it when it dies after claiming its last attempt.
        await deliveries.insert_one(
            {
                **sent,
                "_id": f"{sent['_id']}-crashed",
                "state": "queued",
                "attempts": 2,
                "due_at": time.time(),
            }
        )

        async def failed() -> dict[str, Any]:
            found = await _deliveries(notifications, people, tenant_id, state="failed")
            assert len(found) == 1, found
            return found[0]

        delivery = await eventually(failed, timeout=20)
        assert delivery["error"] == "no outcome within the attempt limit"
        assert len(mail.to(address)) == 1

    async def test_another_municipality_and_an_ngo_do_not_see_the_log(
        self, notifications: ServiceClient, people: People, tenant_id: str
    ) -> None:
        member = people.headers(tenant_id, "ngo_member")

        problem(await notifications.get("/email-deliveries", headers=member), 403)
        assert await _deliveries(notifications, people, new_tenant_id()) == []
