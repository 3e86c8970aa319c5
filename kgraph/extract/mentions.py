"""Actor mentions in a parsed Doc: gazetteer names, named entities, demonyms with force nouns.

A :class:`Mention` ties an :class:`~kgraph.model.Actor` to the tokens that name it. The
:class:`MentionIndex` answers "which actors does the noun phrase headed by this token refer to?"
(``heads``) and "which name does this token belong to?" (``inside``). Frames ask it through
:func:`resolve`, which also follows appositions ("the Front, a rebel group") and relative
pronouns ("X, which ...").

Resolution order, cheapest and surest first:

1. an entity carrying an actor id from the gazetteer span ruler (``ent.ent_id_``);
2. an ORG/GPE/PERSON entity whose text the gazetteer knows (``Gazetteer.lookup``);
3. any other ORG/PERSON entity, minted (ORG -> ArmedGroup when a word of the name is a
   ``group-head`` cue, else Organization, PERSON -> Person). A GPE the gazetteer does not
   know is not minted: the gazetteer lists every state, so an unknown GPE is a town, a
   province or a region ("Mosul", "Idlib") -- a place, not an actor;
4. a state demonym or a name modifying a ``force-noun`` ("Iraqi forces", "US air strikes",
   "ISIS fighters") -> that state or actor, the noun phrase's head answering for it; an ethnic
   word (NORP, not a state's demonym, not a ``non-ethnic`` cue) with an ``armed-noun``
   ("Kurdish fighters") -> a minted armed group "Kurdish forces".

Bare NORP words ("Islamic", "Muslims") and vague nouns ("militants", "officials") are never
actors on their own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kgraph.actors import Gazetteer, mint_actor, normalize_name
from kgraph.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Mention", "MentionIndex", "antecedent", "expand", "find_mentions", "resolve"]

_ENT_LABELS = ("ORG", "GPE", "PERSON", "NORP")
_RELATIVE = frozenset({"which", "who", "that", "whom"})
_SKIP_BACK = frozenset({",", "-", "(", ")", "'s", "’s"})


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named (or referred to) by tokens ``start:end`` of a Doc.

    ``kind`` is ``name`` (gazetteer), ``minted`` (named entity not in the gazetteer),
    ``demonym`` ("Iraqi forces") or ``anaphor`` (a pronoun or "the group", see coref.py);
    an anaphor carries the other candidate antecedents, best first, in ``alternatives``.
    """

    actor: Actor
    start: int
    end: int
    text: str
    kind: str = "name"
    alternatives: tuple[Actor, ...] = ()


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """Mentions of one Doc: by the token heading their noun phrase, and by the tokens inside."""

    heads: Mapping[int, tuple[Mention, ...]] = field(default_factory=dict)
    inside: Mapping[int, Mention] = field(default_factory=dict)
    partitive: frozenset[int] = frozenset()  # "faction", "members": stand for their "of" X

    def ordered(self) -> list[Mention]:
        """Every distinct mention in text order."""
        seen: dict[tuple[int, int, str], Mention] = {}
        for ms in self.heads.values():
            for m in ms:
                seen.setdefault((m.start, m.end, m.actor.id), m)
        for m in self.inside.values():
            seen.setdefault((m.start, m.end, m.actor.id), m)
        return sorted(seen.values(), key=lambda m: (m.start, m.end))


def _entity_actor(ent: Span, gazetteer: Gazetteer, cues: Mapping[str, frozenset[str]]
                  ) -> Actor | None:
    if ent.ent_id_:
        known = gazetteer.get(ent.ent_id_)
        if known is not None:
            return known
    if ent.label_ not in _ENT_LABELS:
        return None
    name = normalize_name(ent.doc[_name_start(ent):ent.end].text)
    known = gazetteer.lookup(name)
    if known is not None:
        return known
    if ent.label_ == "NORP" or len(name) < 2 or not any(c.isupper() for c in name):
        return None
    words = [w.lower() for w in name.replace("-", " ").split()]
    if not words or " ".join(words) in cues["vague"] or all(w in cues["vague"] for w in words):
        return None
    if ent.label_ == "GPE":
        return None  # every state is in the gazetteer: an unknown GPE is a town or a region
    if ent.label_ == "PERSON":
        kind = "ArmedGroup" if words[-1] in cues["group-head"] else "Person"
    else:
        kind = "ArmedGroup" if any(w in cues["group-head"] for w in words) else "Organization"
    try:
        return mint_actor(name, kind)
    except ValueError:  # a name without letters or digits
        return None


