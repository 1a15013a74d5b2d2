"""Use cases of the public NGO database: search, CSV export and Atom feeds."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from feedgen.feed import FeedGenerator

from services.registry.adapters.search.index import OFFSET_MARK, SearchIndex, SearchPage
from services.registry.domain.public_query import PublicQuery
from services.registry.repository import PublicDirectory, TenantRecords
from shared.clock import Clock
from shared.csv_safety import safe_row
from shared.errors import NotFound, Text
from shared.mongo import Document
from shared.text import printable, single_line

__all__ = ["CSV_COLUMNS", "MAX_OFFSET", "PublicRecord", "PublicServices"]

MAX_OFFSET = 10_000

CSV_COLUMNS = (
    "id", "name", "short_name", "legal_form", "krs", "nip", "regon", "public_benefit_status",
    "status", "scope", "municipality_teryt", "city", "public_email", "public_phone", "website",
    "public_benefit_areas", "registered_at",
)  # fmt: skip


def flatten(document: Document) -> dict[str, Any]:
    """Return a public record as one flat row."""
    profile = document.get("profile", {})
    address = profile.get("address") or {}
    return {
        "id": document["_id"],
        **{k: profile.get(k) for k in CSV_COLUMNS if k in profile},
        "status": document.get("status"),
        "municipality_teryt": address.get("municipality_teryt"),
        "city": address.get("city"),
        "public_benefit_areas": ";".join(profile.get("public_benefit_areas") or []),
        "registered_at": document["registered_at"].isoformat(),
    }


@dataclass(frozen=True)
class PublicRecord:
    """One verified organization as the public database shows it."""

    id: str
    status: str
    profile: Mapping[str, Any]  # the stored profile; the public model picks its public fields
    listed_in: tuple[str, ...]
    registered_at: datetime

    @classmethod
    def of(cls, document: Document) -> PublicRecord:
        """Read a record of the public directory."""
        return cls(
            id=document["_id"],
            status=document["status"],
            profile=document["profile"],
            listed_in=tuple(document.get("listed_in", [])),
            registered_at=document["registered_at"],
        )


@dataclass(frozen=True)
class PublicServices:
    """Read the public register; no token needed."""

    directory: PublicDirectory
    tenants: TenantRecords
    base_url: str
    clock: Clock
    index: SearchIndex | None = None

    async def search(self, query: PublicQuery) -> SearchPage:
        """Return one page of the public register, from the search engine once it is built."""
        engine_cursor = query.after is None or query.after.startswith(OFFSET_MARK)
        if self.index is not None and self.index.ready and engine_cursor:
            return self.index.search(
                query.text, _engine_filters(query), query.sort, _offset(query.after), query.limit
            )
        # Before the first build (or for a cursor of the store's pages) the store answers.
        sort = query.sort or "name"
        found = await self.directory.search(dataclasses.replace(query, sort=sort))
        key = "name_key" if sort == "name" else "recent_key"
        return SearchPage(found, found[-1][key] if len(found) == query.limit else None)

    async def get(self, organization_id: str) -> PublicRecord:
        """Return one public record."""
        document = await self.directory.get(organization_id)
        if document is None:
            raise NotFound(detail=Text("Nie ma takiej organizacji.", "No such organization."))
        return PublicRecord.of(document)

    async def csv_rows(self, query: PublicQuery) -> AsyncIterator[str]:
        """Yield the CSV export line by line (header first), without loading it all."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        async for document in self.directory.stream(query):
            row = flatten(document)
            # Stored text is the organizations' own: no cell may run as a spreadsheet formula.
            writer.writerow(safe_row(row.get(column) for column in CSV_COLUMNS))
            if buffer.tell() > 64_000:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    async def atom_feed(self, municipality_id: str, language: str) -> bytes:
        """Return an Atom feed of the newest organizations of one municipality."""
        tenant = await self.tenants.get(municipality_id)
        if tenant is None:
            raise NotFound(detail=Text("Nie ma takiej gminy.", "No such municipality."))
        newest = await self.directory.search(  # the store's own order: a feed wants every one
            PublicQuery(municipality=municipality_id, sort="-registered_at", limit=50)
        )
        feed = FeedGenerator()
        feed_url = f"{self.base_url}/public/municipalities/{municipality_id}/organizations.atom"
        feed.id(f"urn:ngo-platform:registry:{municipality_id}:organizations")
        title = "Nowe organizacje" if language == "pl" else "New organizations"
        # Stored text may predate input checks; XML cannot carry control characters.
        feed.title(single_line(f"{title}: {tenant.name}"))
        feed.link(href=feed_url, rel="self")
        feed.language(language)
        feed.updated(newest[0]["registered_at"] if newest else self.clock.now())
        for document in reversed(newest):
            entry = feed.add_entry()
            profile = document["profile"]
            entry.id(f"urn:ngo-platform:organization:{document['_id']}")
            entry.title(single_line(profile.get("name") or document["_id"]))
            entry.link(href=f"{self.base_url}/public/organizations/{document['_id']}")
            entry.updated(document["registered_at"])
            entry.published(document["registered_at"])
            entry.summary(printable(profile.get("description") or profile.get("name") or ""))
        return bytes(feed.atom_str(pretty=True))


def _engine_filters(query: PublicQuery) -> dict[str, Any]:
    opp = query.public_benefit_status
    return {
        "municipality": query.municipality,
        "area": query.area,
        "legal_form": query.legal_form,
        "scope": query.scope,
        "status": query.status,
        "opp": None if opp is None else str(opp).lower(),
    }


def _offset(after: str | None) -> int:
    if not after:
        return 0
    digits = after[len(OFFSET_MARK) :].split("\x00", 1)[0]
    # Deeper than this a person refines the words instead; the engine never sorts a million.
    return min(int(digits), MAX_OFFSET) if digits.isdigit() else 0
