"""Registering an organization: the commands its serialized transaction sends to MongoDB.

On NX-27017 a service runs one transaction at a time and every command in it is a round trip
the others wait for, so the registration's throughput is its number of commands.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.registry.conftest import Headers
from tests.support.commands import TransactionCommands, listening
from tests.support.factories import organization_payload
from tests.support.services import ServiceClient


@pytest.fixture(scope="module")
def commands() -> Iterator[TransactionCommands]:
    """The commands of this module's registry inside its transactions."""
    yield from listening()


class TestRegistrationTransaction:
    async def test_an_officers_registration_sends_one_insert_per_collection(
        self, commands: TransactionCommands, registry: ServiceClient, officer: Headers
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
            ("insert", "local_list_entries"),  # the local list's read model, all entries at once
            ("insert", "organization_audit"),
            ("insert", "outbox"),
            ("commitTransaction", ""),
        ]