def _name_start(ent: Span) -> int:
    """Where a name starts: after "the" and a preposition the recogniser swallowed."""
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].lower_ in ("the", "near", "in", "at"):
        start += 1
    return start


def _mention_text(doc: Doc, start: int, end: int) -> str:
    return normalize_name(doc[start:end].text)


def find_mentions(doc: Doc, *, gazetteer: Gazetteer, cues: Mapping[str, frozenset[str]]
                  ) -> MentionIndex:
    """Return the actor mentions of a parsed Doc (anaphors excluded: see coref.py).

    Args:
        doc: a Doc parsed by a pipeline with the actor ruler (or any Doc with entities).
        gazetteer: the actors known by name.
        cues: the cue words of :func:`kgraph.relations.load_cues`.

    Returns:
        The mentions indexed by the head token of their noun phrase and by their tokens.
    """
    heads: dict[int, list[Mention]] = defaultdict(list)
    inside: dict[int, Mention] = {}
    force = cues["force-noun"]
    for ent in doc.ents:
        actor = _entity_actor(ent, gazetteer, cues)
        if actor is None:
            continue
        start = _name_start(ent)
        m = Mention(actor, start, ent.end, _mention_text(doc, start, ent.end),
                    "minted" if actor.minted else "name")
        for i in range(ent.start, ent.end):
            inside[i] = m
        root = ent.root
        heads[root.i].append(m)
        # "ISIS fighters", "US air strikes", "Syria's army": the noun phrase stands for the actor
        head = root.head
        if (root.dep_ in ("compound", "poss", "nmod") and head.i >= ent.end
                and (head.lower_ in force or head.lemma_.lower() in cues["group-head"])
                and head.i not in inside):
            heads[head.i].append(Mention(actor, start, head.i + 1,
                                         _mention_text(doc, start, head.i + 1), m.kind))
    partitive: set[int] = set()
    for tok in doc:
        if tok.lower_ in cues["partitive"] and tok.pos_ == "NOUN":
            partitive.add(tok.i)
        if tok.i in inside or not tok.text[:1].isupper() or tok.pos_ not in ("ADJ", "PROPN",
                                                                             "NOUN"):
            continue
        _demonym_mention(tok, gazetteer, cues, heads, inside)
    for tok in doc:
        if tok.pos_ == "PROPN" and tok.i not in inside and tok.dep_ not in ("compound", "flat"):
            _proper_noun_mention(tok, gazetteer, cues, heads, inside)
    return MentionIndex(heads={k: tuple(v) for k, v in heads.items()}, inside=inside,
                        partitive=frozenset(partitive))


_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY",
                        "LOC", "FAC", "EVENT", "LAW", "LANGUAGE", "WORK_OF_ART", "PRODUCT",
                        "NORP"})


def _proper_noun_mention(tok: Token, gazetteer: Gazetteer, cues: Mapping[str, frozenset[str]],
                         heads: dict[int, list[Mention]], inside: dict[int, Mention]) -> None:
    """A proper-noun phrase the entity recogniser missed ("Nucleus of Communists") -> minted.

    Only phrases of two or more capitalised words qualify (a lone acronym is as often a
    weapon, "VBIED", as a group), and only when no token of them is in a non-name entity
    (dates, places, events).
    """
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == tok.i \
            and doc[start - 1].text[:1].isupper():
        start -= 1
    end = tok.i + 1
    of = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("of", "for")]
    if of and end == of[0].i:
        tail = [p for p in of[0].children if p.dep_ == "pobj" and p.pos_ == "PROPN"]
        if tail and tail[0].i not in inside and all(t.text[:1].isupper() or t.lower_ in (
                "an", "the", "a") for t in doc[of[0].i + 1: tail[0].i + 1]):
            end = tail[0].i + 1
    span = doc[start:end]
    words = [t for t in span if t.is_alpha]
    if len(words) < 2 or not all(w.text[:1].isupper() or w.lower_ in ("of", "for", "an", "the",
                                                                        "a") for w in words):
        return
    if any(t.ent_type_ in _NOT_NAMES or t.i in inside for t in span):
        return
    actor = gazetteer.lookup(span.text)
    if actor is None:
        lowered = [t.lower_ for t in span]
        kind = "ArmedGroup" if any(w in cues["group-head"] for w in lowered) else "Organization"
        try:
            actor = mint_actor(span.text, kind)
        except ValueError:
            return
    m = Mention(actor, start, end, span.text, "minted" if actor.minted else "name")
    for i in range(start, end):
        inside[i] = m
    heads[tok.i].append(m)


