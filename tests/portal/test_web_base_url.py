"""The notifications service's links point at the portal wherever the platform is deployed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parents[2]


def _notifications_env_in_k8s() -> dict[str, str]:
    documents = yaml.safe_load_all((REPO / "deploy/k8s/base/notifications.yaml").read_text())
    for document in documents:
        if document and document.get("kind") == "Deployment":
            [container] = document["spec"]["template"]["spec"]["containers"]
            return {e["name"]: e.get("value", "") for e in container.get("env", [])}
    raise AssertionError("no notifications Deployment")


def test_compose_links_open_the_portal_it_publishes() -> None:
    compose: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]
    web = urlsplit(services["notifications"]["environment"]["NOTIFICATIONS_WEB_BASE_URL"])
    [published] = services["portal"]["ports"]

    assert published.split(":")[1] == str(web.port)
    assert web.hostname in {"localhost", "127.0.0.1"}


def test_kubernetes_links_open_the_portal_the_realm_sends_people_back_to() -> None:
    realm = json.loads((REPO / "deploy/keycloak/realm-ngo-platform.json").read_text())
    [portal] = [c for c in realm["clients"] if c["clientId"] == "portal"]
    web = _notifications_env_in_k8s()["NOTIFICATIONS_WEB_BASE_URL"]

    assert web.startswith("https://")
    assert all(uri.startswith(web + "/") for uri in portal["redirectUris"])
