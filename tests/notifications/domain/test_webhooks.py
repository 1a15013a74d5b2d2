"""Webhook rules: filters, destinations (SSRF), backoff and stable ids."""

from __future__ import annotations

import ipaddress

import pytest

from services.notifications.domain.retries import retry_delay
from services.notifications.domain.webhooks import (
    EventFilter,
    address_refusal,
    parse_destination,
    webhook_id,
)
from shared.errors import InvalidInput

KNOWN = ["pl.ngo.grants.competition.announced", "pl.ngo.registry.organization.registered"]


class TestEventFilter:
    def test_exact_prefix_and_everything(self) -> None:
        grants = EventFilter.parse(["pl.ngo.grants.*"], KNOWN)

        assert grants.matches("pl.ngo.grants.competition.announced")
        assert not grants.matches("pl.ngo.registry.organization.registered")
        assert EventFilter.parse(["*"], KNOWN).matches("pl.ngo.registry.organization.registered")

    @pytest.mark.parametrize("patterns", [[], ["pl.ngo.nothing.*"], ["pl.ngo.grants"]])
    def test_refuses_what_matches_nothing(self, patterns: list[str]) -> None:
        with pytest.raises(InvalidInput):
            EventFilter.parse(patterns, KNOWN)


class TestDestination:
    @pytest.mark.parametrize(
        ("address", "refused"),
        [
            ("127.0.0.1", True),
            ("::1", True),
            ("10.0.0.5", True),
            ("172.16.3.4", True),
            ("192.168.1.1", True),
            ("169.254.169.254", True),
            ("fe80::1", True),
            ("::ffff:10.0.0.1", True),
            ("100.64.0.1", True),
            ("0.0.0.0", True),
            ("224.0.0.1", True),
            ("ff02::1", True),
            ("240.0.0.1", True),
            ("::", True),
            ("64:ff9b::7f00:1", True),
            ("64:ff9b::5db8:d70e", True),
            ("64:ff9b:1::a00:1", True),
            ("2002:7f00:1::1", True),
            ("2002:5db8:d70e::1", True),
            ("2001:0:4136:e378:8000:63bf:3fff:fdd2", True),
            ("::7f00:1", True),
            ("::ffff:0:7f00:1", True),
            ("100.127.255.254", True),
            ("93.184.215.14", False),
            ("2606:4700::1111", False),
        ],
    )
    def test_only_public_addresses_by_default(self, address: str, refused: bool) -> None:
        ip = ipaddress.ip_address(address)

        assert (address_refusal(ip, allow_private=False) is not None) is refused

    def test_the_operator_may_allow_private_and_loopback(self) -> None:
        loopback = ipaddress.ip_address("127.0.0.1")

        assert address_refusal(loopback, allow_private=True) is None
        assert address_refusal(ipaddress.ip_address("0.0.0.0"), allow_private=True) is not None

    def test_https_only_unless_allowed(self) -> None:
        assert parse_destination("https://hooks.example.org/x", require_https=True) == (
            "hooks.example.org",
            443,
        )
        assert parse_destination("http://127.0.0.1:9000/x", require_https=False) == (
            "127.0.0.1",
            9000,
        )
        with pytest.raises(InvalidInput):
            parse_destination("http://hooks.example.org/x", require_https=True)


class TestRetries:
    def test_exponential_backoff_up_to_a_cap(self) -> None:
        delays = [retry_delay(n, base=5, cap=60) for n in range(1, 7)]

        assert delays == [5, 10, 20, 40, 60, 60]

    def test_the_webhook_id_is_the_same_for_the_same_delivery(self) -> None:
        assert webhook_id("registry|e1|ep1") == webhook_id("registry|e1|ep1")
        assert webhook_id("registry|e1|ep1") != webhook_id("registry|e1|ep2")
        assert webhook_id("registry|e1|ep1").startswith("msg_")
