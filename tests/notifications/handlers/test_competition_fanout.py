"""A competition reaches the NGOs of its area: inbox and e-mail, once, in their language."""

from __future__ import annotations

import pytest

from services.notifications.domain.wording import item_id
from tests.notifications.conftest import (
    People,
    Publish,
    SmtpSink,
    inbox,
    inbox_eventually,
    known_organization,
    settled,
    unique_address,
)
from tests.support.producers.grants import competition_announced
from tests.support.producers.registry import organization_in
from tests.support.services import ServiceClient

SPORT, CULTURE = "physical_culture_sport", "culture_heritage"


@pytest.fixture
async def sport_club(notifications: ServiceClient, publish: Publish, tenant_id: str) -> str:
    """An organization of the municipality working in sport, known to the service."""
    organization = organization_in([SPORT])
    await publish(organization, tenant_id)
    await known_organization(notifications, tenant_id, organization.organization_id)
    return organization.organization_id


@pytest.fixture
async def theatre(notifications: ServiceClient, publish: Publish, tenant_id: str) -> str:
    """An organization of the municipality working in culture, known to the service."""
    organization = organization_in([CULTURE])
    await publish(organization, tenant_id)
    await known_organization(notifications, tenant_id, organization.organization_id)
    return organization.organization_id


class TestCompetitionInTheArea:
    async def test_the_member_gets_an_inbox_item_and_an_email(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        address = unique_address("sport")
        member = await people.known(
            tenant_id, "ngo_member", organization_id=sport_club, email=address, name="Anna Nowak"
        )
        announced = competition_announced(title="Sport dla wszystkich", area=SPORT)

        await publish(announced, tenant_id)

        [item] = await inbox_eventually(notifications, member, 1)
        assert item["title"] == "Nowy konkurs: Sport dla wszystkich"
        assert item["kind"] == "competition_announced"
        assert item["link"] == f"/competitions/{announced.competition_id}"
        [message] = await mail.wait_for(address)
        assert message["Subject"] == "Nowy konkurs: Sport dla wszystkich"
        assert message["To"] == f"Anna Nowak <{address}>"
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
        assert "Dzień dobry, Anna Nowak!" in text
        assert "150 000,00 zł" in text and "kultura fizyczna" in text
        assert f"https://ngo.example/competitions/{announced.competition_id}" in html
        assert "Zrezygnuj z wiadomości e-mail" in html
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    async def test_a_member_who_reads_english_gets_it_in_english(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        address = unique_address("english")
        member = people.headers(tenant_id, "ngo_member", organization_id=sport_club, email=address)
        answer = await notifications.get(
            "/subscriptions/me", headers={**member, "Accept-Language": "en"}
        )
        assert answer.status_code == 200

        await publish(competition_announced(title="Sport for all", area=SPORT), tenant_id)

        [message] = await mail.wait_for(address)
        assert message["Subject"] == "New competition: Sport for all"
        assert "Unsubscribe from these e-mails" in message.get_body(("html",)).get_content()  # type: ignore[union-attr]

    async def test_a_member_not_yet_known_sees_it_in_the_inbox_through_the_organization(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        await publish(competition_announced(area=SPORT), tenant_id)
        first = people.headers(tenant_id, "ngo_member", organization_id=sport_club)
        await inbox_eventually(notifications, first, 1)

        newcomer = people.headers(tenant_id, "ngo_member", organization_id=sport_club)

        assert len(await inbox(notifications, newcomer)) == 1


class TestCompetitionElsewhere:
    async def test_an_organization_of_another_area_hears_nothing(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
        sport_club: str,
        theatre: str,
    ) -> None:
        actor = unique_address("actor")
        stage = await people.known(tenant_id, "ngo_member", organization_id=theatre, email=actor)
        sport = await people.known(tenant_id, "ngo_member", organization_id=sport_club)

        await publish(competition_announced(area=SPORT), tenant_id)

        await inbox_eventually(notifications, sport, 1)
        await settled(notifications)
        assert await inbox(notifications, stage) == []
        assert mail.to(actor) == []

    async def test_officers_are_not_told_by_default(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        officer = await people.known(tenant_id, "tenant_officer", email=unique_address("officer"))
        member = people.headers(tenant_id, "ngo_member", organization_id=sport_club)

        await publish(competition_announced(area=SPORT), tenant_id)

        await inbox_eventually(notifications, member, 1)
        kinds = [item["kind"] for item in await inbox(notifications, officer)]
        assert kinds == ["organization_registered"]


class TestDuplicatedEvent:
    async def test_a_second_copy_makes_no_second_item_and_no_second_email(
        self,
        notifications: ServiceClient,
        publish: Publish,
        people: People,
        mail: SmtpSink,
        tenant_id: str,
        sport_club: str,
    ) -> None:
        address = unique_address("twice")
        member = await people.known(
            tenant_id, "ngo_member", organization_id=sport_club, email=address
        )
        announced = competition_announced(area=SPORT)
        record = await publish(announced, tenant_id)
        await mail.wait_for(address)

        # The same event again (a producer retry or a replay), then a sentinel behind it.
        await publish(announced, tenant_id, event_id=record.headers["ce_id"])
        sentinel = competition_announced(area=SPORT, competition_id=announced.competition_id)
        behind = await publish(sentinel, tenant_id)
        await inbox_eventually(notifications, member, 2)
        await mail.wait_for(address, 2)
        await settled(notifications)

        items = await inbox(notifications, member)
        assert sorted(i["id"] for i in items) == sorted(
            item_id(f"competition_announced:{r.headers['ce_id']}", tenant_id)
            for r in (record, behind)
        )
        assert len(mail.to(address)) == 2
        deliveries = notifications.database["email_deliveries"]
        assert await deliveries.count_documents({"tenant_id": tenant_id, "to": address}) == 2
