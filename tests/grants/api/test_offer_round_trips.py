"""Drafting an offer: the commands its serialized transaction sends to MongoDB.

On NX-27017 a service runs one transaction at a time and every command in it is a round trip
the others wait for, so the offers' throughput is their number of commands.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.grants.scene import Scene
from tests.support.commands import TransactionCommands, listening


@pytest.fixture(scope="module")
def commands() -> Iterator[TransactionCommands]:
    """The commands of this module's services inside their transactions."""
    yield from listening()


class TestDraftOfferTransaction:
    async def test_only_writes_the_offer_and_its_event(
        self, commands: TransactionCommands, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        competition = await scene.announced()

        offer = await scene.offer(ngo, competition)

        assert offer["state"] == "draft"
        [transaction] = commands.writing("offers")
        # The competition is read before: the transaction holds no read that others wait for.
        # The offer takes the next place on its organization's list (the counter); the offer,
        # its list entry and its event are held to the end, where a group of transactions
        # writes each collection's in one command.
        assert transaction == [
            ("findAndModify", "offer_list_entries"),
            ("insert", "offers"),
            ("insert", "offer_list_entries"),
            ("insert", "outbox"),
            ("commitTransaction", ""),
        ]
