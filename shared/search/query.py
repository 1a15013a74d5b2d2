"""Build tantivy queries from what a person typed: lemmas, a prefix and typos, weighted."""

from __future__ import annotations

from collections.abc import Mapping

import tantivy

from shared.search.analysis import forms, words

__all__ = ["text_clauses", "word_query"]

Clause = tuple[tantivy.Occur, tantivy.Query]


def word_query(
    schema: tantivy.Schema, word: str, weights: Mapping[str, float], *, as_prefix: bool
) -> tantivy.Query:
    """Match one typed word: exactly, by lemma, as a prefix, or with one typo."""
    should = tantivy.Occur.Should
    alternatives = []
    surface = forms(word)[0]
    for name, weight in weights.items():
        for form in forms(word):
            exact = tantivy.Query.term_query(schema, name, form)
            alternatives.append((should, tantivy.Query.boost_query(exact, weight)))
        if as_prefix and len(surface) >= 2:
            begun = tantivy.Query.fuzzy_term_query(schema, name, surface, 0, prefix=True)
            alternatives.append((should, tantivy.Query.boost_query(begun, weight * 0.6)))
        if len(surface) >= 5:
            typo = tantivy.Query.fuzzy_term_query(schema, name, surface, 1)
            alternatives.append((should, tantivy.Query.boost_query(typo, weight * 0.4)))
    return tantivy.Query.boolean_query(alternatives)


def text_clauses(
    schema: tantivy.Schema, text: str | None, weights: Mapping[str, float]
) -> list[Clause]:
    """Return one required clause per typed word; the last word may be unfinished."""
    # Search-as-you-type: only the word being typed is taken as a prefix.
    typed = words(text or "")
    return [
        (tantivy.Occur.Must, word_query(schema, word, weights, as_prefix=i == len(typed) - 1))
        for i, word in enumerate(typed)
    ]
