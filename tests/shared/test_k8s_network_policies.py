"""Kubernetes manifests: only the four services may reach Kafka and MongoDB."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
SERVICES = {"registry", "grants", "consultations", "notifications"}


def _policies() -> dict[str, dict[str, Any]]:
    documents = yaml.safe_load_all((K8S / "networkpolicies.yaml").read_text())
    return {d["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/name"]: d for d in documents}


class TestNetworkPolicies:
    def test_the_kustomization_ships_them(self) -> None:
        kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())

        assert "networkpolicies.yaml" in kustomization["resources"]

    @pytest.mark.parametrize(("target", "port"), [("kafka", 9092), ("mongodb", 27017)])
    def test_only_services_and_peers_reach_the_store(self, target: str, port: int) -> None:
        policy = _policies()[target]["spec"]
        [from_services, from_peers] = policy["ingress"]

        assert policy["policyTypes"] == ["Ingress"]
        [selector] = from_services["from"]
        [expression] = selector["podSelector"]["matchExpressions"]
        assert (expression["operator"], set(expression["values"])) == ("In", SERVICES)
        assert from_services["ports"] == [{"protocol": "TCP", "port": port}]
        [peers] = from_peers["from"]
        assert peers["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": target}

    @pytest.mark.parametrize("service", sorted(SERVICES))
    def test_each_service_reads_its_own_kafka_credentials(self, service: str) -> None:
        [deployment, _] = yaml.safe_load_all((K8S / f"{service}.yaml").read_text())
        [container] = deployment["spec"]["template"]["spec"]["containers"]

        secrets = [s["secretRef"]["name"] for s in container["envFrom"] if "secretRef" in s]
        assert f"{service}-kafka" in secrets
