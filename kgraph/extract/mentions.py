"""Actor mentions in a parsed Doc: gazetteer names, named entities, demonyms with force nouns.

A :class:`Mention` ties an :class:`~kgraph.model.Actor` to the tokens that name it. The
:class:`MentionIndex` answers "which actors does the noun phrase headed by this token refer to?"
(``heads``) and "which name does this token belong to?" (``inside``). Frames ask it through
:func:`resolve`, which also follows appositions ("the Front, a rebel group") and relative
pronouns ("X, which ..."), also as the object of their clause ("X, which Y attacked",
"X, with whom Y negotiated").

Resolution order, cheapest and surest first:

1. an entity carrying an actor id from the gazetteer span ruler (``ent.ent_id_``);
2. a capital or seat of power (``Gazetteer.metonym``) when the recogniser calls it an
   organisation ("the Kremlin") or it is a verb's subject ("Jakarta expelled ..."): its state;
   as the place of an event ("in Moscow", "shelled Damascus") it is no actor;
3. an ORG/GPE/PERSON entity whose text the gazetteer knows (``Gazetteer.lookup``), also
   spelled otherwise ("Jabhet al-Nusra", ``Gazetteer.lookup_spelling``);
4. any other ORG/PERSON entity, minted (ORG -> PoliticalParty when a word of the name is a
   ``party-head`` cue, ArmedGroup when one is a ``group-head`` cue, else Organization,
   PERSON -> Person). A GPE the gazetteer does not
   know is not minted, nor is a proper-noun phrase inside one ("East Jerusalem"): the
   gazetteer lists every state, so an unknown GPE is a town, a province or a region ("Mosul",
   "Idlib") -- a place, not an actor;
5. a state demonym or a name modifying a ``force-noun`` ("Iraqi forces", "US air strikes",
   "ISIS fighters", "Iraq's foreign minister") -> that state or actor, the noun phrase's head
   answering for it, and bare force nouns coordinated with the head with it ("Israeli
   helicopters and tanks"); a regional, ethnic or religious word (NORP, not a ``non-ethnic``
   cue; or a place or people the recogniser called GPE, LOC, PERSON or, when adjectival, ORG)
   with an ``armed-noun`` ("Kurdish fighters", "Darfur rebels", "Shia militias") -> a
   ``DescriptorGroup`` minted with its words as label, never merged with a named group.
   The force and armed nouns include the agent nouns of data/actors/agents.csv (see
   :func:`kgraph.know.relations.load_cues`).

Bare NORP words ("Islamic", "Muslims") and vague nouns ("militants", "officials") are never
actors on their own. Further rules:

* a name is cut after the people of a unit the recogniser swallowed ("the Men and Women of the
  407th Wing" is the 407th Wing);
* a unit's ordinal ("the 17th Armoured Brigade") and the demonym of another state before a
  known name ("the Jordanian Muslim Brotherhood") belong to the name, which is minted (see
  :func:`_name_prefix`);
* a name is cut at a bracket the recogniser swallowed; "Name (ACRONYM)" ties the two, and a
  later "ACRONYM" names the same actor (a minted name takes a known acronym's actor:
  "Jaysh ... (JRTN)" is the gazetteer's JRTN) -- when the acronym's first letter is an initial
  of the name before it;
* a state named by its institutions ("Government of Iraq", "Syrian Army", "Iraqi Government")
  is the state; "the people/government of X", "a group of X", "the headquarters of X and Y"
  (``partitive``) stand for X (and Y), and a partitive place also for its "for" object ("a
  camp for Congolese refugees"); "the people/government of X" take the whole phrase as
  their words, and so does "the Iraqi people"; "the Trump administration" (a person with a
  ``regime-noun``) is the person's state;
* a demonym phrase with a ``non-state`` word ("Syrian rebel commanders", "Sudanese rebels") is
  a descriptor group, never the state;
* a name the recogniser calls a person or organisation is not minted when it is a place or a
  people: a "person" with "the" ("the Sahel"), a plural name ("Kurds"), the modifier of an
  armed noun ("Tuareg rebels"), or words called a place or people elsewhere in the text;
* people named by origin ("Palestinian detainees", "three ethnic Albanians") are a minted
  population (kind ``population``), which frames accept only as the target of an attack;
* the names of a dateline ("KABUL, Afghanistan (Reuters) - ...": capitals, then names up to a
  dash) are not actors: where a story was filed takes no part in it;
* a name made only of ``title`` words ("Foreign Secretary") and a name an apposition calls a
  place ("Sabboura, an area outside Damascus") are not actors;
* a person's words include the titles before the name ("President Obama");
* a lower-case ``common-name`` ("the international coalition", "coalition aircraft") names the
  gazetteer's actor of that name ("Coalition"), unless the article speaks of another one ("the
  Saudi-led coalition"), see :func:`_common_names`.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from kgraph.know.actors import Gazetteer, mint_actor, normalize_name
from kgraph.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Mention", "MentionIndex", "antecedent", "expand", "find_mentions", "resolve"]

_ENT_LABELS = ("ORG", "GPE", "PERSON", "NORP")
_RELATIVE = frozenset({"which", "who", "that", "whom"})
_ONE_OF = frozenset({"one", "some", "part", "member"})
# the words before a hyphen that the ``prefix`` frame of kgraph/extract/frames.py reads: a
# demonym after them names its state ("pro-Turkish")
_PREFIXES = frozenset({"pro"})
_WHOLE = frozenset({"government", "people", "regime", "administration", "population"})
_SKIP_BACK = frozenset({",", "-", "(", ")", "'s", "’s"})
_DASHES = frozenset({"-", "--", "—", "–"})
# the people of a unit, swallowed into its name: "the Men and Women of the 407th Wing"
_PERSONNEL = frozenset({"men", "women", "members", "soldiers", "airmen", "sailors", "marines",
                        "personnel", "troops", "officers"})


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named (or referred to) by tokens ``start:end`` of a Doc.

    ``kind`` is ``name`` (gazetteer), ``minted`` (named entity not in the gazetteer),
    ``demonym`` ("Iraqi forces"), ``population`` (people named by origin, "Palestinian
    detainees": only ever the target of a conflict relation) or ``anaphor`` (a pronoun or "the
    group", see coref.py);
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
    sites: frozenset[int] = frozenset()  # partitive places, also for their "for" X: "a camp for X"

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
    start = _name_start(ent)
    name = normalize_name(ent.doc[start:_name_end(ent, start)].text)
    if ent.label_ != "PERSON" and (ent.label_ == "ORG" or ent.root.dep_ == "nsubj"):
        seat = gazetteer.metonym(name)
        if seat is not None:
            return seat  # "the Kremlin warned", "Jakarta expelled X": the seat of power acts
    if ent.label_ not in _ENT_LABELS:
        return None
    known = gazetteer.lookup(name)
    if known is not None:
        return known
    if ent.label_ == "NORP" or len(name) < 2 or not any(c.isupper() for c in name):
        return None
    spelled = gazetteer.lookup_spelling(name)
    if spelled is not None:
        return spelled  # "Jabhet al-Nusra": a known name spelled otherwise
    described = _described_state(name, gazetteer, cues)
    if described is not None:
        return described
    words = [w.lower() for w in name.replace("-", " ").split()]
    if not words or " ".join(words) in cues["vague"] or all(w in cues["vague"] for w in words):
        return None
    if ent.label_ == "GPE":
        return None  # every state is in the gazetteer: an unknown GPE is a town or a region
    if all(w in cues["title"] for w in words):
        return None  # "Foreign Secretary", "Prime Minister": a title, not a name
    if _described_as_place(ent, cues):
        return None  # "Sabboura, an area outside Damascus"
    if _place_or_people(ent, cues):
        return None  # "the Sahel", "Tuaregs", "Darfur rebels": a place or a people, not a name
    if ent.label_ == "PERSON":
        kind = "ArmedGroup" if words[-1] in cues["group-head"] else "Person"
    else:
        kind = _organisation_kind(words, cues)
    try:
        return mint_actor(name, kind)
    except ValueError:  # a name without letters or digits
        return None


def _organisation_kind(words: list[str], cues: Mapping[str, frozenset[str]]) -> str:
    """The type of an unknown organisation by the words of its name: a ``party-head`` word
    makes a political party ("the Labour Party"), a ``group-head`` word an armed group.

    Examples:
        >>> from kgraph.know.relations import load_cues
        >>> _organisation_kind(["labour", "party"], load_cues())
        'PoliticalParty'
        >>> _organisation_kind(["ansar", "brigade"], load_cues())
        'ArmedGroup'
    """
    if any(w in cues["party-head"] for w in words):
        return "PoliticalParty"
    return "ArmedGroup" if any(w in cues["group-head"] for w in words) else "Organization"


def _described_state(name: str, gazetteer: Gazetteer, cues: Mapping[str, frozenset[str]]
                     ) -> Actor | None:
    """A state named by its institutions: "Government of Iraq", "Syrian Army", "Iraqi Government".

    Examples:
        >>> from kgraph.know.actors import load_actors
        >>> from kgraph.know.relations import load_cues
        >>> _described_state("Federal Government of Iraq", load_actors(), load_cues()).id
        'iraq'
        >>> _described_state("Syrian Opposition Forces", load_actors(), load_cues()) is None
        True
    """
    words = name.split()
    lowered = [w.lower() for w in words]
    if any(w in cues["non-state"] for w in lowered):
        return None
    if "of" in lowered:
        cut = len(lowered) - 1 - lowered[::-1].index("of")
        owner = gazetteer.lookup(" ".join(words[cut + 1:]))
        if (owner is not None and owner.type == "State" and cut > 0
                and lowered[cut - 1] in cues["force-noun"] | cues["regime-noun"]):
            return owner
        return None
    if len(words) >= 2 and lowered[-1] in cues["force-noun"] | cues["regime-noun"]:
        state = gazetteer.demonym(words[0])
        if state is not None and state.type == "State":
            return state
    return None


def _described_as_place(ent: Span, cues: Mapping[str, frozenset[str]]) -> bool:
    """Whether an apposition calls the name a place ("X, a town near Y"; "the city of X")."""
    root = ent.root
    described = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        described.append(root.head)
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        described.append(root.head.head)  # "the town of X"
    return any(d.lemma_.lower() in cues["place-noun"] for d in described)


_PLACE_LABELS = frozenset({"NORP", "GPE", "LOC"})


def _place_or_people(ent: Span, cues: Mapping[str, frozenset[str]]) -> bool:
    """Whether an ORG/PERSON entity the gazetteer does not know is a place or a people.

    The signals are general, not a list of names: a person's name takes no article ("the
    Sahel"); a name written in the plural is a people ("Kurds"); the recogniser calls the same
    words a place or a people elsewhere in the text; or the name describes an agent noun
    ("Tuareg rebels", "Tigrayan forces": see :func:`_descriptor_modifier`).
    """
    if ent.label_ == "PERSON" and (ent[0].lower_ == "the" or (
            ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the")):
        return True
    if len(ent) == 1 and ent[0].tag_ == "NNPS":
        return True
    if _descriptor_modifier(ent, cues):
        return True
    text = ent.text.lower()
    return any(e.label_ in _PLACE_LABELS and e.text.lower() == text for e in ent.doc.ents)


def _descriptor_modifier(ent: Span, cues: Mapping[str, frozenset[str]]) -> bool:
    """Whether a name the gazetteer does not know modifies an armed agent noun as a region,
    people or faith ("Darfur rebels", "Tuareg rebels", "Tigrayan forces"); an organisation only
    when its one word reads as an adjective ("Tigrayan"), not "Wagner fighters"."""
    root = ent.root
    head = root.head
    if root.dep_ not in ("compound", "amod", "nmod") or head.i < ent.end \
            or head.lower_ not in cues["armed-noun"]:
        return False
    if ent.label_ != "ORG":
        return True
    return len(ent) == 1 and (root.tag_ == "JJ" or root.lower_.endswith(_ADJECTIVE_ENDINGS))


_ADJECTIVE_ENDINGS = ("an", "ese", "ish", "i")


def _after_partitive(ent: Span) -> Span:
    """The name after partitive nouns the recogniser swallowed: "the Men and Women of the
    407th Wing", "Soldiers of the 1st Division" name the unit."""
    first = ent[1] if len(ent) > 1 and ent[0].lower_ == "the" else ent[0]
    if first.lower_ not in _PERSONNEL:
        return ent  # the cheap test first: most names start otherwise
    words = [t.lower_ for t in ent]
    if "of" not in words:
        return ent
    k = words.index("of")
    before = [w for w in words[:k] if w not in ("the", "and", ",")]
    if not before or k + 1 >= len(words) or any(w not in _PERSONNEL for w in before):
        return ent  # "the Army of Free Men", "the Government of Iraq" are names
    name = ent.doc.char_span(ent[k + 1].idx, ent.end_char, label=ent.label_)
    return ent if name is None else name


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
        cues: the cue words of :func:`kgraph.know.relations.load_cues`.

    Returns:
        The mentions indexed by the head token of their noun phrase and by their tokens.
    """
    heads: dict[int, list[Mention]] = defaultdict(list)
    inside: dict[int, Mention] = {}
    names: list[Mention] = []
    dateline = _datelines(doc)
    for ent in doc.ents:
        ent = _after_partitive(ent)
        actor = _entity_actor(ent, gazetteer, cues)
        if actor is None or ent.start in dateline:
            continue
        start = _name_start(ent)
        end = _name_end(ent, start)
        start, actor = _name_prefix(doc, start, end, actor, gazetteer, cues)
        m = Mention(actor, start, end, _mention_text(doc, start, end),
                    "minted" if actor.minted else "name")
        names.append(m)
        for i in range(start, end):
            inside[i] = m
    names = _party_of_state(doc, names, inside)
    for tok in doc:
        if tok.pos_ == "PROPN" and tok.i not in inside and tok.i not in dateline and (
                tok.dep_ not in ("compound", "flat")):
            got = _proper_noun_mention(tok, gazetteer, cues, inside)
            if got is not None:
                names = [n for n in names if inside.get(n.start) is n]  # a state it took in
                names.append(got)
    names = _link_acronyms(doc, sorted(names, key=lambda m: m.start), inside)
    names += _common_names(doc, gazetteer, cues, inside)
    force = cues["force-noun"]
    for m in names:
        root = doc[m.start:m.end].root
        text = _person_text(doc, m, inside) if m.actor.type == "Person" else m.text
        if text != m.text:
            m = replace(m, text=text)
            for i in range(m.start, m.end):
                inside[i] = m
        heads[root.i].append(m)
        # "ISIS fighters", "US air strikes", "Syria's army": the noun phrase stands for the actor
        # (also "Syrian regime forces", when the parser hangs the name's first word on the noun)
        head = root.head
        if (root.dep_ in ("compound", "poss", "nmod", "amod") and head.i >= m.end
                and (head.lower_ in force or head.lemma_.lower() in cues["group-head"])
                and head.i not in inside and not _non_state(head, cues)
                and not (root.dep_ == "poss" and _names_unit(head, m, inside))):
            owner: Actor | None = m.actor
            if m.actor.type == "Person":
                # "the Trump administration" is the state; "Haftar's forces" stay the person's
                owner = (_state_of(gazetteer, m.actor.country)
                         if head.lemma_.lower() in cues["regime-noun"] else m.actor)
            if owner is not None:
                heads[head.i].append(Mention(owner, m.start, head.i + 1,
                                             _mention_text(doc, m.start, head.i + 1), m.kind))
    partitive: set[int] = set()
    sites: set[int] = set()
    for tok in doc:
        if tok.lower_ in cues["partitive"] and tok.pos_ in ("NOUN", "PROPN"):
            partitive.add(tok.i)
            if tok.lemma_.lower() in cues["place-noun"]:
                sites.add(tok.i)
        if tok.i in inside or not tok.text[:1].isupper() or tok.pos_ not in ("ADJ", "PROPN",
                                                                             "NOUN"):
            continue
        _demonym_mention(tok, gazetteer, cues, heads, inside)
    return MentionIndex(heads={k: tuple(v) for k, v in heads.items()}, inside=inside,
                        partitive=frozenset(partitive), sites=frozenset(sites))


def _party_of_state(doc: Doc, names: list[Mention], inside: dict[int, Mention]
                    ) -> list[Mention]:
    """A minted party followed by "of" and a state is one name: "the Communist Party of Spain"
    (the recogniser often ends the party's name before "of")."""
    out: list[Mention] = []
    for m in names:
        j = m.end + 1 + (m.end + 1 < len(doc) and doc[m.end + 1].lower_ == "the")
        state = inside.get(j)
        if m.kind == "minted" and m.actor.type == "PoliticalParty" and m.end < len(doc) \
                and doc[m.end].lower_ == "of" and state is not None and state.start == j \
                and state.actor.type == "State":
            text = _mention_text(doc, m.start, state.end)
            m = Mention(mint_actor(text, "PoliticalParty"), m.start, state.end, text, "minted")
            for i in range(m.start, m.end):
                inside[i] = m
        out.append(m)
    return [m for m in out if inside.get(m.start) is m]


def _common_names(doc: Doc, gazetteer: Gazetteer, cues: Mapping[str, frozenset[str]],
                  inside: dict[int, Mention]) -> list[Mention]:
    """Lower-case common names of a known actor: "the (international) coalition", "coalition
    aircraft" -> the gazetteer's "Coalition".

    A ``common-name`` word counts when it has "the" (or modifies another noun, not a
    ``regime-noun``: "coalition air strikes", not "a coalition government") and no modifier but
    ``common-name-modifier`` words. When the article also speaks of another one ("the Saudi-led
    coalition", "the ruling coalition", "a coalition of rebel groups"), none counts.
    """
    import numpy
    from spacy.attrs import LOWER

    # the few candidates found in C: a Python loop over every token would cost more
    words = [doc.vocab.strings[w] for w in cues["common-name"]]
    found = [doc[i] for i in numpy.isin(doc.to_array(LOWER), words).nonzero()[0].tolist()
             if doc[i].text.islower() and i not in inside]
    out: list[Mention] = []
    for tok in found:
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss",
                                                      "nummod") or c.lower_ == "of"]
        det = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        modifier = tok.dep_ == "compound" and tok.head.lemma_.lower() not in cues["regime-noun"]
        if not (det or modifier) or any(c.dep_ != "amod" or c.lower_ not in
                                        cues["common-name-modifier"] for c in mods):
            return []  # another coalition is spoken of: "the coalition" is ambiguous
        actor = gazetteer.lookup(tok.text.capitalize())
        if actor is None:
            return []
        start = min([tok.i, *(c.i for c in mods)])
        out.append(Mention(actor, start, tok.i + 1, _mention_text(doc, start, tok.i + 1)))
    for m in out:
        for i in range(m.start, m.end):
            inside[i] = m
    return out


