"""The actor gazetteer: who is who, under which names, loaded from ``data/actors/actors.csv``
(kept by hand) and ``data/actors/actors-phoenix.csv`` (organisations converted from the Phoenix
dictionaries by ``scripts/make_phoenix_actors.py``; none shares a name with the first file).

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

The user's own actor files (``load_actors(extra=...)``; ``--actors`` on the command line) have
the same columns, of which only ``id``, ``label`` and ``type`` are required. Their rows add
actors or replace the packaged actor with the same id whole, and they take the names and
demonyms they share with other packaged actors; they are validated like the packaged file.

The tokeniser here reproduces what spaCy's English tokenizer does to the names in the
gazetteer (a test keeps the two in step), so that building patterns needs no spaCy.
"""

from __future__ import annotations

import csv
import functools
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

from kgraph._paths import data_path
from kgraph.errors import DataFileError, printable
from kgraph.model import ACTOR_TYPES, Actor

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "ActorFiles",
    "Gazetteer",
    "actor_files",
    "gazetteer_with",
    "load_actors",
    "load_user_actors",
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
REQUIRED = ("id", "label", "type")  # the other columns may be left out of a file
SEPARATOR = "|"  # between the values of a multi-valued cell
SOURCES = ("", "phoenix")

_PHOENIX_SOURCE = re.compile(r"phoenix:[\w.-]+:[1-9][0-9]*")  # a generated row's dictionary line
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


_ARTICLE = re.compile(r"\b(?:al|el|ul|as|ash|ad|ar|an|at|az|ath|adh|ud|ur|us|ut)-")
_APOSTROPHES = re.compile("['\u2019\u2018\u02bf\u02be`]")
_WORD_BREAK = re.compile(r"[\s\-]+")
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"([aeiou])h$")


