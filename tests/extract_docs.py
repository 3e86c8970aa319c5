"""Helpers for the extraction tests: hand-built parsed Docs and a small gazetteer (no model).

A sentence is written one token per line: ``word head dep pos [lemma] [ent]``, where ``head``
is the absolute index of the head token in the whole Doc, ``pos`` may carry a fine tag
(``VERB/VBN``), ``lemma`` defaults to the lower-cased
word (``-`` also means the default) and ``ent`` is an IOB tag such as ``B-ORG``.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kgraph.extract.frames import index_lexicon
from kgraph.know.actors import Gazetteer, tokenize
from kgraph.know.relations import load_lexicon
from kgraph.model import Actor, Article, Assertion

ACTORS = (
    Actor("isis", "ISIS", "ArmedGroup", aliases=("Islamic State",)),
    Actor("al-nusra-front", "al-Nusra Front", "ArmedGroup", aliases=("Nusra",)),
    Actor("al-qaeda", "al-Qaeda", "ArmedGroup", aliases=("Qaeda",)),
    Actor("syria", "Syria", "State"),
    Actor("iraq", "Iraq", "State"),
    Actor("united-states", "United States", "State", aliases=("US",)),
    Actor("ayman-al-zawahiri", "Ayman al-Zawahiri", "Person", aliases=("Zawahiri",)),
    Actor("srf", "Syrian Revolutionaries Front", "ArmedGroup", aliases=("SRF",)),
    Actor("global-coalition", "Global Coalition", "InternationalOrganization",
          aliases=("Coalition",)),
)
DEMONYMS = {"Syrian": "syria", "Iraqi": "iraq", "American": "united-states"}
METONYMS = {"Damascus": "syria", "White House": "united-states"}

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, is_alpha)


def gazetteer() -> Gazetteer:
    """A gazetteer of the actors above, each known by its label and aliases (and two states by
    their seats of power)."""
    names = {}
    for a in ACTORS:
        for name in (a.label, *a.aliases):
            names[tokenize(name)] = a.id
    return Gazetteer(ACTORS, names=names, demonyms=DEMONYMS,
                     metonyms={tokenize(k): v for k, v in METONYMS.items()})


def doc(spec: str) -> Doc:
    """Build a parsed Doc from the one-token-per-line spec of the module docstring."""
    words, heads, deps, pos, tags, lemmas, ents = [], [], [], [], [], [], []
    for line in spec.strip().splitlines():
        parts = line.split()
        word, head, dep, tag = parts[0], int(parts[1]), parts[2], parts[3]
        lemma = parts[4] if len(parts) > 4 and parts[4] != "-" else word.lower()
        words.append(word)
        heads.append(head)
        deps.append(dep)
        pos.append(tag.split("/")[0])
        tags.append(tag.split("/")[1] if "/" in tag else "")
        lemmas.append(lemma)
        ents.append(parts[5] if len(parts) > 5 else "O")
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
               ents=ents)


def run(spec: str, *, published: str = "2014-11-16") -> list[Assertion]:
    """Extract the assertions of a hand-built Doc with the packaged lexicon."""
    from kgraph.extract import extract_doc

    d = doc(spec)
    return extract_doc(d, Article(id="t", text=d.text, published=published), gazetteer=gazetteer())


def triples(spec: str) -> set[tuple[str, str, str]]:
    """The asserted (subject id, relation, object id) triples of a hand-built Doc."""
    return {(a.subject.id, a.relation, a.object.id) for a in run(spec)
            if a.polarity == "asserted"}


LEXICON = index_lexicon(load_lexicon())
