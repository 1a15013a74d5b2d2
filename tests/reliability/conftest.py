"""Fixtures of the reliability tests: a broker of the module's own, people with tokens."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from deploy.local.servers import EmbeddedServer, start_kafka

Headers = dict[str, str]
# A relay that checks the broker often and a lease that passes quickly keep the tests short.
FAST_RELAY = {
    "outbox_broker_check_seconds": 0.5,
    "outbox_lease_seconds": 2.0,
    "outbox_lease_renew_seconds": 0.5,
}


@pytest.fixture(scope="module")
def own_kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """A Tansu of this module only, so a test may kill and restart it."""
    kafka = start_kafka(tmp_path_factory.mktemp("kafka"))
    try:
        yield kafka
    finally:
        kafka.stop()
