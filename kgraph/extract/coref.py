"""Rule-based resolution of pronouns and collective mentions ("the two groups", "it", "the group").

The rules, applied in text order over one Doc (an article):

* **Owners in a coordination** -- "its"/"their"/"his" on a conjunct refer to the first
  conjunct when that is an actor ("Syria and its allies", "the Kurds and their partners").
* **Pairs** -- "the two groups", "both groups", "the two", "both" and the plural pronouns
  "they"/"them"/"their" refer to two actors at once. "The two sides" / "both" take the two
  actors named before them in their own sentence when it names exactly two ("X pushed Y back,
  and the two sides signed a truce"); else a pair is taken from the most recent
  coordination of two actor mentions ("X and Y", "between X and Y") in the current sentence
  (before the anaphor) or the five sentences before it (captions and datelines count). The
  same collective phrase used again ("the two groups" ... "the two groups") keeps its first
  resolution: a story that introduces a pair of protagonists keeps calling them that. With no
  coordination, "the two groups" and "both" are the two actors named in the sentence and the
  one before ("X attacked Y ... the feud between the two groups"), if they name exactly two. A
  plural pronoun with no pair falls back to the most recent group of its own or the previous
  sentence, or to a state named by a plural noun ("Iraqi security forces", "the Iraqi
  people"), never a state's name. A group named by a plural noun ("the rebels", "Houthi
  fighters") in the pronoun's sentence wins over a pair of an earlier sentence, being nearer
  ("X and Y ... Z, which backs the rebels, denies arming them" arms the rebels); a pair in the
  pronoun's own sentence keeps it.
* **Singles** -- an anaphor refers only to an antecedent of a compatible type and number:
  "it"/"its" to a non-person actor that is not part of a coordination with a noun that is
  no actor ("X and other countries" are "they"), nor of one that is the subject of a clause
  of the pronoun's own sentence ("X and Y condemned the plan, saying Z paid for it"); an
  object "it" after a thing that is the subject or object of a clause in its own sentence
  ("the plan was approved, and Z gave money to it"; a singular noun with "the"/"this"/"that"
  that names no actor, agent noun or anaphor) takes antecedents from that sentence only; an
  "it" with no actor before it in its own sentence (but its clause's subject) that holds the
  role of such a thing in the main clause of the sentence before -- active subject for
  subject, object for object -- is that thing, and no actor ("X's economy collapsed. It was
  backed by Y", "X adopted a resolution. Y criticised it");
  "the group", "the network", "the militants", "these terrorists", "the organization"
  (``group-anaphor`` cues with "the"/"this"/"these") to an armed group, party or organisation
  -- an armed group only when the word or a modifier is an ``armed-modifier`` ("the
  militants", "this terrorist group"), never a state or a person; "the country", "the
  government" (``state-anaphor``) to a state, and so do "regime forces", "government troops"
  (a ``regime-noun`` modifying a ``force-noun``); "he"/"his"/"him" to a person. Candidates come
  from the current sentence before the anaphor and the two sentences before it: names, and for
  a pronoun also the anaphors already resolved ("the movement's leader lives abroad, while X
  leads it": the movement), while a noun phrase such as "the group" names an actor again and
  takes names only.
* **Salience** -- of the fitting candidates the most salient wins, searched as a reader does
  (after Hobbs's tree search): the current sentence first, then each earlier one, nearer before
  farther; inside a sentence the phrase nearer the root of its parse before the embedded one,
  and of two at one depth the one on the left. So the subject of a clause comes before its
  objects ("X attacked Y. It ..." is X), a main clause before the clauses it subordinates
  ("X's insurgency split after Y named a leader, sidelining Z, who has headed the group": X),
  and an object before a name nested in it ("Z heads the X network, a faction that is part of
  Y. The network's ...": X). The others are kept as ``alternatives`` (best first) so that a
  frame can skip a candidate that is the other argument itself or linked to it (see
  frames.py). Organisations that are not in the gazetteer (mostly the newspapers and agencies
  a story quotes) are never antecedents.
* **State forces** -- "the army", "the junta", "the security forces" (a ``state-force`` noun
  or phrase with "the") refer to the state in reach: the one state named in the current
  sentence before the anaphor and in the sentence before it; with no state there, the
  article's most-mentioned state if no other is mentioned as often; with two or more states
  in reach, nobody (no guess between them).
* Not anaphors: a noun with a possessor, a name, a prepositional modifier ("the government
  of Iraq", "the government in Kiev"), a ``contrast`` adjective ("the main group", "the other
  faction") or an apposition ("al-Mourabitoun, the group founded by X"); plural group words
  ("the rebel groups") without "two"/"both". Plural pronouns as direct objects ("expelled
  them") do not fall back to a single group; populations are never antecedents. "They" as
  the subject of what a plural speaker said refers to the speakers: to their actor ("Iraqi
  officials said they would ...") or, when they are no actor ("militants loyal to X said
  they ..."), to nobody.
* Anything else stays unresolved and yields no triple.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kgraph.extract.mentions import Mention, MentionIndex, resolve
from kgraph.know.agents import load_agents
from kgraph.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["resolve_anaphors"]

_SUBJECTS = ("nsubj", "nsubjpass")

_GROUP_TYPES = frozenset({"ArmedGroup", "Organization", "PoliticalParty",
                          "InternationalOrganization", "DescriptorGroup"})
_NON_PERSON = _GROUP_TYPES | {"State"}
_ARMED = frozenset({"ArmedGroup", "DescriptorGroup"})
_PAIR_WINDOW = 5  # sentences before the anaphor in which a pair is looked for
_SINGLE_WINDOW = 2


def _anaphor_kind(tok: Token, cues: Mapping[str, frozenset[str]]) -> str:
    """Return "pair", "plural", "thing", "group", "state", "party", "force", "person" or "" for a
    token."""
    low = tok.lower_
    if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
        if low in cues["plural-pronoun"]:
            return "plural"
        if low in cues["thing-pronoun"]:
            return "thing"
        if low in cues["person-pronoun"]:
            return "person"
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet")}
    if low in cues["pair-word"] and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return "pair"  # "the two agreed", "both pledged"
    if tok.pos_ not in ("NOUN", "PROPN"):
        return ""
    lemma = tok.lemma_.lower()
    if any(c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN")
           or (c.dep_ == "prep" and c.lower_ in ("of", "in", "from", "for", "at"))
           or (c.dep_ in ("amod", "compound") and c.lower_ in cues["contrast"])
           for c in tok.children):
        return ""  # "ISIS's group", "Hamas militants", "the government of Iraq", "the main group"
    if tok.dep_ == "appos" or any(c.dep_ == "appos" for c in tok.children):
        return ""  # "al-Mourabitoun, the group founded by X": the apposition names it
    if lemma in cues["group-anaphor"] or low in cues["group-anaphor"]:
        if dets & cues["pair-word"]:
            return "pair"
        # "the groups" is several actors, "the militants" usually the one group of the story
        plural_group = tok.tag_ == "NNS" and lemma in cues["group-head"]
        if dets & {"the", "this", "that", "these", "those"} and not plural_group:
            return "group"
    if lemma in cues["state-anaphor"] and dets & {"the", "this"} and tok.tag_ == "NN":
        return "state"
    if lemma in cues["party-anaphor"] and dets & {"the", "this"} and tok.tag_ == "NN":
        return "party"  # "the party's leader": a political party, never a party to a deal
    if lemma in cues["regime-noun"] and tok.dep_ == "compound" and not dets \
            and tok.head.lower_ in cues["force-noun"]:
        return "state"  # "regime forces", "government troops": the state's forces
    if "the" in dets and tok.dep_ != "compound":
        words = [c.lower_ for c in tok.lefts if c.dep_ in ("amod", "compound")]
        if " ".join([*words, low]) in cues["state-force"]:
            return "force"  # "the army", "the security forces", "the junta"
    return ""


def _pairs(doc: Doc, index: MentionIndex) -> list[tuple[int, Mention, Mention]]:
    """Coordinated actor pairs ("X and Y"), with the token index where each pair ends."""
    out: list[tuple[int, Mention, Mention]] = []
    for head_i, mentions in index.heads.items():
        tok = doc[head_i]
        conjs = [c for c in tok.children if c.dep_ == "conj"]
        if not conjs:
            continue
        second = resolve(conjs[0], index)
        if mentions and second and mentions[0].actor.id != second[0].actor.id:
            out.append((second[0].end, mentions[0], second[0]))
    return sorted(out, key=lambda p: p[0])


def resolve_anaphors(doc: Doc, index: MentionIndex, *, cues: Mapping[str, frozenset[str]]
                     ) -> MentionIndex:
    """Return the index with resolved anaphors added under their head tokens.

    Args:
        doc: the parsed article.
        index: the name mentions of :func:`kgraph.extract.mentions.find_mentions`.
        cues: the cue words of :func:`kgraph.know.relations.load_cues`.

    Returns:
        A new index; the given one is not changed.
    """
    sent_of = {}
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sent_of[i] = n
    names = index.ordered()
    pool = _Pool(names, [m.start for m in names], [], sent_of,
                 frozenset(i for m in names for i in range(m.start, m.end)))
    pairs = _pairs(doc, index)
    chains: dict[str, tuple[Mention, ...]] = {}
    heads = {k: tuple(v) for k, v in index.heads.items()}
    words = (cues["plural-pronoun"] | cues["thing-pronoun"] | cues["person-pronoun"]
             | cues["pair-word"] | cues["group-anaphor"] | cues["state-anaphor"]
             | cues["party-anaphor"] | cues["regime-noun"] | cues["state-force"])
    for tok in doc:
        if tok.i in heads or tok.i in index.inside:
            continue
        if tok.lower_ not in words and tok.lemma_.lower() not in words:
            continue  # cheap test first: most words are no anaphor
        kind = _anaphor_kind(tok, cues)
        if not kind:
            continue
        here = sent_of[tok.i]
        found: tuple[Mention, ...] = ()
        owner = heads.get(tok.head.head.i, ()) if tok.dep_ == "poss" and tok.head.dep_ == "conj" \
            and kind in ("thing", "person", "plural") else ()
        if owner:
            # "Syria and its allies", "the Kurds and their partners": the first conjunct
            heads[tok.i] = tuple(_as_anaphor(tok, m.actor, ()) for m in owner)
            continue
        if kind == "plural":
            speakers = _plural_speakers(tok, cues)
            if any(s.i not in index.heads and s.i not in index.inside for s in speakers):
                continue  # "militants loyal to X said they ...": they are the speakers, no actor
            said = [m for s in speakers for m in index.heads.get(s.i, ())]
            if speakers and all(s.i in index.heads for s in speakers):
                # "Iraqi officials said they would ...": the speakers themselves (people named
                # by origin are never antecedents)
                if all(m.kind != "population" for m in said):
                    heads[tok.i] = tuple(_as_anaphor(tok, m.actor, ()) for m in said)
                continue
        if kind in ("pair", "plural"):
            # "the two (jihadist) groups" -> "two group"
            key = " ".join([*sorted({c.lower_ for c in tok.children} & cues["pair-word"]),
                            tok.lemma_.lower()])
            if kind == "pair" and key in chains:
                found = chains[key]
            elif kind == "plural" and (nearer := _plural_phrase(tok, pool, pairs, here)):
                found = nearer  # "... backs the rebels, denies arming them"
            else:
                found = (kind == "pair" and _pair_in_sentence(tok, pool, here)) \
                    or _find_pair(tok, pairs, sent_of, here)
                if found and kind == "pair":
                    chains[key] = found
            if not found and kind == "pair":
                found = _recent_pair(tok, pool, here)
            if not found and kind == "plural" and tok.dep_ != "dobj":
                # "the Taliban ... they": a group is spoken of in the plural, a state only
                # by its forces or people ("Iraqi forces ... their")
                found = _find_single(tok, pool, here, _GROUP_TYPES, window=1,
                                     plural=True)
        elif kind == "thing":
            # "X condemned the deployment and said Y gave support to it": the deployment
            near = tok.dep_ in ("dobj", "pobj") and _thing_before(tok, pool.named, words)
            if near or not _parallel_thing(tok, pool.named, words):
                found = _find_single(tok, pool, here, _NON_PERSON, singular=True,
                                     window=0 if near else _SINGLE_WINDOW)
        elif kind == "group":
            armed = {tok.lemma_.lower(), *(c.lemma_.lower() for c in tok.children
                                           if c.dep_ in ("amod", "compound"))}
            # "the militants", "this terrorist organisation": an armed group, not the UN
            types = _ARMED if armed & cues["armed-modifier"] else _GROUP_TYPES
            found = _find_single(tok, pool, here, types)
        elif kind == "party":
            found = _find_single(tok, pool, here, frozenset({"PoliticalParty"}))
        elif kind == "state":
            found = _find_single(tok, pool, here, frozenset({"State"}))
            if found and tok.dep_ == "compound":  # "regime forces": the phrase stands for it
                heads[tok.head.i] = found
        elif kind == "force":
            found = _one_state(tok, pool, here)
        elif kind == "person":
            found = _find_single(tok, pool, here, frozenset({"Person"}))
        if found:
            heads[tok.i] = found
            pool.anaphors.extend(found)  # "the group ... its leader": a chain of mentions
    return replace(index, heads=heads)


def _plural_speakers(tok: Token, cues: Mapping[str, frozenset[str]]) -> list[Token]:
    """The plural subject of the verb of saying whose clause "they" is the subject of."""
    clause = tok.head
    if tok.dep_ != "nsubj" or clause.dep_ != "ccomp" \
            or clause.head.lemma_.lower() not in cues["source-verb"]:
        return []
    return [c for c in clause.head.children
            if c.dep_ == "nsubj" and c.tag_ in ("NNS", "NNPS")]


def _find_pair(tok: Token, pairs: list[tuple[int, Mention, Mention]], sent_of: dict[int, int],
               here: int) -> tuple[Mention, ...]:
    for end, a, b in reversed(pairs):
        if end <= tok.i and here - sent_of[a.start] <= _PAIR_WINDOW:
            return (_as_anaphor(tok, a.actor, ()), _as_anaphor(tok, b.actor, ()))
    return ()


def _pair_in_sentence(tok: Token, pool: _Pool, here: int) -> tuple[Mention, ...]:
    """"X pushed Y back, and the two sides signed a truce": exactly two actors named before the
    anaphor in its own sentence, nearer than a coordination of an earlier sentence."""
    named: dict[str, Mention] = {}
    for m in reversed(pool.before(tok, here, 0)):  # text order
        if m.actor.type in _NON_PERSON and m.kind != "population":
            named.setdefault(m.actor.id, m)
    if len(named) != 2:
        return ()
    return tuple(_as_anaphor(tok, m.actor, ()) for m in named.values())


def _recent_pair(tok: Token, pool: _Pool, here: int) -> tuple[Mention, ...]:
    """"X attacked Y ... the two groups": exactly two actors named in this sentence and the one
    before, when no coordination names the pair."""
    found = _find_single(tok, pool, here, _NON_PERSON, window=1)
    if not found or len(found[0].alternatives) != 1:
        return ()
    return (_as_anaphor(tok, found[0].actor, ()), _as_anaphor(tok, found[0].alternatives[0], ()))


@dataclass(frozen=True, slots=True)
class _Pool:
    """The candidate antecedents of one article: the names in text order (and their first
    tokens, for bisection), the anaphors resolved so far (in text order too), the sentence of
    each token and the tokens inside names."""

    names: list[Mention]
    starts: list[int]
    anaphors: list[Mention]
    sent_of: dict[int, int]
    named: frozenset[int]

    def before(self, tok: Token, here: int, window: int, *, chained: bool = False
               ) -> list[Mention]:
        """Mentions ending before ``tok`` in its sentence or the ``window`` sentences before:
        names, and with ``chained`` the anaphors resolved so far."""
        out: list[Mention] = []
        for ms in (self.names[:bisect_left(self.starts, tok.i)],
                   self.anaphors if chained else []):
            for m in reversed(ms):
                if here - self.sent_of[m.start] > window:
                    break
                if m.end <= tok.i:
                    out.append(m)
        return out


def _salience(m: Mention, tok: Token, sent_of: dict[int, int]) -> tuple[int, int, int]:
    """Sort key of a candidate mention, most salient first: the nearer sentence, then the
    phrase nearer the root of the parse, then the leftmost."""
    head = tok.doc[m.start:m.end].root
    depth = 0
    while head.head.i != head.i and depth < 64:
        head, depth = head.head, depth + 1
    return -sent_of[m.start], depth, m.start


def _find_single(tok: Token, pool: _Pool, here: int, types: frozenset[str], *,
                 window: int = _SINGLE_WINDOW, singular: bool = False, plural: bool = False
                 ) -> tuple[Mention, ...]:
    """The most salient fitting antecedent, with the next ones as alternatives; ``plural``
    also admits a state or group named by a plural noun ("Iraqi security forces"). A pronoun
    continues a chain of anaphors ("the movement's leader ... leads it"); a noun phrase such as
    "the group" names an actor again, so only names are its candidates."""
    doc = tok.doc
    fitting: list[Mention] = []
    for m in pool.before(tok, here, window, chained=tok.pos_ == "PRON"):
        if singular and (_plural(doc[m.start:m.end]) if m.kind == "anaphor"
                         else _in_plural_group(doc[m.start:m.end].root, pool.named,
                                              same_sentence=pool.sent_of[m.start] == here)):
            continue  # "France and 14 other countries" are "they", not "it"
        if (m.actor.minted and m.actor.type == "Organization") or m.kind == "population":
            continue  # newspapers and agencies quoted as sources, not protagonists
        if m.actor.type in types or (plural and m.actor.type in _NON_PERSON
                                     and doc[m.end - 1].tag_ in ("NNS", "NNPS")):
            fitting.append(m)
    fitting.sort(key=lambda m: _salience(m, tok, pool.sent_of))
    candidates: list[Mention] = []
    for m in fitting:
        if all(c.actor.id != m.actor.id for c in candidates):
            candidates.append(m)
    if not candidates:
        return ()
    best, rest = candidates[0], tuple(c.actor for c in candidates[1:4])
    return (_as_anaphor(tok, best.actor, rest),)


def _one_state(tok: Token, pool: _Pool, here: int) -> tuple[Mention, ...]:
    """The state whose forces "the army" are: the one state named in this sentence (before the
    anaphor) and the one before; with none there, the article's most-mentioned state when no
    other state is named as often; with two or more in reach, none."""
    near = {m.actor.id: m.actor for m in pool.before(tok, here, 1)
            if m.actor.type == "State" and m.kind != "population"}
    if len(near) == 1:
        return (_as_anaphor(tok, next(iter(near.values())), ()),)
    if near:
        return ()
    counts = Counter(m.actor.id for m in pool.names if m.actor.type == "State")
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
        return ()
    top = next(m.actor for m in pool.names if m.actor.id == ranked[0][0])
    return (_as_anaphor(tok, top, ()),)


def _plural_phrase(tok: Token, pool: _Pool, pairs: list[tuple[int, Mention, Mention]],
                   here: int) -> tuple[Mention, ...]:
    """The nearest group named by a plural noun ("the rebels") in the pronoun's sentence when
    no coordinated pair is in it: nearer than a pair of an earlier sentence, so the plural
    pronoun's antecedent."""
    doc = tok.doc
    if any(end <= tok.i and pool.sent_of[a.start] == here for end, a, _ in pairs):
        return ()  # "X and Y ... them" in one sentence: the pair
    for m in sorted(pool.before(tok, here, 0, chained=True), key=lambda m: -m.start):
        if m.actor.type in _GROUP_TYPES and m.kind != "population" \
                and _plural(doc[m.start:m.end]):
            return (_as_anaphor(tok, m.actor, ()),)
    return ()


