"""The relation vocabulary of kgraph, loaded from ``data/relations/relations.csv``.

Relation names are kebab-case in JSON and on the command line (``allied-with``) and camelCase
in RDF (``kg:alliedWith``). ``backs`` is accepted everywhere as the inverse of ``backed-by``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path

from kgraph._paths import data_path
from kgraph.errors import DataFileError
from kgraph.know.agents import load_agents
from kgraph.know.tables import data_rows

__all__ = [
    "CUE_CLASSES",
    "DISCARD_SCOPES",
    "FAMILIES",
    "FRAMES",
    "LEXICON_COLUMNS",
    "LEXICON_SOURCES",
    "STANCES",
    "TIES",
    "Discard",
    "LexiconEntry",
    "Relation",
    "camel",
    "canonical",
    "load_cues",
    "load_discards",
    "load_lexicon",
    "load_relations",
    "parse_sources",
]

FAMILIES = (
    "alliance",
    "conflict",
    "support",
    "membership",
    "split",
    "leadership",
    "diplomacy",
    "hostility",
)
_LAYERS = ("standing", "event")
STANCES = ("ally", "enemy")
"""The ``stance`` values: the relations of the ``allies-of`` and ``enemies-of`` queries."""
TIES = ("leader", "member")
"""The ``tie`` values: the subject holds a place in the object, as its leader or a member."""
_COLUMNS = ("name", "layer", "symmetric", "inverse", "family", "stance", "threatened", "contest",
            "armed", "tie", "co_belligerent", "cameo", "plover", "wikidata", "definition")
_FLAGS = ("symmetric", "contest", "armed")


@dataclass(frozen=True, slots=True)
class Relation:
    """One relation of the vocabulary."""

    name: str
    layer: str
    symmetric: bool
    inverse: str
    family: str
    cameo: tuple[str, ...]
    plover: str
    wikidata: tuple[str, ...]
    definition: str
    stance: str  # "ally", "enemy" or "": its place in allies-of / enemies-of
    threatened: str  # the relation a claim of it that is only threatened reads as
    contest: bool  # won in a vote ("X defeated Y in the election"), it is no claim
    armed: bool  # armed conflict: helpers join it, people may be its target
    tie: str  # "leader", "member" or "": the subject holds a place in the object
    co_belligerent: str  # the relation its two ends get when both fight one enemy

    @property
    def rdf_name(self) -> str:
        """The local name of the relation's RDF property (``alliedWith``)."""
        return camel(self.name)


def camel(name: str) -> str:
    """Return the camelCase form of a kebab-case name.

    Examples:
        >>> camel("pledges-allegiance-to")
        'pledgesAllegianceTo'
    """
    head, *rest = name.split("-")
    return head + "".join(w.capitalize() for w in rest)


@functools.cache
def load_relations(path: Path | None = None) -> dict[str, Relation]:
    """Load and validate the relation vocabulary; every problem is reported at once.

    Raises:
        DataFileError: a row is malformed; the message lists each ``path:line: problem``.

    Examples:
        >>> load_relations()["fights"].family
        'conflict'
    """
    path = path or data_path("relations", "relations.csv")
    problems: list[str] = []
    out: dict[str, Relation] = {}
    refs: list[tuple[str, str, str]] = []  # (where, column, relation named)
    for line, row in data_rows(path, _COLUMNS):
        where = f"{path}:{line}"
        if None in row:  # an unquoted comma in a cell shifts every later column
            problems.append(f"{where}: more cells than columns (quote cells with commas)")
            continue
        name = row["name"].strip()
        if not name or name != name.lower() or " " in name:
            problems.append(f"{where}: relation name {name!r} must be kebab-case")
        if name in out:
            problems.append(f"{where}: duplicate relation {name!r}")
        if row["layer"] not in _LAYERS:
            problems.append(
                f"{where}: layer {row['layer']!r} is not one of {', '.join(_LAYERS)}")
        if row["family"] not in FAMILIES:
            problems.append(
                f"{where}: family {row['family']!r} is not one of {', '.join(FAMILIES)}")
        for flag in _FLAGS:
            if row[flag] not in ("yes", "no"):
                problems.append(f"{where}: {flag} must be yes or no, not {row[flag]!r}")
        for column, valid in (("stance", STANCES), ("tie", TIES)):
            if row[column] not in ("", *valid):
                problems.append(f"{where}: {column} {row[column]!r} is not one of "
                                f"{', '.join(valid)} (or empty)")
        if not row["definition"].strip():
            problems.append(f"{where}: definition is empty")
        out[name] = Relation(
            name=name,
            layer=row["layer"],
            symmetric=row["symmetric"] == "yes",
            inverse=row["inverse"].strip(),
            family=row["family"],
            cameo=tuple(c for c in row["cameo"].split(";") if c),
            plover=row["plover"].strip(),
            wikidata=tuple(c for c in row["wikidata"].split(";") if c),
            definition=row["definition"].strip(),
            stance=row["stance"],
            threatened=row["threatened"].strip(),
            contest=row["contest"] == "yes",
            armed=row["armed"] == "yes",
            tie=row["tie"],
            co_belligerent=row["co_belligerent"].strip(),
        )
        refs += [(where, column, row[column].strip()) for column in ("threatened", "co_belligerent")
                 if row[column].strip()]
    inverses = {r.inverse for r in out.values() if r.inverse}
    for clash in sorted(inverses & set(out)):
        problems.append(f"{path}: inverse name {clash!r} is also a relation name")
    for where, column, named in refs:
        if named not in out:
            problems.append(f"{where}: {column} {named!r} is not a relation; "
                            f"valid relations: {', '.join(out)}")
    if problems:
        raise DataFileError(str(path), problems)
    return out