def _name_prefix(doc: Doc, start: int, end: int, actor: Actor, gazetteer: Gazetteer,
                 cues: Mapping[str, frozenset[str]]) -> tuple[int, Actor]:
    """Where an organisation's name starts when the words before it belong to it.

    A capitalised word before a known name that makes another known name with it, spelled as
    in the gazetteer or otherwise ("Kataeb Hezbollah"), names that other actor.
    A unit's ordinal ("the 17th Armoured Brigade", "the Second Army") and a state's demonym
    before a known name of several words that belongs to another state or to none ("the
    Ethiopian People's Revolutionary Party", "the Egyptian Islamic Jihad") are part of the name:
    the longer name is minted, a party of its own. A demonym of the known actor's own state
    ("the Afghan Taliban") only describes it, nor does one after a prefix ("the pro-Turkish
    Syrian National Army"), and states, people and acronyms take no prefix.

    Returns:
        The name's first token and its actor.
    """
    if start == 0 or actor.type in ("State", "Person", "DescriptorGroup"):
        return start, actor
    prev = doc[start - 1]
    if prev.dep_ not in ("amod", "compound", "nummod") or not start <= prev.head.i < end:
        return start, actor
    if start >= 3 and doc[start - 2].text == "-" and doc[start - 3].lower_ in _PREFIXES:
        return start, actor  # "the pro-Turkish Syrian National Army": the demonym is a side
    if prev.text[:1].isupper():
        longer = doc[start - 1:end].text
        other = gazetteer.lookup(longer) or gazetteer.lookup_spelling(longer)
        if other is not None:
            return start - 1, other  # "Kataeb Hezbollah" is not Hezbollah
    words = [t.lower_ for t in doc[start:end] if t.is_alpha]
    if prev.ent_type_ == "ORDINAL" or prev.lower_ in _ORDINALS:
        if not actor.minted or not words or words[-1] not in cues["group-head"] | _UNITS:
            return start, actor
        kind = actor.type
    else:
        state = _demonym(gazetteer, prev.text)
        if (state is None or state.type != "State" or len(words) < 2
                or doc[start:end].text.isupper() or (actor.country == state.country
                                                     and not actor.minted)):
            return start, actor
        kind = actor.type if actor.minted else _organisation_kind(words, cues)
    try:
        return start - 1, mint_actor(_mention_text(doc, start - 1, end), kind)
    except ValueError:
        return start, actor


