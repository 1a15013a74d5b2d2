"""Registering an organization: the commands its serialized transaction sends to MongoDB.

On NX-27017 a service runs one transaction at a time and every command in it is a round trip
the others wait for, so the registration's throughput is its number of commands.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pymongo import monitoring

from tests.registry.conftest import Headers
from tests.support.factories import organization_payload
from tests.support.services import ServiceClient


class _TransactionCommands(monitoring.CommandListener):
    """Records (command, collection) of every command sent inside a transaction."""

    def __init__(self) -> None:
        self.active = True
        self.by_transaction: dict[tuple[str, int], list[tuple[str, str]]] = {}

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        command = event.command
        if not self.active or "txnNumber" not in command:
            return
        key = (str(command["lsid"]["id"]), int(command["txnNumber"]))
        target = command.get(event.command_name)
        collection = target if isinstance(target, str) else ""
        self.by_transaction.setdefault(key, []).append((event.command_name, collection))

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        """Nothing to record."""

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        """Nothing to record."""

    def writing(self, collection: str) -> list[list[tuple[str, str]]]:
        """Return the transactions that inserted into `collection`."""
        return [c for c in self.by_transaction.values() if ("insert", collection) in c]


@pytest.fixture(scope="module")
def commands() -> Iterator[_TransactionCommands]:
    """Listen to the commands of the clients made from now on (this module's registry)."""
    # Module-scoped, so it is registered before the module's registry creates its client.
    listener = _TransactionCommands()
    monitoring.register(listener)
    yield listener
    listener.active = False  # pymongo cannot unregister a listener


class TestRegistrationTransaction:
    async def test_an_officers_registration_sends_one_insert_per_collection(
        self, commands: _TransactionCommands, registry: ServiceClient, officer: Headers
    ) -> None:
        body: dict[str, Any] = organization_payload()

        answer = await registry.post("/organizations", json=body, headers=officer)

        assert answer.status_code == 201, answer.text
        [transaction] = commands.writing("organizations")
        # Both events (registered, listed) in one outbox insert; no claim of the new
        # organization to release, so no delete that NX-27017 answers by reading every claim.
        assert transaction == [
            ("find", "identifier_claims"),
            ("find", "identifier_claims"),
            ("insert", "identifier_claims"),
            ("insert", "identifier_claims"),
            ("insert", "organizations"),
            ("insert", "organization_audit"),
            ("insert", "outbox"),
            ("commitTransaction", ""),
        ]
