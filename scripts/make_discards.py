#!/usr/bin/env python3
"""Convert the Phoenix discard list into kgraph's ``data/relations/discards.csv``.

The Phoenix discard file lists phrases whose sentences carry no political event (sports,
games, entertainment, awards, celebrities, accidents), one a line; a leading ``+`` makes the
phrase discard the whole story. This script writes one row per phrase kept:

    phrase,scope,source

* ``phrase``: the phrase in lower case, words separated by single spaces (underscores are
  spaces: ``group a``);
* ``scope``: ``article`` for a ``+`` entry, else ``sentence``;
* ``source``: ``Phoenix.discards.txt:<line>``.

Comments (``#`` to the end of a line) are removed; commented-out entries are skipped. A phrase
met twice keeps its first row (an ``article`` reading wins over a later ``sentence`` one only
when it comes first). Entries of the classes in :data:`LEFT_OUT` are not carried over; the
reasons are in ``data/relations/README.md``:

* time references ("1914", "years ago", "months later", "april 1942", "millennium"): kgraph
  dates each claim and marks past modality instead of dropping the sentence;
* past wars and eras ("world war ii", "napoleonic wars"): current news compares with them
  ("the worst fighting since the Second World War"), and a claim about them is dated;
* disasters and epidemics ("typhoon", "ebola"): they are the occasion of aid and cooperation
  between actors, which kgraph reads;
* political actors, offices and processes ("presidential debate", a former prime minister, a
  court): they take part in the events kgraph reads;
* common words with another sense in political news ("champion" of a cause, a "landslide"
  victory, "marathon" talks; "group a", matched without case, in "told the group a day later").

Usage:
    python scripts/make_discards.py ../shared/resources/phoenix/Phoenix.discards.txt \\
        data/relations/discards.csv
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from _rows import convert_file, render_csv

COLUMNS = ("phrase", "scope", "source")

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december")
#: Phrases that match one of these patterns are time references.
_TIME = re.compile(rf"^(?:\d{{4}}|(?:{_MONTHS}) \d{{4}}|.* (?:ago|later)|millennium)$")
#: Phrases that match this pattern name a past war or era.
_PAST = re.compile(r"\bworld war\b|\bwars$|^post |pearl harbor|\bempire$|\bvietnam veteran"
                   r"|\bbataan\b")

#: Phrases left out by class (the classes other than time references and past wars, which are
#: recognised by pattern): class -> phrases, lower case.
LEFT_OUT: dict[str, frozenset[str]] = {
    "disaster or epidemic": frozenset({
        "avian flu", "avian influenza", "bacteria epidemic", "bird flu", "blizzard",
        "contracted cholera", "dengue fever", "ebola", "equine influenza", "h5n1", "mudslide",
        "polio", "rift valley fever", "tropical depression", "tropical storm", "tsunami",
        "typhoon", "west nile fever", "west nile virus", "widespread flood", "chickungunga",
        "storm warning center", "pollution", "yellow dust"}),
    "political actor, office or process": frozenset({
        "abdul karim qasim", "anita hill", "oliver north", "rick lazio", "jetro",
        "osaka district court", "china environmental monitoring center", "world trade center",
        "kimjongilism", "presidential debate", "presidential vote recount", "poll published",
        "made a joke about having a bomb"}),
    "common words with another sense in political news": frozenset({
        "champion", "champions", "landslide", "marathon", "big brother",
        *(f"group {letter}" for letter in "abcdefgh")}),
}


@dataclass(frozen=True)
class DiscardRow:
    """One converted discard phrase."""

    phrase: str
    scope: str
    source: str

    def cells(self) -> list[str]:
        """The row as CSV cells in :data:`COLUMNS` order."""
        return [self.phrase, self.scope, self.source]


def left_out(phrase: str) -> str | None:
    """The class for which a phrase is not carried over, or None when it is kept.

    Examples:
        >>> left_out("1938"), left_out("weeks ago"), left_out("world war 2"), left_out("rugby")
        ('time reference', 'time reference', 'past war or era', None)
    """
    if _TIME.match(phrase):
        return "time reference"
    if _PAST.search(phrase):
        return "past war or era"
    return next((cls for cls, phrases in LEFT_OUT.items() if phrase in phrases), None)


def _phrase(raw: str) -> str:
    """Phoenix spelling -> words: underscores are spaces, lower case, single spaces."""
    return " ".join(raw.replace("_", " ").lower().split())


def convert(lines: Iterable[str], *, source: str = "Phoenix.discards.txt") -> list[DiscardRow]:
    """Convert the lines of a Phoenix discard file into rows (see the module docstring).

    Args:
        lines: the file's lines.
        source: the file name written into each row's ``source``.

    Returns:
        The rows kept, in file order, one per distinct phrase.

    Examples:
        >>> [r.cells() for r in convert(["+ Polo Cup  # a note", "1950", "WATER_POLO"])]
        [['polo cup', 'article', 'Phoenix.discards.txt:1'], \
['water polo', 'sentence', 'Phoenix.discards.txt:3']]
    """
    rows: dict[str, DiscardRow] = {}
    for number, line in enumerate(lines, start=1):
        text = line.split("#", 1)[0].strip()
        article = text.startswith("+")
        phrase = _phrase(text.lstrip("+"))
        if not phrase or phrase in rows or left_out(phrase) is not None:
            continue
        rows[phrase] = DiscardRow(phrase, "article" if article else "sentence",
                                  f"{source}:{number}")
    return list(rows.values())


def render(rows: Iterable[DiscardRow]) -> str:
    """The rows as CSV text with a header row (``\\n`` line ends)."""
    return render_csv(COLUMNS, (row.cells() for row in rows))


def main(argv: list[str] | None = None) -> int:
    """Command line: read the Phoenix file, write the CSV (``-`` for stdout)."""
    return convert_file(argv, description=__doc__.splitlines()[0], resource="Phoenix.discards.txt",
                        convert=convert, columns=COLUMNS)


if __name__ == "__main__":
    raise SystemExit(main())
