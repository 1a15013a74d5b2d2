"""Unsubscribe tokens, digest periods, timers and the settings that guard secrets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from services.notifications.domain.digest import Period, PeriodKind, build_digest
from services.notifications.domain.kinds import NoticeKind
from services.notifications.domain.reminders import schedule
from services.notifications.domain.unsubscribe import (
    UnsubscriberKind,
    UnsubscribeTarget,
    sign_target,
    verify_token,
)
from services.notifications.domain.wording import Wording
from services.notifications.settings import NotificationsSettings
from shared.errors import InvalidInput
from tests.notifications.domain.factories import notice

WARSAW = ZoneInfo("Europe/Warsaw")
KEY = b"k" * 32


class TestUnsubscribeToken:
    def test_round_trip(self) -> None:
        target = UnsubscribeTarget(UnsubscriberKind.USER, "1261011", "user-7")

        assert verify_token(sign_target(target, KEY), KEY) == target

    @pytest.mark.parametrize(
        "mangle",
        [
            lambda t: t[:-2] + "AA",
            lambda t: "x" + t,
            lambda t: t.split(".")[0],
            lambda t: "",
        ],
    )
    def test_refuses_a_tampered_token(self, mangle: object) -> None:
        token = sign_target(UnsubscribeTarget(UnsubscriberKind.USER, "1261011", "u"), KEY)

        with pytest.raises(InvalidInput):
            verify_token(mangle(token), KEY)  # type: ignore[operator]

    def test_refuses_a_token_signed_with_another_key(self) -> None:
        token = sign_target(UnsubscribeTarget(UnsubscriberKind.USER, "1261011", "u"), b"o" * 32)

        with pytest.raises(InvalidInput):
            verify_token(token, KEY)


class TestPeriods:
    def test_an_iso_week_in_local_time(self) -> None:
        week = Period.parse_week("2026-W48", WARSAW)

        assert week.start == datetime(2026, 11, 23, tzinfo=WARSAW)
        assert week.end - week.start == timedelta(days=7)

    def test_the_last_complete_period_waits_for_the_digest_hour(self) -> None:
        monday_early = datetime(2026, 11, 30, 4, 0, tzinfo=WARSAW)
        monday_late = datetime(2026, 11, 30, 7, 0, tzinfo=WARSAW)

        assert Period.last_complete(PeriodKind.WEEKLY, monday_late, WARSAW, 6).label == "2026-W48"
        assert Period.last_complete(PeriodKind.WEEKLY, monday_early, WARSAW, 6).label == "2026-W47"
        assert Period.last_complete(PeriodKind.DAILY, monday_late, WARSAW, 6).label == "2026-11-29"

    def test_a_digest_groups_by_section_and_skips_empty_ones(self) -> None:
        week = Period.week(date(2026, 11, 23), WARSAW)
        notices = [notice(NoticeKind.COMPETITION_ANNOUNCED), notice(NoticeKind.OFFER_SUBMITTED)]

        digest = build_digest(
            tenant_id="1261011",
            tenant_name="Gmina",
            period=week,
            notices=notices,
            wording=Wording(WARSAW),
        )

        assert [s.section.value for s in digest.sections] == ["competitions", "staff"]
        assert digest.size == 2


class TestTimers:
    def test_fires_before_the_deadline(self) -> None:
        now = datetime(2026, 11, 1, tzinfo=UTC)
        reminder = schedule(
            notice(),
            subject_id="c",
            deadline=now + timedelta(days=10),
            before=timedelta(days=3),
            known_at=now,
        )

        assert reminder is not None and reminder.due_at == now + timedelta(days=7)

    def test_none_when_the_window_had_begun_or_the_deadline_passed(self) -> None:
        now = datetime(2026, 11, 1, tzinfo=UTC)
        for deadline in (now + timedelta(days=2), now - timedelta(days=1)):
            assert (
                schedule(
                    notice(),
                    subject_id="c",
                    deadline=deadline,
                    before=timedelta(days=3),
                    known_at=now,
                )
                is None
            )


class TestSecrets:
    def test_production_refuses_the_development_secret(self) -> None:
        with pytest.raises(ValidationError, match="UNSUBSCRIBE_SECRET"):
            NotificationsSettings(
                deployment="production",
                auth_jwks_url="https://idp.example/jwks.json",
                auth_issuer="i",
            )

    def test_production_accepts_a_long_random_secret_and_its_own_key(self) -> None:
        key = Fernet.generate_key().decode()
        settings = NotificationsSettings(
            deployment="production",
            auth_jwks_url="https://idp.example/jwks.json",
            auth_issuer="i",
            unsubscribe_secret="s" * 40,
            webhook_secret_key=key,
        )

        assert settings.unsubscribe_key == b"s" * 40
        assert settings.webhook_secrets == key

    def test_production_refuses_the_development_webhook_key(self) -> None:
        with pytest.raises(ValidationError, match="WEBHOOK_SECRET_KEY"):
            NotificationsSettings(
                deployment="production",
                auth_jwks_url="https://idp.example/jwks.json",
                auth_issuer="i",
                unsubscribe_secret="s" * 40,
            )

    def test_a_webhook_key_that_is_no_fernet_key_is_refused_at_start(self) -> None:
        with pytest.raises(ValidationError, match="webhook_secret_key"):
            NotificationsSettings(webhook_secret_key="too-short")
