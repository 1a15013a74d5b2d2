"""Settings: bad configuration stops a service at start-up, naming the setting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from services.consultations.settings import ConsultationsSettings
from services.grants.settings import GrantsSettings
from services.notifications.settings import NotificationsSettings
from services.registry.settings import RegistrySettings
from shared.settings import ServiceSettings

REPO = Path(__file__).resolve().parents[2]
VALID: dict[str, Any] = {
    "deployment": "development",
    "auth_jwks_url": "file:///etc/ngo/jwks.json",
    "auth_issuer": "urn:test-idp",
}


def _failing_fields(**values: Any) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        RegistrySettings(**{**VALID, **values})
    return {str(error["loc"][0]) for error in caught.value.errors()}


class TestRejectBadSettings:
    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("mongodb_uri", "127.0.0.1:27017"),
            ("mongodb_uri", "postgres://127.0.0.1/db"),
            ("kafka_bootstrap_servers", "127.0.0.1"),
            ("kafka_bootstrap_servers", "127.0.0.1:9092,broker-2"),
            ("kafka_bootstrap_servers", "127.0.0.1:kafka"),
            ("auth_jwks_url", "ftp://idp.example/jwks.json"),
            ("auth_jwks_url", "/etc/ngo/jwks.json"),
            ("kafka_idempotent_producer", "perhaps"),
            ("outbox_poll_seconds", 0),
            ("log_level", "CHATTY"),
        ],
    )
    def test_names_the_bad_field(self, field: str, value: Any) -> None:
        assert _failing_fields(**{field: value}) == {field}

    @pytest.mark.parametrize(
        "settings_class",
        [RegistrySettings, GrantsSettings, ConsultationsSettings, NotificationsSettings],
    )
    def test_names_a_port_out_of_range(self, settings_class: type[ServiceSettings]) -> None:
        with pytest.raises(ValidationError) as caught:
            settings_class(**VALID, http_port=70000)

        assert [e["loc"][0] for e in caught.value.errors()] == ["http_port"]

    def test_a_heartbeat_slower_than_a_third_of_the_session_is_refused(self) -> None:
        # The broker would drop the member between two heartbeats: endless rebalancing.
        with pytest.raises(ValidationError, match="kafka_heartbeat_interval_ms"):
            RegistrySettings(
                **VALID, kafka_session_timeout_ms=3_000, kafka_heartbeat_interval_ms=1_500
            )

    def test_kernel_settings_name_a_port_out_of_range(self) -> None:
        with pytest.raises(ValidationError) as caught:
            ServiceSettings(**VALID, service_name="any", http_port=70000)

        assert [e["loc"][0] for e in caught.value.errors()] == ["http_port"]

    def test_names_each_missing_required_field(self) -> None:
        with pytest.raises(ValidationError) as caught:
            RegistrySettings()

        missing = {str(e["loc"][0]) for e in caught.value.errors() if e["type"] == "missing"}
        assert missing == {"auth_jwks_url", "auth_issuer"}

    def test_reads_the_service_prefix_from_the_environment(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("REGISTRY_MONGODB_URI", "localhost:27017")

        with pytest.raises(ValidationError) as caught:
            RegistrySettings(**VALID)

        assert [e["loc"][0] for e in caught.value.errors()] == ["mongodb_uri"]

    def test_service_process_refuses_to_start_and_names_the_field(self) -> None:
        env = {
            **os.environ,
            "REGISTRY_AUTH_JWKS_URL": "ftp://idp.example/jwks.json",
            "REGISTRY_AUTH_ISSUER": "urn:test-idp",
        }

        result = subprocess.run(
            [sys.executable, "-m", "services.registry"],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

        assert result.returncode != 0
        assert "auth_jwks_url" in result.stderr


class TestAcceptGoodSettings:
    def test_accepts_a_list_of_brokers_and_an_srv_uri(self) -> None:
        settings = RegistrySettings(
            **VALID,
            kafka_bootstrap_servers="10.0.0.1:9092, 10.0.0.2:9093",
            mongodb_uri="mongodb+srv://cluster.example.org/",
        )

        assert settings.mongodb_uri.startswith("mongodb+srv://")

    def test_database_and_consumer_group_default_to_the_service_name(self) -> None:
        settings = NotificationsSettings(**VALID)

        assert settings.mongodb_database == "notifications"
        assert settings.kafka_consumer_group == "notifications"

    def test_prefixes_every_topic(self) -> None:
        settings = RegistrySettings(**VALID, kafka_topic_prefix="staging.")

        assert settings.topic("registry.organization.v1") == "staging.registry.organization.v1"


def test_links_point_at_the_public_url_or_else_the_bound_address() -> None:
    bound = RegistrySettings(**VALID, http_host="127.0.0.1", http_port=8001)
    assert bound.base_url == "http://127.0.0.1:8001"
    public = RegistrySettings(**VALID, public_base_url="https://ngo.example.pl")
    assert public.base_url == "https://ngo.example.pl"
