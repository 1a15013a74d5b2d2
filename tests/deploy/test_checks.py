"""make deploy-check refuses what the schemas or the security lint refuse."""

from __future__ import annotations

import copy

import pytest
import yaml

from deploy.kube.check import check_overlay
from tests.deploy.conftest import Manifests


def _check(manifests: Manifests) -> str:
    return "\n".join(check_overlay("production", yaml.safe_dump_all(manifests)))


@pytest.fixture(scope="module")
def failures_of_a_broken_overlay(rendered: dict[str, Manifests]) -> str:
    """Check the production overlay with one fault of each kind planted."""
    manifests = copy.deepcopy(rendered["production"])
    for manifest in manifests:
        if manifest["kind"] == "Deployment" and manifest["metadata"]["name"] == "grants":
            manifest["spec"]["replica"] = 2  # a typo kubectl apply would drop silently
        if manifest["kind"] == "Deployment" and manifest["metadata"]["name"] == "registry":
            [container] = manifest["spec"]["template"]["spec"]["containers"]
            container["securityContext"]["privileged"] = True
        if manifest["kind"] == "ServiceMonitor":
            manifest["spec"]["endpoints"][0]["interval"] = "half a minute"
    return _check(manifests)


class TestDeployCheck:
    def test_the_committed_overlays_pass(self, rendered: dict[str, Manifests]) -> None:
        assert _check(rendered["production"]) == ""

    def test_an_unknown_field_fails_the_kubernetes_schema(
        self, failures_of_a_broken_overlay: str
    ) -> None:
        assert "kubernetes-validate failed" in failures_of_a_broken_overlay
        assert "'replica' was unexpected" in failures_of_a_broken_overlay

    def test_a_bad_monitor_fails_the_operator_schema(
        self, failures_of_a_broken_overlay: str
    ) -> None:
        assert "invalid ServiceMonitor/ngo-platform" in failures_of_a_broken_overlay

    def test_a_privileged_container_fails_the_security_lint(
        self, failures_of_a_broken_overlay: str
    ) -> None:
        assert "checkov failed" in failures_of_a_broken_overlay
        assert "CKV_K8S_16" in failures_of_a_broken_overlay  # "Container should not be privileged"
