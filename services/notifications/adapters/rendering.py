"""E-mails, digests and the bulletin, from Jinja2 templates in Polish and English."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from jinja2.runtime import Context

from services.notifications.domain.digest import Digest, PeriodKind
from shared.errors import Text

__all__ = ["Rendered", "Renderer"]

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
LANGUAGES = ("pl", "en")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


@dataclass(frozen=True)
class Rendered:
    """A message's subject with its plain text and HTML bodies."""

    subject: str
    text: str
    html: str


class Renderer:
    """Renders every text this service sends or serves."""

    def __init__(self, *, zone: ZoneInfo, web_base_url: str) -> None:
        self._zone = zone
        self._web_base_url = web_base_url.rstrip("/")
        self._environment = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(enabled_extensions=("html",), default=False),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )
        self._environment.filters["md"] = lambda text: _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
        self._environment.filters["url"] = self.link_url
        self._environment.filters["day"] = self._day
        self._environment.filters["tr"] = _translate

    def link_url(self, link: str | None) -> str | None:
        """Return an absolute link into the web app (the path itself if no base is set)."""
        if not link:
            return None
        return f"{self._web_base_url}{link}"

    def notice(
        self,
        *,
        language: str,
        title: Text,
        body: Text,
        link: str | None,
        name: str | None,
        reason: Text,
        unsubscribe_url: str,
    ) -> Rendered:
        """Render the e-mail of one notice."""
        lang = _language(language)
        context = {
            "lang": lang,
            "name": name,
            "title": title.in_language(lang),
            "body": body.in_language(lang),
            "link_url": self.link_url(link),
            "reason": reason.in_language(lang),
            "unsubscribe_url": unsubscribe_url,
        }
        return Rendered(
            subject=title.in_language(lang),
            text=self._render(f"{lang}/notice.txt", context),
            html=self._render(f"{lang}/notice.html", context),
        )

    def digest_email(
        self, digest: Digest, *, language: str, name: str | None, unsubscribe_url: str
    ) -> Rendered:
        """Render a subscriber's digest e-mail."""
        lang = _language(language)
        heading = self.heading(digest, lang)
        context = self._digest_context(digest, lang, heading)
        context.update(name=name, unsubscribe_url=unsubscribe_url)
        return Rendered(
            subject=heading,
            text=self._render(f"{lang}/digest.txt", context),
            html=self._render(f"{lang}/digest.html", context),
        )

    def bulletin(self, digest: Digest, *, language: str, markdown: bool) -> str:
        """Render a municipality's digest for its bulletin, as Markdown or HTML."""
        lang = _language(language)
        context = self._digest_context(digest, lang, self.heading(digest, lang))
        context.update(
            lead=_lead(digest, lang, self._zone),
            unsubscribe_url=None,
        )
        return self._render(f"{lang}/bulletin.{'md' if markdown else 'html'}", context)

    @staticmethod
    def heading(digest: Digest, language: str) -> str:
        """Return a digest's title."""
        daily = digest.period.kind == PeriodKind.DAILY
        text = (
            Text(
                f"Dzień {digest.period.label}: {digest.tenant_name}",
                f"Day {digest.period.label}: {digest.tenant_name}",
            )
            if daily
            else Text(
                f"Tydzień {digest.period.label}: {digest.tenant_name}",
                f"Week {digest.period.label}: {digest.tenant_name}",
            )
        )
        return text.in_language(language)

    def _digest_context(self, digest: Digest, lang: str, heading: str) -> dict[str, object]:
        return {
            "lang": lang,
            "digest": digest,
            "heading": heading,
        }

    def _render(self, name: str, context: Mapping[str, object]) -> str:
        return self._environment.get_template(name).render(context)

    def _day(self, when: datetime) -> str:
        return when.astimezone(self._zone).strftime("%d.%m.%Y")


@pass_context
def _translate(context: Context, text: Text) -> str:
    return text.in_language(str(context["lang"]))


def _language(language: str) -> str:
    return language if language in LANGUAGES else "pl"


def _lead(digest: Digest, lang: str, zone: ZoneInfo) -> str:
    first = digest.period.start.astimezone(zone).strftime("%d.%m.%Y")
    last = (digest.period.end.astimezone(zone) - timedelta(days=1)).strftime("%d.%m.%Y")
    span = first if first == last else f"{first} – {last}"
    text = Text(
        f"Zestawienie z okresu {span}: nowe organizacje, konkursy ofert i ich wyniki, "
        "konsultacje społeczne i raporty.",
        f"Summary of {span}: new organizations, open competitions and their results, social "
        "consultations and reports.",
    )
    return text.in_language(lang)
