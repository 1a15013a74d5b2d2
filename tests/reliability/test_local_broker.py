"""The local stack starts a crashed Tansu again: a new cluster id and every topic at once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from deploy.local.broker import platform_topics
from deploy.local.stack import LocalStack
from tests.support.infrastructure import Infrastructure


@pytest.fixture
def stack(infrastructure: Infrastructure, tmp_path: Path) -> Iterator[LocalStack]:
    """A local stack with its own Tansu (the session's MongoDB), no services."""
    stack = LocalStack(data_dir=tmp_path, mongodb_uri=infrastructure.mongodb_uri)
    try:
        stack.start_infrastructure()
        yield stack
    finally:
        stack.stop()


async def _cluster(bootstrap: str) -> tuple[str, set[str]]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        cluster = await admin.describe_cluster()
        return str(cluster["cluster_id"]), set(await admin.list_topics())
    finally:
        await admin.close()


class TestRestartKafka:
    async def test_a_crashed_broker_comes_back_as_a_new_cluster_with_every_topic(
        self, stack: LocalStack
    ) -> None:
        assert stack.kafka is not None
        first_cluster, _ = await _cluster(stack.kafka.url)
        stack.kafka.process.kill()
        stack.kafka.process.wait()

        # The launcher calls it from its supervising loop, outside any event loop.
        created = await asyncio.to_thread(stack.restart_kafka)

        cluster_id, topics = await _cluster(stack.kafka.url)
        assert cluster_id != first_cluster
        assert set(created) == set(platform_topics()) <= topics
        assert "notifications.deadletter.v1" in topics
