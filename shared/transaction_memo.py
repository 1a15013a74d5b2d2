"""Reads remembered for one transaction attempt: a consumer's batch reads what it shares once.

A batch of events applied in one transaction often asks the same question many times (a
tenant's webhook endpoints, its recipients); on NX-27017 each asking is a round trip that every
other transaction waits for. Inside a transaction MongoDB answers from one snapshot anyway, so
remembering the first answer changes nothing, as long as the transaction does not itself write
what was read: use it only for reads the transaction's own work never changes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from pymongo.asynchronous.client_session import AsyncClientSession

__all__ = ["memoized", "once_per_transaction", "start_memo"]

T = TypeVar("T")
_MEMOS: WeakKeyDictionary[AsyncClientSession, dict[Hashable, Any]] = WeakKeyDictionary()


def start_memo(session: AsyncClientSession) -> None:
    """Begin an empty memo for the transaction attempt that `session` now runs."""
    _MEMOS[session] = {}


async def memoized(
    session: AsyncClientSession | None, key: Hashable, read: Callable[[], Awaitable[T]]
) -> T:
    """Return `read()`'s answer, read once per transaction attempt of `session`."""
    memo = _MEMOS.get(session) if session is not None else None
    if memo is None:
        return await read()
    if key not in memo:
        memo[key] = await read()
    answer: T = memo[key]
    return answer


def once_per_transaction(session: AsyncClientSession | None, key: Hashable, value: Any) -> bool:
    """Return False if this attempt of `session` already wrote `value` under `key`, else True."""
    memo = _MEMOS.get(session) if session is not None else None
    if memo is None:
        return True
    if memo.get(key, _UNSET) == value:
        return False
    memo[key] = value
    return True


_UNSET = object()