def _demonym_mention(tok: Token, gazetteer: Gazetteer, cues: Mapping[str, frozenset[str]],
                     heads: dict[int, list[Mention]], inside: dict[int, Mention]) -> None:
    doc = tok.doc
    modifier = tok
    while modifier.dep_ == "conj" and modifier.head.i != modifier.i:  # "Iraqi and Kurdish forces"
        modifier = modifier.head
    noun = modifier.head
    state = gazetteer.demonym(tok.text)
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and state is not None:
        # "Saudi-led", "Iranian-backed": the hyphen frames read it through ``inside``
        inside[tok.i] = Mention(state, tok.i, tok.i + 1, tok.text, "demonym")
        return
    if modifier.dep_ not in ("amod", "compound", "nmod") or noun.i <= tok.i or noun.i in inside:
        if (state is not None and state.type == "State" and tok.tag_ in ("NNPS", "NNS")
                and not any(c.dep_ in ("nummod", "amod", "det") for c in tok.children)):
            # "Iraqis rallied", but not "three ethnic Albanians" (people, not the state)
            heads[tok.i].append(Mention(state, tok.i, tok.i + 1, tok.text, "demonym"))  # "Iraqis"
        return
    word = noun.lower_
    if state is not None and word in cues["force-noun"]:
        heads[noun.i].append(Mention(state, tok.i, noun.i + 1, f"{tok.text} {noun.text}",
                                     "demonym"))
    elif (state is None and tok.ent_type_ == "NORP" and word in cues["armed-noun"]
          and tok.lower_ not in cues["non-ethnic"]):
        actor = mint_actor(f"{tok.text} forces", "ArmedGroup")
        heads[noun.i].append(Mention(actor, tok.i, noun.i + 1, f"{tok.text} {noun.text}",
                                     "minted"))


def expand(tok: Token) -> list[Token]:
    """Return a token and the tokens coordinated with it ("X, Y and Z"), also through an
    apposition ("X, a rebel group, and Y").

    Examples:
        >>> from spacy.vocab import Vocab
        >>> from spacy.tokens import Doc
        >>> doc = Doc(Vocab(), words=["A", "and", "B"], heads=[0, 0, 0],
        ...           deps=["ROOT", "cc", "conj"])
        >>> [t.text for t in expand(doc[0])]
        ['A', 'B']
    """
    out: list[Token] = []
    todo = [tok]
    while todo:
        t = todo.pop()
        if t in out:
            continue
        out.append(t)
        for c in t.children:
            if c.dep_ == "conj":
                todo.append(c)
            elif c.dep_ == "appos":
                todo.extend(cc for cc in c.children if cc.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def antecedent(pron: Token, index: MentionIndex) -> list[Mention]:
    """Return what a relative pronoun refers to: the name just before it, else its head noun.

    The name just before the pronoun wins over the parser's attachment, which often hangs a
    relative clause on the wrong noun of a list ("veterans from A and B, which has joined C").
    """
    doc = pron.doc
    i = pron.i - 1
    while i >= 0 and (doc[i].text in _SKIP_BACK or doc[i].is_space):
        i -= 1
    if i >= 0 and i in index.inside:
        return [index.inside[i]]
    clause = pron.head
    if clause.dep_ == "relcl":
        return resolve(clause.head, index, follow_relative=False)
    return []


def resolve(tok: Token, index: MentionIndex, *, follow_relative: bool = True) -> list[Mention]:
    """Return the actors a noun phrase (given by its head token) refers to, or [].

    Follows names, anaphors already resolved into the index, appositions in both directions and
    relative pronouns.
    """
    found = index.heads.get(tok.i)
    if found:
        return list(found)
    if tok.i in index.inside:
        return [index.inside[tok.i]]
    if follow_relative and tok.lower_ in _RELATIVE and tok.dep_ in ("nsubj", "nsubjpass"):
        return antecedent(tok, index)
    for c in tok.children:
        if c.dep_ == "appos":
            got = _at(c.i, index)
            if got:
                return got
        elif c.dep_ == "prep" and c.lower_ == "of" and tok.i in index.partitive:
            # "a faction of X", "members of X": the part acts for the whole
            for p in c.children:
                if p.dep_ == "pobj":
                    got = _at(p.i, index)
                    if got:
                        return got
    if tok.dep_ == "appos":
        return _at(tok.head.i, index)
    return []


def _at(i: int, index: MentionIndex) -> list[Mention]:
    """The mentions a token heads, else the name it is part of, else []."""
    got = index.heads.get(i)
    if got:
        return list(got)
    return [index.inside[i]] if i in index.inside else []
