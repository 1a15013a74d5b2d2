"""Use cases of the public NGO database: search, CSV export and Atom feeds."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from feedgen.feed import FeedGenerator

from services.registry.repository import PublicDirectory, TenantRecords
from services.registry.repository.public import PublicQuery
from shared.errors import NotFound, Text
from shared.mongo import Document
from shared.text import printable, single_line

__all__ = ["CSV_COLUMNS", "PublicServices"]

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
        "public_benefit_areas": ";".join(profile.get("public_benefit_areas", [])),
        "registered_at": document["registered_at"].isoformat(),
    }


@dataclass(frozen=True)
class PublicServices:
    """Read the public register; no token needed."""

    directory: PublicDirectory
    tenants: TenantRecords
    base_url: str

    async def search(self, query: PublicQuery) -> list[Document]:
        """Return one page of the public register."""
        return await self.directory.search(query)

    async def get(self, organization_id: str) -> Document:
        """Return one public record."""
        document = await self.directory.get(organization_id)
        if document is None:
            raise NotFound(detail=Text("Nie ma takiej organizacji.", "No such organization."))
        return document

    async def csv_rows(self, query: PublicQuery) -> AsyncIterator[str]:
        """Yield the CSV export line by line (header first), without loading it all."""
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        async for document in self.directory.stream(query):
            writer.writerow(flatten(document))
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
        newest = await self.directory.search(
            PublicQuery(municipality=municipality_id, sort="-registered_at", limit=50)
        )
        feed = FeedGenerator()
        feed_url = f"{self.base_url}/public/municipalities/{municipality_id}/organizations.atom"
        feed.id(f"urn:ngo-platform:registry:{municipality_id}:organizations")
        title = "Nowe organizacje" if language == "pl" else "New organizations"
        feed.title(single_line(f"{title}: {tenant.name}"))
        feed.link(href=feed_url, rel="self")
        feed.language(language)
        feed.updated(newest[0]["registered_at"] if newest else datetime.now(UTC))
        for document in reversed(newest):
            entry = feed.add_entry()
            profile = document["profile"]
            entry.id(f"urn:ngo-platform:organization:{document['_id']}")
            entry.title(single_line(profile["name"]))
            entry.link(href=f"{self.base_url}/public/organizations/{document['_id']}")
            entry.updated(document["registered_at"])
            entry.published(document["registered_at"])
            # XML 1.0 cannot carry control characters; one in a stored profile failed the feed.
            entry.summary(printable(profile.get("description") or profile["name"]))
        return bytes(feed.atom_str(pretty=True))
