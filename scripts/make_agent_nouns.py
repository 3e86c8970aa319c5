#!/usr/bin/env python3
"""Convert the Phoenix agent dictionary into kgraph's ``data/actors/agents.csv``.

The Phoenix/CAMEO agent file lists generic agent nouns ("army", "riot police", "rebel group")
with a role code each. This script turns every entry whose role kgraph uses into one row:

    words,plural,code,role,person,source

* ``words``: the noun phrase in lower case, words separated by spaces (``riot police``);
* ``plural``: its plural forms, ``|``-separated: the forms in ``{...}`` when the entry lists
  them, none for ``{}``, else the regular plural of the last word (``rebel groups``); phrases
  that already end in a plural-looking word, and phrases made with a substitution set (which
  spells out both numbers, "man, men"), get none;
* ``code``: the Phoenix role code without ``~`` (``GOVMIL``);
* ``role``: kgraph's role for the code's first three letters (see :data:`ROLES`);
* ``person``: ``yes`` when the entry was written with the ``!PERSON!`` set ("police!PERSON!"
  -> "policeman", "policemen", ...), else ``no``;
* ``source``: ``Phoenix.agents.txt:<line>``.

Substitution sets (``!NAME! = A, B, C``) are expanded: an entry using one becomes one row per
member. Commented lines, commented-out entries and codes without a kgraph role are skipped.
Rows are written in the order of the source file; a phrase met twice keeps its first row.

Usage:
    python scripts/make_agent_nouns.py ../shared/resources/phoenix/Phoenix.agents.txt \\
        data/actors/agents.csv
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from _rows import convert_file, render_csv

#: Phoenix role code (first three letters) -> kgraph role.
ROLES = {
    "MIL": "military",
    "COP": "police",
    "GOV": "government",
    "SPY": "intelligence",
    "REB": "rebels",
    "UAF": "militia",  # unidentified armed forces: militants, gunmen, militias
    "OPP": "opposition",
    "CVL": "civilians",
}
COLUMNS = ("words", "plural", "code", "role", "person", "source")

_ENTRY = re.compile(r"^(?P<phrase>[^\[{#]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[~(?P<code>[A-Z]+)\]")
_SUBSTITUTION = re.compile(r"^!(?P<name>[A-Z]+)!\s*=\s*(?P<members>.+)$")
_SET_USE = re.compile(r"!([A-Z]+)!")


@dataclass(frozen=True)
class AgentRow:
    """One converted agent noun."""

    words: str
    plural: tuple[str, ...]
    code: str
    role: str
    person: bool
    source: str

    def cells(self) -> list[str]:
        """The row as CSV cells in :data:`COLUMNS` order."""
        return [self.words, "|".join(self.plural), self.code, self.role,
                "yes" if self.person else "no", self.source]


def _phrase(raw: str) -> str:
    """Phoenix spelling -> words: underscores are spaces, lower case, no trailing stop marks."""
    return " ".join(raw.replace("_", " ").lower().split())


def regular_plural(words: str) -> tuple[str, ...]:
    """The regular plural of a phrase's last word, or none when it already looks plural.

    Examples:
        >>> regular_plural("rebel group"), regular_plural("militia"), regular_plural("army")
        (('rebel groups',), ('militias',), ('armies',))
        >>> regular_plural("armed forces"), regular_plural("militiaman"), regular_plural("lt.")
        ((), ('militiamen',), ())
    """
    head, _, last = words.rpartition(" ")
    if (last.endswith("s") and not last.endswith("ss")) or last.endswith((".", "men")):
        return ()  # already plural ("forces", "gunmen"), or an abbreviation ("gen.")
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif re.search(r"[^aeiou]y$", last):
        plural = last[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", last):
        plural = last + "es"
    else:
        plural = last + "s"
    return (f"{head} {plural}" if head else plural,)


def _expand(phrase: str, sets: dict[str, list[str]]) -> Iterator[tuple[str, bool]]:
    """Each spelling of a phrase with its substitution sets filled in, and whether a
    ``!PERSON!`` set was used."""
    used = _SET_USE.search(phrase)
    if used is None:
        yield phrase, False
        return
    name = used.group(1)
    members = sets.get(name)
    if members is None:
        raise ValueError(f"unknown substitution set !{name}!")
    for member in members:
        filled = phrase[:used.start()] + member + phrase[used.end():]
        for text, person in _expand(filled, sets):
            yield text, person or name == "PERSON"


def convert(lines: Iterable[str], *, source: str = "Phoenix.agents.txt") -> list[AgentRow]:
    """Convert the lines of a Phoenix agent file into rows (see the module docstring).

    Args:
        lines: the file's lines.
        source: the file name written into each row's ``source``.

    Returns:
        The rows, in file order, one per distinct phrase.

    Raises:
        ValueError: an entry uses a substitution set that was not defined before it.

    Examples:
        >>> [r.cells() for r in convert(["ARMY [~MIL]", "GUNMAN {GUNMEN} [~UAF]"])]
        [['army', 'armies', 'MIL', 'military', 'no', 'Phoenix.agents.txt:1'], \
['gunman', 'gunmen', 'UAF', 'militia', 'no', 'Phoenix.agents.txt:2']]
    """
    sets: dict[str, list[str]] = {}
    rows: dict[str, AgentRow] = {}
    for number, line in enumerate(lines, start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        substitution = _SUBSTITUTION.match(text)
        if substitution is not None:
            sets[substitution.group("name")] = [
                m.strip() for m in substitution.group("members").split(",") if m.strip()]
            continue
        entry = _ENTRY.match(text)
        if entry is None:
            continue
        code = entry.group("code")
        role = ROLES.get(code[:3])
        if role is None:
            continue
        listed = entry.group("plural")
        # a substitution set spells out both numbers itself ("man, men"; "minister, ministers")
        substituted = _SET_USE.search(entry.group("phrase")) is not None
        for spelling, person in _expand(entry.group("phrase"), sets):
            words = _phrase(spelling)
            if not words or words in rows:
                continue
            if listed is None:
                plural = () if substituted else regular_plural(words)
            else:
                plural = tuple(p for p in (_phrase(x) for x in listed.split(",")) if p)
            rows[words] = AgentRow(words, plural, code, role, person, f"{source}:{number}")
    return list(rows.values())


def render(rows: Iterable[AgentRow]) -> str:
    """The rows as CSV text with a header row (``\\n`` line ends)."""
    return render_csv(COLUMNS, (row.cells() for row in rows))


def main(argv: list[str] | None = None) -> int:
    """Command line: read the Phoenix file, write the CSV (``-`` for stdout)."""
    return convert_file(argv, description=__doc__.splitlines()[0], resource="Phoenix.agents.txt",
                        convert=convert, columns=COLUMNS)


if __name__ == "__main__":
    raise SystemExit(main())