_UNITS = frozenset({"division", "divisions", "fleet", "wing"})  # with an ordinal: a unit
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                       "eighth", "ninth", "tenth", "eleventh", "twelfth"})


def _name_end(ent: Span, start: int) -> int:
    """Where a name ends: before a bracket the recogniser swallowed ("Front (ANF")."""
    for i in range(start + 1, ent.end):
        if ent.doc[i].text in ("(", "[", ",", ";"):
            return i
    return ent.end


def _person_text(doc: Doc, m: Mention, inside: Mapping[int, Mention]) -> str:
    """A person's words with the titles before the name: "President Obama"."""
    start = m.start
    root = doc[m.start:m.end].root
    while start > 0:
        t = doc[start - 1]
        if (t.i in inside or not t.text[:1].isupper() or t.dep_ not in ("compound", "amod")
                or not (m.start <= t.head.i < m.end or t.head.i == root.i)
                or t.is_sent_start):
            break
        start -= 1
    return m.text if start == m.start else _mention_text(doc, start, m.end)


@functools.lru_cache(maxsize=4096)
def _demonym(gazetteer: Gazetteer, word: str) -> Actor | None:
    return gazetteer.demonym(word)


@functools.lru_cache(maxsize=8)
def _states(gazetteer: Gazetteer) -> dict[str, Actor]:
    return {a.country: a for a in gazetteer if a.type == "State" and a.country}


