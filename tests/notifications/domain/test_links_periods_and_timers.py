"""Unsubscribe tokens, digest periods, timers and the settings that guard secrets."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from services.notifications.domain.digest import Period, PeriodKind, build_digest
from services.notifications.domain.kinds import NoticeKind
from services.notifications.domain.reminders import schedule
from services.notifications.domain.unsubscribe import (
    LinkExpired,
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
NOW = 1_800_000_000.0
DAY = 86_400.0
USER = UnsubscribeTarget(UnsubscriberKind.USER, "1261011", "u")


def _verify(token: str, key: bytes = KEY, *, now: float = NOW) -> UnsubscribeTarget:
    return verify_token(token, key, now=now, max_age_seconds=60 * DAY)


class TestUnsubscribeToken:
    def test_round_trip(self) -> None:
        target = UnsubscribeTarget(UnsubscriberKind.USER, "1261011", "user-7")

        assert _verify(sign_target(target, KEY, issued_at=NOW - DAY)) == target

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
        token = sign_target(USER, KEY, issued_at=NOW)

        with pytest.raises(InvalidInput):
            _verify(mangle(token))  # type: ignore[operator]

    def test_refuses_a_token_signed_with_another_key(self) -> None:
        token = sign_target(USER, b"o" * 32, issued_at=NOW)

        with pytest.raises(InvalidInput):
            _verify(token)

    def test_a_token_older_than_the_limit_has_expired(self) -> None:
        token = sign_target(USER, KEY, issued_at=NOW - 61 * DAY)

        with pytest.raises(LinkExpired) as caught:
            _verify(token)

        assert caught.value.status == 410
        assert caught.value.errors[0].field == "query.token"

    def test_an_undated_token_of_the_first_version_has_expired(self) -> None:
        payload = _b64(b'[1, "user", "1261011", "u"]')
        mac = hmac.new(KEY, payload.encode(), hashlib.sha256).digest()

        with pytest.raises(LinkExpired):
            _verify(f"{payload}.{_b64(mac)}")


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


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


class TestFairnessSettings:
    def test_one_tenant_may_not_hold_every_delivery_loop(self) -> None:
        with pytest.raises(ValidationError, match="webhook_tenant_concurrency"):
            NotificationsSettings(
                deployment="development",
                auth_jwks_url="file:///jwks.json",
                auth_issuer="i",
                delivery_concurrency=2,
                webhook_tenant_concurrency=2,
            )
