"""Kafka topics and users, MongoDB users and KEDA scaling follow the topics and the contracts."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from deploy.kube import generate
from deploy.kube.platform import SERVICES, load_topics
from tests.conftest import AppClientFactory
from tests.deploy.conftest import Manifests, of_kind

REPO = Path(__file__).resolve().parents[2]
DAY_MS = 24 * 3600 * 1000


def _asyncapi_produced() -> dict[str, set[str]]:
    """Read, per service, the topics it publishes to from docs/asyncapi.json."""
    document = json.loads((REPO / "docs" / "asyncapi.json").read_text())
    produced: dict[str, set[str]] = defaultdict(set)
    for operation in document["operations"].values():
        channel = operation["channel"]["$ref"].rsplit("/", 1)[-1]
        address = document["channels"][channel]["address"]
        produced[address.split(".")[0]].add(address)
    return produced


def _acl_topics(user: dict[str, Any], operation: str) -> set[str]:
    return {
        acl["resource"]["name"]
        for acl in user["spec"]["authorization"]["acls"]
        if acl["resource"]["type"] == "topic" and operation in acl["operations"]
    }


class TestKafkaTopics:
    def test_every_topic_of_the_document_has_a_kafka_topic(self, production: Manifests) -> None:
        topics = {
            t["spec"]["topicName"]: t["spec"] for t in of_kind(production, "KafkaTopic").values()
        }

        assert set(topics) == {t.name for t in load_topics()}
        assert {t for t in topics if t.endswith(".deadletter.v1")} == {
            "grants.deadletter.v1",
            "consultations.deadletter.v1",
            "notifications.deadletter.v1",
        }
        for topic in load_topics():
            spec = topics[topic.name]
            assert spec["partitions"] == topic.partitions
            assert spec["replicas"] == 3
            assert spec["config"]["min.insync.replicas"] == 2
            assert spec["config"]["retention.ms"] == topic.retention_days * DAY_MS

    def test_the_local_overlay_keeps_one_replica(self, rendered: dict[str, Manifests]) -> None:
        for topic in of_kind(rendered["local"], "KafkaTopic").values():
            assert topic["spec"]["replicas"] == 1
            assert topic["spec"]["config"]["min.insync.replicas"] == 1

    def test_production_runs_three_brokers_in_kraft(self, production: Manifests) -> None:
        pools = of_kind(production, "KafkaNodePool")
        [kafka] = of_kind(production, "Kafka").values()

        assert {n: (p["spec"]["roles"], p["spec"]["replicas"]) for n, p in pools.items()} == {
            "controllers": (["controller"], 3),
            "brokers": (["broker"], 3),
        }
        assert kafka["metadata"]["annotations"]["strimzi.io/kraft"] == "enabled"
        assert kafka["spec"]["kafka"]["config"]["min.insync.replicas"] == 2


class TestKafkaUsers:
    def test_each_service_writes_only_what_the_asyncapi_document_says_it_produces(
        self, production: Manifests
    ) -> None:
        users = of_kind(production, "KafkaUser")
        produced = _asyncapi_produced()
        dead_letters = {t.producer: t.name for t in load_topics() if "deadletter" in t.name}

        assert set(users) == {f"{s}-kafka" for s in {*produced, *dead_letters}}
        for name, user in users.items():
            service = name.removesuffix("-kafka")
            own = produced[service] | (
                {dead_letters[service]} if service in dead_letters else set()
            )
            assert _acl_topics(user, "Write") == own

    def test_each_service_reads_only_what_it_consumes(self, production: Manifests) -> None:
        users = of_kind(production, "KafkaUser")
        consumed: dict[str, set[str]] = defaultdict(set)
        for topic in load_topics():
            for consumer in topic.consumers:
                consumed[consumer].add(topic.name)

        for name, user in users.items():
            service = name.removesuffix("-kafka")
            assert _acl_topics(user, "Read") == consumed[service]
            groups = [
                a for a in user["spec"]["authorization"]["acls"] if a["resource"]["type"] == "group"
            ]
            assert [g["resource"]["name"] for g in groups] == (
                [service] if consumed[service] else []
            )
            assert all(
                a["resource"].get("patternType", "literal") == "literal"
                for a in user["spec"]["authorization"]["acls"]
            )

    def test_each_deployment_logs_in_as_its_own_user(self, production: Manifests) -> None:
        users = of_kind(production, "KafkaUser")
        for name, deployment in of_kind(production, "Deployment").items():
            [container] = deployment["spec"]["template"]["spec"]["containers"]
            env = {e["name"]: e for e in container.get("env", [])}
            prefix = name.upper()
            if f"{name}-kafka" not in users:
                assert f"{prefix}_KAFKA_SASL_USERNAME" not in env
                continue
            assert env[f"{prefix}_KAFKA_SASL_USERNAME"]["value"] == f"{name}-kafka"
            secret = env[f"{prefix}_KAFKA_SASL_PASSWORD"]["valueFrom"]["secretKeyRef"]
            assert secret == {"name": f"{name}-kafka", "key": "password"}


class TestMongoDB:
    def test_a_three_member_replica_set_with_a_user_per_service(
        self, production: Manifests
    ) -> None:
        [mongodb] = of_kind(production, "MongoDBCommunity").values()
        users = {u["name"]: u for u in mongodb["spec"]["users"]}

        assert mongodb["spec"]["members"] == 3
        for service in SERVICES:
            assert users[service]["roles"] == [{"name": "readWrite", "db": service}]
            assert users[service]["connectionStringSecretName"] == f"{service}-mongodb"
        assert set(users) == {*SERVICES, "backup"}

    def test_each_deployment_connects_as_its_own_user(self, production: Manifests) -> None:
        for name, deployment in of_kind(production, "Deployment").items():
            [container] = deployment["spec"]["template"]["spec"]["containers"]
            env = {e["name"]: e for e in container["env"]}
            secret = env[f"{name.upper()}_MONGODB_URI"]["valueFrom"]["secretKeyRef"]
            assert secret["name"] == f"{name}-mongodb"


class TestConsumerScaling:
    def test_keda_scales_each_consumer_no_further_than_its_partitions(
        self, production: Manifests
    ) -> None:
        partitions = {t.name: t.partitions for t in load_topics()}
        consumed: dict[str, list[int]] = defaultdict(list)
        for topic in load_topics():
            for consumer in topic.consumers:
                consumed[consumer].append(partitions[topic.name])
        scaled = of_kind(production, "ScaledObject")

        assert set(scaled) == set(consumed)
        for service, counts in consumed.items():
            spec = scaled[service]["spec"]
            [lag] = [t for t in spec["triggers"] if t["type"] == "kafka"]
            assert spec["maxReplicaCount"] <= min(counts)
            assert lag["metadata"]["consumerGroup"] == service
            assert any(t["type"] == "cpu" for t in spec["triggers"])


class TestGeneratedManifests:
    def test_the_committed_ones_are_fresh(self) -> None:
        assert generate.main(["--check"]) == 0

    @pytest.mark.parametrize("field", ["partitions", "retention_days"])
    def test_a_changed_topic_makes_them_stale(
        self, field: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        source = (REPO / "deploy" / "topics.yaml").read_text()
        changed = source.replace(f"    {field}: 3", f"    {field}: 6", 1)
        changed = changed.replace(f"    {field}: 30", f"    {field}: 31", 1)
        assert changed != source
        edited = tmp_path / "topics.yaml"
        edited.write_text(changed)
        original = generate.load_topics
        monkeypatch.setattr(generate, "load_topics", lambda: original(edited))
        monkeypatch.setattr("deploy.kube.platform.load_topics", lambda: original(edited))

        assert generate.main(["--check"]) == 1


class TestAclsMatchTheRunningServices:
    """deploy/topics.yaml keeps the consumers by hand: the services' own subscriptions decide."""

    @pytest.mark.parametrize("service", ["registry", "grants", "consultations", "notifications"])
    async def test_a_service_reads_exactly_what_its_user_may_read(
        self, service: str, app_client: AppClientFactory, production: Manifests
    ) -> None:
        client = await app_client(service)
        prefix = client.runtime.settings.kafka_topic_prefix
        subscribed = {
            name.removeprefix(prefix)
            for subscriber in client.runtime.broker.subscribers
            for name in subscriber.topic_names_for_subscribe
        }
        user = of_kind(production, "KafkaUser")[f"{service}-kafka"]

        assert _acl_topics(user, "Read") == subscribed