def _state_of(gazetteer: Gazetteer, country: str) -> Actor | None:
    """The state of an ISO 3166 alpha-3 code, or None."""
    return _states(gazetteer).get(country) if country else None


def _names_unit(head: Token, owner: Mention, inside: Mapping[int, Mention]) -> bool:
    """Whether another name before the noun names the unit ("X's *Y* brigade"): the owner then
    does not stand for the phrase."""
    return any(c.dep_ == "compound" and c.i in inside and inside[c.i].actor.id != owner.actor.id
               for c in head.children)


def _non_state(noun: Token, cues: Mapping[str, frozenset[str]]) -> bool:
    """Whether a noun phrase names a non-state force ("rebel commanders", "opposition forces")."""
    if noun.lower_ in cues["non-state"] or noun.lemma_.lower() in cues["non-state"]:
        return True
    return any(c.dep_ in ("amod", "compound") and (c.lower_ in cues["non-state"]
                                                    or c.lemma_.lower() in cues["non-state"])
               for c in noun.children)


def _acronym_like(span: Span) -> bool:
    text = span.text
    return (1 <= len(span) <= 3 and text[:1].isupper()
            and sum(c.isupper() for c in text) >= 2 and len(text) <= 20)


def _link_acronyms(doc: Doc, names: list[Mention], inside: dict[int, Mention]) -> list[Mention]:
    """Tie "Name (ACRONYM)" together and let later uses of the acronym name the same actor.

    A minted name followed by a known acronym takes the acronym's actor ("Jaysh Rijal ... (JRTN)");
    otherwise the bracketed acronym names the actor of the name before it, also later in the
    text ("the Union of Communist Combatants (UdCC) ... the UdCC").
    """
    aliases: dict[str, Actor] = {}
    made: set[int] = set()
    by_start = {m.start: m for m in names}
    out: dict[int, Mention] = {m.start: m for m in names}
    for m in names:
        if m.end + 2 >= len(doc) or doc[m.end].text != "(":
            continue
        close = next((i for i in range(m.end + 2, min(m.end + 5, len(doc)))
                      if doc[i].text == ")"), None)
        if close is None or not _acronym_like(doc[m.end + 1:close]):
            continue
        inner = by_start.get(m.end + 1)
        if inner is not None and inner.end != close:
            continue
        initials = {w[:1].upper() for w in m.text.replace("-", " ").split()}
        if doc[m.end + 1].text[:1].upper() not in initials:
            continue  # "Free Syria (FFS)" abbreviates a longer name than the one before it
        actor = m.actor
        if inner is not None and inner.actor.id != actor.id:
            if not m.actor.minted and not inner.actor.minted:
                continue  # two known actors: trust the gazetteer
            if m.actor.minted and not inner.actor.minted:
                actor = inner.actor
                out[m.start] = replace(m, actor=actor, kind=inner.kind)
        new = Mention(actor, m.end + 1, close, doc[m.end + 1:close].text,
                      "minted" if actor.minted else "name")
        out[new.start] = new
        made.add(new.start)
        aliases[new.text] = actor
    if aliases:
        for tok in doc:
            got = aliases.get(tok.text)
            if got is None or tok.i in made:
                continue
            prev = inside.get(tok.i)
            if prev is None or (prev.actor.minted and prev.start == prev.end - 1
                                and prev.actor.id != got.id):
                out[tok.i] = Mention(got, tok.i, tok.i + 1, tok.text,
                                     "minted" if got.minted else "name")
    final = sorted(out.values(), key=lambda m: m.start)
    for m in final:
        for i in range(m.start, m.end):
            inside[i] = m
    return final


