"""Run NX-27017 with one fix: a dead client's open transaction is aborted, as MongoDB does.

NX-27017 keeps a session's transaction open after its client is killed. The transaction
holds SQLite's outermost BEGIN, so its half-done writes stay visible to everyone and every
later transaction nests inside it. MongoDB aborts such a transaction; this wrapper does the
same once the last connection that carried the session closes (pymongo ends sessions with
`endSessions` when it closes normally, so only a dead client leaves one behind).
"""

from __future__ import annotations

import sys
import threading
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from nx_27017 import handler as nx_handler
from nx_27017 import nx_27017 as nx_main

__all__ = ["install"]

Handler = Any


def _session_id(msg: dict[str, Any]) -> str | None:
    for _kind, document in msg.get("sections", ()):
        if isinstance(document, dict) and document.get("lsid"):
            session_id: str | None = nx_handler._extract_session_id(document["lsid"])
            return session_id
    return None


def install() -> None:
    """Patch the handler to track which connections carry which session, and clean up."""
    cls = nx_handler.NeoSQLiteHandler
    lock = threading.Lock()
    connections: defaultdict[str, set[Any]] = defaultdict(set)

    def tracked(method: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(self: Handler, msg: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
            session_id, connection = _session_id(msg), msg.get("_conn_id")
            if session_id and connection is not None:
                with lock:
                    connections[session_id].add(connection)
            return method(self, msg, *args, **kwargs)

        return wrapper

    close_streams = cls.close_streams_for_connection

    def on_close(self: Handler, connection: Any) -> None:
        close_streams(self, connection)
        with lock:
            orphans = [sid for sid, used in connections.items() if used <= {connection}]
            for session_id, used in list(connections.items()):
                used.discard(connection)
                if not used:
                    del connections[session_id]
        for session_id in orphans:
            for session in self._tx_sessions(session_id):
                session.abort_transaction()

    cls.handle_command = tracked(cls.handle_command)
    cls.handle_insert = tracked(cls.handle_insert)
    cls.close_streams_for_connection = on_close


if __name__ == "__main__":
    install()
    sys.exit(nx_main.main())
