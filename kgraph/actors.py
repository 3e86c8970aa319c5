"""The actor gazetteer: who is who, under which names, loaded from ``data/actors/actors.csv``.

An :class:`~kgraph.model.Actor` is known under its label and its aliases. Names are matched
as *token sequences* in the case they are written in, plus an ALL-CAPS form (headlines) and a
form with a capitalised first letter (sentence starts) -- never in lower case, so ``US``, ``IS``
or ``Chad`` do not match "us", "is" or "chad". Acronyms (one word with two capitals or more:
``UN``, ``U.S.``, ``LeT``) match only as written. A hyphen between letters also matches as a
space (``al-Qaeda`` -> ``al Qaeda``), the Arabic article ``al``/``Al`` is tried in both cases
and both joinings (``Jabhat Al-Nusra``), and ``'`` also matches a typographic apostrophe.

Demonyms ("Iraqi", "Americans") are kept apart from aliases: :meth:`Gazetteer.demonym` resolves
them to states, and span-ruler patterns never contain them. Capital-city metonyms
("Washington", "the Kremlin") are aliases only when the gazetteer is loaded with
``metonyms=True``.

The tokeniser here reproduces what spaCy's English tokenizer does to the names in the
gazetteer (a test keeps the two in step), so that building patterns needs no spaCy.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kgraph._paths import data_path
from kgraph.errors import DataFileError
from kgraph.model import ACTOR_TYPES, Actor

__all__ = [
    "COLUMNS",
    "Gazetteer",
    "load_actors",
    "mint_actor",
    "normalize_name",
    "slugify",
    "tokenize",
    "variants",
]

COLUMNS = (
    "id",
    "label",
    "type",
    "country",
    "wikidata",
    "aliases",
    "demonyms",
    "metonyms",
    "source",
    "note",
)
SEPARATOR = "|"  # between the values of a multi-valued cell
SOURCES = ("", "phoenix")

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_QID = re.compile(r"Q[1-9][0-9]*")
_ISO3 = re.compile(r"[A-Z]{3}")
_ABBREVIATION = re.compile(r"(?:[^\W\d_]\.)+")  # U.S., U.K. -- one token for spaCy
# Abbreviations that spaCy's English tokenizer keeps whole (its tokenizer exceptions).
_KEPT_ABBREVIATIONS = frozenset(
    {"St.", "Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Jr.", "Gov.", "Sen.", "Rep.", "Mt.", "Inc.",
     "Corp.", "Co.", "Ltd.", "Bros.", "Adm.", "Prof.", "Rev.", "vs."})
# spaCy's infix rules: a hyphen or slash between a letter or digit and a letter splits the word.
_INFIX = re.compile(r"(?<=[^\W_])([-/])(?=[^\W\d_])")
_PREFIX_CHARS = "\"'([{“‘«"
_SUFFIX_CHARS = "\"')]}”’»,;:!?"
_POSSESSIVE = ("'s", "’s", "'S", "’S")
_ARTICLES = frozenset({"al", "Al"})  # Arabic article, written "al-X", "al X", "Al-X"
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "‑": "-"})
_LEADING = ("the ", "The ", "THE ", "so-called ", "So-called ", "SO-CALLED ")
_TRIM = "\"'“”‘’,;:!?*«» "
_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"), ("<", ">"))


def slugify(text: str) -> str:
    """Return the ASCII slug of a name: accents stripped, lower case, words joined by "-".

    Apostrophes are dropped rather than turned into a separator (``Hay'at`` -> ``hayat``).

    Examples:
        >>> slugify("al-Qaeda in the Arabian Peninsula")
        'al-qaeda-in-the-arabian-peninsula'
        >>> slugify("Côte d\u2019Ivoire")
        'cote-divoire'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.replace("'", "").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def tokenize(text: str) -> tuple[str, ...]:
    """Split a name into tokens the way spaCy's English tokenizer splits it.

    Covers what occurs in names: whitespace, hyphens between letters, leading and trailing
    quotes and brackets, a possessive ``'s``, a final full stop (kept in ``U.S.``).

    Examples:
        >>> tokenize("al-Qaeda's")
        ('al', '-', 'Qaeda', "'s")
        >>> tokenize("the U.S.")
        ('the', 'U.S.')
    """
    tokens: list[str] = []
    for chunk in text.split():
        head: list[str] = []
        tail: list[str] = []
        while len(chunk) > 1 and chunk[0] in _PREFIX_CHARS:
            head.append(chunk[0])
            chunk = chunk[1:]
        while chunk:
            if chunk.endswith(_POSSESSIVE) and len(chunk) > 2:
                tail.append(chunk[-2:])
                chunk = chunk[:-2]
            elif len(chunk) > 1 and chunk[-1] in _SUFFIX_CHARS:
                tail.append(chunk[-1])
                chunk = chunk[:-1]
            elif len(chunk) > 1 and chunk[-1] == "." and not _is_abbreviation(chunk):
                tail.append(".")
                chunk = chunk[:-1]
            else:
                break
        tokens.extend(head)
        if chunk:
            tokens.extend(t for t in _INFIX.split(chunk) if t)
        tokens.extend(reversed(tail))
    return tuple(tokens)


def _is_abbreviation(word: str) -> bool:
    return word in _KEPT_ABBREVIATIONS or bool(_ABBREVIATION.fullmatch(word))


def _is_acronym(name: str) -> bool:
    """One word with two capitals or more: ``UN``, ``U.S.``, ``LeT``, ``ISIS-K``, ``M23``."""
    return " " not in name.strip() and sum(c.isupper() for c in name) >= 2


def _joinings(tokens: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The hyphen/space variants of a name: hyphens dropped, and ``al X`` also as ``al-X``."""
    out = {tokens}
    if "-" in tokens[1:-1]:
        out.add(tuple(t for t in tokens if t != "-"))
    spaced = tuple(t for t in tokens if t != "-")
    if any(t in _ARTICLES for t in spaced[:-1]):
        joined: list[str] = []
        for i, tok in enumerate(spaced):
            joined.append(tok)
            if tok in _ARTICLES and i + 1 < len(spaced):
                joined.append("-")
        out.add(tuple(joined))
    for form in list(out):
        for article in _ARTICLES:
            out.add(tuple(article if t in _ARTICLES else t for t in form))
    return out


def variants(name: str) -> set[tuple[str, ...]]:
    """Return every token sequence under which a name is matched.

    Args:
        name: an alias as written in the gazetteer.

    Returns:
        The written form, its hyphen/space and Arabic-article variants, and for each an
        ALL-CAPS form and a capitalised-first-letter form; each with a typographic apostrophe
        where it has "'". An acronym yields only itself.

    Examples:
        >>> sorted(variants("US"))
        [('US',)]
        >>> sorted(" ".join(v) for v in variants("al-Qaeda"))
        ['AL - QAEDA', 'AL QAEDA', 'Al - Qaeda', 'Al Qaeda', 'al - Qaeda', 'al Qaeda']
    """
    tokens = tokenize(name)
    if not tokens:
        return set()
    out: set[tuple[str, ...]] = {tokens}
    if not _is_acronym(name):
        for form in _joinings(tokens):
            out.add(form)
            out.add(tuple(t.upper() for t in form))
            out.add((form[0][:1].upper() + form[0][1:], *form[1:]))
    # News text often has a typographic apostrophe where the gazetteer has "'".
    curly = {tuple(t.replace("'", "\u2019") for t in form) for form in out if "'" in "".join(form)}
    return out | curly


def normalize_name(text: str) -> str:
    """Return a mention as a name: quotes, whitespace, "the", "so-called" and "'s" removed.

    Examples:
        >>> normalize_name("  the so-called  \u201cIslamic State\u2019s\u201d ")
        'Islamic State'
        >>> normalize_name("the U.S.")
        'U.S.'
    """
    name = " ".join(text.translate(_QUOTES).split())
    changed = True
    while changed:
        before = name
        name = _strip_brackets(name.strip(_TRIM))
        if name.endswith(("'s", "'S")):
            name = name[:-2]
        if name.endswith(".") and not _is_abbreviation(name.rsplit(" ", 1)[-1]):
            name = name[:-1]
        for lead in _LEADING:
            if name.startswith(lead):
                name = name[len(lead):]
        changed = name != before
    return name


def _strip_brackets(name: str) -> str:
    """Drop brackets around a name and unmatched ones at its ends, keep "Party (Maoist)"."""
    for opening, closing in _BRACKETS:
        if name.startswith(opening) and name.endswith(closing):
            name = name[1:-1]
        if name.startswith(opening) and name.count(opening) > name.count(closing):
            name = name[1:]
        if name.endswith(closing) and name.count(closing) > name.count(opening):
            name = name[:-1]
    return name.strip()


def mint_actor(text: str, type: str) -> Actor:
    """Return a new actor for a name that is not in the gazetteer (``minted=True``).

    Args:
        text: the mention as written.
        type: one of the actor types of :data:`kgraph.model.ACTOR_TYPES`.

    Raises:
        ValueError: the type is unknown or the text holds no letter or digit.

    Examples:
        >>> mint_actor("the so-called  Army of Free Men's", "ArmedGroup")
        Actor(id='army-of-free-men', label='Army of Free Men', type='ArmedGroup', \
aliases=(), wikidata='', country='', minted=True)
    """
    if type not in ACTOR_TYPES:
        raise ValueError(f"unknown actor type {type!r}; valid types: {', '.join(ACTOR_TYPES)}")
    label = normalize_name(text)
    slug = slugify(label)
    if not slug:
        raise ValueError(f"cannot make an actor id from {text!r}")
    return Actor(id=slug, label=label, type=type, minted=True)


class Gazetteer:
    """A read-only collection of actors with their name and demonym indexes.

    Examples:
        >>> gaz = load_actors()
        >>> gaz.lookup("the Islamic State's").id
        'isis'
        >>> gaz["syria"].label
        'Syria'
        >>> gaz.lookup("us") is None
        True
    """

    __slots__ = ("_actors", "_demonyms", "_metonyms", "_names")

    def __init__(
        self,
        actors: Iterable[Actor],
        *,
        names: dict[tuple[str, ...], str],
        demonyms: dict[str, str],
        metonyms: dict[tuple[str, ...], str] | None = None,
    ) -> None:
        self._actors: dict[str, Actor] = {a.id: a for a in actors}
        self._names = dict(names)
        self._demonyms = dict(demonyms)
        self._metonyms = dict(metonyms or {})

    def __getitem__(self, actor_id: str) -> Actor:
        return self._actors[actor_id]

    def get(self, actor_id: str) -> Actor | None:
        """Return the actor with this id, or None."""
        return self._actors.get(actor_id)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    def __repr__(self) -> str:
        return f"<Gazetteer of {len(self)} actors>"

    def lookup(self, text: str) -> Actor | None:
        """Return the actor a mention names, or None.

        The mention is normalised (see :func:`normalize_name`) and then matched as a token
        sequence under the case rules of :func:`variants`.

        Examples:
            >>> gaz = load_actors()
            >>> gaz.lookup("Daesh").id, gaz.lookup("Al Qaeda").id
            ('isis', 'al-qaeda')
            >>> gaz.lookup("turkey") is None
            True
        """
        tokens = tokenize(normalize_name(text))
        actor_id = self._names.get(tokens)
        return self._actors[actor_id] if actor_id is not None else None

    def demonym(self, word: str) -> Actor | None:
        """Return the state a demonym refers to ("Iraqi", "Iraqis" -> Iraq), or None.

        Ethnic and religious words ("Kurdish", "Arab") and ambiguous ones ("Congolese") are
        not demonyms of any state and give None. Lower-case words never match.

        Examples:
            >>> load_actors().demonym("Americans").id
            'united-states'
            >>> load_actors().demonym("Kurdish") is None
            True
        """
        actor_id = self._demonyms.get(normalize_name(word))
        return self._actors[actor_id] if actor_id is not None else None

    def metonym(self, text: str) -> Actor | None:
        """Return the actor a capital or seat of power stands for, or None.

        Unlike :meth:`lookup`, this answers whether or not the gazetteer was loaded with
        ``metonyms=True``: the caller decides when a place speaks for its state.

        Examples:
            >>> load_actors().metonym("the Kremlin").id
            'russia'
            >>> load_actors().lookup("the Kremlin") is None
            True
        """
        actor_id = self._metonyms.get(tokenize(normalize_name(text)))
        return self._actors[actor_id] if actor_id is not None else None

    def names(self) -> dict[tuple[str, ...], str]:
        """Return a copy of the index: token sequence -> actor id."""
        return dict(self._names)

    def patterns(self) -> list[dict[str, Any]]:
        """Return spaCy EntityRuler/SpanRuler token patterns for every name variant.

        Demonyms are not among them. A fresh list is built on each call.

        Returns:
            ``{"label": actor type, "pattern": [{"ORTH": ...}, ...], "id": actor id}`` dicts,
            one per distinct token sequence, sorted for reproducibility.

        Examples:
            >>> pats = load_actors().patterns()
            >>> {"label": "State", "pattern": [{"ORTH": "US"}], "id": "united-states"} in pats
            True
        """
        out: list[dict[str, Any]] = []
        for tokens, actor_id in sorted(self._names.items()):
            out.append(
                {
                    "label": self._actors[actor_id].type,
                    "pattern": [{"ORTH": t} for t in tokens],
                    "id": actor_id,
                }
            )
        return out


def _split(cell: str | None) -> list[str]:
    if not cell or not cell.strip():
        return []
    return [v.strip() for v in cell.split(SEPARATOR)]


def load_actors(path: Path | None = None, *, metonyms: bool = False) -> Gazetteer:
    """Load and validate the actor gazetteer; every problem in the file is reported at once.

    The result is cached per file and option, since extraction calls this often.

    Args:
        path: a CSV file with the columns of :data:`COLUMNS`; the packaged gazetteer if None.
        metonyms: also match capital cities and seats of government ("Moscow", "the
            Kremlin") as names of their states.

    Raises:
        DataFileError: a row is malformed; the message lists each ``path:line: problem``.

    Examples:
        >>> len(load_actors()) > 400
        True
        >>> load_actors(metonyms=True).lookup("the Kremlin").id
        'russia'
    """
    resolved = (path or data_path("actors", "actors.csv")).resolve()
    return _load(resolved, metonyms)


@functools.cache
def _load(path: Path, metonyms: bool) -> Gazetteer:
    problems: list[str] = []
    actors: list[Actor] = []
    names: dict[tuple[str, ...], str] = {}
    metonym_names: dict[tuple[str, ...], str] = {}
    demonyms: dict[str, str] = {}
    claimed: dict[tuple[str, ...], tuple[str, str, int]] = {}  # variant -> (id, name, line)
    demonym_lines: dict[str, tuple[str, int]] = {}
    line_of: dict[str, int] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DataFileError(str(path), [f"{path}:1: cannot read the file: {e}"]) from e
    reader = csv.DictReader(text.splitlines(), strict=False)
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise DataFileError(str(path), [f"{path}:1: columns must be {', '.join(COLUMNS)}"])
    for row in reader:
        line = reader.line_num
        where = f"{path}:{line}"
        if None in row or any(v is None for v in row.values()):
            problems.append(f"{where}: expected {len(COLUMNS)} fields")
            continue
        cells = {k: (v or "").strip() for k, v in row.items() if k is not None}
        actor_id, label, actor_type = cells["id"], cells["label"], cells["type"]
        if not _SLUG.fullmatch(actor_id):
            problems.append(
                f"{where}: id {actor_id!r} is not a slug (lowercase ASCII words joined by '-')")
        elif actor_id in line_of:
            problems.append(
                f"{where}: duplicate id {actor_id!r} (first on line {line_of[actor_id]})")
        else:
            line_of[actor_id] = line
        if not label:
            problems.append(f"{where}: label is empty")
        if actor_type not in ACTOR_TYPES:
            problems.append(
                f"{where}: unknown type {actor_type!r}; valid types: {', '.join(ACTOR_TYPES)}")
        if cells["wikidata"] and not _QID.fullmatch(cells["wikidata"]):
            problems.append(f"{where}: wikidata {cells['wikidata']!r} is not a Q-id like Q30")
        if cells["country"] and not _ISO3.fullmatch(cells["country"]):
            problems.append(
                f"{where}: country {cells['country']!r} is not an ISO 3166-1 alpha-3 code")
        if cells["source"] not in SOURCES:
            problems.append(
                f"{where}: source {cells['source']!r} is not one of: "
                f"{', '.join(repr(s) for s in SOURCES)}")
        aliases = _split(cells["aliases"])
        metos = _split(cells["metonyms"])
        demos = _split(cells["demonyms"])
        if demos and actor_type != "State":
            problems.append(f"{where}: demonyms are only for State rows")
        for kind, values in (("label", [label] if label else []), ("alias", aliases),
                             ("metonym", metos), ("demonym", demos)):
            for value in values:
                if not value:
                    problems.append(f"{where}: empty {kind} (doubled or trailing {SEPARATOR!r})")
                elif not any(c.isupper() for c in value):
                    problems.append(
                        f"{where}: {kind} {value!r} has no capital letter and would match "
                        "ordinary words")
        for name, is_metonym in [(label, False), *((a, False) for a in aliases),
                                 *((m, True) for m in metos)]:
            if not name:
                continue
            clashes: set[str] = set()
            written = tokenize(name)
            for form in sorted(variants(name), key=lambda v: (v != written, v)):
                owner = claimed.get(form)
                if owner is not None and owner[0] != actor_id:
                    if owner[0] not in clashes:
                        clashes.add(owner[0])
                        problems.append(
                            f"{where}: name {name!r} (as {' '.join(form)!r}) is also a name of "
                            f"{owner[0]!r} ({owner[1]!r}, line {owner[2]})")
                    continue
                claimed[form] = (actor_id, name, line)
                (metonym_names if is_metonym else names)[form] = actor_id
        for demo in demos:
            if not demo:
                continue
            for word in _demonym_forms(demo):
                prior = demonym_lines.get(word)
                if prior is not None and prior[0] != actor_id:
                    problems.append(
                        f"{where}: demonym {demo!r} is also a demonym of {prior[0]!r} "
                        f"(line {prior[1]})")
                    continue
                demonym_lines[word] = (actor_id, line)
                demonyms[word] = actor_id
        actors.append(
            Actor(
                id=actor_id,
                label=label,
                type=actor_type,
                aliases=tuple(dict.fromkeys(a for a in aliases if a and a != label)),
                wikidata=cells["wikidata"],
                country=cells["country"],
            )
        )
    if problems:
        raise DataFileError(str(path), problems)
    if metonyms:
        names.update(metonym_names)
    return Gazetteer(actors, names=names, demonyms=demonyms, metonyms=metonym_names)


def _demonym_forms(demonym: str) -> set[str]:
    """A demonym, its plural for nouns that take one ("Iraqis"), and its ALL-CAPS forms."""
    forms = {demonym}
    last = demonym.rsplit(" ", 1)[-1]
    if not last.endswith(("s", "sh", "ch", "ese", "x", "z")):
        forms.add(demonym + "s")
    return forms | {f.upper() for f in forms}
