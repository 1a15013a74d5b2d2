"""Polish text analysis for full-text search: words, diacritic folding and lemmas."""

from __future__ import annotations

import functools
import re
import threading
import unicodedata

import simplemma

__all__ = ["fold", "forms", "index_terms", "warm_up", "words"]

_WORD = re.compile(r"\w+", re.UNICODE)
# NFKD splits most Polish letters into a base and a combining mark; ł and Ł have no such split.
_NO_DECOMPOSITION = str.maketrans({"ł": "l", "Ł": "l"})
_MAX_WORD = 40
_LOADING = threading.Lock()


def words(text: str) -> list[str]:
    """Return the lower-case words of a text, in order."""
    return [w for w in _WORD.findall(text.lower()) if len(w) <= _MAX_WORD]


def fold(word: str) -> str:
    """Return a word without diacritics (`żeglarstwa` -> `zeglarstwa`)."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_NO_DECOMPOSITION))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=200_000)
def forms(word: str) -> tuple[str, ...]:
    """Return the folded surface form of a word and, if it differs, its folded lemma."""
    # The lemma makes `seniorów`, `seniorzy` and `senior` meet; the surface form keeps a
    # diacritic-free query (`zeglarstwa`, which no dictionary knows) matching its own spelling.
    surface = fold(word)
    if word.isdigit():
        return (surface,)
    lemma = fold(simplemma.lemmatize(word, lang="pl").lower())
    return (surface,) if lemma == surface else (surface, lemma)


def index_terms(text: str) -> str:
    """Return the terms a text is indexed under, space-separated."""
    return " ".join(term for word in words(text) for term in forms(word))


def warm_up() -> None:
    """Load the Polish dictionary now rather than on the first search."""
    # Loading takes seconds of CPU: indexes of one process wait for the first load, not redo it.
    with _LOADING:
        forms("seniorów")