def _plural(span: Span) -> bool:
    """Whether a phrase is plural: a plural noun ("the rebels") or pronoun ("them"), or a name
    in the plural form the tagger reads as singular ("the Houthis", "the Kurds")."""
    root = span.root
    if root.tag_ in ("NNS", "NNPS") or root.lower_ in ("they", "them", "their"):
        return True
    word = root.text
    return (span.start > 0 and span.doc[span.start - 1].lower_ == "the"
            and root.pos_ == "PROPN" and word[:1].isupper() and word.endswith("s")
            and not word.endswith("ss"))


def _thing_before(tok: Token, named: frozenset[int], anaphors: frozenset[str]) -> bool:
    """Whether a singular noun that names no actor, agent or anaphor ("the plan", "this
    deployment") stands as a subject or object before ``tok`` in its sentence: an object "it"
    refers to that thing before any actor of an earlier sentence (as Hobbs's search reads it)."""
    for t in tok.sent:
        if t.i >= tok.i:
            return False
        if (t.dep_ in (*_SUBJECTS, "dobj") and _is_thing(t, named, anaphors)
                and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                        for c in t.children)):
            return True
    return False


def _is_thing(t: Token, named: frozenset[int], anaphors: frozenset[str]) -> bool:
    """Whether a token is a common singular noun that names no actor, agent noun or anaphor
    ("plan", "economy"; not "army", "group" or a name)."""
    return (t.tag_ == "NN" and t.i not in named and t.lower_ not in load_agents()
            and t.lemma_.lower() not in anaphors)


