"""Operator's command: republish a service's retained events since a moment.

`python -m shared.republish --service registry --since 2026-11-26T10:00Z` puts the events the
service published since then (kept in its outbox for `outbox_retention_days`) back into its
outbox; the service's relay publishes them again within its poll interval. Consumers are
idempotent, so the duplicates change nothing; a consumer rebuilding its read model, or an
external subscriber that lost its copy, gets every event again, in order per key.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from shared.mongo import connect
from shared.outbox import OUTBOX_COLLECTION
from shared.outbox_log import PublishedLog

__all__ = ["main", "parse_moment", "republish"]

_DEFAULT_URI = "mongodb://127.0.0.1:27017/?directConnection=true"


def parse_moment(text: str) -> datetime:
    """Parse an ISO 8601 moment ('2026-11-26T10:00Z'); one without an offset is UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{text}' is not an ISO 8601 moment") from error
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


async def republish(
    mongodb_uri: str,
    database: str,
    *,
    since: datetime,
    until: datetime | None = None,
    topic: str | None = None,
) -> int:
    """Put the retained events created in [since, until) back in the outbox; return how many."""
    client = connect(mongodb_uri)
    try:
        published = PublishedLog(client[database], OUTBOX_COLLECTION)
        return await published.requeue(since=since, until=until, topic=topic)
    finally:
        await client.close()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m shared.republish",
        description="Republish a service's retained events (its outbox) since a moment.",
    )
    parser.add_argument("--service", required=True, help="registry, grants, consultations, ...")
    parser.add_argument("--since", required=True, type=parse_moment, help="e.g. 2026-11-26T10:00Z")
    parser.add_argument("--until", type=parse_moment, help="end (exclusive); default: now")
    parser.add_argument("--topic", help="only this topic (its full name, with any prefix)")
    parser.add_argument(
        "--mongodb-uri", help="default: env <SERVICE>_MONGODB_URI, else the local MongoDB"
    )
    parser.add_argument("--database", help="default: env <SERVICE>_MONGODB_DATABASE, else SERVICE")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code."""
    args = _parser().parse_args(argv)
    prefix = args.service.upper() + "_"
    uri = args.mongodb_uri or os.environ.get(prefix + "MONGODB_URI", _DEFAULT_URI)
    database = args.database or os.environ.get(prefix + "MONGODB_DATABASE") or args.service
    count = asyncio.run(
        republish(uri, database, since=args.since, until=args.until, topic=args.topic)
    )
    sys.stdout.write(f"{count} events of {args.service} queued for republishing\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
