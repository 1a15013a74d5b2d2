"""The realms' `portal` client: confidential, code flow with PKCE, back to the portal's callback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from services.portal.app import create_app
from services.portal.settings import PortalSettings
from shared.settings import ServiceSettings

REPO = Path(__file__).resolve().parents[2]
REALMS = {
    "development": REPO / "deploy/keycloak/realm-ngo-platform-dev.json",
    "production": REPO / "deploy/keycloak/realm-ngo-platform.json",
}


def _portal_client(deployment: str) -> dict[str, Any]:
    realm = json.loads(REALMS[deployment].read_text(encoding="utf-8"))
    [client] = [c for c in realm["clients"] if c["clientId"] == PortalSettings().oidc_client_id]
    return dict(client)


def _callback_path() -> str:
    return str(create_app(PortalSettings()).url_path_for("sign_in_callback"))


@pytest.mark.parametrize("deployment", list(REALMS))
class TestPortalClient:
    def test_is_confidential_with_the_code_flow_only(self, deployment: str) -> None:
        client = _portal_client(deployment)

        assert client["enabled"] is True
        assert client["publicClient"] is False
        assert client["clientAuthenticatorType"] == "client-secret"
        assert client["standardFlowEnabled"] is True
        assert client["implicitFlowEnabled"] is False
        assert client["directAccessGrantsEnabled"] is False
        assert client["serviceAccountsEnabled"] is False

    def test_requires_pkce_with_s256(self, deployment: str) -> None:
        assert _portal_client(deployment)["attributes"]["pkce.code.challenge.method"] == "S256"

    def test_sends_the_browser_back_to_the_portal_callback_only(self, deployment: str) -> None:
        client = _portal_client(deployment)
        callback = _callback_path()

        assert client["redirectUris"]
        assert all(uri.endswith(callback) for uri in client["redirectUris"])
        assert not [uri for uri in client["redirectUris"] if "*" in uri]
        scheme = "http://" if deployment == "development" else "https://"
        assert all(uri.startswith(scheme) for uri in client["redirectUris"])

    def test_puts_the_claims_the_services_read_in_the_access_token(self, deployment: str) -> None:
        mappers = {m["name"]: m["config"] for m in _portal_client(deployment)["protocolMappers"]}
        audience = ServiceSettings.model_fields["auth_audience"].default

        for claim in ("tenant_id", "organization_id", "roles"):
            assert mappers[claim]["claim.name"] == claim
            assert mappers[claim]["access.token.claim"] == "true"
        assert mappers["roles"]["multivalued"] == "true"
        assert any(m.get("included.custom.audience") == audience for m in mappers.values())


def test_only_the_development_realm_ships_the_portal_secret() -> None:
    assert _portal_client("development")["secret"]
    assert "secret" not in _portal_client("production")


def test_compose_signs_in_through_the_development_realm_client() -> None:
    compose: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    environment = compose["services"]["portal"]["environment"]
    client = _portal_client("development")
    callback = environment["PORTAL_PUBLIC_BASE_URL"] + _callback_path()

    assert environment["PORTAL_OIDC_ISSUER"].endswith("/realms/ngo-platform")
    assert environment["PORTAL_OIDC_CLIENT_ID"] == client["clientId"]
    assert environment["PORTAL_OIDC_CLIENT_SECRET"] == client["secret"]
    assert callback in client["redirectUris"]