def canonical(name: str) -> tuple[str, bool]:
    """Return ``(relation, swapped)`` for a relation name or an inverse name.

    Raises:
        KeyError: the name is not in the vocabulary; the message lists the valid names.

    Examples:
        >>> canonical("backs")
        ('backed-by', True)
        >>> canonical("fights")
        ('fights', False)
    """
    relations = load_relations()
    if name in relations:
        return name, False
    for rel in relations.values():
        if rel.inverse and rel.inverse == name:
            return rel.name, True
    valid = sorted([*relations, *(r.inverse for r in relations.values() if r.inverse)])
    raise KeyError(f"unknown relation {name!r}; valid relations: {', '.join(valid)}")


# --- the extraction lexicon: data/relations/lexicon.csv and data/relations/cues.csv -------------

LEXICON_COLUMNS = ("lemma", "pos", "frame", "relation", "preps", "marker", "object_word", "voice",
                   "reciprocal", "direction", "subject_types", "object_types", "object_owner",
                   "exclusive", "confidence", "source", "note")
FRAMES = {  # frame kind -> the parts of speech its trigger may have
    "verb": ("verb", "adj"),
    "noun": ("noun",),
    "role": ("noun",),
    "hyphen": ("verb", "adj"),
    "agent-pp": ("noun",),
    "modifier": ("adj",),
    "companion": ("adp",),
    "affiliation": ("adp", "punct"),
    "prefix": ("adj",),
}
RECIPROCAL = ("yes", "no", "explicit")
VOICES = ("active", "passive", "any")
DIRECTIONS = ("forward", "reverse")
CUE_CLASSES = (
    "light-verb", "force-noun", "armed-noun", "non-ethnic", "group-head", "vague", "group-anaphor",
    "state-anaphor", "person-pronoun", "thing-pronoun", "plural-pronoun", "pair-word",
    "negation", "hedge", "condition", "contest", "game", "intent", "past", "report", "denial",
    "accusation", "view",
    "reciprocal", "partitive", "threat",
    "non-state", "regime-noun", "contrast", "source-verb", "people-noun", "title",
    "relief", "place-noun", "armed-modifier", "common-name", "common-name-modifier", "party-head",
    "deputy", "state-force", "successor-verb", "office-noun", "party-anaphor",
)
# Cue classes that also take the agent nouns of these roles (data/actors/agents.csv): one-word
# forms for the classes matched on one token, every form for ``state-force``.
_AGENT_CUES = {
    "force-noun": ("military", "police", "government", "intelligence"),
    "armed-noun": ("rebels", "militia"),
    "non-state": ("rebels", "opposition"),
    "state-force": ("military", "police"),
}
_ACTOR_TYPES = ("State", "ArmedGroup", "PoliticalParty", "InternationalOrganization", "Person",
                "Organization", "DescriptorGroup")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One row of the extraction lexicon: a trigger word and how it yields a relation.

    ``relation`` is always a vocabulary name; a row written with an inverse name (``backs``)
    is stored with the canonical name and ``direction`` flipped.
    """

    lemma: str
    pos: str
    frame: str
    relation: str
    preps: tuple[str, ...]
    marker: str
    object_word: str
    voice: str
    reciprocal: bool
    direction: str
    subject_types: tuple[str, ...]
    object_owner: bool
    confidence: float
    line: int = 0
    object_types: tuple[str, ...] = ()
    exclusive: bool = False
    explicit: bool = False  # reciprocal only with "each other", "one another", "together"
    source: str = "hand"
    file: str = ""  # the lexicon file the row was read from (``lexicon.csv``)

    @property
    def rule(self) -> str:
        """The rule id recorded as evidence (``verb:fight``, ``noun:alliance``)."""
        return f"{self.frame}:{self.lemma}"


def _with_descriptors(types: tuple[str, ...]) -> tuple[str, ...]:
    if "ArmedGroup" in types and "DescriptorGroup" not in types:
        return (*types, "DescriptorGroup")
    return types


def _split_list(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split(";") if v.strip())


def _check_word(value: str, what: str, where: str, problems: list[str]) -> None:
    if value and (value != value.lower() or " " in value):
        problems.append(f"{where}: {what} {value!r} must be one lower-case word")


# the packaged lexicon files by source name, in the order their rows are tried
LEXICON_SOURCES = {"hand": "lexicon.csv", "cameo": "lexicon-cameo.csv"}


def parse_sources(text: str) -> tuple[str, ...]:
    """The lexicon sources named in a comma-separated list (``hand,cameo``).

    Raises:
        ValueError: a name is not a source, or none is given; the message lists the valid ones.

    Examples:
        >>> parse_sources("cameo, hand")
        ('hand', 'cameo')
    """
    names = {n.strip() for n in text.split(",") if n.strip()}
    unknown = sorted(names - set(LEXICON_SOURCES))
    if unknown or not names:
        raise ValueError(f"unknown lexicon source {', '.join(unknown) or repr(text)}; valid "
                         f"sources: {', '.join(LEXICON_SOURCES)} (comma-separated)")
    return tuple(n for n in LEXICON_SOURCES if n in names)


def _slot(e: LexiconEntry) -> tuple[str, ...]:
    """What a row reads, apart from the relation it gives: a hand row for the same slot
    overrides the converted ones."""
    return (e.lemma, e.pos, e.frame, ";".join(e.preps), e.marker, e.object_word)


@functools.cache
def load_lexicon(path: Path | None = None, *,
                 sources: tuple[str, ...] = tuple(LEXICON_SOURCES)) -> tuple[LexiconEntry, ...]:
    """Load and validate the extraction lexicon; every problem is reported at once.

    Args:
        path: a CSV file with the columns of :data:`LEXICON_COLUMNS`, read alone; None reads
            the packaged files of ``sources``.
        sources: names of :data:`LEXICON_SOURCES`: ``hand`` (``data/relations/lexicon.csv``,
            written for kgraph) and ``cameo`` (``lexicon-cameo.csv``, converted from the CAMEO
            verb dictionary). Hand rows come first; a converted row whose trigger, frame,
            prepositions, marker and object word a hand row already reads is left out (the
            hand row is kgraph's reading of that slot), and so is a converted noun row of a
            word with a hand noun row.

    Returns:
        The rows in file order (more specific rows of a lemma come first).

    Raises:
        DataFileError: a row is malformed; the message lists each ``path:line: problem``
            with the valid choices.

    Examples:
        >>> rows = load_lexicon()
        >>> next(r for r in rows if r.lemma == "fight").relation
        'fights'
        >>> next(r for r in rows if r.lemma == "back").relation  # written as "backs"
        'backed-by'
        >>> {r.file for r in load_lexicon(sources=("cameo",))}
        {'lexicon-cameo.csv'}
    """
    if path is not None:
        return _read_lexicon(path)
    out: list[LexiconEntry] = []
    hand: set[tuple[str, ...]] = set()
    hand_nouns: set[str] = set()
    for name in sources:
        if name not in LEXICON_SOURCES:
            raise ValueError(f"unknown lexicon source {name!r}; valid sources: "
                             f"{', '.join(LEXICON_SOURCES)}")
        rows = _read_lexicon(data_path("relations", LEXICON_SOURCES[name]))
        if name == "hand":
            hand = {_slot(e) for e in rows}
            hand_nouns = {e.lemma for e in rows if e.frame == "noun"}
            out += rows
        else:
            # a hand event noun says all its readings: "attack" reads with its hand rows only,
            # not also with the noun form of CAMEO's verb
            out += [e for e in rows if _slot(e) not in hand
                    and not (e.frame == "noun" and e.lemma in hand_nouns)]
    return tuple(out)


def _read_lexicon(path: Path) -> tuple[LexiconEntry, ...]:
    relations = load_relations()
    inverses = {r.inverse: r.name for r in relations.values() if r.inverse}
    problems: list[str] = []
    out: list[LexiconEntry] = []
    seen: dict[tuple[str, ...], int] = {}
    for line, row in data_rows(path, LEXICON_COLUMNS):
        where = f"{path}:{line}"
        if None in row or any(v is None for v in row.values()):
            problems.append(f"{where}: expected {len(LEXICON_COLUMNS)} fields")
            continue
        cell = {k: v.strip() for k, v in row.items()}
        entry = _lexicon_row(cell, where, line, relations, inverses, problems)
        if entry is None:
            continue
        # one word may be read as different relations after its object's type
        key = (*_slot(entry), entry.voice, entry.relation, ";".join(entry.object_types))
        if key in seen:
            problems.append(f"{where}: duplicate of the row on line {seen[key]}")
        seen[key] = line
        out.append(replace(entry, file=path.name))
    if problems:
        raise DataFileError(str(path), problems)
    return tuple(out)


def _lexicon_row(cell: dict[str, str], where: str, line: int, relations: dict[str, Relation],
                 inverses: dict[str, str], problems: list[str]) -> LexiconEntry | None:
    before = len(problems)
    lemma, pos, frame = cell["lemma"], cell["pos"], cell["frame"]
    if not lemma:
        problems.append(f"{where}: lemma is empty")
    _check_word(lemma, "lemma", where, problems)
    if frame not in FRAMES:
        problems.append(f"{where}: frame {frame!r} is not one of {', '.join(FRAMES)}")
    elif pos not in FRAMES[frame]:
        problems.append(
            f"{where}: pos {pos!r} does not fit frame {frame!r}; valid: {', '.join(FRAMES[frame])}")
    relation, direction = cell["relation"], cell["direction"]
    if direction not in DIRECTIONS:
        problems.append(f"{where}: direction {direction!r} is not one of {', '.join(DIRECTIONS)}")
    if relation in inverses:
        relation = inverses[relation]
        direction = "reverse" if direction == "forward" else "forward"
    elif relation not in relations:
        valid = sorted([*relations, *inverses])
        problems.append(
            f"{where}: unknown relation {cell['relation']!r}; valid relations: {', '.join(valid)}")
    preps = _split_list(cell["preps"])
    for prep in preps:  # a preposition, "xcomp:<verb>" ("merged to form Y"), "if:<conjunction>"
        if prep != "xcomp:*":
            _check_word(prep.removeprefix("xcomp:").removeprefix("if:"), "preposition", where,
                        problems)
    if frame == "agent-pp" and not (preps and cell["marker"]):
        problems.append(f"{where}: an agent-pp row needs preps (the agent's) and a marker "
                        "(the governing preposition)")
    for name in ("marker", "object_word"):
        _check_word(cell[name], name.replace("_", " "), where, problems)
    if cell["voice"] not in VOICES:
        problems.append(f"{where}: voice {cell['voice']!r} is not one of {', '.join(VOICES)}")
    for name in ("object_owner", "exclusive"):
        if cell[name] not in ("yes", "no"):
            problems.append(f"{where}: {name} must be yes or no, not {cell[name]!r}")
    if cell["reciprocal"] not in RECIPROCAL:
        problems.append(f"{where}: reciprocal must be one of {', '.join(RECIPROCAL)}, "
                        f"not {cell['reciprocal']!r}")
    types = _split_list(cell["subject_types"])
    object_types = _split_list(cell["object_types"])
    for side, values in (("subject", types), ("object", object_types)):
        for t in values:
            if t not in _ACTOR_TYPES:
                problems.append(
                    f"{where}: {side} type {t!r} is not one of {', '.join(_ACTOR_TYPES)}")
    # a group named by description ("Darfur rebels") goes wherever an armed group does
    types, object_types = _with_descriptors(types), _with_descriptors(object_types)
    try:
        confidence = float(cell["confidence"])
    except ValueError:
        confidence = -1.0
    if not 0.0 < confidence <= 1.0:
        problems.append(f"{where}: confidence {cell['confidence']!r} must be a number in (0, 1]")
    if not cell["source"]:
        problems.append(f"{where}: source is empty (hand, or where the row was converted from)")
    if len(problems) > before:
        return None
    return LexiconEntry(
        lemma=lemma, pos=pos, frame=frame, relation=relation, preps=preps,
        marker=cell["marker"], object_word=cell["object_word"], voice=cell["voice"],
        reciprocal=cell["reciprocal"] != "no", direction=direction, subject_types=types,
        object_owner=cell["object_owner"] == "yes", confidence=confidence, line=line,
        object_types=object_types, exclusive=cell["exclusive"] == "yes",
        explicit=cell["reciprocal"] == "explicit", source=cell["source"])


@functools.cache
def load_cues(path: Path | None = None) -> dict[str, frozenset[str]]:
    """Load and validate the cue words (``data/relations/cues.csv``): class -> words.

    ``force-noun``, ``armed-noun``, ``non-state`` and ``state-force`` also hold the agent nouns
    of :func:`kgraph.know.agents.load_agents` with the roles they stand for (one-word forms, and
    every form for ``state-force``: "security forces").

    Raises:
        DataFileError: a row is malformed; the message lists each ``path:line: problem``.

    Examples:
        >>> "might" in load_cues()["hedge"]
        True
    """
    path = path or data_path("relations", "cues.csv")
    problems: list[str] = []
    words: dict[str, set[str]] = {c: set() for c in CUE_CLASSES}
    for line, row in data_rows(path, ("class", "word")):
        where = f"{path}:{line}"
        cls, word = (row.get("class") or "").strip(), (row.get("word") or "").strip()
        if cls not in words:
            problems.append(
                f"{where}: cue class {cls!r} is not one of {', '.join(CUE_CLASSES)}")
            continue
        if not word or word != word.lower() or " " in word:
            problems.append(f"{where}: cue word {word!r} must be one lower-case word")
        elif word in words[cls]:
            problems.append(f"{where}: duplicate word {word!r} in class {cls!r}")
        words[cls].add(word)
    if problems:
        raise DataFileError(str(path), problems)
    for cls, roles in _AGENT_CUES.items():
        words[cls].update(form for form, noun in load_agents().items() if noun.role in roles
                          and (cls == "state-force" or " " not in form))
    return {c: frozenset(ws) for c, ws in words.items()}


DISCARD_SCOPES = ("sentence", "article")


@dataclass(frozen=True, slots=True)
class Discard:
    """One discard phrase: a sentence (or, with scope ``article``, an article) that holds it
    tells of no political event (sports, games, entertainment, awards)."""

    phrase: str
    scope: str
    source: str
    line: int

    def where(self) -> str:
        """The row and where it came from: ``discards.csv:7 'world cup', Phoenix...:480``."""
        return f"discards.csv:{self.line} {self.phrase!r}, {self.source}"


@functools.cache
def load_discards(path: Path | None = None) -> tuple[Discard, ...]:
    """Load and validate the discard phrases (``data/relations/discards.csv``).

    Raises:
        DataFileError: a row is malformed; the message lists each ``path:line: problem``.

    Examples:
        >>> any(d.phrase == "world cup" and d.scope == "article" for d in load_discards())
        True
    """
    path = path or data_path("relations", "discards.csv")
    columns = ("phrase", "scope", "source")
    problems: list[str] = []
    out: dict[str, Discard] = {}
    for line, row in data_rows(path, columns):
        where = f"{path}:{line}"
        phrase, scope = (row.get("phrase") or "").strip(), (row.get("scope") or "").strip()
        if not phrase or phrase != phrase.lower() or "  " in phrase:
            problems.append(f"{where}: phrase {phrase!r} must be lower-case words")
        elif phrase in out:
            problems.append(f"{where}: duplicate phrase {phrase!r}")
        if scope not in DISCARD_SCOPES:
            problems.append(
                f"{where}: scope {scope!r} is not one of {', '.join(DISCARD_SCOPES)}")
        out[phrase] = Discard(phrase, scope, (row.get("source") or "").strip(),
                              line)
    if problems:
        raise DataFileError(str(path), problems)
    return tuple(out.values())
