"""Who hears of what: role defaults, choices and the fan-out plan."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.notifications.domain.fanout import plan_fanout
from services.notifications.domain.kinds import NoticeKind
from services.notifications.domain.subscriptions import (
    EmailFrequency,
    Subscription,
    default_audience,
)
from shared.errors import InvalidInput
from shared.tenancy import Role
from tests.notifications.domain.factories import HOME, notice, recipient

K = NoticeKind
SPORT, CULTURE = "physical_culture_sport", "culture_heritage"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


class TestDefaults:
    def test_an_ngo_hears_of_competitions_in_its_organizations_areas_at_once(self) -> None:
        member = recipient(Role.NGO_MEMBER, organization_id="org")

        in_area = member.delivery(notice(areas=frozenset({SPORT})), frozenset({SPORT}))
        elsewhere = member.delivery(notice(areas=frozenset({CULTURE})), frozenset({SPORT}))

        assert (in_area.inbox, in_area.email) == (True, EmailFrequency.IMMEDIATE)
        assert elsewhere.inbox is False

    def test_an_officer_gets_offers_in_the_daily_digest_not_competitions(self) -> None:
        officer = recipient(Role.TENANT_OFFICER)

        offer = officer.delivery(notice(K.OFFER_SUBMITTED), frozenset())
        competition = officer.delivery(notice(K.COMPETITION_ANNOUNCED), frozenset())

        assert (offer.inbox, offer.email) == (True, EmailFrequency.DAILY)
        assert competition.inbox is False

    def test_an_organization_told_directly_hears_whatever_it_chose(self) -> None:
        member = recipient(
            Role.NGO_MEMBER,
            organization_id="org",
            custom=Subscription(kinds=frozenset(), municipalities=frozenset({HOME})),
        )

        delivery = member.delivery(
            notice(K.REPORT_OVERDUE, addressees=frozenset({"org:org"})), frozenset()
        )

        assert delivery.inbox is True
        assert delivery.email == EmailFrequency.OFF  # they turned e-mail off


class TestChoices:
    def test_staff_kinds_never_reach_an_ngo_even_if_chosen(self) -> None:
        chosen = Subscription(
            kinds=frozenset({K.OFFER_SUBMITTED}), municipalities=frozenset({HOME})
        )
        member = recipient(Role.NGO_MEMBER, custom=chosen)

        assert member.delivery(notice(K.OFFER_SUBMITTED), frozenset()).inbox is False
        with pytest.raises(InvalidInput) as raised:
            chosen.check(frozenset({Role.NGO_MEMBER}))
        assert raised.value.errors[0].field == "body.kinds"

    def test_another_municipalitys_staff_news_stays_there_even_if_chosen(self) -> None:
        chosen = Subscription(
            kinds=frozenset({K.OFFER_SUBMITTED}), municipalities=frozenset({HOME, "0201011"})
        )
        officer = recipient(Role.TENANT_OFFICER, custom=chosen)

        assert officer.delivery(notice(K.OFFER_SUBMITTED), frozenset()).inbox is True
        elsewhere = notice(K.OFFER_SUBMITTED, tenant_id="0201011")
        assert officer.delivery(elsewhere, frozenset()).inbox is False

    def test_another_municipality_is_heard_only_when_chosen(self) -> None:
        chosen = Subscription(
            kinds=frozenset({K.COMPETITION_ANNOUNCED}),
            municipalities=frozenset({"0201011"}),
            email=EmailFrequency.WEEKLY,
        )
        member = recipient(Role.NGO_MEMBER, custom=chosen)

        assert member.delivery(notice(), frozenset()).inbox is False
        there = member.delivery(notice(tenant_id="0201011"), frozenset())
        assert (there.inbox, there.email) == (True, EmailFrequency.WEEKLY)
        assert member.digest == EmailFrequency.WEEKLY

    def test_no_digest_without_an_address(self) -> None:
        officer = recipient(Role.TENANT_OFFICER, email=None)

        assert officer.digest is None


class TestFanoutPlan:
    def test_defaults_reach_roles_and_organizations_without_naming_people(self) -> None:
        told = notice(areas=frozenset({SPORT}))
        keys = default_audience(told, ["club"])
        members = [
            (recipient(Role.NGO_MEMBER, subject="a", organization_id="club"), frozenset({SPORT}))
        ]

        plan = plan_fanout(told, default_keys=keys, recipients=members, now=NOW)

        [item] = plan.items
        assert item.audience == {"org:club"}
        assert item.excluded == frozenset()
        assert [r.subject for r in plan.emails] == ["a"]

    def test_a_person_who_opted_out_is_excluded_and_one_who_opted_in_is_named(self) -> None:
        told = notice(K.OFFER_SUBMITTED)
        quiet = recipient(
            Role.TENANT_OFFICER,
            subject="quiet",
            custom=Subscription(kinds=frozenset(), municipalities=frozenset({HOME})),
        )
        keen = recipient(
            Role.PLATFORM_ADMIN,
            subject="keen",
            custom=Subscription(
                kinds=frozenset({K.OFFER_SUBMITTED}),
                municipalities=frozenset({HOME}),
                email=EmailFrequency.IMMEDIATE,
            ),
        )

        plan = plan_fanout(
            told,
            default_keys=default_audience(told, []),
            recipients=[(quiet, frozenset()), (keen, frozenset())],
            now=NOW,
        )

        [item] = plan.items
        assert item.audience == {"role:tenant_officer", "user:keen"}
        assert item.excluded == {"quiet"}
        assert [r.subject for r in plan.emails] == ["keen"]

    def test_a_watcher_from_elsewhere_gets_an_item_at_home(self) -> None:
        watcher = recipient(
            Role.NGO_MEMBER,
            tenant_id="0201011",
            subject="w",
            custom=Subscription(
                kinds=frozenset({K.COMPETITION_ANNOUNCED}), municipalities=frozenset({HOME})
            ),
        )

        plan = plan_fanout(
            notice(), default_keys=set(), recipients=[(watcher, frozenset())], now=NOW
        )

        [item] = plan.items
        assert (item.tenant_id, set(item.audience)) == ("0201011", {"user:w"})
        assert plan.emails == []
