"""deploy/topics.yaml lists every topic and event type the contracts declare, and no other."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from shared.contracts.base import registered_contracts

TOPICS_FILE = Path(__file__).resolve().parents[2] / "deploy" / "topics.yaml"


def test_every_event_topic_is_documented_with_its_event_types_and_key() -> None:
    declared: dict[str, set[str]] = defaultdict(set)
    keys: dict[str, set[str]] = defaultdict(set)
    for event_type, contract in registered_contracts().items():
        declared[contract.topic].add(event_type)
        keys[contract.topic].add(contract.key_field)
    documented = yaml.safe_load(TOPICS_FILE.read_text())["topics"]
    event_topics = [t for t in documented if not t["name"].endswith(".deadletter.v1")]

    assert {t["name"]: set(t["events"]) for t in event_topics} == declared
    assert {t["name"]: set(t["key"].split(", ")) for t in event_topics} == keys
    assert all(t["producer"] == t["name"].split(".")[0] for t in documented)