_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY",
                        "LOC", "FAC", "EVENT", "LAW", "LANGUAGE", "WORK_OF_ART", "PRODUCT", "GPE",
                        "NORP"})


def _proper_noun_mention(tok: Token, gazetteer: Gazetteer, cues: Mapping[str, frozenset[str]],
                         inside: dict[int, Mention]) -> Mention | None:
    """A proper-noun phrase the entity recogniser missed ("Nucleus of Communists") -> minted.

    A party's name takes in the state it names ("the Social Democratic Party of Germany").

    Only phrases of two or more capitalised words qualify (a lone acronym is as often a
    weapon, "VBIED", as a group), and only when no token of them is in a non-name entity
    (dates, places, events).
    """
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start - 1].dep_ == "compound" \
            and start <= doc[start - 1].head.i <= tok.i and doc[start - 1].text[:1].isupper():
        start -= 1  # "Social Democratic Party": "Social" may hang on "Democratic"
    end = tok.i + 1
    state = None  # "the Communist Party of China": a party may carry its state's name
    of = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("of", "for")]
    if of and end == of[0].i:
        tail = [p for p in of[0].children if p.dep_ == "pobj" and p.pos_ == "PROPN"]
        if tail and tail[0].i in inside and tok.lower_ in cues["party-head"] \
                and inside[tail[0].i].actor.type == "State":
            state = inside[tail[0].i]
            end = state.end
        elif tail and tail[0].i not in inside and all(t.text[:1].isupper() or t.lower_ in (
                "an", "the", "a") for t in doc[of[0].i + 1: tail[0].i + 1]):
            end = tail[0].i + 1
    span = doc[start:end]
    words = [t for t in span if t.is_alpha]
    if len(words) < 2 or not all(w.text[:1].isupper() or w.lower_ in ("of", "for", "an", "the",
                                                                        "a") for w in words):
        return None
    if any(t.ent_type_ in _NOT_NAMES or (t.i in inside and inside[t.i] is not state)
           for t in span):
        return None
    if all(w.lower_ in cues["title"] for w in words):
        return None  # "Foreign Secretary"
    actor = gazetteer.lookup(span.text)
    if actor is None:
        try:
            actor = mint_actor(span.text, _organisation_kind([t.lower_ for t in span], cues))
        except ValueError:
            return None
    m = Mention(actor, start, end, span.text, "minted" if actor.minted else "name")
    for i in range(start, end):
        inside[i] = m
    return m