def _parallel_thing(tok: Token, named: frozenset[int], anaphors: frozenset[str]) -> bool:
    """Whether an "it" with no actor before it in its own sentence (but its clause's subject)
    continues a thing -- a common singular noun that names no actor, agent or anaphor -- in its
    own role in the main clause of the sentence before: subject for subject ("X's economy
    collapsed. It was backed by Y": the economy), object for object ("X adopted a resolution.
    Y criticised it": the resolution). A passive subject is no such thing: its agent acts."""
    if tok.dep_ in _SUBJECTS:
        roles = ("nsubj",)  # not "the attack was claimed by X. It said ...": X
    elif tok.dep_ in ("dobj", "pobj"):
        roles = ("dobj",)
    else:
        return False
    sent = tok.sent
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    own = {t.i for c in verb.children if c.dep_ in _SUBJECTS for t in c.subtree}
    if sent.start == 0 or any(t.i in named and t.i not in own for t in sent if t.i < tok.i):
        return False
    root = tok.doc[sent.start - 1].sent.root
    return any(c.dep_ in roles and _is_thing(c, named, anaphors) for c in root.children)


def _in_plural_group(head: Token, named: frozenset[int], *, same_sentence: bool) -> bool:
    """Whether a name is coordinated with a noun that is no actor ("X and other countries"),
    or, as the subject of a clause in the pronoun's own sentence, with any noun ("X and Y
    criticised the plan, saying Z paid for it": X and Y acting together are "they" there;
    "the split between X and Y, when W criticised its ..." and an "X and Y" of an earlier
    sentence may still be followed by "it" or "its" for one of them)."""
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    members = [t for t in first.subtree if t.i == first.i or t.dep_ == "conj"]
    if len(members) < 2:
        return False
    return ((same_sentence and first.dep_ in ("nsubj", "nsubjpass"))
            or any(t.i not in named and t.pos_ == "NOUN" for t in members))


def _as_anaphor(tok: Token, actor: Actor, alternatives: tuple[Actor, ...]) -> Mention:
    span = tok.doc[tok.left_edge.i: tok.i + 1] if tok.pos_ != "PRON" else tok.doc[tok.i: tok.i + 1]
    return Mention(actor, span.start, span.end, span.text, "anaphor", alternatives)
