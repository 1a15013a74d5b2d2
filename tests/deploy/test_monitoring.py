"""Every alert and dashboard panel reads a metric that something really exports."""

from __future__ import annotations

import importlib
import json
import re

import pytest
from prometheus_client import REGISTRY

from deploy.kube.platform import K8S, SERVICES
from tests.deploy.conftest import Manifests, of_kind

DASHBOARDS = K8S / "overlays" / "production" / "dashboards"
# Exported by what the production overlay deploys beside the services.
EXTERNAL = {
    "kafka_consumergroup_lag": "Strimzi's Kafka Exporter (Kafka spec.kafkaExporter)",
    "kube_deployment_status_replicas_available": "kube-state-metrics",
    "kube_deployment_spec_replicas": "kube-state-metrics",
    "up": "Prometheus itself, per scrape target",
}
_NOT_METRICS = {
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "and",
    "or",
    "unless",
    "bool",
    "offset",
    "le",
}
_SAMPLES = {
    "counter": ("_total",),
    "gauge": ("",),
    "histogram": ("_bucket", "_count", "_sum"),
    "summary": ("_count", "_sum", ""),
}


def metric_names(expr: str) -> set[str]:
    """Return the metric names a PromQL expression selects."""
    bare = re.sub(r'"[^"]*"', "", expr)
    bare = re.sub(r"\{[^}]*\}", "", bare)
    bare = re.sub(r"\b(by|without)\s*\([^)]*\)", "", bare)
    bare = re.sub(r"\[[^\]]*\]", "", bare)
    names = set(re.findall(r"\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()", bare))
    return {n for n in names - _NOT_METRICS if not re.fullmatch(r"[0-9.e]+", n)}


@pytest.fixture(scope="module")
def exported() -> set[str]:
    """Return the sample names the services' processes export."""
    for service in SERVICES:
        importlib.import_module(f"services.{service}.app")
    importlib.import_module("services.notifications.services.webhook_delivery")
    names = set()
    for family in REGISTRY.collect():
        names |= {family.name + suffix for suffix in _SAMPLES.get(family.type, ("",))}
    return names


def _alert_exprs(production: Manifests) -> dict[str, str]:
    [rules] = of_kind(production, "PrometheusRule").values()
    return {r["alert"]: r["expr"] for g in rules["spec"]["groups"] for r in g["rules"]}


class TestAlerts:
    def test_every_alert_reads_a_real_metric(
        self, production: Manifests, exported: set[str]
    ) -> None:
        for alert, expr in _alert_exprs(production).items():
            names = metric_names(expr)
            assert names, alert
            assert names <= exported | set(EXTERNAL), (alert, names - exported - set(EXTERNAL))

    def test_the_issue_s_alerts_are_there(self, production: Manifests) -> None:
        selected = {n for expr in _alert_exprs(production).values() for n in metric_names(expr)}

        assert {
            "kafka_consumergroup_lag",
            "consumer_dead_letters_total",
            "outbox_pending_events",
            "webhook_failed_attempts_total",
            "http_requests_total",
            "kube_deployment_status_replicas_available",
        } <= selected

    def test_the_parser_finds_names_and_skips_labels(self) -> None:
        expr = 'sum by (job) (rate(http_requests_total{status=~"5.."}[5m])) / max(up) > 0.02'

        assert metric_names(expr) == {"http_requests_total", "up"}


class TestDashboards:
    def test_one_per_service(self) -> None:
        assert {p.stem for p in DASHBOARDS.glob("*.json")} == set(SERVICES)

    @pytest.mark.parametrize("service", SERVICES)
    def test_every_panel_reads_a_real_metric(self, service: str, exported: set[str]) -> None:
        dashboard = json.loads((DASHBOARDS / f"{service}.json").read_text())

        assert dashboard["panels"]
        for panel in dashboard["panels"]:
            for target in panel["targets"]:
                names = metric_names(target["expr"])
                assert names, panel["title"]
                assert names <= exported | set(EXTERNAL), (panel["title"], names)

    def test_the_dashboards_ship_to_grafana(self, production: Manifests) -> None:
        maps = of_kind(production, "ConfigMap")

        dashboards = maps["ngo-platform-dashboards"]
        assert dashboards["metadata"]["labels"]["grafana_dashboard"] == "1"
        assert set(dashboards["data"]) == {f"{s}.json" for s in SERVICES}


def test_every_service_s_metrics_port_is_scraped(production: Manifests) -> None:
    services = of_kind(production, "Service")
    [monitor] = of_kind(production, "ServiceMonitor").values()
    selector = monitor["spec"]["selector"]["matchLabels"]

    scraped = {
        s["spec"]["selector"]["app.kubernetes.io/name"]
        for s in services.values()
        if selector.items() <= s["metadata"]["labels"].items()
    }
    assert scraped == set(SERVICES)
