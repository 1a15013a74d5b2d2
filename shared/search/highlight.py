"""Highlighted matches: the typed words marked in a record's text fields."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection, Mapping

from shared.search.analysis import forms, words

__all__ = ["highlight"]

_WORD = re.compile(r"\w+", re.UNICODE)
_CONTEXT = 60


def _one_edit(a: str, b: str) -> bool:
    """Tell whether two words differ by at most one edit (a transposition counts as one)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        return len(diff) <= 1 or (swapped and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _matcher(text: str) -> Callable[[str], bool]:
    typed = words(text)
    wanted = {form for word in typed for form in forms(word)}
    typos = [forms(word)[0] for word in typed if len(word) >= 5]
    prefix = forms(typed[-1])[0] if typed and len(typed[-1]) >= 2 else None

    def matches(word: str) -> bool:
        mine = forms(word.lower())
        return bool(
            wanted.intersection(mine)
            or (prefix and mine[0].startswith(prefix))
            or any(_one_edit(mine[0], t) for t in typos)
        )

    return matches


def _marked(value: str, matches: Callable[[str], bool], clip: bool) -> str | None:
    spans = [m.span() for m in _WORD.finditer(value) if matches(m.group())]
    if not spans:
        return None
    start = max(0, spans[0][0] - _CONTEXT) if clip else 0
    end = min(len(value), spans[-1][1] + _CONTEXT) if clip else len(value)
    parts, cursor = [], start
    for left, right in spans:
        if right > end:
            break
        before, found = html.escape(value[cursor:left]), html.escape(value[left:right])
        parts += [before, "<mark>", found, "</mark>"]
        cursor = right
    parts.append(html.escape(value[cursor:end]))
    return ("…" if start else "") + "".join(parts) + ("…" if end < len(value) else "")


def highlight(
    values: Mapping[str, str | None], text: str | None, *, clipped: Collection[str] = ()
) -> dict[str, str]:
    """Return escaped HTML fragments of the matching fields with the matches in <mark>."""
    # A long field (`clipped`) is cut to the matches and some context around them.
    matches = _matcher(text or "")
    found = {
        name: _marked(value, matches, clip=name in clipped)
        for name, value in values.items()
        if value
    }
    return {name: fragment for name, fragment in found.items() if fragment}
