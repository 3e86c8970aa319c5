"""Sentences and articles that tell of no political event, found by their discard phrases.

The phrases of ``data/relations/discards.csv`` (converted from the Phoenix discard list: sports,
games, entertainment, awards, celebrities) are matched on the lower-case forms of a Doc's
tokens by one spaCy ``PhraseMatcher`` per vocabulary, built on first use. An article that holds
an ``article``-scope phrase ("world cup") yields no assertions; a sentence that holds a
``sentence``-scope phrase ("semi-final", "rugby", "gold medal") yields no
event-layer relations ("Spain beat Portugal in the rugby final" is no fight), while its standing
relations (leader-of, member-of, ...) are kept. See :mod:`kgraph.extract.assertions`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kgraph.know.relations import Discard, load_discards

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = ["Discarded", "find_discards"]


@dataclass(frozen=True)
class Discarded:
    """The discard phrases found in a Doc: the first article-scope one, and the first
    sentence-scope one of each sentence (by the index of the sentence's first token)."""

    article: Discard | None = None
    sentences: dict[int, Discard] = field(default_factory=dict)


@functools.cache
def _tokens(phrase: str) -> tuple[str, ...]:
    """A phrase cut into tokens as spaCy's English tokenizer cuts text ("semi-final" ->
    semi, -, final), so that it matches the tokens of a parsed text."""
    return tuple(t.text for t in _tokenizer()(phrase))


@functools.cache
def _tokenizer() -> Tokenizer:
    import spacy

    return spacy.blank("en").tokenizer


@functools.cache
def _matcher(vocab: Vocab) -> tuple[PhraseMatcher, dict[int, Discard]]:
    """The phrase matcher of the discard phrases on a vocabulary, and its keys' rows."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    matcher = PhraseMatcher(vocab, attr="LOWER")
    rows: dict[int, Discard] = {}
    for row in load_discards():
        key = f"kgraph-discard-{row.line}"
        matcher.add(key, [Doc(vocab, words=list(_tokens(row.phrase)))])
        rows[vocab.strings[key]] = row
    return matcher, rows


def find_discards(doc: Doc) -> Discarded:
    """Return the discard phrases of a parsed Doc (see the module docstring).

    Args:
        doc: a Doc with sentence boundaries (a parse or a sentencizer).

    Returns:
        The article-scope phrase found first, if any, and each sentence's first sentence-scope
        phrase.
    """
    matcher, rows = _matcher(doc.vocab)
    article: Discard | None = None
    sentences: dict[int, Discard] = {}
    for key, start, _ in matcher(doc):
        row = rows[key]
        if row.scope == "article":
            article = article or row
        else:
            sentences.setdefault(doc[start].sent.start, row)
    return Discarded(article, sentences)
