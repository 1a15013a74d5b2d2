"""What the manifests are derived from: the topics document, the AsyncAPI document, the services."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["DEPLOY", "K8S", "SERVICES", "ServiceTopics", "Topic", "load_topics", "service_topics"]

DEPLOY = Path(__file__).resolve().parents[1]
K8S = DEPLOY / "k8s"
REPO = DEPLOY.parent
ASYNCAPI = REPO / "docs" / "asyncapi.json"
# Every Deployment of the platform: the four services and the portal (MongoDB only).
SERVICES = ("registry", "grants", "consultations", "notifications", "portal")


@dataclass(frozen=True)
class Topic:
    """One topic of deploy/topics.yaml."""

    name: str
    partitions: int
    retention_days: int
    producer: str
    consumers: tuple[str, ...]


@dataclass
class ServiceTopics:
    """The topics one service writes to and reads from."""

    produces: set[str] = field(default_factory=set)
    consumes: set[str] = field(default_factory=set)


def load_topics(path: Path = DEPLOY / "topics.yaml") -> list[Topic]:
    """Read deploy/topics.yaml."""
    entries: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["topics"]
    return [
        Topic(
            name=e["name"],
            partitions=int(e["partitions"]),
            retention_days=int(e["retention_days"]),
            producer=e["producer"],
            consumers=tuple(e["consumers"]),
        )
        for e in entries
    ]


def asyncapi_sends(path: Path = ASYNCAPI) -> dict[str, set[str]]:
    """Return, per service, the topics its AsyncAPI `send` operations publish to."""
    document = json.loads(path.read_text(encoding="utf-8"))
    channels = document["channels"]
    sends: dict[str, set[str]] = {}
    for name, operation in document["operations"].items():
        if operation["action"] != "send":
            continue
        channel = operation["channel"]["$ref"].rsplit("/", 1)[-1]
        sends.setdefault(name.split("_publishes_")[0], set()).add(channels[channel]["address"])
    return sends


def service_topics() -> dict[str, ServiceTopics]:
    """Return each service's produced and consumed topics.

    Event topics it produces come from the AsyncAPI document; what it consumes, and its own
    dead-letter topic, from deploy/topics.yaml (the AsyncAPI document lists no consumers;
    tests/deploy checks those against the running services' subscriptions).
    """
    result = {service: ServiceTopics() for service in SERVICES}
    for service, topics in asyncapi_sends().items():
        result[service].produces |= topics
    for topic in load_topics():
        if topic.name.endswith(".deadletter.v1"):
            result[topic.producer].produces.add(topic.name)
        for consumer in topic.consumers:
            result[consumer].consumes.add(topic.name)
    return result
