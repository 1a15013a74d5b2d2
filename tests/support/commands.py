"""Listen to the MongoDB commands that services send inside their transactions."""

from __future__ import annotations

from collections.abc import Iterator

from pymongo import monitoring

__all__ = ["TransactionCommands", "listening"]

Command = tuple[str, str]  # (command name, collection)


class TransactionCommands(monitoring.CommandListener):
    """Records (command, collection) of every command sent inside a transaction."""

    def __init__(self) -> None:
        self.active = True
        self.by_transaction: dict[tuple[str, int], list[Command]] = {}

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        """Record a command that belongs to a transaction."""
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

    def writing(self, collection: str) -> list[list[Command]]:
        """Return the transactions that inserted into `collection`."""
        return [c for c in self.by_transaction.values() if ("insert", collection) in c]


def listening() -> Iterator[TransactionCommands]:
    """Listen to the clients made from now on until the generator ends (a fixture's body)."""
    # Make it a module-scoped fixture, so it starts before the module's services make their
    # clients; pymongo cannot unregister a listener, so it only stops recording.
    listener = TransactionCommands()
    monitoring.register(listener)
    yield listener
    listener.active = False