def _demonym_mention(tok: Token, gazetteer: Gazetteer, cues: Mapping[str, frozenset[str]],
                     heads: dict[int, list[Mention]], inside: dict[int, Mention]) -> None:
    state = _demonym(gazetteer, tok.text)
    if state is None and tok.ent_type_ not in _DESCRIBING:
        return  # neither a state's demonym nor an ethnic word: the common case, decided fast
    doc = tok.doc
    if state is None and tok.ent_type_ != "NORP":
        # a place or a people the recogniser called otherwise: only "Darfur rebels"
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None and ent.end == tok.i + 1 and _descriptor_modifier(ent, cues):
            _descriptor(doc, ent.start, ent.root.head, heads)
        return
    modifier = tok
    while modifier.dep_ == "conj" and modifier.head.i != modifier.i:  # "Iraqi and Kurdish forces"
        modifier = modifier.head
    noun = modifier.head
    if state is not None and ((tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-") or (
            tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in _PREFIXES)):
        # "Saudi-led", "Iranian-backed", "pro-Turkish": the hyphen and prefix frames read it
        # through ``inside``
        inside[tok.i] = Mention(state, tok.i, tok.i + 1, tok.text, "demonym")
        return
    if modifier.dep_ not in ("amod", "compound", "nmod") or noun.i <= tok.i or noun.i in inside:
        if (state is not None and state.type == "State" and tok.tag_ in ("NNPS", "NNS")
                and not any(c.dep_ in ("nummod", "amod", "det") for c in tok.children)):
            # "Iraqis rallied", but not "three ethnic Albanians" (people, not the state)
            heads[tok.i].append(Mention(state, tok.i, tok.i + 1, tok.text, "demonym"))  # "Iraqis"
        elif tok.tag_ in ("NNPS", "NNS") and (state is not None or tok.ent_type_ == "NORP"):
            first = min([tok.i, *(c.i for c in tok.lefts if c.dep_ == "amod")])
            _population(doc, first, tok.i, tok.text, heads)  # "three ethnic Albanians"
        return
    word = noun.lower_
    if noun.lemma_.lower() in cues["people-noun"] and tok.lower_ not in cues["non-ethnic"] | {
            "islamic", "jihadist", "islamist"}:
        _population(doc, tok.i, noun.i, f"{tok.text} {noun.lemma_.lower()}", heads)
        return
    if state is not None and word in _WHOLE and any(c.lower_ == "the" for c in noun.children):
        # "the Iraqi people", like "the people of Iraq", is the nation: the state
        heads[noun.i].append(Mention(state, tok.i, noun.i + 1, f"{tok.text} {noun.text}",
                                     "demonym"))
        return
    last = max(t.i for t in modifier.subtree)  # "Iraqi and Kurdish (intelligence) forces"
    middle = [c.text for c in noun.lefts if c.dep_ in ("amod", "compound") and c.i > last]
    text = normalize_name(" ".join([tok.text, *middle, noun.text]))
    non_state = _non_state(noun, cues)
    if state is not None and word in cues["force-noun"] and not non_state:
        # "Israeli helicopters and tanks": bare force nouns coordinated with the head share it
        shared = [c for c in noun.children if c.dep_ == "conj" and c.lower_ in cues["force-noun"]
                  and not any(d.dep_ in ("amod", "compound", "det", "poss") for d in c.children)]
        end = max([noun.i, *(c.i for c in shared)]) + 1
        if shared:
            text = normalize_name(f"{text} {doc[noun.i + 1:end].text}")
        m = Mention(state, tok.i, end, text, "demonym")
        for head in [noun, *shared]:
            heads[head.i].append(m)
    elif (tok.ent_type_ == "NORP" or state is not None) and (
            word in cues["armed-noun"] or (non_state and word in cues["force-noun"])) \
            and tok.lower_ not in cues["non-ethnic"]:
        # "Kurdish fighters", "Shia militias", "Sudanese rebel commanders": a descriptor group
        _descriptor(doc, tok.i, noun, heads)


