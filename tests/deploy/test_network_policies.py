"""Only the services reach Kafka and MongoDB; only the Ingress and the portal reach their APIs."""

from __future__ import annotations

from typing import Any

import pytest

from deploy.kube.render import OVERLAYS
from tests.deploy.conftest import Manifests, of_kind

KAFKA_CLIENTS = {"registry", "grants", "consultations", "notifications"}
MONGODB_CLIENTS = {*KAFKA_CLIENTS, "portal", "mongodb-backup"}


def _names(peer: dict[str, Any]) -> set[str]:
    [expression] = peer["podSelector"]["matchExpressions"]
    assert (expression["key"], expression["operator"]) == ("app.kubernetes.io/name", "In")
    return set(expression["values"])


@pytest.fixture(params=OVERLAYS)
def policies(request: pytest.FixtureRequest, rendered: dict[str, Manifests]) -> dict[str, Any]:
    return {
        name: p["spec"] for name, p in of_kind(rendered[request.param], "NetworkPolicy").items()
    }


class TestNetworkPolicies:
    def test_only_the_services_and_keda_reach_kafka(self, policies: dict[str, Any]) -> None:
        policy = policies["kafka-only-from-services"]
        [clients, peers] = policy["ingress"]

        assert policy["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "kafka"}
        [services, keda] = clients["from"]
        assert _names(services) == KAFKA_CLIENTS
        assert keda == {
            "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "keda"}}
        }
        assert clients["ports"] == [{"protocol": "TCP", "port": 9092}]
        assert peers["from"] == [
            {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "kafka"}}}
        ]

    def test_only_the_services_and_the_backup_reach_mongodb(self, policies: dict[str, Any]) -> None:
        policy = policies["mongodb-only-from-services"]
        [clients, peers] = policy["ingress"]

        [services] = clients["from"]
        assert _names(services) == MONGODB_CLIENTS
        assert clients["ports"] == [{"protocol": "TCP", "port": 27017}]
        assert peers["from"] == [
            {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "mongodb"}}}
        ]

    def test_only_the_ingress_and_the_portal_reach_the_http_ports(
        self, policies: dict[str, Any]
    ) -> None:
        policy = policies["http-only-from-ingress"]
        [http, metrics] = policy["ingress"]

        assert _names(policy) == {*KAFKA_CLIENTS, "portal"}
        [ingress, portal] = http["from"]
        assert ingress["namespaceSelector"]["matchLabels"] == {
            "kubernetes.io/metadata.name": "ingress-nginx"
        }
        assert portal["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "portal"}
        assert http["ports"] == [{"protocol": "TCP", "port": 8000}]
        [prometheus] = metrics["from"]
        assert prometheus["namespaceSelector"]["matchLabels"] == {
            "kubernetes.io/metadata.name": "monitoring"
        }
        assert metrics["ports"] == [{"protocol": "TCP", "port": 9100}]

    def test_kafka_listens_only_with_tls_and_scram(self, rendered: dict[str, Manifests]) -> None:
        for manifests in rendered.values():
            [kafka] = of_kind(manifests, "Kafka").values()
            [listener] = kafka["spec"]["kafka"]["listeners"]
            assert listener["tls"] is True
            assert listener["authentication"] == {"type": "scram-sha-512"}
            assert kafka["spec"]["kafka"]["authorization"] == {"type": "simple"}
