"""Relation frames: pure functions from a parsed sentence and its mentions to relation matches.

Every frame is driven by rows of ``data/relations/lexicon.csv`` (see its README); the code here
only knows *how* each frame kind reads the dependency tree:

``verb``      X <verb> Y (``dobj``) or X <verb> <prep> Y; passive "Y was attacked by X"; the
              subject is found up ``xcomp``/``conj``/``advcl``/"in order to" chains ("X and Y
              agreed to fight Z"); coordination distributes over subjects and objects;
              "X and Y fought (each other)" relates the coordinated subjects (``reciprocal``);
              "X was incorporated into Y" (a passive with a preposition); "X merged with Y to
              form Z" (the "with" partner of an ``xcomp:`` object is a subject too); an
              adjunct between commas may stand between the verb and its object ("X struck,
              early on Monday, Y");
              a fronted passive participle is about the clause's subject ("Attacked by X, Y");
              a headline lists subjects with a bare comma ("X, Y agree truce"); with
              ``object_owner`` a group named before the object owns it ("condemned the X
              attack"), a state does not ("the Paris attack").
``noun``      event nouns: "X's alliance with Y", "the alliance between X and Y", "US air
              strikes on Y", "X and Y struck up an alliance" (``light-verb`` cues lend the
              noun their subject, also through a measure, "a series of attacks", and their
              prepositions, "opened fire on Y"), "their split", "the killing of Y by X",
              "X's mediation between Y and Z", "an alliance of X and Y", "X swore an oath of
              allegiance to Y" (the object on the measure noun), "fighting between
              X and Y" (a bare gerund); "in the fight against Z" is about whom it hangs
              on ("support for Y in the fight against Z"); with ``object_owner`` the owner of
              what the event falls on is its object ("sanctions on Y's central bank"). A
              noun modifying another that gives a reading gives none itself ("war games");
              "a joint X-Yish raid" is X's as well as Y's.
``role``      role nouns: "X's affiliate in Syria, Y", "Y, an affiliate of X", "X leader Y",
              "Y is a member of X", "Y, a splinter group of X", "Y, commander, X Command";
              office titles: "President Y of X", "Prime Minister of X Y", "Y was elected
              prime minister of X" (not "vice president"); member lists: "X's member states
              include A and B", "member states of X such as A and B"; "X's ally Y hosted ..."
              (the parser makes Y a second subject), "X's proxy Y" (the parser takes a standing
              tie's role noun for an adjective of Y); the role holder is the subject.
``affiliation`` "Y of the X Party", "Y (X Party)": a name and the organisation said to be its
              own.
``hyphen``    "X-backed Y", "X-led Y" (spaCy splits them into X - backed); a word with no
              hyphen row reads its verb rows that take a direct object or hold both ways
              ("X-financed Y", "X-aligned Y").
``prefix``    "the pro-Turkish Y": the actor after the hyphen and the phrase the prefix modifies.
``agent-pp``  "Y suffered setbacks at the hands of X", "Y fought with the support of X": the
              prepositional object is the agent, the clause subject the patient.
``modifier``  "X and Y launched a joint offensive": the adjective reads its noun as an event
              noun of the row's relation.
``companion`` "X, together with Y, attacked Z", "Alongside Y, X ...": the preposition's object
              acts with the phrase it hangs on or, fronted, with the clause's subject.

Rows filter their arguments by actor type (``subject_types``, ``object_types``); an
``exclusive`` row that fires stops the later rows of the same word; people named by origin
(``population`` mentions) are only ever the object of an ``armed`` relation of
``relations.csv`` (``attacks``/``fights``). Conditional
threats take their target from "if"/"unless" clauses (``if:<conjunction>`` preps), and an
object-control verb makes its object the actor of the clause below it ("prevented Y from
attacking Z"); one who helps a fight fights too ("X assisted Y to defeat Z", "X supported Y in
its efforts to defeat Z"); a transfer row with an object word takes the indirect object as
the recipient ("X sent Y weapons"). :func:`why_not` explains why a row gave nothing, for
``kgraph explain``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from typing import TYPE_CHECKING

from kgraph.extract.mentions import Mention, MentionIndex, expand, resolve
from kgraph.know.relations import LexiconEntry, load_relations

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["LexiconIndex", "Match", "clause_subjects", "index_lexicon", "lexicon_pos",
           "sentence_matches", "why_not"]

LexiconIndex = Mapping[tuple[str, str], tuple[LexiconEntry, ...]]

_CLIMB = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep", "pobj", "acl", "dobj",
                    "npadvmod", "attr", "oprd", "acomp"})
_COPULAS = frozenset({"be", "become", "remain"})
_RECIPROCAL = frozenset({"other", "another"})
# prepositions that give a verb a second party: "fought against Y" is not "X and Y fought"
_PARTNER_PREPS = frozenset({"with", "against", "alongside", "on", "at", "for", "beside", "from",
                            "into", "to"})
# verbs that list the holders of a plural role noun: "X's member states include A, B and C"
_LISTING = frozenset({"include", "comprise", "be"})
_TITLE_DEPS = frozenset({"amod", "compound", "nmod"})
_NOMINAL = frozenset({"pobj", "dobj", "nsubj", "nsubjpass"})
_CONTROL_PREPS = frozenset({"from", "of", "for", "into"})
# verbs whose object does what their open complement says ("X helped Y to defeat Z"); not
# "use", "send": "X used Y to attack Z", "X sent troops to fight Z" -- X acts
_OBJECT_CONTROL = frozenset({"help", "assist", "enable", "allow", "urge", "encourage", "ask",
                             "order", "force", "persuade", "push", "press", "call", "train",
                             "equip", "empower", "permit", "instruct", "direct", "convince"})
# verbs whose subject takes part in the fight of their object ("X assisted Y to defeat Z",
# "X supported Y in its efforts to defeat Z")
_JOINT_CONTROL = frozenset({"help", "assist", "support"})


@dataclass(frozen=True, slots=True)
class Match:
    """One relation read from a sentence, before modality and time are attached."""

    subject: Mention
    relation: str
    object: Mention
    entry: LexiconEntry
    trigger: int  # token index of the word that fired the frame
    rule: str


@dataclass(frozen=True, slots=True)
class _Ctx:
    index: MentionIndex
    cues: Mapping[str, frozenset[str]]


def index_lexicon(rows: Sequence[LexiconEntry]) -> dict[tuple[str, str], tuple[LexiconEntry, ...]]:
    """Group lexicon rows by ``(lemma, pos)`` for constant-time lookup per token.

    Examples:
        >>> from kgraph.know.relations import load_lexicon
        >>> idx = index_lexicon(load_lexicon())
        >>> {e.relation for e in idx["fight", "verb"]} >= {"fights", "allied-with"}
        True
    """
    out: dict[tuple[str, str], list[LexiconEntry]] = {}
    for row in rows:
        out.setdefault((row.lemma, row.pos), []).append(row)
    for key, group in list(out.items()):
        if not any(e.frame == "hyphen" for e in group):
            out[key] = group + [replace(e, frame="hyphen") for e in group if _reads_hyphen(e)]
    return {k: tuple(v) for k, v in out.items()}


def _reads_hyphen(e: LexiconEntry) -> bool:
    """A verb row also reads its participle after a hyphen when the participle's noun is the
    row's object ("Qatar-*financed* Y": Y financed by Qatar) or the relation holds both ways
    ("Iran-*aligned* Y", aligned with Iran); a word with its own hyphen rows keeps to them."""
    return (e.frame == "verb" and e.voice != "active" and not e.marker and not e.object_word
            and (not e.preps or (e.reciprocal and not e.explicit)))


def lexicon_pos(tok: Token) -> str:
    """The lexicon part of speech of a word: ``verb``, ``noun``, ``adj``, ``adp`` or ``""``.

    A word tagged as a finite verb where only a noun can stand ("precision US *airstrikes*
    against Y" as the object of a preposition) is read as the noun it is -- unless it has a
    subject of its own: then the parser hung a clause in the wrong place ("X split from Y in
    protest over ceasefires Y had declared", with "split" as the subject of "declared"). So is
    a gerund with neither subject nor object ("*Fighting* between X and Y resumed").
    """
    if tok.pos_ in ("VERB", "AUX"):
        if tok.dep_ in _NOMINAL and not any(c.dep_ == "nsubj" for c in tok.children) and (
                tok.tag_ in ("VBZ", "VBP", "VBD")
                or (tok.tag_ == "VBG" and not any(c.dep_ == "dobj" for c in tok.children))):
            return "noun"
        return "verb"
    if tok.pos_ in ("NOUN", "PROPN"):
        return "noun"
    if tok.pos_ == "ADJ":
        return "adj"
    if tok.pos_ == "ADP":
        return "adp"
    if tok.pos_ == "PUNCT":
        return "punct"
    return ""


def _mentions(tokens: Sequence[Token], ctx: _Ctx) -> list[Mention]:
    out: list[Mention] = []
    for t in tokens:
        for x in expand(t):
            out.extend(m for m in resolve(x, ctx.index) if m not in out)  # one per phrase
    return out


def clause_subjects(tok: Token, index: MentionIndex, *, limit: int = 8) -> list[Mention]:
    """Return the actors that are the subject of the clause a word belongs to.

    Climbs from the word through open complements, coordination, adverbial clauses and
    "in order to" purpose clauses until a word with a subject is found.
    """
    t = tok
    via = ""  # the preposition last climbed through
    came = ""  # the relation last climbed through
    for _ in range(limit):
        if came == "xcomp" and t.lemma_.lower() in _OBJECT_CONTROL:
            # object control: "X helped Y to defeat Z", "X urged Y to attack Z": Y acts
            controlled = _mentions_of([c for c in t.children if c.dep_ == "dobj"], index)
            if controlled:
                return controlled
        if via in _CONTROL_PREPS and t.pos_ in ("VERB", "AUX"):
            # "X prevented Y from attacking Z", "X accused Y of negotiating with Z": Y acts
            controllers = [c for c in t.children if c.dep_ == "dobj"]
            if controllers:
                return _mentions_of(controllers, index)
        subj = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        # "X being a Sunni group developed a rivalry with Y": the participle's own subject
        subj = [next((d for d in c.children if d.dep_ == "nsubj"), c)
                if c.dep_ == "csubj" and c.tag_ == "VBG" else c for c in subj]
        if t.i != tok.i:
            subj += [c for c in t.children if c.dep_ == "nsubjpass"]
        if len(subj) > 1:
            # two subjects are a misparse: a list ("A, B, and C agreed") keeps them all, a
            # fronted phrase ("Near X, two strikes hit Y") is no subject
            last = max(subj, key=lambda c: c.i)
            first = last.left_edge.i
            if first == 0 or t.doc[first - 1].lower_ not in ("and", "or"):
                subj = [last]
        if subj:
            out: list[Mention] = []
            for s in subj:
                for x in expand(s):
                    out.extend(m for m in resolve(x, index) if m not in out)
            return _headline_list(t, subj, index) + out
        if t.dep_ == "relcl":
            got = resolve(t.head, index)
            if got or not any(c.lower_ == "to" and c.dep_ == "aux" for c in t.children):
                return got
            t = t.head  # "X's strategy to defeat Y": the owner of the plan acts
            continue
        if t.i != tok.i and t.pos_ == "NOUN":
            # "the UK's commitment to defeating X", "Coalition efforts to support Y"
            owners = [m for c in _owner_words(t) for m in resolve(c, index)]
            if owners:
                return owners
        if t.dep_ == "acl" and t.tag_ in ("VBG", "VBN"):
            # a participle's subject is the noun it modifies ("the group, fighting alongside
            # X"); when that noun is no actor ("fighters firing on X"), nobody higher up is,
            # unless the noun describes the clause subject ("X was a group formed by ...")
            got = resolve(t.head, index)
            if got or t.head.dep_ not in ("attr", "appos", "oprd"):
                return got
        if t.dep_ not in _CLIMB or t.head.i == t.i:
            return []
        if t.dep_ == "pcomp":
            via = t.head.lower_
        elif t.dep_ != "prep":
            via = ""
        came = t.dep_
        t = t.head
    return []


def _headline_list(verb: Token, subj: Sequence[Token], index: MentionIndex) -> list[Mention]:
    """The first of two subjects a headline lists with a bare comma ("X, Y agree truce"), which
    the parser hangs anywhere; only before a plural present verb, as headlines write them."""
    doc = verb.doc
    first = min(index.inside[s.i].start if s.i in index.inside else s.left_edge.i for s in subj)
    name = index.inside.get(first - 2) if first >= 2 and doc[first - 1].text == "," else None
    if verb.tag_ != "VBP" or name is None or name.start != verb.sent.start \
            or name.kind == "anaphor":
        return []
    return [name]


def _helpers(tok: Token, index: MentionIndex) -> list[Mention]:
    """Who helps the actor of a fight: the subject of "X helped/assisted Y to defeat Z", "X
    supported Y in its efforts to defeat Z"."""
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:  # "to degrade and destroy Z"
        t = t.head
    if t.dep_ in ("acl", "xcomp") and t.head.pos_ == "NOUN" and t.head.dep_ == "pobj" \
            and t.head.head.lower_ == "in":
        t = t.head.head  # "in its efforts to defeat Z": the verb the efforts hang on
        if t.head.lemma_.lower() in _JOINT_CONTROL and t.head.pos_ == "VERB":
            return clause_subjects(t.head, index)
        return []
    if t.dep_ == "xcomp" and t.head.lemma_.lower() in _JOINT_CONTROL:
        return clause_subjects(t.head, index)
    return []


def _mentions_of(tokens: Sequence[Token], index: MentionIndex) -> list[Mention]:
    return [m for t in tokens for x in expand(t) for m in resolve(x, index)]


def _pairwise(ms: Sequence[Mention]) -> Iterator[tuple[Mention, Mention]]:
    distinct = list({m.actor.id: m for m in ms}.values())
    yield from combinations(distinct, 2)


def _is_passive(tok: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in tok.children):
        return True
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod")


def _participle_noun(tok: Token, index: MentionIndex) -> list[Mention]:
    """What a participle describes: the name just before "<name>, <participle>" ("the Front,
    led by X, and the Council": the parser often hangs the participle higher up), else the
    noun the participle modifies."""
    before = tok.doc[tok.i - 2] if tok.i >= 2 and tok.doc[tok.i - 1].text == "," else None
    if before is not None and before.i in index.inside:
        return [index.inside[before.i]]
    return resolve(tok.head, index)


def _direct_objects(tok: Token) -> list[Token]:
    """A verb's direct objects; with none, a noun set off after it by an adjunct between commas,
    which the parser leaves unattached ("X struck, early on Monday, Y's positions")."""
    dobjs = [c for c in tok.children if c.dep_ == "dobj"]
    if dobjs:
        return dobjs
    return [c for c in tok.rights if c.dep_ in ("dep", "npadvmod") and c.pos_ in ("NOUN", "PROPN")
            and c.ent_type_ not in ("DATE", "TIME") and c.left_edge.i > tok.i + 1
            and "," in (c.left_edge.text, c.doc[c.left_edge.i - 1].text)]


def _prep_objects(tok: Token, preps: Sequence[str], ctx: _Ctx) -> tuple[list[Mention], bool]:
    """Mentions introduced by the given prepositions; also whether "each other" was among them."""
    objs: list[Token] = []
    # "broke away from Y": the parser may hang the preposition on the particle
    kids = [*tok.children, *(k for c in tok.children if c.dep_ in ("prt", "advmod")
                             for k in c.children)]
    # "threatened action against Y", "sent arms to Y": the preposition may hang on the object
    # ... or on a coordinated object ("used aircraft and artillery against Y")
    things = _direct_objects(tok)
    for c in things:  # grows while it is read: conjuncts of conjuncts
        things.extend(k for k in c.children if k.dep_ == "conj")
    kids += [k for c in things if c.i not in ctx.index.inside
             and c.i not in ctx.index.heads for k in c.children if k.dep_ == "prep"]
    for c in kids:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            objs.extend(p for p in c.children if p.dep_ in ("pobj", "pcomp"))
        elif c.dep_ in ("advcl", "xcomp") and any(f"if:{m.lower_}" in preps for m in c.children
                                                  if m.dep_ == "mark"):
            # "threatened to strike unless Y withdrew": Y is the one threatened
            objs.extend(d for d in c.children if d.dep_ in ("nsubj", "nsubjpass"))
        elif c.dep_ in ("xcomp", "advcl") and f"xcomp:{c.lemma_.lower()}" in preps:
            objs.extend(p for p in c.children if p.dep_ == "dobj")  # "merged to form Y"
        elif c.dep_ == "xcomp" and "xcomp:*" in preps:  # "threatened to cut ties with Y"
            for w in [c, *(d for d in c.children if d.dep_ == "dobj")]:
                objs.extend(d for d in w.children if d.dep_ == "dobj" and d.i != w.i)
                # "threatened to resume attacks in Y": where the action on an object would fall
                objs.extend(p for pr in w.children if pr.dep_ == "prep"
                            and (pr.lower_ in _PARTNER_PREPS or (w.i != c.i and pr.lower_ == "in"))
                            for p in pr.children if p.dep_ == "pobj")
                objs.extend(d for a in w.children if a.dep_ == "advcl" and any(
                    f"if:{m.lower_}" in preps for m in a.children if m.dep_ == "mark")
                    for d in a.children if d.dep_ in ("nsubj", "nsubjpass"))
    reciprocal = any(o.lower_ in _RECIPROCAL for o in objs)
    return _mentions(objs, ctx), reciprocal


def _verb(tok: Token, e: LexiconEntry, ctx: _Ctx) -> Iterator[tuple[Mention, Mention, str]]:
    children = list(tok.children)
    if e.marker and not any(c.lower_ == e.marker and c.dep_ in ("prt", "advmod", "prep")
                            and not _dated(c) for c in children):
        return
    dobjs = [*_direct_objects(tok), *(c for c in children if c.dep_ == "dative")]
    if e.object_word:
        if not any(c.lemma_.lower() == e.object_word for c in dobjs):
            return
        dobjs = []
    passive = _is_passive(tok)
    if (e.voice == "active" and passive) or (e.voice == "passive" and not passive):
        return
    reciprocal = False
    if passive and not e.preps:
        agents = [p for c in children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        subjects = _mentions(agents, ctx)
        patients = [c for c in children if c.dep_ == "nsubjpass"]
        objects = _mentions(patients, ctx)
        if not patients and tok.dep_ in ("acl", "amod"):  # "Y, backed by X"
            objects = _participle_noun(tok, ctx.index)
        elif not patients and tok.dep_ == "advcl":  # "Attacked by X, Y withdrew"
            objects = _mentions([c for c in tok.head.children if c.dep_ == "nsubj"], ctx)
    else:
        subjects = clause_subjects(tok, ctx.index)
        if not subjects and passive:  # "X was incorporated into Y", "X and Y have been allied"
            subjects = _mentions([c for c in children if c.dep_ == "nsubjpass"], ctx)
        if not subjects and passive and tok.dep_ in ("acl", "amod"):  # "Y, allied with X"
            subjects = _participle_noun(tok, ctx.index)
            if not subjects and tok.head.pos_ == "NOUN":
                # "X conducted strikes coordinated with Y": the event's agent
                subjects = _light_subjects(tok.head, ctx)
        if e.preps:
            objects, reciprocal = _prep_objects(tok, e.preps, ctx)
            if not objects and e.object_word:
                # "X sent Y weapons": the indirect object, which the parser may also make a
                # compound of the thing sent
                things = [c for c in children if c.dep_ == "dobj"
                          and c.lemma_.lower() == e.object_word]
                objects = _mentions([c for c in children if c.dep_ == "dative" and c.pos_ != "ADP"]
                                    + [k for c in things for k in c.children
                                       if k.dep_ == "compound" and k.i in ctx.index.inside], ctx)
        else:
            objects = _mentions(dobjs, ctx)
            reciprocal = any(d.lower_ in _RECIPROCAL or any(  # "attacked one another's men"
                p.dep_ == "poss" and p.lower_ in _RECIPROCAL for p in d.children) for d in dobjs)
            if not objects and e.object_owner:  # "criticized its brutality"
                owners = [p for d in dobjs for p in d.children if p.dep_ == "poss"]
                objects = _mentions(owners, ctx) or _named_owners(dobjs, ctx)
        if objects and e.direction == "forward" and any(
                c.dep_ in ("xcomp", "advcl") and f"xcomp:{c.lemma_.lower()}" in e.preps
                for c in children):
            # "X merged with Y to form Z": the partner forms Z too
            subjects += [m for m in _mentions(_pobjs(tok, ("with",)), ctx) if m not in subjects]
        if not objects and e.object_owner and e.preps:  # "took part in Y's offensive"
            owners = [o for p in _pobjs(tok, e.preps) for o in p.children if o.dep_ == "poss"]
            objects = _mentions(owners, ctx)
    if _armed_conflict(e.relation) and not passive:
        subjects += [m for m in _helpers(tok, ctx.index) if m not in subjects]
    together = any(c.lower_ == "together" for c in children)
    alone = not dobjs and not any(c.dep_ == "prep" and c.lower_ in _PARTNER_PREPS for c in children)
    if e.reciprocal and (reciprocal or together or (alone and not objects and not e.explicit)):
        for a, b in _pairwise(subjects):
            yield a, b, "verb"
    for s in subjects:
        for o in objects:
            yield s, o, "verb"


def _named_owners(nouns: Sequence[Token], ctx: _Ctx) -> list[Mention]:
    """The groups named before nouns ("condemned the *X* attack"); not a state, whose capital
    names the place of an attack as often ("the Paris attack")."""
    found = {ctx.index.inside[c.i].actor.id: ctx.index.inside[c.i] for n in nouns
             for c in n.children if c.dep_ == "compound" and c.i in ctx.index.inside}
    return [m for m in found.values() if m.actor.type != "State"]


def _dated(prep: Token) -> bool:
    """Whether a preposition only gives a time ("joined Y *in* 2024"), so it is no marker."""
    objs = [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]
    return bool(objs) and all(p.ent_type_ in ("DATE", "TIME") for p in objs)


def _hyphen_pair(tok: Token) -> list[Token]:
    """The first half of "X-Y" when the parser made X a compound of Y."""
    doc = tok.doc
    return [d for d in tok.children if d.dep_ in ("compound", "nmod", "amod", "npadvmod")
            and d.i == tok.i - 2 and doc[tok.i - 1].text == "-"]


def _light_subjects(tok: Token, ctx: _Ctx) -> list[Mention]:
    """The subject a light verb lends its object noun ("X struck up an alliance")."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":  # "entered into an alliance", "agreed on"
        if head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.dep_ == "dobj":
            # "held a new round of talks", "launched ten days of exercises": the measure's verb
            return _light_subjects(head.head, ctx)
        head = head.head
    elif tok.dep_ not in ("dobj", "attr", "nsubjpass", "conj"):
        return []
    if tok.dep_ == "conj":
        return _light_subjects(head, ctx) if head.i != tok.i else []
    if head.lemma_.lower() in ctx.cues["light-verb"] or head.lemma_.lower() in _COPULAS:
        return clause_subjects(head, ctx.index)
    return []


def _host(tok: Token, ctx: _Ctx) -> tuple[list[Mention], bool]:
    """Who an "in the fight against Y" phrase is about, and whether it hangs on that actor.

    The actor the phrase hangs on ("the Iraqi people in their fight"), else the object or, if
    none, the owner of the noun it hangs on ("support for X in the fight", "X's role in the
    war"), else the object of the verb it hangs on ("helped X in the fight", "reiterated support
    for X in the fight"), else, when the verb has no object, its subject.
    """
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "in" or prep.head.i == prep.i:
        return [], False
    host = prep.head
    direct = resolve(host, ctx.index)
    if direct:
        return direct, True
    if host.pos_ in ("NOUN", "PROPN"):
        return _host_of([host], ctx) or _mentions(_owner_words(host), ctx), False
    if host.pos_ in ("VERB", "AUX"):
        dobjs = [c for c in host.children if c.dep_ == "dobj"]
        if not dobjs:
            return clause_subjects(host, ctx.index), False
        return _mentions(dobjs, ctx) or _host_of(dobjs, ctx), False
    return [], False


def _host_of(nouns: Sequence[Token], ctx: _Ctx) -> list[Mention]:
    """The "for"/"to" objects of nouns that are no actor ("reiterated support for X")."""
    return _mentions([p for n in nouns for p in _pobjs(n, ("for", "to"))], ctx)


def _owner_words(noun: Token) -> list[Token]:
    """The words that name a noun's owner: "the UK's efforts", "Coalition efforts"."""
    return [c for c in noun.children if c.dep_ == "poss"
            or (c.dep_ in ("compound", "nmod") and c.i < noun.i)]


def _pobjs(tok: Token, preps: Sequence[str]) -> list[Token]:
    """The objects of the prepositions in ``preps`` that hang on ``tok``."""
    return [p for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def _noun(tok: Token, e: LexiconEntry, ctx: _Ctx) -> Iterator[tuple[Mention, Mention, str]]:
    if e.object_word and not any(c.dep_ == "compound" and c.lemma_.lower() == e.object_word
                                 for c in tok.children):
        return  # the row is for "war games", not any game
    if e.marker:  # "X struck Y in support of Z": the clause's subject gives the support
        if tok.dep_ == "pobj" and tok.head.lower_ == e.marker and tok.head.head.i != tok.head.i:
            objects, _ = _prep_objects(tok, e.preps, ctx)
            for s in clause_subjects(tok.head.head, ctx.index):
                for o in objects:
                    yield s, o, "noun"
        return
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and not resolve(tok.head, ctx.index):
        tok = tok.head  # "an alliance agreement with Y": the phrase's head carries the arguments
    between = _mentions(_pobjs(tok, ("between", "among")), ctx)
    if not between and e.reciprocal and tok.dep_ not in ("attr", "appos"):
        # "an alliance of X and Y", "the war of X and Y": two or more sides after "of" (not in
        # "Z is a coalition of X and Y", which lists Z's members)
        sides = _mentions(_pobjs(tok, ("of",)), ctx)
        between = sides if len({m.actor.id for m in sides}) > 1 else []
    subjects = list(ctx.index.heads.get(tok.i, ()))  # "US air strikes", "Russian jets"
    for c in _owner_words(tok):
        subjects.extend(m for m in resolve(c, ctx.index) if m not in subjects)
        # "the X-Y war", "the X-Y truce": the parser hangs X on Y
        for d in _hyphen_pair(c):
            subjects.extend(m for m in resolve(d, ctx.index) if m not in subjects)
    for c in tok.children:  # "a joint US-Iraqi raid": the parser hangs X on the demonym
        if c.dep_ == "amod" and c.i < tok.i:
            subjects.extend(m for d in _hyphen_pair(c) for m in resolve(d, ctx.index)
                            if m not in subjects)
    if not between and all(m.kind == "anaphor" for m in subjects):
        # "support for X in the fight against Y", "X and Y in their fight against Z"
        hosts, direct = _host(tok, ctx)
        if hosts and (direct or not subjects):
            subjects = hosts
    if not (between and e.reciprocal) and all(m.kind == "anaphor" for m in subjects):
        # "X undertook mediation between Y and Z"; a name beats a pronoun owner: "X held its
        # first meeting with Y"
        subjects = _light_subjects(tok, ctx) or subjects
    agents = _pobjs(tok, ("by",))
    if not subjects:  # "the attack on Y by X", "the killing of Y by X"
        subjects = _mentions(agents, ctx)
    objects, reciprocal = _prep_objects(tok, e.preps, ctx)
    if not objects and agents:
        # "the offensive by X against Y": the parser may hang the object on the agent
        objects, reciprocal = _prep_objects(agents[-1], e.preps, ctx)
    if not objects and tok.dep_ == "pobj" and tok.head.lower_ == "of" \
            and tok.head.head.pos_ == "NOUN":
        # "X swore an oath of allegiance to Y": the parser may hang the object on the measure
        objects, reciprocal = _prep_objects(tok.head.head, e.preps, ctx)
    if not objects and tok.dep_ == "dobj" and tok.head.lemma_.lower() in ctx.cues["light-verb"]:
        # "X opened fire on Y", "X issued an ultimatum to Y": the preposition hangs on the verb
        objects, reciprocal = _prep_objects(tok.head, e.preps, ctx)
    if not objects and e.object_owner:
        # "X imposed sanctions on Y's central bank": the owner of what the event falls on
        words = [tok, tok.head] if tok.dep_ == "dobj" else [tok]
        objects = _mentions([o for h in words for p in _pobjs(h, e.preps) for o in p.children
                             if o.dep_ == "poss"], ctx)
    if e.reciprocal and (reciprocal or not objects):
        for a, b in _pairwise(between or subjects):
            yield a, b, "noun"
    for s in subjects:
        for o in objects:
            yield s, o, "noun"


def _armed_conflict(relation: str) -> bool:
    """Whether a relation is armed conflict (``armed`` in relations.csv): one who helps a side
    takes part ("X helped Y to defeat Z"), and people named by origin may be its target."""
    rel = load_relations().get(relation)
    return rel is not None and rel.armed


def _standing(relation: str) -> bool:
    """Whether a relation is a lasting tie (``layer`` standing in relations.csv)."""
    rel = load_relations().get(relation)
    return rel is not None and rel.layer == "standing"


def _tie(relation: str) -> str:
    """A relation's ``tie`` in relations.csv: ``leader``, ``member`` or empty."""
    rel = load_relations().get(relation)
    return rel.tie if rel is not None else ""


def _role(tok: Token, e: LexiconEntry, ctx: _Ctx) -> Iterator[tuple[Mention, Mention, str]]:
    title = {w.lemma_.lower() for w in _title_words(tok)}
    if e.object_word and e.object_word not in title:
        return  # the row is for "prime minister", not any minister
    if _tie(e.relation) == "leader" and title & ctx.cues["deputy"]:
        return  # "the vice president", "a deputy leader" lead nobody
    owners_of = [m for c in tok.children if c.dep_ == "poss" for m in resolve(c, ctx.index)]
    named = {m.actor.id: m for c in tok.children if c.dep_ == "compound" and c.i < tok.i
             and c.i in ctx.index.inside for m in [ctx.index.inside[c.i]]}
    if owners_of and named and _tie(e.relation) == "member":
        # "Y's X brigade": the named unit is the owner's (not "Y's X Force commander", who leads
        # X, nor "its European partners")
        for h in named.values():
            for o in owners_of:
                if h.actor.id != o.actor.id:
                    yield h, o, "compound"
        return
    np = tok
    if tok.dep_ in ("compound", "amod") and tok.head.i not in ctx.index.inside \
            and tok.head.i not in ctx.index.heads:
        np = tok.head  # "a splinter group of X", "X's armed wing"
    owners: list[Mention] = []
    holders: list[tuple[Mention, str]] = []
    words = [tok, *_title_words(tok)] if np is tok else [tok, np]
    # "Iran's proxy Hezbollah": the parser may take the role noun for an adjective of the name
    misread = np.dep_ == "amod" and np.head.i in ctx.index.inside
    name = np.head if np.dep_ == "compound" or misread else None
    if name is not None and (misread or any(m.actor.type == "Person"
                                            for m in resolve(name, ctx.index))):
        words.append(name)  # "President X of Y", "Y's President X": the owner hangs on the name
    for word in words:
        for c in word.children:
            if c.dep_ == "poss" or (c.dep_ in ("compound", "nmod") and c.i < tok.i):
                got = resolve(c, ctx.index)
                if np.dep_ in ("dobj", "oprd") and c.dep_ == "compound":
                    # "Z elected X chairman of Y": the parser hangs the person on the title
                    holders += [(m, "copula") for m in got if m.actor.type == "Person"]
                    got = [m for m in got if m.actor.type != "Person"]
                owners.extend(got)
            elif c.dep_ == "prep" and c.lower_ in e.preps:
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    named_owner = _title_owner(p, ctx)
                    if named_owner:  # "Prime Minister of Y X": the parser makes Y part of X
                        owners.extend(named_owner)
                        holders += [(m, "title") for m in resolve(p, ctx.index)]
                    elif p.lemma_.lower() in ctx.cues["office-noun"]:  # "head of state of Y"
                        owners.extend(_mentions(_pobjs(p, e.preps), ctx))
                    else:
                        owners.extend(_mentions([p], ctx))
    if not owners and np.dep_ == "appos" and all(c.dep_ in ("punct", "appos")
                                                  for c in np.children):
        # "X, commander, Y Command": a bare role noun between the holder and the owner
        after = [c for c in [*np.children, *np.head.children]
                 if c.dep_ == "appos" and c.i > np.i]
        owners = resolve(min(after, key=lambda c: c.i), ctx.index) if after else []
    if not owners and name is not None and name.dep_ == "pobj" and name.head.lower_ == "under":
        # "Under President X, Y invaded Z": the title's owner is the state that acts under X
        owners = [m for m in clause_subjects(name.head.head, ctx.index) if m.actor.type == "State"]
    if not owners:
        return
    if any(c.dep_ == "prep" for c in np.children):  # "a member of A, B and C": B and C may
        owners += [m for m in _mentions([c for c in np.children if c.dep_ == "conj"], ctx)
                   if m not in owners]  # hang on the role noun
    plural = np.tag_ in ("NNS", "NNPS")
    if np.dep_ == "pobj" and np.head.lower_ == "of" and np.head.head.lower_ == "one":
        np, plural = np.head.head, False  # "X is one of the member states of Y"
    while np.dep_ == "conj" and np.head.pos_ in ("NOUN", "PROPN") \
            and np.head.i not in ctx.index.inside:
        np = np.head  # "X was prime minister of Y and *leader* of Z": X, as for the first title
    if np.dep_ == "appos":
        holders += [(m, "appos") for m in resolve(np.head, ctx.index)]
    for c in np.children:
        if c.dep_ == "appos":
            for x in (expand(c) if plural else [c]):
                holders += [(m, "appos") for m in resolve(x, ctx.index)]
    if plural:
        # "member states of Y such as A and B": the parser may hang "such as" on Y
        hosts = [np, *(p for c in np.children if c.dep_ == "prep" for p in c.children
                       if p.dep_ == "pobj")]
        examples = [c for w in hosts for c in w.children if c.dep_ == "prep" and c.lower_ == "as"
                    and any(a.lower_ == "such" for a in c.children)]
        listed = [p for c in examples for p in c.children if p.dep_ == "pobj"]
        holders += [(m, "list") for m in _mentions(listed, ctx) if m not in owners]
    if np.dep_ == "compound" or misread:
        holders += [(m, "compound") for m in resolve(np.head, ctx.index)]
    if not holders and np.dep_ in ("nsubj", "dobj"):
        # "Russia's ally Belarus hosted ...": the parser makes the name right after the role
        # noun a second subject (or object) of the same verb
        sibling = ctx.index.inside.get(np.i + 1)
        last = np.doc[sibling.end - 1] if sibling and sibling.start == np.i + 1 else None
        if sibling and last is not None and last.head.i == np.head.i and last.dep_ == np.dep_:
            holders.append((sibling, "appos"))
    if np.dep_ == "attr" and np.head.lemma_.lower() in _COPULAS:
        holders += [(m, "copula") for m in clause_subjects(np.head, ctx.index)]
    if np.dep_ == "oprd":  # "Y elected X president of Z", "X was appointed head of Z"
        verb = np.head
        chosen = [c for c in verb.children if c.dep_ == "dobj"] or [
            c for c in verb.children if c.dep_ == "nsubjpass"]
        holders += [(m, "copula") for m in (_mentions(chosen, ctx)
                                            or clause_subjects(verb, ctx.index))]
    if plural and np.dep_ == "nsubj" and np.head.lemma_.lower() in _LISTING:
        # "X's member states include A, B and C", "its members are A and B"
        listed = [c for c in np.head.children if c.dep_ in ("dobj", "attr")]
        holders += [(m, "list") for m in _mentions(listed, ctx)]
    if np.dep_ == "pobj" and np.head.lower_ == "as":  # "X serves as the leader of Y"
        verb = np.head.head
        # "Z regards X as part of Y", "X was founded as a splinter group of Y"; but the subject
        # holds the title in "X succeeded W as president of Y" and "As leader of Y, X ruled Z"
        subject_holds = verb.lemma_.lower() in ctx.cues["successor-verb"] or np.i < verb.i
        seen = [] if subject_holds else ([c for c in verb.children if c.dep_ == "dobj"] or [
            c for c in verb.children if c.dep_ == "nsubjpass"])
        holders += [(m, "copula") for m in (_mentions(seen, ctx)
                                            or clause_subjects(verb, ctx.index))]
    for h, route in holders:
        for o in owners:
            yield h, o, route


def _titled_person(m: Mention, e: LexiconEntry) -> bool:
    """Whether a name the recogniser took for an organisation holds a personal title:
    "Atal Bihari Vajpayee was the tenth *Prime Minister* of India" -- a minted organisation
    with no party or group word in its name, named as the holder of a row only persons hold."""
    return m.kind == "minted" and m.actor.type == "Organization" and e.subject_types == ("Person",)


def _title_words(tok: Token) -> list[Token]:
    """The words a title noun is made of besides itself: "*prime* minister", "*vice*
    president", "secretary-*general*" (spaCy splits the hyphen off)."""
    doc = tok.doc
    return [c for c in tok.children if c.dep_ in _TITLE_DEPS and (
        c.i < tok.i or (c.i == tok.i + 2 and doc[tok.i + 1].text == "-"))]


def _title_owner(pobj: Token, ctx: _Ctx) -> list[Mention]:
    """The owner in "King of Y X" when the parser makes Y a compound of the person X."""
    if not any(m.actor.type == "Person" for m in resolve(pobj, ctx.index)):
        return []
    person = ctx.index.inside.get(pobj.i)
    return [m for c in pobj.children if c.dep_ == "compound"
            and (person is None or not person.start <= c.i < person.end)
            for m in resolve(c, ctx.index) if m.actor.type != "Person"]


def _affiliation(tok: Token, e: LexiconEntry, ctx: _Ctx
                 ) -> Iterator[tuple[Mention, Mention, str]]:
    """"X of the Y Party", "X (Y Party)": a name and the organisation said to be its own."""
    if tok.pos_ == "ADP":
        holders = [ctx.index.inside[tok.head.i]] if tok.head.i in ctx.index.inside else []
        objects = _mentions([p for p in tok.children if p.dep_ == "pobj"], ctx)
    else:  # a bracket right after a name, holding a name and nothing else
        doc = tok.doc
        inner = ctx.index.inside.get(tok.i + 1)
        before = ctx.index.inside.get(tok.i - 1)
        closed = inner is not None and inner.end < len(doc) and doc[inner.end].text == ")"
        holders = [before] if before is not None and closed else []
        objects = [inner] if inner is not None and closed else []
    for h in holders:
        for o in objects:
            yield h, o, "pp"


def _hyphen(tok: Token, e: LexiconEntry, ctx: _Ctx) -> Iterator[tuple[Mention, Mention, str]]:
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "-" or tok.dep_ not in ("amod", "compound", "acl"):
        return
    agents = resolve(doc[tok.i - 2], ctx.index)
    targets = resolve(tok.head, ctx.index)
    if not targets and tok.head.dep_ == "attr":
        targets = clause_subjects(tok.head.head, ctx.index)
    for a in agents:
        for t in targets:
            yield a, t, "adj"


def _agent_pp(tok: Token, e: LexiconEntry, ctx: _Ctx) -> Iterator[tuple[Mention, Mention, str]]:
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != e.marker or prep.head.i == prep.i:
        return
    agents, _ = _prep_objects(tok, e.preps, ctx)
    if not agents and prep.head.pos_ in ("VERB", "AUX"):
        # "Y came under fire from X": the parser may hang "from"/"by" on the verb ("of" is the
        # noun's own: "provided Y with the support of its allies")
        agents, _ = _prep_objects(prep.head, [p for p in e.preps if p != "of"], ctx)
    patients = resolve(prep.head, ctx.index) or clause_subjects(prep.head, ctx.index)
    for a in agents:
        for p in patients:
            yield a, p, "pp"


def _modifier(tok: Token, e: LexiconEntry, ctx: _Ctx) -> Iterator[tuple[Mention, Mention, str]]:
    """"X and Y launched a joint offensive", "X's joint operation with Y": the adjective's noun
    is read as an event noun of the row's relation."""
    if tok.dep_ != "amod" or tok.head.pos_ not in ("NOUN", "PROPN"):
        return
    for s, o, _ in _noun(tok.head, e, ctx):
        yield s, o, "adj"


def _companion(tok: Token, e: LexiconEntry, ctx: _Ctx) -> Iterator[tuple[Mention, Mention, str]]:
    """"X, together with Y, attacked Z", "Together with Y, X ...", "X, alongside Y, ...": the
    preposition's object acts with the phrase it hangs on, or with the clause's subject."""
    if tok.dep_ != "prep" or (e.marker and not any(
            c.lower_ == e.marker and c.dep_ == "advmod" for c in tok.children)):
        return
    head = tok.head
    if head.pos_ not in ("NOUN", "PROPN") and tok.i > head.i:
        return  # "X fought alongside Y" is the verb's own reading (lexicon rows of "fight")
    kids = [p for p in tok.children if p.dep_ == "pobj"]
    if e.preps:  # "along with Y": the parser may hang "with" on "along"
        kids += _pobjs(tok, e.preps)
    partners = _mentions(kids, ctx)
    if not partners:
        return
    holders = (resolve(head, ctx.index) if head.pos_ in ("NOUN", "PROPN")
               else clause_subjects(head, ctx.index))
    for h in holders:
        for p in partners:
            yield h, p, "pp"


def _prefix(tok: Token, e: LexiconEntry, ctx: _Ctx) -> Iterator[tuple[Mention, Mention, str]]:
    """"the pro-Turkish Y", "pro-Hamas Y": the actor after the hyphen and the phrase the prefix
    modifies."""
    doc = tok.doc
    if tok.dep_ != "amod" or tok.i + 2 >= len(doc) or doc[tok.i + 1].text != "-":
        return
    named = ctx.index.inside.get(tok.i + 2)
    if named is None:
        return
    for t in resolve(tok.head, ctx.index):
        if t.start > tok.i + 2:  # the phrase, not the name after the hyphen
            yield t, named, "adj"


_FRAMES = {"verb": _verb, "noun": _noun, "role": _role, "hyphen": _hyphen, "agent-pp": _agent_pp,
           "modifier": _modifier, "companion": _companion, "affiliation": _affiliation,
           "prefix": _prefix}


def sentence_matches(sent: Span, *, index: MentionIndex, lexicon: LexiconIndex,
                     cues: Mapping[str, frozenset[str]]) -> list[Match]:
    """Return every relation the lexicon's frames read in one sentence.

    Args:
        sent: a sentence of a parsed Doc.
        index: the Doc's mentions, anaphors resolved.
        lexicon: :func:`index_lexicon` of the lexicon rows.
        cues: the cue words of :func:`kgraph.know.relations.load_cues`.

    Returns:
        Matches with subject and object in the relation's direction, self-relations dropped,
        anaphors re-pointed past candidates that are the other argument or linked to it.
    """
    ctx = _Ctx(index=index, cues=cues)
    out: list[Match] = []
    for tok in sent:
        pos = lexicon_pos(tok)
        if not pos or tok.i in index.inside:
            continue
        lemma = tok.lemma_.lower()
        rows = lexicon.get((lemma, pos), ())
        if pos == "adj" and tok.dep_ == "amod" and tok.head.i in index.inside \
                and any(c.dep_ == "poss" for c in tok.head.children):
            # "Iran's proxy Hezbollah": the role noun of a standing tie that the parser took for
            # an adjective of the name (not "X's rival Y", where "rival" is one)
            roles = tuple(e for e in lexicon.get((lemma, "noun"), ())
                          if e.frame == "role" and _standing(e.relation))
            if roles:
                pos, rows = "noun", roles
        if pos == "adj":
            rows = rows + lexicon.get((lemma, "verb"), ())
        hyphenated = tok.i >= 2 and tok.doc[tok.i - 1].text == "-"
        for e in rows:
            if (e.frame == "hyphen" and not hyphenated) or (e.frame == "verb" and hyphenated):
                continue
            if e.frame != "hyphen" and pos != e.pos:
                continue
            fired = False
            for subj, obj, route in _FRAMES[e.frame](tok, e, ctx):
                if e.direction == "reverse":
                    subj, obj = obj, subj
                if e.frame == "role" and _titled_person(subj, e):
                    subj = replace(subj, actor=replace(subj.actor, type="Person"))
                if e.subject_types and subj.actor.type not in e.subject_types:
                    continue
                if e.object_types and obj.actor.type not in e.object_types:
                    continue
                if subj.kind == "population" or (obj.kind == "population"
                                                 and not _armed_conflict(e.relation)):
                    continue  # people are the target of violence, not a party to ties
                prefix = route if e.frame in ("role", "hyphen", "prefix") else e.frame
                out.append(Match(subj, e.relation, obj, e, tok.i, f"{prefix}:{e.lemma}"))
                fired = True
            if fired and e.exclusive:
                break  # a more specific reading of this word won: skip its general rows
    # "war games", "ceasefire talks": when the head noun gives a reading, its modifier does not
    triggers = {m.trigger for m in out}
    doc = sent.doc
    out = [m for m in out if doc[m.trigger].dep_ != "compound" or doc[m.trigger].pos_ != "NOUN"
           or doc[m.trigger].head.i not in triggers]
    return _repoint(out)


def _repoint(matches: list[Match]) -> list[Match]:
    """Move an anaphor off a candidate that is the other argument or linked to it by a
    membership or leadership match in the same sentence ("X's leader criticised its ...")."""
    ties = [(frozenset((m.subject.actor.id, m.object.actor.id)), m.trigger) for m in matches
            if _tie(m.relation)]
    out: list[Match] = []
    for m in matches:
        subj, obj = m.subject, m.object
        linked = {pair for pair, trigger in ties if trigger != m.trigger}  # not the match itself
        if obj.kind == "anaphor":
            obj = _next_ok(obj, subj, linked)
        elif subj.kind == "anaphor":
            subj = _next_ok(subj, obj, linked)
        if subj.actor.id != obj.actor.id:
            out.append(Match(subj, m.relation, obj, m.entry, m.trigger, m.rule))
    return out


def _next_ok(anaphor: Mention, other: Mention, linked: set[frozenset[str]]) -> Mention:
    def ok(actor_id: str) -> bool:
        return actor_id != other.actor.id and frozenset((actor_id, other.actor.id)) not in linked

    if ok(anaphor.actor.id):
        return anaphor
    for alt in anaphor.alternatives:
        if ok(alt.id):
            return Mention(alt, anaphor.start, anaphor.end, anaphor.text, "anaphor")
    return anaphor


def why_not(tok: Token, e: LexiconEntry, *, index: MentionIndex,
            cues: Mapping[str, frozenset[str]]) -> str:
    """Say why a lexicon row gave no relation for a word, for ``kgraph explain``.

    Returns ``""`` when the row does give a relation.
    """
    ctx = _Ctx(index=index, cues=cues)
    if e.frame == "hyphen" and not (tok.i >= 2 and tok.doc[tok.i - 1].text == "-"):
        return "not written X-<word>"
    if e.frame == "noun" and e.object_word and not any(
            c.dep_ == "compound" and c.lemma_.lower() == e.object_word for c in tok.children):
        return f"needs the compound word {e.object_word!r}"
    if e.frame == "companion" and e.marker and not any(c.lower_ == e.marker
                                                       for c in tok.children):
        return f"needs the adverb {e.marker!r}"
    if e.frame == "verb":
        children = list(tok.children)
        if e.marker and not any(c.lower_ == e.marker for c in children):
            return f"needs the particle or preposition {e.marker!r}"
        if e.object_word and not any(c.lemma_.lower() == e.object_word for c in children
                                     if c.dep_ in ("dobj", "dative")):
            return f"needs the object word {e.object_word!r}"
        passive = _is_passive(tok)
        if (e.voice == "active" and passive) or (e.voice == "passive" and not passive):
            return f"the row is for the {e.voice} voice"
        found = list(_verb(tok, e, ctx))
        if not found and passive and not e.preps:
            if not any(c.dep_ == "agent" for c in children):
                return "a passive with no 'by' agent"
            return "no actor as the 'by' agent or the passive subject"
        if not found and not clause_subjects(tok, index):
            return "no actor as its subject (up the clause chain)"
        if not found and e.preps:
            return f"no actor after {'/'.join(e.preps)}"
        if not found:
            return "no actor as its direct object"
    else:
        found = list(_FRAMES[e.frame](tok, e, ctx))
    if not found:
        return "no actor in the places this frame reads (subject, object, owner, holder)"
    kept = [(a, b) for a, b, _ in found if a.actor.id != b.actor.id]
    if not kept:
        return "both arguments are the same actor"
    for a, b in kept:
        subj, obj = (b, a) if e.direction == "reverse" else (a, b)
        if e.subject_types and subj.actor.type not in e.subject_types and not (
                e.frame == "role" and _titled_person(subj, e)):
            wanted = "/".join(e.subject_types)
            return f"subject {subj.actor.id} is a {subj.actor.type}, not {wanted}"
        if e.object_types and obj.actor.type not in e.object_types:
            wanted = "/".join(e.object_types)
            return f"object {obj.actor.id} is a {obj.actor.type}, not {wanted}"
        if subj.kind == "population" or (obj.kind == "population"
                                         and not _armed_conflict(e.relation)):
            return "people named by origin are only the target of violence"
    return ""
