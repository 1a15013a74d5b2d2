"""Production is the default: development keys and secrets are refused unless told otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from pydantic import ValidationError

from deploy.local.servers import free_port
from services.notifications.settings import NotificationsSettings
from services.registry.app import create_app
from services.registry.settings import RegistrySettings
from tests.support.namespace import Namespace
from tests.support.services import SettingsFactory, running_service

REPO = Path(__file__).resolve().parents[2]
IDENTITY: dict[str, Any] = {
    "auth_jwks_url": "https://auth.example.org/realms/ngo-platform/certs",
    "auth_issuer": "https://auth.example.org/realms/ngo-platform",
}


def _failing_fields(settings_class: type[Any], **values: Any) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        settings_class(**values)
    return {str(error["loc"][0]) for error in caught.value.errors() if error["loc"]}


class TestProductionIsTheDefault:
    def test_a_service_runs_as_production_unless_told(self) -> None:
        assert RegistrySettings(**IDENTITY).deployment == "production"

    @pytest.mark.parametrize(
        "jwks", ["file:///srv/ngo/keys/jwks.json", "http://keycloak:8080/realms/x/certs"]
    )
    def test_production_refuses_the_local_keys_and_a_plain_http_jwks(self, jwks: str) -> None:
        fields = _failing_fields(RegistrySettings, **{**IDENTITY, "auth_jwks_url": jwks})

        assert fields == {"auth_jwks_url"}

    def test_development_accepts_the_local_keys(self) -> None:
        settings = RegistrySettings(
            **{**IDENTITY, "auth_jwks_url": "file:///srv/jwks.json", "deployment": "development"}
        )

        assert settings.auth_jwks_url.startswith("file://")

    def test_notifications_refuse_the_development_secrets_by_default(self) -> None:
        with pytest.raises(ValidationError, match=r"UNSUBSCRIBE_SECRET.*WEBHOOK_SECRET_KEY"):
            NotificationsSettings(**IDENTITY)

    def test_a_service_process_refuses_to_start_with_the_local_keys(self) -> None:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("REGISTRY_", "DEPLOYMENT"))
        }
        env.update(
            REGISTRY_AUTH_JWKS_URL="file:///srv/ngo/keys/jwks.json",
            REGISTRY_AUTH_ISSUER="urn:ngo-platform:local-idp",
        )

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
        assert "DEPLOYMENT=development" in result.stderr


class TestLimitSettings:
    def test_a_rate_is_read_per_service_from_the_environment(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("REGISTRY_RATE_LIMIT_WRITES", "5/minute;50/day")

        assert RegistrySettings(**IDENTITY).rate_limit_writes == "5/minute;50/day"

    @pytest.mark.parametrize(
        "field", ["rate_limit_writes", "rate_limit_public_reads", "rate_limit_exports"]
    )
    def test_a_rate_that_is_no_rate_is_refused_naming_it(self, field: str) -> None:
        assert _failing_fields(RegistrySettings, **IDENTITY, **{field: "lots"}) == {field}

    @pytest.mark.parametrize("proxies", ["10.0.0.0/8,ingress.local", "10.0.0.300"])
    def test_a_trusted_proxy_that_is_no_address_is_refused(self, proxies: str) -> None:
        fields = _failing_fields(RegistrySettings, **IDENTITY, http_trusted_proxies=proxies)

        assert fields == {"http_trusted_proxies"}


class TestApiDocs:
    @pytest.mark.parametrize(("docs", "status"), [(True, 200), (False, 404)])
    async def test_docs_and_redoc_follow_the_setting_and_the_contract_stays(
        self, service_settings: SettingsFactory, namespace: Namespace, docs: bool, status: int
    ) -> None:
        app = create_app(service_settings("registry", namespace, http_docs=docs))  # type: ignore[arg-type]
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://registry") as client:
            pages = [(await client.get(path)).status_code for path in ("/docs", "/redoc")]
            contract = await client.get("/openapi.json")

        assert pages == [status, status]
        assert contract.status_code == 200


class TestMetricsPort:
    async def test_metrics_are_served_on_their_own_port_and_not_on_the_api(
        self, service_settings: SettingsFactory, namespace: Namespace
    ) -> None:
        port = free_port()
        settings = service_settings("registry", namespace, metrics_port=port)

        async with running_service(settings) as registry:
            await registry.get("/healthz")
            on_api = await registry.get("/metrics")
            async with httpx.AsyncClient() as scraper:
                exposition = (await scraper.get(f"http://127.0.0.1:{port}/metrics")).text

        assert on_api.status_code == 404
        assert "http_requests_total" in exposition


class TestShippedConfiguration:
    def test_the_production_realm_has_no_users_no_password_grant_and_no_secret(self) -> None:
        realm = json.loads((REPO / "deploy/keycloak/realm-ngo-platform.json").read_text())

        assert "users" not in realm
        assert not [c for c in realm["clients"] if c.get("directAccessGrantsEnabled")]
        assert not [c for c in realm["clients"] if "secret" in c]

    def test_the_demo_users_live_in_the_development_realm_that_compose_imports(self) -> None:
        realm = json.loads((REPO / "deploy/keycloak/realm-ngo-platform-dev.json").read_text())
        compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())

        assert {u["username"] for u in realm["users"]} >= {"demo-officer", "demo-ngo"}
        assert "realm-ngo-platform-dev.json" in compose["services"]["keycloak"]["volumes"][0]

    def test_compose_publishes_its_ports_on_the_loopback_interface_only(self) -> None:
        compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())

        published = [p for s in compose["services"].values() for p in s.get("ports", [])]
        assert published
        assert all(port.startswith("127.0.0.1:") for port in published)

    def test_the_kubernetes_settings_start_a_service_in_production(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        lines = (REPO / "deploy/k8s/base/settings.env").read_text().splitlines()
        for line in lines:
            if line and not line.startswith("#"):
                name, _, value = line.partition("=")
                monkeypatch.setenv(f"REGISTRY_{name}", value)
        # What each service's own Secret `<service>-kafka` adds (see settings.env).
        monkeypatch.setenv("REGISTRY_KAFKA_SASL_USERNAME", "registry")
        monkeypatch.setenv("REGISTRY_KAFKA_SASL_PASSWORD", "from-the-secret")

        settings = RegistrySettings()

        assert settings.deployment == "production"
        assert settings.auth_jwks_url.startswith("https://")
        assert settings.metrics_port != 0 and not settings.http_docs
