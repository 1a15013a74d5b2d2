"""Show a service's highlighted fragment: only its <mark> tags survive, all else is text."""

from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

__all__ = ["marked"]

_TAG = re.compile(r"(</?mark>)")
_TAGS = {"<mark>": Markup("<mark>"), "</mark>": Markup("</mark>")}


def marked(fragment: str | None) -> Markup:
    """Return the fragment as HTML whose only elements are <mark> (the rest escaped again)."""
    # The services escape their fragments; the portal does not trust that, it re-escapes text.
    parts = _TAG.split(fragment or "")
    return Markup("").join(
        _TAGS[part] if part in _TAGS else escape(html.unescape(part)) for part in parts
    )
