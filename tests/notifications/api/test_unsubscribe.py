"""Unsubscribe links: a GET only asks, a POST unsubscribes, and links expire."""

from __future__ import annotations

import time
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest

from services.notifications.domain.unsubscribe import (
    UnsubscriberKind,
    UnsubscribeTarget,
    sign_target,
)
from tests.notifications.conftest import (
    Headers,
    People,
    Publish,
    SmtpSink,
    inbox_eventually,
    known_organization,
    settled,
    unique_address,
)
from tests.support.http import problem
from tests.support.producers.grants import competition_announced
from tests.support.producers.registry import organization_in
from tests.support.services import ServiceClient

SPORT = "physical_culture_sport"
HTML = {"Accept": "text/html,application/xhtml+xml"}
DAY = 86_400.0


@pytest.fixture
async def sport_club(notifications: ServiceClient, publish: Publish, tenant_id: str) -> str:
    """An organization of the municipality working in sport, known to the service."""
    organization = organization_in([SPORT])
    await publish(organization, tenant_id)
    await known_organization(notifications, tenant_id, organization.organization_id)
    return organization.organization_id


async def _member_with_mail(
    people: People, publish: Publish, mail: SmtpSink, tenant_id: str, club: str, name: str
) -> tuple[Headers, EmailMessage]:
    address = unique_address(name)
    member = await people.known(tenant_id, "ngo_member", organization_id=club, email=address)
    await publish(competition_announced(area=SPORT), tenant_id)
    [message] = await mail.wait_for(address)
    return member, message


def _link(message: EmailMessage) -> str:
    link = urlsplit(str(message["List-Unsubscribe"]).strip("<>"))
    return f"{link.path}?{link.query}"


async def _email_setting(notifications: ServiceClient, member: Headers) -> str:
    answer = await notifications.get("/subscriptions/me", headers=member)
    return str(answer.json()["email"])


class TestTheLinkOnlyAsks:
    async def test_a_get_shows_a_form_and_changes_nothing(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        member, message = await _member_with_mail(
            people, publish, mail, tenant_id, sport_club, "scanned"
        )

        answer = await notifications.get(_link(message), headers=HTML)

        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("text/html")
        assert '<html lang="pl">' in answer.text
        assert '<form method="post">' in answer.text
        assert "<button" in answer.text and "Wypisz mnie" in answer.text
        assert await _email_setting(notifications, member) != "off"

    async def test_the_page_speaks_english_when_asked(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        _, message = await _member_with_mail(
            people, publish, mail, tenant_id, sport_club, "english"
        )

        answer = await notifications.get(_link(message), headers={**HTML, "Accept-Language": "en"})

        assert '<html lang="en">' in answer.text and "Unsubscribe me" in answer.text


class TestThePostUnsubscribes:
    async def test_the_forms_button_stops_email_but_not_the_inbox(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        member, message = await _member_with_mail(
            people, publish, mail, tenant_id, sport_club, "leaving"
        )
        address = str(message["To"]).strip("<> ")

        answer = await notifications.post(_link(message), headers=HTML)

        assert answer.status_code == 200, answer.text
        assert "Wypisano" in answer.text
        assert await _email_setting(notifications, member) == "off"
        await publish(competition_announced(area=SPORT), tenant_id)
        await inbox_eventually(notifications, member, 2)
        await settled(notifications)
        assert len(mail.to(address)) == 1

    async def test_the_mail_clients_one_click_post_unsubscribes(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        member, message = await _member_with_mail(
            people, publish, mail, tenant_id, sport_club, "oneclick"
        )
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

        answer = await notifications.post(
            _link(message),
            content=b"List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

        assert answer.status_code == 200, answer.text
        assert await _email_setting(notifications, member) == "off"

    async def test_a_forged_link_is_refused(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        _, message = await _member_with_mail(people, publish, mail, tenant_id, sport_club, "forged")
        token = str(message["List-Unsubscribe"]).strip("<>").split("token=")[1]
        payload, _, signature = token.partition(".")

        answer = await notifications.post(f"/unsubscribe?token={payload}.{signature[::-1]}")

        assert problem(answer, 422)["errors"][0]["field"] == "query.token"


class TestLinksExpire:
    def _old_link(self, notifications: ServiceClient, tenant_id: str, subject: str) -> str:
        settings = notifications.runtime.settings
        issued = time.time() - (settings.unsubscribe_link_days + 1) * DAY  # type: ignore[attr-defined]
        target = UnsubscribeTarget(UnsubscriberKind.USER, tenant_id, subject)
        token = sign_target(target, settings.unsubscribe_key, issued_at=issued)  # type: ignore[attr-defined]
        return f"/unsubscribe?token={token}"

    async def test_an_expired_link_gets_a_clear_page_and_changes_nothing(
        self, notifications: ServiceClient, people: People, tenant_id: str
    ) -> None:
        address = unique_address("expired")
        member = await people.known(tenant_id, "ngo_member", email=address)
        subject = (await notifications.get("/me", headers=member)).json()["subject"]
        link = self._old_link(notifications, tenant_id, subject)

        page = await notifications.get(link, headers=HTML)
        posted = await notifications.post(link)

        assert page.status_code == 410
        assert "wygasł" in page.text
        assert problem(posted, 410)["errors"][0]["field"] == "query.token"
        assert await _email_setting(notifications, member) != "off"