def spelling_key(name: str) -> str:
    """Return a name's consonant skeleton, the same for its usual transliterations.

    Accents and apostrophes go, the assimilated Arabic article ("ash-Sham", "ad-Din") becomes
    "al", the connector "-e-" / "-i-" one word, and each other word keeps its first letter
    and its consonants (``q`` read as ``k``, a final ``h`` after a vowel dropped, doubled
    letters single).

    Examples:
        >>> spelling_key("Kata'ib Hizbullah") == spelling_key("Kataeb Hezbollah")
        True
        >>> spelling_key("Ahrar ash-Sham")
        'ahr al shm'
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _ARTICLE.sub("al ", _APOSTROPHES.sub("", text))
    out = []
    for word in _WORD_BREAK.split(text):
        if not word or word == "al":
            out.extend(["al"] if word else [])
            continue
        if word in ("e", "i"):  # the Persian and Urdu connector: "Tehrik-e-" / "Tehrik-i-"
            out.append("e")
            continue
        word = _FINAL_H.sub(r"\1", word).replace("q", "k")
        out.append(_DOUBLED.sub(r"\1", word[0] + _VOWELS.sub("", word[1:])))
    return " ".join(out)


def _spelling_index(actors: Iterable[Actor]) -> dict[str, Actor]:
    """Spelling key -> actor, for the keys long enough and of one actor only."""
    found: dict[str, Actor] = {}
    shared: set[str] = set()
    for actor in actors:
        for name in (actor.label, *actor.aliases):
            if " " not in name and "-" not in name:
                continue  # one word: too short a key
            key = spelling_key(name)
            if len([w for w in key.split() if w != "al"]) < 2 or len(key.replace(" ", "")) < 6:
                continue
            if found.setdefault(key, actor).id != actor.id:
                shared.add(key)
    return {k: a for k, a in found.items() if k not in shared}


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

    __slots__ = ("_actors", "_demonyms", "_metonyms", "_names", "_spellings")

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
        self._spellings: dict[str, Actor] | None = None  # built at the first spelling lookup

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

    def lookup_spelling(self, text: str) -> Actor | None:
        """Return the actor whose name is spelled otherwise in a mention, or None.

        Names transliterated from Arabic, Persian or Urdu are written many ways ("Jabhet" /
        "Jabhat", "Kataeb" / "Kata'ib", "Liwaa" / "Liwa", "Aksa" / "Aqsa"); two spellings
        with the same :func:`spelling_key` name the same actor, when the key is long enough
        (two words besides articles, six letters) and no other actor's name shares it.

        Examples:
            >>> gaz = load_actors()
            >>> gaz.lookup("Jabhet al-Nusra") is None, gaz.lookup_spelling("Jabhet al-Nusra").id
            (True, 'al-nusra-front')
            >>> gaz.lookup_spelling("Free Lions Brigade") is None
            True
        """
        if self._spellings is None:
            self._spellings = _spelling_index(self._actors.values())
        return self._spellings.get(spelling_key(normalize_name(text)))

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


ActorFiles: TypeAlias = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
"""One CSV file of actors (a path) or several (an iterable of paths)."""


def actor_files(actors: ActorFiles | None) -> tuple[Path, ...]:
    """Return the files of an ``actors`` argument as paths (none for None).

    Examples:
        >>> actor_files("mine.csv"), actor_files(["a.csv", "b.csv"]), actor_files(None)
        ((PosixPath('mine.csv'),), (PosixPath('a.csv'), PosixPath('b.csv')), ())
    """
    if actors is None:
        return ()
    if isinstance(actors, (str, os.PathLike)):
        return (Path(actors),)
    return tuple(Path(a) for a in actors)


def load_actors(
    path: Path | None = None, *, metonyms: bool = False, extra: ActorFiles | None = None
) -> Gazetteer:
    """Load and validate the actor gazetteer; every problem in the files is reported at once.

    ``extra`` files (the user's own actors, same columns) add actors, and a row whose id is
    already in ``path`` replaces that actor whole: label, type, country, Q-id, aliases,
    demonyms and metonyms all come from the user's row (an empty cell stays empty). A name
    or demonym of a user's row that ``path`` gives to another actor is taken from that actor.
    Among the user's rows, as within ``path``, an id or a name may appear once only.

    The result is cached per file contents and option, since extraction calls this often.

    Args:
        path: a CSV file with the columns of :data:`COLUMNS`; the packaged gazetteer (both
            packaged files) if None.
        metonyms: also match capital cities and seats of government ("Moscow", "the
            Kremlin") as names of their states.
        extra: the user's actor files (one path or several), read after ``path``.

    Raises:
        DataFileError: a row is malformed; the message lists each ``path:line: problem``.

    Examples:
        >>> len(load_actors()) > 400
        True
        >>> load_actors(metonyms=True).lookup("the Kremlin").id
        'russia'
    """
    return _load_all(path, metonyms, extra)[0]


def gazetteer_with(actors: ActorFiles | None, gazetteer: Gazetteer | None = None
                   ) -> Gazetteer | None:
    """Return the gazetteer an ``actors=`` argument asks for: ``gazetteer`` when no file is
    given, else the packaged gazetteer with the user's files (see :func:`load_actors`).

    None stands for the packaged gazetteer, which worker processes load themselves.

    Raises:
        ValueError: both a gazetteer and actor files are given.
        DataFileError: a user's row is malformed.

    Examples:
        >>> gazetteer_with(None) is None, gazetteer_with([]) is None
        (True, True)
    """
    files = actor_files(actors)
    if not files:
        return gazetteer
    if gazetteer is not None:
        raise ValueError("give a gazetteer or actor files, not both")
    return load_actors(extra=files)


def load_user_actors(extra: ActorFiles, *, path: Path | None = None) -> tuple[Actor, ...]:
    """Return the actors of the user's files, validated together with the gazetteer.

    Args:
        extra: the user's actor files (see :func:`load_actors`).
        path: the gazetteer they add to; the packaged one if None.

    Returns:
        One actor per row of the files, in file order (overrides included).

    Raises:
        DataFileError: a row is malformed (see :func:`load_actors`).
    """
    gazetteer, user_ids = _load_all(path, False, extra)
    return tuple(gazetteer[i] for i in user_ids)


def _load_all(path: Path | None, metonyms: bool, extra: ActorFiles | None
              ) -> tuple[Gazetteer, tuple[str, ...]]:
    shipped = ((path.resolve(),) if path is not None else
               (data_path("actors", "actors.csv").resolve(),
                data_path("actors", "actors-phoenix.csv").resolve()))
    # user files are read on each call, so an edited file is read again (the cache is by text)
    return _load(shipped, metonyms, tuple((f, _read(f)) for f in actor_files(extra)))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        name = printable(str(path))
        raise DataFileError(name, [f"{name}:1: cannot read the file: {e}"]) from e


@dataclass(frozen=True, slots=True)
class _Row:
    """One data row of an actor file: its place, its cells, and whether the user gave it."""

    path: str
    line: int
    cells: dict[str, str]
    user: bool

    @property
    def id(self) -> str:
        return self.cells["id"]

    def where(self, other: _Row | None = None) -> str:
        """``path:line``, or ``line N`` when ``other`` is in the same file."""
        if other is not None and other.path == self.path:
            return f"line {self.line}"
        return f"{self.path}:{self.line}"


@functools.cache
def _load(paths: tuple[Path, ...], metonyms: bool, user: tuple[tuple[Path, str], ...]
          ) -> tuple[Gazetteer, tuple[str, ...]]:
    problems: list[str] = []
    shipped = [r for path in paths
               for r in _rows(str(path), _read(path), user=False, problems=problems)]
    given = [r for f, text in user
             for r in _rows(printable(str(f)), text, user=True, problems=problems)]
    shipped, given = _unique(shipped, problems), _unique(given, problems)
    replaced = {r.id: r for r in given}
    # the user's rows claim their names first: a shipped actor loses a name a user's row has
    claim_order = [*given, *(r for r in shipped if r.id not in replaced)]
    names: dict[tuple[str, ...], str] = {}
    metonym_names: dict[tuple[str, ...], str] = {}
    demonyms: dict[str, str] = {}
    claimed: dict[tuple[str, ...], tuple[_Row, str]] = {}  # variant -> (row, name)
    demonym_rows: dict[str, _Row] = {}
    for row in claim_order:
        cells, actor_id = row.cells, row.id
        for column, name in [("label", cells["label"]),
                             *(("aliases", a) for a in _split(cells["aliases"])),
                             *(("metonyms", m) for m in _split(cells["metonyms"]))]:
            if not name:
                continue
            clashes: set[str] = set()
            written = tokenize(name)
            for form in sorted(variants(name), key=lambda v: (v != written, v)):
                owner = claimed.get(form)
                if owner is not None and owner[0].id != actor_id:
                    if owner[0].user and not row.user:
                        continue  # the user's row took this name
                    if owner[0].id not in clashes:
                        clashes.add(owner[0].id)
                        problems.append(
                            f"{row.where()}: column {column}: name {name!r} (as "
                            f"{' '.join(form)!r}) is also a name of {owner[0].id!r} "
                            f"({owner[1]!r}, {owner[0].where(row)})")
                    continue
                claimed[form] = (row, name)
                (metonym_names if column == "metonyms" else names)[form] = actor_id
        for demo in _split(cells["demonyms"]):
            if not demo:
                continue
            for word in _demonym_forms(demo):
                prior = demonym_rows.get(word)
                if prior is not None and prior.id != actor_id:
                    if not (prior.user and not row.user):
                        problems.append(
                            f"{row.where()}: column demonyms: demonym {demo!r} is also a "
                            f"demonym of {prior.id!r} ({prior.where(row)})")
                    continue
                demonym_rows[word] = row
                demonyms[word] = actor_id
    if problems:
        files = [f for f in (*map(str, paths), *(printable(str(f)) for f, _ in user))
                 if any(p.startswith(f + ":") for p in problems)]
        # a clash found again under another form of the same name is one problem
        raise DataFileError(", ".join(dict.fromkeys(files)), list(dict.fromkeys(problems)))
    if metonyms:
        names.update(metonym_names)
    shipped_ids = {r.id for r in shipped}
    added = [r for r in given if r.id not in shipped_ids]
    owners = {form: row.id for form, (row, _) in claimed.items()}
    actors = [_actor(replaced.get(r.id, r), owners) for r in [*shipped, *added]]
    return (Gazetteer(actors, names=names, demonyms=demonyms, metonyms=metonym_names),
            tuple(r.id for r in given))


def _rows(path: str, text: str, *, user: bool, problems: list[str]) -> list[_Row]:
    """The rows of one actor file, each checked on its own (names are checked across rows)."""
    reader = csv.DictReader(text.splitlines(), strict=False)
    header = list(reader.fieldnames or ())
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    doubled = sorted({c for c in header if header.count(c) > 1})
    if missing or unknown or doubled:
        problems.extend(
            [f"{path}:1: missing column {c!r}" for c in missing]
            + [f"{path}:1: unknown column {c!r}" for c in unknown]
            + [f"{path}:1: column {c!r} appears twice" for c in doubled]
            + [f"{path}:1: columns must be {', '.join(REQUIRED)} and any of "
               f"{', '.join(c for c in COLUMNS if c not in REQUIRED)}, once each"])
        return []
    rows: list[_Row] = []
    for record in reader:
        row = _Row(path, reader.line_num, {c: (record.get(c) or "").strip() for c in COLUMNS},
                   user)
        extra, empty = record.get(None) or [], sum(v is None for v in record.values())
        if extra or empty:
            found = len(header) + len(extra) - empty
            problems.append(f"{row.where()}: expected {len(header)} fields, found {found}")
            continue
        problems.extend(f"{row.where()}: {p}" for p in _row_problems(row.cells))
        rows.append(row)
    return rows


def _row_problems(cells: dict[str, str]) -> list[str]:
    """What is wrong with one row's cells, each message naming its column."""
    out: list[str] = []
    actor_id, label, actor_type = cells["id"], cells["label"], cells["type"]
    if not _SLUG.fullmatch(actor_id):
        out.append(f"column id: id {actor_id!r} is not a slug (lowercase ASCII words joined "
                   "by '-')")
    if not label:
        out.append("column label: label is empty")
    if actor_type not in ACTOR_TYPES:
        out.append(f"column type: unknown type {actor_type!r}; valid types: "
                   f"{', '.join(ACTOR_TYPES)}")
    if cells["wikidata"] and not _QID.fullmatch(cells["wikidata"]):
        out.append(f"column wikidata: wikidata {cells['wikidata']!r} is not a Q-id like Q30")
    if cells["country"] and not _ISO3.fullmatch(cells["country"]):
        out.append(f"column country: country {cells['country']!r} is not an ISO 3166-1 "
                   "alpha-3 code")
    if cells["source"] not in SOURCES and not _PHOENIX_SOURCE.fullmatch(cells["source"]):
        out.append(f"column source: source {cells['source']!r} is not one of: "
                   f"{', '.join(repr(s) for s in SOURCES)} or phoenix:FILE:LINE")
    if cells["demonyms"] and actor_type != "State":
        out.append("column demonyms: demonyms are only for State rows")
    for column, kind, values in (("label", "label", [label] if label else []),
                                 ("aliases", "alias", _split(cells["aliases"])),
                                 ("metonyms", "metonym", _split(cells["metonyms"])),
                                 ("demonyms", "demonym", _split(cells["demonyms"]))):
        for value in values:
            if not value:
                out.append(f"column {column}: empty {kind} (doubled or trailing {SEPARATOR!r})")
            elif not any(c.isupper() for c in value):
                out.append(f"column {column}: {kind} {value!r} has no capital letter and would "
                           "match ordinary words")
    return out


def _unique(rows: list[_Row], problems: list[str]) -> list[_Row]:
    """The rows with a new id; a repeated id is reported with the line that had it first."""
    first: dict[str, _Row] = {}
    for row in rows:
        prior = first.get(row.id)
        if prior is None:
            first[row.id] = row
        elif row.id:
            problems.append(f"{row.where()}: column id: duplicate id {row.id!r} (first on "
                            f"{prior.where(row)})")
    return list(first.values())


def _actor(row: _Row, owners: dict[tuple[str, ...], str]) -> Actor:
    """The actor of a row, without the aliases a user's row took from it."""
    cells = row.cells
    return Actor(
        id=cells["id"],
        label=cells["label"],
        type=cells["type"],
        aliases=tuple(dict.fromkeys(a for a in _split(cells["aliases"])
                                    if a and a != cells["label"]
                                    and owners.get(tokenize(a)) == row.id)),
        wikidata=cells["wikidata"],
        country=cells["country"],
    )


def _demonym_forms(demonym: str) -> set[str]:
    """A demonym, its plural for nouns that take one ("Iraqis"), and its ALL-CAPS forms."""
    forms = {demonym}
    last = demonym.rsplit(" ", 1)[-1]
    if not last.endswith(("s", "sh", "ch", "ese", "x", "z")):
        forms.add(demonym + "s")
    return forms | {f.upper() for f in forms}
