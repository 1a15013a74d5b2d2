"""Apache Kafka (KRaft) and a one-member MongoDB replica set in containers."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

from pymongo import MongoClient
from testcontainers.community.kafka import KafkaContainer
from testcontainers.community.mongodb import MongoDbContainer

__all__ = ["kafka_container", "mongodb_replica_set"]


class ReplicaSetMongo(MongoDbContainer):
    """MongoDB started as replica set `rs0`: transactions need a replica set."""

    def __init__(self, image: str = "mongo:7.0") -> None:
        super().__init__(image)
        self.with_command("--replSet rs0 --bind_ip_all")

    def _configure(self) -> None:
        # No root user: with auth on, a replica set would also need a key file.
        pass

    def direct_url(self) -> str:
        """Return a URL that talks to this one member directly."""
        host, port = self.get_container_host_ip(), self.get_exposed_port(self.port)
        return f"mongodb://{host}:{port}/?directConnection=true"

    def initiate(self, timeout: float = 60.0) -> None:
        """Initiate the replica set and wait until this member is primary."""
        self.exec(["mongosh", "--quiet", "--eval", "rs.initiate()"])
        deadline = time.monotonic() + timeout
        with MongoClient(self.direct_url(), serverSelectionTimeoutMS=2000) as client:
            while not client.admin.command("hello").get("isWritablePrimary"):
                if time.monotonic() > deadline:
                    raise TimeoutError("the replica set elected no primary")
                time.sleep(0.2)


@contextlib.contextmanager
def kafka_container() -> Iterator[str]:
    """Yield the bootstrap address of a single-node KRaft Kafka."""
    with KafkaContainer().with_kraft() as kafka:
        yield kafka.get_bootstrap_server()


@contextlib.contextmanager
def mongodb_replica_set() -> Iterator[str]:
    """Yield the URL of a fresh one-member replica set."""
    with ReplicaSetMongo() as mongodb:
        mongodb.initiate()
        yield mongodb.direct_url()