_DESCRIBING = frozenset({"NORP", "GPE", "LOC", "ORG", "PERSON"})


def _descriptor(doc: Doc, start: int, noun: Token, heads: dict[int, list[Mention]]) -> None:
    """A group named by description, tokens ``start`` to ``noun``: minted as a
    ``DescriptorGroup`` labelled by its words, its id the slug of the words, so that it never
    merges with a named group."""
    try:
        actor = mint_actor(_mention_text(doc, start, noun.i + 1), "DescriptorGroup")
    except ValueError:
        return
    heads[noun.i].append(Mention(actor, start, noun.i + 1, actor.label, "minted"))


def _population(doc: Doc, start: int, head: int, label: str,
                heads: dict[int, list[Mention]]) -> None:
    """People named by origin ("Palestinian detainees", "ethnic Albanians"): a target, not an
    actor that acts -- frames accept them only as the object of a conflict relation."""
    try:
        actor = mint_actor(label, "Organization")
    except ValueError:
        return
    heads[head].append(Mention(actor, start, head + 1, _mention_text(doc, start, head + 1),
                               "population"))


def expand(tok: Token) -> list[Token]:
    """Return a token and the tokens coordinated with it ("X, Y and Z"), also through an
    apposition ("X, a rebel group, and Y"); a name in apposition with a conjunct of its own is
    a list member the parser misread ("X, the wider Y and Z").

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
                conj = [cc for cc in c.children if cc.dep_ == "conj"]
                todo.extend(conj)
                if conj and c.pos_ == "PROPN":  # "X, the wider Y and Z": a list, misparsed
                    todo.append(c)
    return sorted(out, key=lambda t: t.i)


def antecedent(pron: Token, index: MentionIndex) -> list[Mention]:
    """Return what a relative pronoun refers to: the name just before it, else its head noun.

    The pronoun may be the subject, the object or a preposition's object of its clause ("X,
    against which Y launched strikes": the name before the preposition).

    The name just before the pronoun wins over the parser's attachment, which often hangs a
    relative clause on the wrong noun of a list ("veterans from A and B, which has joined C");
    an object pronoun refers only to a name just before it ("talks hosted by X in Riyadh, which
    Y boycotts" are no claim about X).
    A clause on a noun that describes the subject of "be" refers to that subject ("X is a
    politician *who* served as ...").
    "Who" refers to people or to forces, not to a state named in the singular ("the north of
    the country, who ...": the people the clause is about are not the country).
    """
    doc = pron.doc
    # "X, with whom Y negotiated": the clause and the words before it are the preposition's
    prep = pron.head if pron.dep_ == "pobj" else None
    clause = prep.head if prep is not None else pron.head
    i = (prep.i if prep is not None and prep.i == pron.i - 1 else pron.i) - 1
    while i >= 0 and (doc[i].text in _SKIP_BACK or doc[i].is_space):
        i -= 1
    found: list[Mention] = []
    if i >= 0 and i in index.inside:
        found = [index.inside[i]]
    elif pron.dep_ in ("dobj", "pobj"):
        # an object pronoun right after a word that names no actor refers to that word ("talks
        # hosted in Riyadh, which Y boycotts"), whatever noun the parser hangs the clause on
        return []
    elif clause.dep_ == "relcl":
        noun = clause.head
        found = resolve(noun, index, follow_relative=False)
        while not found and noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
            noun = noun.head  # "X is a politician and lawyer who ..."
        if not found and noun.dep_ == "attr":  # "X is a politician who served as ...": X
            found = [m for c in noun.head.children if c.dep_ == "nsubj" for m in _at(c.i, index)]
    if pron.lower_ in ("who", "whom"):
        found = [m for m in found if m.actor.type != "State"
                 or doc[m.end - 1].tag_ in ("NNS", "NNPS")]
    return found


def _datelines(doc: Doc, *, reach: int = 16) -> frozenset[int]:
    """The tokens of the datelines that open a Doc's sentences: "KABUL, Afghanistan (Reuters) -",
    "ADDIS ABABA, Ethiopia, March 3 (AP) --" -- a place written in capitals, then only names,
    numbers and punctuation up to a dash set apart by spaces within ``reach`` tokens (the
    hyphen of "US-backed" or "ISIS-K" is none). The place where a story was filed takes no
    part in it."""
    found: set[int] = set()
    for sent in doc.sents:
        first = sent[0]
        if not (first.is_upper and first.is_alpha and len(first) > 1):
            continue
        for tok in sent[1:reach]:
            if tok.text in _DASHES and doc[tok.i - 1].whitespace_:  # " - ", not "US-backed"
                found.update(range(sent.start, tok.i + 1))
                break
            if not (tok.is_punct or tok.like_num or tok.is_title or tok.is_upper):
                break
    return frozenset(found)


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
    if follow_relative and tok.lower_ in _RELATIVE and (
            tok.dep_ in ("nsubj", "nsubjpass")
            or (tok.dep_ in ("dobj", "pobj") and tok.tag_ in ("WDT", "WP")
                and (tok.head if tok.dep_ == "dobj" else tok.head.head).dep_ == "relcl")):
        return antecedent(tok, index)
    for c in tok.children:
        if c.dep_ == "appos":
            got = _at(c.i, index)
            if got:
                return got
        elif c.dep_ == "prep" and tok.i in index.partitive and (
                c.lower_ == "of" or (c.lower_ == "for" and tok.i in index.sites)):
            # "a faction of X", "members of X": the part acts for the whole; "a camp for X"
            for p in c.children:
                if p.dep_ == "pobj":  # "the headquarters of X and Y": both
                    got = [m for x in expand(p) for m in _at(x.i, index)]
                    if got and tok.lemma_.lower() not in _WHOLE:
                        return got
                    if got:  # the words of the whole phrase: "the people of Iraq"
                        first = min([tok.i, *(x.i for x in tok.lefts
                                              if x.dep_ in ("amod", "compound"))])
                        return [replace(m, text=_mention_text(tok.doc, first, m.end))
                                if m.end > tok.i else m for m in got]
    if tok.dep_ == "appos":
        return _at(tok.head.i, index)
    of = tok.head
    if tok.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ in _ONE_OF:
        one = of.head  # "X, one of the US-backed factions": the factions include X
        if one.dep_ == "appos":
            return _at(one.head.i, index)
        if one.dep_ == "attr":
            return [m for c in one.head.children if c.dep_ == "nsubj" for m in _at(c.i, index)]
    return []


def _at(i: int, index: MentionIndex) -> list[Mention]:
    """The mentions a token heads, else the name it is part of, else []."""
    got = index.heads.get(i)
    if got:
        return list(got)
    return [index.inside[i]] if i in index.inside else []
