"""Convert the CAMEO verb dictionary into kgraph lexicon rows (``lexicon-cameo.csv``).

The dictionary (PETRARCH format, MIT) holds verb blocks headed ``--- NAME [code] ---``; each
verb line under a header (``VERB {irregular forms} [own code] # comment``) takes the block's
code unless it carries its own, and each pattern line (``- words * words [code]``) refines the
code of every verb of its block by the words around the verb. ``&CLASS`` names a synonym set
(``+WORD`` lines under ``&CLASS`` at the top of the file); ``(PREP ...)`` is a prepositional
phrase, ``{A B}`` a noun phrase, ``$``/``+``/``^`` the source, the target and a skipped phrase.
A code ``[a:b]`` gives the subject's event ``a`` and the object's reply ``b``; ``[---]`` is no
event.

Codes become kgraph relations through ``data/relations/cameo-map.csv``: the longest matching
``code_prefix`` wins, a row naming the block beats one that does not, and an empty relation
(or no row) means the code is no actor-actor relation. What a kgraph verb frame can express
becomes a row:

* a verb (``wipe out`` gives lemma ``wipe`` with marker ``out``) reads its direct object;
* ``- * (PREP)``, ``- * (PREP +)``: the object of the preposition (``preps``);
* ``- * WORD (PREP)``: a direct object word that is not an argument, then the preposition's
  object (``object_word``, ``preps``: "imposed sanctions on Y"); ``&CLASS`` gives a row per word;
* a particle after the verb (``- * OFF (WITH)``) is the row's ``marker``;
* a verb without a particle also gives a ``noun`` row of its own word, whose target follows the
  code's ``target_preps`` ("X's *rebuke* of Y", "X's *help* to Y"); a word that is never a
  noun never fires, and a hand row of the noun overrides it
  (``kgraph.know.relations.load_lexicon``).

Anything else (words before the verb, a noun inside the prepositional phrase, a multi-word
object, an object word with no preposition to name the target, a "no event" pattern) is dropped
and counted per reason. Irregular forms are read as their verb's lemma (the lexicon is keyed by
lemma); one row is kept per lemma, prepositions, marker and object word, the first in the file.

Usage: ``python scripts/make_cameo_lexicon.py [DICTIONARY] [--out CSV] [--map CSV]``.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _rows import render_csv, write_text

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DICTIONARY = ROOT.parent / "shared" / "resources" / "phoenix" / "CAMEO.2.0.verbs.txt"
DEFAULT_MAP = ROOT / "data" / "relations" / "cameo-map.csv"
DEFAULT_OUT = ROOT / "data" / "relations" / "lexicon-cameo.csv"
COLUMNS = ("lemma", "pos", "frame", "relation", "preps", "marker", "object_word", "voice",
           "reciprocal", "direction", "subject_types", "object_types", "object_owner",
           "exclusive", "confidence", "source", "note")
# words that, right after the verb, are a particle of it rather than its object
PARTICLES = frozenset({"up", "out", "off", "down", "away", "back", "over", "together", "on",
                       "in", "along", "aside", "around", "forward", "apart"})
# words that, alone after the verb (or its object word) without parentheses, introduce the target
PREPOSITIONS = frozenset({"with", "against", "to", "on", "at", "into", "from", "between", "for",
                          "toward", "towards", "upon", "alongside", "among", "onto"})
_CODE = re.compile(r"\[([0-9:\-]*)\]")
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")


@dataclass(frozen=True, slots=True)
class Mapping:
    """One row of the code map."""

    prefix: str
    block: str
    relation: str
    direction: str
    reciprocal: str
    object_owner: str
    target_preps: str
    confidence: str


@dataclass
class Counts:
    """What the conversion read, wrote and dropped."""

    verbs: int = 0
    forms: int = 0
    patterns: int = 0
    rows: int = 0
    dropped: Counter[str] = field(default_factory=Counter)

    def report(self) -> str:
        """The counts as lines of text."""
        lines = [f"verbs read: {self.verbs}", f"irregular forms read: {self.forms}",
                 f"patterns read: {self.patterns}", f"rows written: {self.rows}"]
        lines += [f"dropped, {why}: {n}" for why, n in sorted(self.dropped.items())]
        return "\n".join(lines)


def read_map_text(text: str) -> list[Mapping]:
    """Read the CAMEO code -> relation table from its CSV text."""
    return [Mapping(r["code_prefix"], r["block"], r["relation"], r["direction"] or "forward",
                    r["reciprocal"] or "no", r["object_owner"] or "no", r["target_preps"],
                    r["confidence"])
            for r in csv.DictReader(io.StringIO(text))]


def read_map(path: Path) -> list[Mapping]:
    """Read the CAMEO code -> relation table from a file."""
    return read_map_text(path.read_text(encoding="utf-8"))


def lookup(code: str, block: str, table: Sequence[Mapping]) -> Mapping | None:
    """The mapping of a code in a block: longest prefix, block-specific first; None for none.

    >>> t = [Mapping("19", "", "fights", "forward", "yes", "no", "against", "0.7"),
    ...      Mapping("195", "", "attacks", "forward", "no", "no", "on", "0.7")]
    >>> lookup("195", "BOMB", t).relation, lookup("190", "KILL", t).relation
    ('attacks', 'fights')
    >>> lookup("040", "MEET", t) is None
    True
    """
    fits = [m for m in table if code.startswith(m.prefix) and m.block in ("", block)]
    if not fits:
        return None
    best = max(fits, key=lambda m: (len(m.prefix), m.block != ""))
    return best if best.relation else None


def split_code(cell: str) -> tuple[str, str]:
    """``(code, direction)`` of a code cell: ``190``, ``042:043`` (the subject's), ``:110``
    (only the object's reply: reverse), ``---`` (no event: empty code)."""
    first, _, second = cell.partition(":")
    if first.strip("-"):
        return first, "forward"
    if second.strip("-"):
        return second, "reverse"
    return "", "forward"


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def read_synsets(lines: Sequence[str]) -> dict[str, list[str]]:
    """``&CLASS`` -> its words (lower case, ``_`` read as a space, trailing ``_`` dropped)."""
    sets: dict[str, list[str]] = {}
    current = ""
    for raw in lines:
        line = _strip_comment(raw).strip()
        if line.startswith("&"):
            current = line.split()[0]
            sets[current] = []
        elif line.startswith("+") and current:
            sets[current].append(line[1:].split()[0].strip("_").replace("_", " ").lower())
        elif line.startswith("---") or line.startswith("####### VERB"):
            current = ""
    return sets


def _tokens(pattern: str) -> list[str]:
    """Pattern words with ``(...)`` and ``{...}`` groups kept whole."""
    return re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", pattern)


@dataclass(frozen=True, slots=True)
class Slot:
    """What a verb frame row is keyed on besides its lemma."""

    preps: str = ""
    marker: str = ""
    object_word: str = ""


def read_pattern(pattern: str, synsets: dict[str, list[str]], *, target_preps: str = ""
                 ) -> tuple[list[Slot], str]:
    """The slots a pattern (the text between ``-`` and its code) gives, or a drop reason.

    ``target_preps`` are the prepositions that name the target after an object word when the
    pattern gives none ("imposed sanctions" -> "imposed sanctions on/against Y").
    """
    words = _tokens(pattern)
    if "*" not in words:
        return [], "no verb position"
    if words.index("*") != 0:
        return [], "words before the verb"
    rest = [w for w in words[1:] if w not in ("+", "^")]
    if rest and rest[-1].lower() in PREPOSITIONS:  # "- * WITH": a bare preposition
        rest[-1] = f"({rest[-1]})"
    marker = ""
    if rest and rest[0].lower() in PARTICLES:
        marker = rest.pop(0).lower()
    objects: list[str] = [""]
    if rest and not rest[0].startswith("("):
        word = rest.pop(0)
        if word.startswith("{"):
            return [], "multi-word object"
        if word.startswith("&"):
            if word not in synsets:
                return [], "unknown word class"
            objects = [w for w in synsets[word] if " " not in w]
        elif word in ("$", "%"):
            return [], "source or compound actor after the verb"
        else:
            objects = [word.strip("_").lower()]
    if not rest:
        if objects != [""]:
            if not target_preps:
                return [], "object word with no preposition naming the target"
            return [Slot(target_preps, marker, o) for o in objects], ""
        return ([Slot(marker=marker)], "") if marker else ([], "nothing after the verb")
    if len(rest) > 1:
        return [], "more than one phrase after the verb"
    inner = rest[0][1:-1].split() if rest[0].startswith("(") else []
    if not inner or any(w not in ("+", "^") for w in inner[1:]):
        return [], "noun inside the prepositional phrase"
    preps = ";".join(p.lower() for p in inner[0].split("/"))
    return [Slot(preps, marker, o) for o in objects], ""


@dataclass(frozen=True, slots=True)
class Pattern:
    """One pattern line: line number, the text before its code, the code cell, and the verbs
    its comment names."""

    line: int
    text: str
    code: str
    named: frozenset[str]


@dataclass(frozen=True, slots=True)
class Verb:
    """One verb line: its lemma, particle, code cell and line number."""

    lemma: str
    marker: str
    code: str
    line: int
    name: str


def read_verb(line: str, block_code: str, number: int) -> tuple[Verb | None, int, str]:
    """A verb line -> ``(verb, irregular forms, drop reason)``."""
    text = _strip_comment(line)
    forms = re.findall(r"\{([^}]*)\}", text)
    n_forms = sum(len(f.replace(",", " ").split()) for f in forms)
    text = re.sub(r"\{[^}]*\}", " ", text)
    own = _CODE.search(text)
    code = own.group(1) if own else block_code
    word = _CODE.sub(" ", text).split()[0].lstrip("+")
    parts = [p for p in word.lower().split("_") if p]
    if len(parts) == 2 and parts[1] in PARTICLES and not word.endswith("_"):
        return Verb(parts[0], parts[1], code, number, word), n_forms, ""
    if len(parts) != 1 or "-" in parts[0] or "'" in parts[0]:
        return None, n_forms, "multi-word verb"
    return Verb(parts[0], "", code, number, word), n_forms, ""


def convert(text: str, table: Sequence[Mapping], *, name: str = "CAMEO.2.0.verbs.txt"
            ) -> tuple[list[dict[str, str]], Counts]:
    """Convert the dictionary's text into lexicon rows (sorted by lemma, patterns first).

    Args:
        text: the whole dictionary file.
        table: the code map (:func:`read_map`).
        name: the file name written in each row's ``source``.

    Returns:
        The rows (dicts over :data:`COLUMNS`) and the counts.
    """
    lines = text.splitlines()
    synsets = read_synsets(lines)
    counts = Counts()
    rows: dict[str, list[tuple[int, dict[str, str]]]] = {}
    taken: set[tuple[str, Slot]] = set()
    for block, verbs, patterns in _blocks(lines, counts):
        for pat in patterns:
            number, pattern = pat.line, pat.text
            code, direction = split_code(pat.code)
            mapping = lookup(code, block, table) if code else None
            if mapping is None:
                counts.dropped["no event" if not code else "code maps to no relation"] += 1
                continue
            slots, why = read_pattern(pattern, synsets, target_preps=mapping.target_preps)
            if why:
                counts.dropped[why] += 1
                continue
            # a pattern is read with the verbs its comment names (where it was found), else all
            own = [v for v in verbs if v.name in pat.named] or verbs
            for verb in own:
                for slot in slots:
                    if verb.marker and slot.marker:
                        continue
                    slot_v = Slot(slot.preps, verb.marker or slot.marker, slot.object_word)
                    _add(rows, taken, counts, verb, slot_v, mapping, direction, code, number,
                         name, pattern=True)
        for verb in verbs:
            code, direction = split_code(verb.code)
            mapping = lookup(code, block, table) if code else None
            if mapping is None:
                counts.dropped["verb of no event" if not code
                               else "verb code maps to no relation"] += 1
                continue
            _add(rows, taken, counts, verb, Slot(marker=verb.marker), mapping, direction, code,
                 verb.line, name, pattern=False)
    out = [row for lemma in sorted(rows) for _, row in rows[lemma]]
    counts.rows = len(out)
    return out, counts


def _blocks(lines: Sequence[str], counts: Counts
                        ) -> Iterator[tuple[str, list[Verb], list[Pattern]]]:
    """Each verb block: its name, verbs and patterns."""
    start = next((i for i, t in enumerate(lines) if t.startswith("####### VERB PATTERNS")), 0)
    block, code = "", ""
    verbs: list[Verb] = []
    patterns: list[Pattern] = []
    for i in range(start, len(lines)):
        raw, number = lines[i], i + 1
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        header = _HEADER.match(raw)
        if header:
            if block:
                yield block, verbs, patterns
            block, code, verbs, patterns = header.group(1), header.group(2), [], []
            continue
        line = _strip_comment(raw).strip()
        if not line or not block:
            continue
        if line.startswith("-"):
            counts.patterns += 1
            found = _CODE.search(line)
            if found is None:
                counts.dropped["pattern with no code"] += 1
                continue
            named = frozenset(re.findall(r"[A-Z][A-Z_\-']*", raw.partition("#")[2]))
            patterns.append(Pattern(number, line[1:found.start()].strip(), found.group(1), named))
        else:
            counts.verbs += 1
            verb, forms, why = read_verb(raw, code, number)
            counts.forms += forms
            if verb is None:
                counts.dropped[why] += 1
            else:
                verbs.append(verb)
    if block:
        yield block, verbs, patterns


def _add(rows: dict[str, list[tuple[int, dict[str, str]]]], taken: set[tuple[str, Slot]],
         counts: Counts, verb: Verb, slot: Slot, mapping: Mapping, direction: str, code: str,
         line: int, name: str, *, pattern: bool) -> None:
    if (verb.lemma, slot) in taken:
        counts.dropped["slot read by an earlier line"] += 1
        return
    taken.add((verb.lemma, slot))
    if mapping.direction == "reverse":
        direction = "forward" if direction == "reverse" else "reverse"
    reciprocal = mapping.reciprocal if direction == "forward" else "no"
    if reciprocal == "yes" and slot.object_word:
        # "X and Y launched attacks" is no fight between X and Y; "... on each other" is
        reciprocal = "explicit"
    words = " ".join(w for w in (verb.lemma, slot.marker, slot.object_word,
                                 slot.preps.replace(";", "/")) if w)
    row = {
        "lemma": verb.lemma, "pos": "verb", "frame": "verb", "relation": mapping.relation,
        "preps": slot.preps, "marker": slot.marker, "object_word": slot.object_word,
        "voice": "active" if slot.preps or reciprocal == "yes" else "any",
        "reciprocal": reciprocal, "direction": direction, "subject_types": "",
        "object_types": "", "object_owner": mapping.object_owner,
        "exclusive": "yes" if pattern else "no", "confidence": mapping.confidence,
        "source": f"{name}:{line} [{code}]", "note": f"{code} {words}",
    }
    # a pattern row is more specific than its verb's own row: it comes first
    rows.setdefault(verb.lemma, []).append((0 if pattern else 1, row))
    if not pattern and not slot.marker and mapping.target_preps \
            and not any(rank == 2 for rank, _ in rows[verb.lemma]):
        # the verb's own word as an event noun ("X's raid on Y", "X's ban on Y"): the target
        # follows the code's target prepositions; a word that is no noun never fires
        rows[verb.lemma].append((2, {**row, "pos": "noun", "frame": "noun",
                                     "preps": mapping.target_preps, "voice": "any",
                                     "note": f"{code} {verb.lemma} (noun)"}))
    rows[verb.lemma].sort(key=lambda r: r[0])


def render(rows: Sequence[dict[str, str]]) -> str:
    """The rows as CSV text with a header."""
    return render_csv(COLUMNS, ([row[c] for c in COLUMNS] for row in rows))


def main(argv: Sequence[str] | None = None) -> int:
    """Convert the dictionary, write the CSV and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("dictionary", nargs="?", type=Path, default=DEFAULT_DICTIONARY)
    parser.add_argument("--map", type=Path, default=DEFAULT_MAP)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    text = args.dictionary.read_text(encoding="utf-8", errors="replace")
    rows, counts = convert(text, read_map(args.map), name=args.dictionary.name)
    write_text(render(rows), args.out)
    print(counts.report())  # noqa: T201 (a script: its report is its output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
