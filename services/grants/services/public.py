"""Use cases of the public views: open competitions and results per municipality, JSON and Atom."""

from __future__ import annotations

from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from services.grants.adapters.search import searchable
from services.grants.domain.applicant import KnownTenant
from services.grants.domain.competition.competition import Competition, CompetitionState
from services.grants.domain.competition.results import PublishedResultsOf
from services.grants.repository import CompetitionRepository, PublishedResults, TenantDirectory
from shared.access import not_found
from shared.clock import SYSTEM_CLOCK, Clock
from shared.errors import Text
from shared.search.records import Hit, RecordIndex
from shared.tenancy import TenantContext
from shared.text import printable, single_line

__all__ = ["PublicServices"]


@dataclass(frozen=True)
class PublicServices:
    """What anyone may read without a token."""

    competitions: CompetitionRepository
    results: PublishedResults
    tenants: TenantDirectory
    base_url: str
    index: RecordIndex
    clock: Clock = SYSTEM_CLOCK

    async def municipality(self, tenant_id: str) -> KnownTenant:
        """Return a municipality the registry announced, or 404."""
        record = await self.tenants.get(tenant_id)
        if record is None:
            raise not_found(
                Text("Nie ma takiej gminy.", "No such municipality."), municipality_id=tenant_id
            )
        return record

    async def open_competitions(self, tenant_id: str) -> list[Competition]:
        """Return the municipality's competitions that take offers now, newest first."""
        await self.municipality(tenant_id)
        return await self.competitions.in_states(
            TenantContext(tenant_id), states=[CompetitionState.ANNOUNCED], limit=200
        )

    async def search_open(
        self, tenant_id: str, text: str
    ) -> list[tuple[Competition, dict[str, str]]]:
        """Return the open competitions matching `text`, best first, with the marked words."""
        found = {c.id: c for c in await self.open_competitions(tenant_id)}
        records = [searchable(c) for c in found.values()]
        hits: list[Hit] = self.index.among(tenant_id, text, records)
        return [(found[hit.id], hit.highlights) for hit in hits]

    async def published_results(self, tenant_id: str) -> list[PublishedResultsOf]:
        """Return the municipality's published results, newest first."""
        await self.municipality(tenant_id)
        return await self.results.newest(TenantContext(tenant_id), limit=100)

    async def competitions_feed(self, tenant_id: str, language: str) -> bytes:
        """Return an Atom feed of the municipality's open competitions."""
        record = await self.municipality(tenant_id)
        found = await self.open_competitions(tenant_id)
        feed = self._feed(record, "competitions", language)
        feed.updated(
            max((c.announced_at for c in found if c.announced_at), default=self.clock.now())
        )
        for competition in reversed(found):
            entry = feed.add_entry()
            entry.id(f"urn:ngo-platform:competition:{competition.id}")
            # XML cannot carry control characters; older records may still hold some.
            entry.title(single_line(competition.terms.title))
            entry.link(href=f"{self._base(tenant_id)}/competitions#{competition.id}")
            moment = competition.announced_at or competition.drafted_at
            entry.updated(moment)
            entry.published(moment)
            terms = competition.terms
            entry.summary(
                printable(
                    f"{terms.public_task}. Środki: {terms.total_funds}. "
                    f"Termin składania ofert: {terms.offer_deadline.isoformat()}."
                )
            )
        return bytes(feed.atom_str(pretty=True))

    async def results_feed(self, tenant_id: str, language: str) -> bytes:
        """Return an Atom feed of the municipality's published results."""
        record = await self.municipality(tenant_id)
        found = await self.published_results(tenant_id)
        feed = self._feed(record, "results", language)
        feed.updated(found[0].published_at if found else self.clock.now())
        for results in reversed(found):
            entry = feed.add_entry()
            entry.id(f"urn:ngo-platform:competition:{results.competition_id}:results")
            entry.title(single_line(f"Wyniki: {results.title}"))
            entry.link(href=f"{self._base(tenant_id)}/results#{results.competition_id}")
            entry.updated(results.published_at)
            entry.published(results.published_at)
            lines = [
                f"{r.organization_name}: {r.task_title} – {r.granted_amount} PLN"
                for r in results.lines
            ]
            entry.summary(printable("; ".join(lines)) or "Brak ofert.")
        return bytes(feed.atom_str(pretty=True))

    def _base(self, tenant_id: str) -> str:
        return f"{self.base_url}/public/municipalities/{tenant_id}"

    def _feed(self, record: KnownTenant, kind: str, language: str) -> FeedGenerator:
        titles = {
            ("competitions", "pl"): "Otwarte konkursy ofert",
            ("competitions", "en"): "Open competitions",
            ("results", "pl"): "Wyniki konkursów ofert",
            ("results", "en"): "Results of competitions",
        }
        feed = FeedGenerator()
        feed.id(f"urn:ngo-platform:grants:{record.id}:{kind}")
        feed.title(single_line(f"{titles[(kind, language)]}: {record.name}"))
        feed.link(href=f"{self._base(record.id)}/{kind}.atom", rel="self")
        feed.language(language)
        return feed
