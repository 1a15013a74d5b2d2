"""Every Deployment of both overlays is safe to run, to drain and to scale."""

from __future__ import annotations

from typing import Any

import pytest

from deploy.kube.platform import SERVICES
from deploy.kube.render import OVERLAYS
from tests.deploy.conftest import Manifests, of_kind

# After the preStop pause: uvicorn drains HTTP (10 s), then the broker waits for the
# consumer's in-flight batch (FastStream's graceful_timeout, 15 s); all must fit the grace.
APP_SHUTDOWN_SECONDS = 10 + 15


def _container(deployment: dict[str, Any]) -> dict[str, Any]:
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    return container


@pytest.fixture(params=OVERLAYS)
def deployments(request: pytest.FixtureRequest, rendered: dict[str, Manifests]) -> Manifests:
    return [m for m in rendered[request.param] if m["kind"] == "Deployment"]


class TestDeployments:
    def test_every_service_is_deployed(self, deployments: Manifests) -> None:
        assert {d["metadata"]["name"] for d in deployments} == set(SERVICES)

    def test_each_has_the_three_probes(self, deployments: Manifests) -> None:
        for deployment in deployments:
            container = _container(deployment)
            assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
            assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
            assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"

    def test_each_has_requests_and_limits(self, deployments: Manifests) -> None:
        for deployment in deployments:
            resources = _container(deployment)["resources"]
            assert set(resources["requests"]) == {"cpu", "memory"}
            assert set(resources["limits"]) == {"cpu", "memory"}

    def test_each_runs_unprivileged_on_a_read_only_root(self, deployments: Manifests) -> None:
        for deployment in deployments:
            pod = deployment["spec"]["template"]["spec"]
            security = _container(deployment)["securityContext"]
            assert pod["securityContext"]["runAsNonRoot"] is True
            assert pod["securityContext"]["runAsUser"] != 0
            assert security["readOnlyRootFilesystem"] is True
            assert security["allowPrivilegeEscalation"] is False
            assert security["capabilities"]["drop"] == ["ALL"]
            assert pod["automountServiceAccountToken"] is False

    def test_each_spreads_over_nodes(self, deployments: Manifests) -> None:
        for deployment in deployments:
            [spread] = deployment["spec"]["template"]["spec"]["topologySpreadConstraints"]
            name = deployment["metadata"]["name"]
            assert spread["topologyKey"] == "kubernetes.io/hostname"
            assert spread["labelSelector"]["matchLabels"] == {"app.kubernetes.io/name": name}

    def test_each_drains_before_it_is_killed(self, deployments: Manifests) -> None:
        for deployment in deployments:
            pause = _container(deployment)["lifecycle"]["preStop"]["sleep"]["seconds"]
            grace = deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
            assert pause + APP_SHUTDOWN_SECONDS < grace


@pytest.mark.parametrize("overlay", OVERLAYS)
class TestDisruptionAndScaling:
    def test_every_deployment_has_a_disruption_budget(
        self, rendered: dict[str, Manifests], overlay: str
    ) -> None:
        budgets = of_kind(rendered[overlay], "PodDisruptionBudget").values()
        for name, deployment in of_kind(rendered[overlay], "Deployment").items():
            labels = deployment["spec"]["template"]["metadata"]["labels"]
            covering = [
                b for b in budgets if b["spec"]["selector"]["matchLabels"].items() <= labels.items()
            ]
            assert len(covering) == 1, name
            assert covering[0]["spec"]["maxUnavailable"] == 1

    def test_every_deployment_has_exactly_one_autoscaler(
        self, rendered: dict[str, Manifests], overlay: str
    ) -> None:
        manifests = rendered[overlay]
        targets = [
            h["spec"]["scaleTargetRef"]["name"]
            for h in manifests
            if h["kind"] in ("HorizontalPodAutoscaler", "ScaledObject")
        ]
        assert sorted(targets) == sorted(SERVICES)
