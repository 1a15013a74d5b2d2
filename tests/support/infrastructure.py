"""Kafka and MongoDB for the test session: given servers, containers or embedded servers."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Infrastructure", "docker_answers", "provide_infrastructure"]


@dataclass(frozen=True)
class Infrastructure:
    """Where the session's broker and store listen, and what the broker supports."""

    origin: str
    kafka_bootstrap: str
    mongodb_uri: str
    idempotent_producer: bool

    @property
    def embedded(self) -> bool:
        """Return whether the servers are the embedded ones (Tansu, NX-27017)."""
        return self.origin == "embedded"


def docker_answers() -> bool:
    """Return whether a Docker engine answers a ping right now."""
    try:
        import docker

        client = docker.from_env(timeout=3)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False


@contextlib.contextmanager
def provide_infrastructure(workdir: Path) -> Iterator[Infrastructure]:
    """Yield the session's servers: environment, else testcontainers, else embedded."""
    kafka, mongodb = os.environ.get("KAFKA_BOOTSTRAP_SERVERS"), os.environ.get("MONGODB_URI")
    if kafka and mongodb:
        idempotent = os.environ.get("KAFKA_IDEMPOTENT_PRODUCER", "true").lower() == "true"
        yield Infrastructure("environment", kafka, mongodb, idempotent)
    elif docker_answers():
        with _containers() as infrastructure:
            yield infrastructure
    else:
        with _embedded(workdir) as infrastructure:
            yield infrastructure


@contextlib.contextmanager
def _embedded(workdir: Path) -> Iterator[Infrastructure]:
    from deploy.local.servers import start_kafka, start_mongodb

    kafka = start_kafka(workdir / "kafka")
    try:
        mongodb = start_mongodb(workdir / "mongodb")
        try:
            # Tansu answers InitProducerId with UnknownError: no idempotent producer there.
            yield Infrastructure("embedded", kafka.url, mongodb.url, idempotent_producer=False)
        finally:
            mongodb.stop()
    finally:
        kafka.stop()


@contextlib.contextmanager
def _containers() -> Iterator[Infrastructure]:
    # Imported here: only this branch needs the testcontainers modules.
    from tests.support.containers import kafka_container, mongodb_replica_set

    with kafka_container() as kafka, mongodb_replica_set() as mongodb_uri:
        yield Infrastructure("testcontainers", kafka, mongodb_uri, idempotent_producer=True)
