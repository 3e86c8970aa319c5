"""Polarity, modality and time of a relation, read from the words around its trigger.

The trigger's *clause chain* is the trigger and the words it hangs from, up to and including
the first clause head (ROOT, a ``ccomp``, a relative clause or a parenthetical): for "the two
groups decided to put differences aside in order to fight X", the chain of "fight" is
fight -> order -> in -> decided. Cue words (``data/relations/cues.csv``) found on that chain or
among its auxiliaries, negations and adverbs decide.

Scope: the chain follows only the links along which the trigger's predicate is an argument or
complement of the word above it. It stops where the trigger merely modifies a noun or a clause:
a participle ("the government, *led* by X, was not a party": the negation is the copula's), an
apposition, a relative clause, or an adverbial clause with a subject of its own ("X stayed
away *because* it was fighting Y"); an infinitive modifying a noun is its complement and
continues ("a *bid* to join Y", "in *order* to fight Y", and "rejected *calls* to attack Y",
which the parser may hang as a relative clause), and so does a bare infinitive ("could *help*
it fight Y"). An adjunct of time or circumstance
("after", "since", "despite") ends the chain: "after a year of fighting X" is past, but the verb
it hangs on does not qualify the fighting. A coordinated verb is a sibling, not a
governor: in "X rejected the merger and renewed its allegiance to Y" the chain passes
"rejected" without reading it, and the sibling's negations and auxiliaries count only when the
trigger has none of its own and no subject ("did not attack or threaten Y", "will attack and
seize Y"); a finite verb coordinated with an infinitive has a tense and a clause of its own
("X vowed to attack Y and attacked it": the second attack is actual).

* polarity ``negated``: ``negation`` cues -- "not", "never", "n't" as ``neg``; "no" as the
  trigger's determiner; "refused to", "failed to", "prevented from" up the chain;
* the words of a governing clause count only along the chain: "after a year of fighting X"
  puts the fighting in the past, while "after a year, X and Y reached an agreement to work
  together" does not put the cooperation there; among the trigger's own modifiers,
  auxiliaries, adverbs, adjectives ("former"), "until", "no longer", a past decade and a closed
  span of years count;
* a claim held by someone: a ``denial`` verb governing it makes it ``disputed`` ("X denies
  arming Y", "X denied that it had funded Y"); an ``accusation`` ("X accused Y of arming Z",
  "X blames Y for the attack on Z", "X alleges that ...") or a ``view`` with its "as" phrase
  or object complement ("X regards Y as part of Z", "X considers Y an offshoot of Z"), or a
  ``report`` verb whose that-clause it is ("X claims that Y funds Z", "X boasted it had
  attacked Y"), makes it ``reported``; a claim noun with a that-clause, the object of a denial
  or a refusal ("X dismissed reports that it was arming Y", "X rejected claims that ..."),
  makes it ``disputed``. The holder -- the subject of that verb -- is the claim's source
  (:func:`reported_by`). A ``that``-clause (``ccomp``) is looked through to its verb. The
  accusation itself stays an actual act ("X accused Y" is X criticizing Y);
* else modality, the first that applies of ``hedged`` ("may", "might", "could",
  "reportedly", "allegedly", "believed to", "is thought to", the that-clause of a hedge noun:
  "rumours that X armed Y", "suspicions that ..."; a ``condition`` -- "if X attacks
  Y", "unless X recognises Y" -- and a clause opened by an inverted auxiliary, the yes/no
  question "Will X attack Y?" or the condition "Should X attack Y, ..."; and what follows on
  a condition: "If X falls, Y will attack Z"), ``intended`` ("agreed to",
  "plans to", "decided to", "in order to", "vowed to", "will", "urged Y to", "a bid to join",
  "is set (poised) to join", "applied to join", "seeks membership", "efforts to defeat Y", "a
  campaign to fight Y", "committed to fighting Y", "worked to counter Y"), ``past``
  ("formerly", "until", "used to", "after a year of fighting", "former ally", "ended its
  alliance", "cut its ties", "no longer backs Y", "in the 1980s", "decades ago", "from 1998 to
  2000"), ``reported`` (the claim rests on one side's word: "claimed", "boasted"); else
  ``actual``. Ordinary attribution ("X says", "according to") is how news is written and
  leaves the modality ``actual``.

Time: the date entity of the sentence nearest to the trigger that gives at least a year
("in 2012" -> "2012", "in February 2014" -> "2014-02") or can be read against the publication
date ("last month", "last year", "two years ago", "yesterday", "in February"); else the
article's date.

Reported speech: :func:`reported_by` names the source a claim is attributed to -- the holder
of an accusation, view or denial (the actor's label when the subject names one: "Ankara
regards ..." is held by Turkey), the subject of a ``source-verb`` cue ("The Telegraph says
...", "..., officials said") governing the trigger's clause, or the object of "according to"
-- so that the evidence keeps who said it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from kgraph.extract.mentions import MentionIndex, resolve
from kgraph.model import Modality, Polarity
from kgraph.read.dates import parse_date

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["classify", "clause_chain", "holder_verb", "relative_date", "reported_by",
           "sentence_time", "threatened"]

_CLAUSE_HEADS = frozenset({"ROOT", "ccomp", "relcl", "parataxis"})
# prepositions of an adjunct of time or circumstance: the chain reads them ("after a year of
# fighting") but not the verb they hang on ("X applied to join Y after Z's invasion of W")
_ADJUNCT_PREPS = frozenset({"after", "before", "since", "during", "despite", "following", "amid",
                            "amidst", "throughout"})
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DECADE = re.compile(r"^(1[0-9]|20)\d0s$")  # "the 1980s"
_AGES = frozenset({"decade", "century", "generation"})  # "decades ago"
_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_ORDER: tuple[Modality, ...] = ("hedged", "intended", "past", "reported")
_GOVERNING: tuple[tuple[Modality, str], ...] = (
    ("hedged", "hedge"), ("intended", "intent"), ("past", "past"), ("reported", "report"))
# classes of verbs whose subject holds the claim below them, and the modality they give it
_HOLDERS: tuple[tuple[str, Modality], ...] = (
    ("denial", "disputed"), ("accusation", "reported"), ("view", "reported"),
    ("report", "reported"))
# how a view verb must take the claim: "regards Y *as* Z", "considers Y Z" (object complement)
_VIEW_LINKS = frozenset({"oprd", "ccomp", "xcomp"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})  # tags of a verb with a tense of its own


def clause_chain(trigger: Token, *, limit: int = 8) -> list[Token]:
    """Return the trigger and its heads up to the first clause head (inclusive).

    Examples:
        >>> from spacy.vocab import Vocab
        >>> from spacy.tokens import Doc
        >>> doc = Doc(Vocab(), words=["X", "agreed", "to", "fight", "Y"],
        ...           heads=[1, 1, 3, 1, 3], deps=["nsubj", "ROOT", "aux", "xcomp", "dobj"])
        >>> [t.text for t in clause_chain(doc[3])]
        ['fight', 'agreed']
    """
    chain = [trigger]
    tok = trigger
    for _ in range(limit):
        if (tok.dep_ in _CLAUSE_HEADS and not _governed_clause(tok)) or tok.head.i == tok.i \
                or _modifies(tok) or (
                tok.dep_ == "prep" and tok.lower_ in _ADJUNCT_PREPS and tok.i != trigger.i) or (
                tok.dep_ == "conj" and tok.tag_ in _FINITE and tok.head.tag_ == "VB"):
            # the last: a finite verb coordinated with an infinitive is a clause of its own
            # ("X vowed to attack Y and attacked it"), whatever the parser hangs it on
            break
        tok = tok.head
        chain.append(tok)
    return chain


def _governed_clause(tok: Token) -> bool:
    """Whether a clause is an infinitive its governor qualifies: one the parser hangs on a noun
    as a relative clause, the noun's complement ("rejected calls *to attack* Y"), or a bare
    infinitive with a subject of its own ("could help it *fight* Y", "will let X *attack* Y")."""
    if tok.dep_ == "ccomp":
        return tok.tag_ == "VB" and not any(c.dep_ in ("aux", "mark") for c in tok.children)
    return tok.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _noun_clause(tok: Token) -> bool:
    """Whether a clause is the that-clause of a noun: "the allegation *that Y armed Z*"."""
    return tok.dep_ == "acl" and any(c.dep_ == "mark" for c in tok.children)


def _long_ago(prep: Token) -> bool:
    """Whether a preposition of a trigger dates it to a past decade ("in the 1980s", "during
    the 1970s") or closes its span ("from 1998 *to* 2000", like "until 2000")."""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    if prep.lower_ in ("in", "during", "throughout"):
        return any(_DECADE.match(o.lower_) for o in objects)
    return prep.lower_ == "to" and any(o.ent_type_ == "DATE" for o in objects) and any(
        s.dep_ == "prep" and s.lower_ == "from" for s in prep.head.children)


def _modifies(tok: Token) -> bool:
    """Whether a word merely modifies its head, so that the head's words do not qualify it: a
    participle ("X, *led* by Y,"), an apposition, an adverbial clause with its own subject."""
    dep = tok.dep_
    if dep == "appos":
        return True
    if dep == "acl":  # "a bid *to join* Y" is the noun's complement; "Y, *led* by X" is not
        return not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    return dep == "advcl" and any(c.dep_ in _SUBJECTS for c in tok.children)


def _inverted(verb: Token, aux: Token) -> bool:
    """Whether an auxiliary opens its clause ahead of the clause's subject -- the inversion of
    a yes/no question ("*Will* X attack Y?") or of a condition ("*Should* X attack Y, ...",
    "*Had* X attacked Y, ..."); a question word before it ("Why did X attack Y?") takes the
    event as given, and so does an inversion after a negative ("Never had X ...")."""
    if not any(c.dep_ in _SUBJECTS and c.i > aux.i for c in verb.children):
        return False
    return all(t.is_punct for t in verb.doc[verb.left_edge.i:aux.i])


def _condition(clause: Token, cues: Mapping[str, frozenset[str]]) -> bool:
    """Whether a clause states a condition or asks: "*if* X attacks Y", "*unless* X ...",
    "*Should* X attack Y", "*Will* X attack Y?"."""
    return any((c.dep_ == "mark" and c.lower_ in cues["condition"])
               or (c.dep_ in ("aux", "auxpass") and _inverted(clause, c)) for c in clause.children)


def _shared_words(conjunct: Token) -> bool:
    """Whether the negations and auxiliaries of the verb a conjunct is coordinated with also
    apply to it: not when it has a subject, auxiliary or negation of its own ("X rejected A and
    *has renewed* B"); coordinated nouns share their clause ("attacks on X and raids on Y")."""
    if conjunct.pos_ not in ("VERB", "AUX") or conjunct.head.pos_ not in ("VERB", "AUX"):
        return True
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg")
                   for c in conjunct.children)


def classify(trigger: Token, *, cues: Mapping[str, frozenset[str]], local: bool = False
             ) -> tuple[Polarity, Modality]:
    """Return ``(polarity, modality)`` of the relation whose trigger word is given.

    Args:
        trigger: the token that fired the frame (a verb, a noun, a participle).
        cues: the cue words of :func:`kgraph.know.relations.load_cues`.
        local: read only the trigger's own modifiers -- for relations stated inside a noun
            phrase ("Y, a former ally of X", "X-backed Y"), which the clause around them
            does not qualify.

    Examples:
        >>> from spacy.vocab import Vocab
        >>> from spacy.tokens import Doc
        >>> from kgraph.know.relations import load_cues
        >>> doc = Doc(Vocab(), words=["X", "did", "not", "attack", "Y"],
        ...           heads=[3, 3, 3, 3, 3], deps=["nsubj", "aux", "neg", "ROOT", "dobj"],
        ...           lemmas=["X", "do", "not", "attack", "Y"])
        >>> classify(doc[3], cues=load_cues())
        ('negated', 'actual')
    """
    negated = False
    found: set[Modality] = set()
    chain = [trigger] if local else clause_chain(trigger)
    shared = True  # whether the words on the current chain token qualify the trigger
    for depth, tok in enumerate(chain):
        lemma = tok.lemma_.lower()
        sibling = depth > 0 and chain[depth - 1].dep_ == "conj"
        if sibling:  # "rejected A and renewed B": "rejected" is no governor of B
            shared = shared and _shared_words(chain[depth - 1])
        elif depth:  # governing words: "agreed to", "refused to", "after (a year of)"
            shared = True
            if lemma in cues["negation"]:
                negated = True
            for kind, cls in _GOVERNING:
                if lemma in cues[cls]:
                    found.add(kind)
        if not shared:
            continue
        if _condition(tok, cues):  # "if X attacks Y", "Will X attack Y?", "Should X attack Y"
            found.add("hedged")
        for c in tok.children:
            if c.i == trigger.i or (depth and c.i == chain[depth - 1].i):
                continue
            word = c.lemma_.lower() or c.lower_
            dep = c.dep_
            if dep == "neg" or (dep == "det" and c.lower_ == "no" and depth == 0):
                negated = True
            elif dep == "advcl" and _condition(c, cues):
                found.add("hedged")  # "if Y falls, X will attack Z": follows on a condition
            elif dep == "prep" and (c.lower_ == "until" or _long_ago(c)):
                found.add("past")  # "fought X until 2013", "remained part of X until 1995"
            elif dep == "advmod" and c.lower_ == "ago" and any(
                    g.lemma_.lower() in _AGES for g in c.children):
                found.add("past")  # "decades ago, X fought Y"
            elif dep == "advmod" and c.lower_ == "longer" and any(
                    g.lower_ in ("no", "any") for g in c.children):
                found.add("past")  # "X no longer backs Y": it did, and does not now
            elif dep in ("aux", "advmod", "amod"):
                if c.lower_ in cues["negation"] and dep == "advmod":  # "never"
                    negated = True
                if word in cues["hedge"] or c.lower_ in cues["hedge"]:
                    found.add("hedged")
                elif word in cues["intent"] or c.lower_ in cues["intent"]:
                    found.add("intended")
                elif word in cues["past"] or c.lower_ in cues["past"]:
                    found.add("past")
    if not local and _noun_clause(chain[-1]) and chain[-1].head.lemma_.lower() in cues["hedge"]:
        found.add("hedged")  # "rumours that X was arming Y"
    held = None if local else holder_verb(trigger, cues=cues)
    result: Modality = held[1] if held else next((m for m in _ORDER if m in found), "actual")
    polarity: Polarity = "negated" if negated else "asserted"
    return polarity, result


def holder_verb(trigger: Token, *, cues: Mapping[str, frozenset[str]]
                ) -> tuple[Token, Modality] | None:
    """Return the denial, accusation, view or report verb that holds the trigger's claim, with
    the modality it gives the claim, or None.

    The verb is found on the trigger's clause chain, or as the head of the ``that``-clause the
    chain ends in ("X denied that it had armed Y"); a view verb only with an "as" phrase or an
    object complement ("regards Y as part of Z"), not through its direct object. A denial or a
    refusal of a claim noun holds the noun's that-clause ("X dismissed reports that it had armed
    Y", "X rejected claims that ..."): its own word comes before the noun's.

    Examples:
        >>> from spacy.vocab import Vocab
        >>> from spacy.tokens import Doc
        >>> from kgraph.know.relations import load_cues
        >>> doc = Doc(Vocab(), words=["X", "denies", "arming", "Y"], heads=[1, 1, 1, 2],
        ...           deps=["nsubj", "ROOT", "xcomp", "dobj"], lemmas=["X", "deny", "arm", "Y"])
        >>> verb, modality = holder_verb(doc[2], cues=load_cues())
        >>> verb.text, modality
        ('denies', 'disputed')
    """
    chain = clause_chain(trigger)
    last = chain[-1]
    if last.head.i != last.i and (last.dep_ == "ccomp" or _noun_clause(last)):
        chain.append(last.head)  # "X alleges that Y armed Z", "the allegation that Y armed Z"
        claim = last.head
        if last.dep_ == "acl" and claim.dep_ == "dobj" and (
                claim.head.lemma_.lower() in cues["denial"] | cues["negation"]):
            return claim.head, "disputed"  # "X dismissed reports that it had armed Y"
    for below, tok in pairwise(chain):
        if below.dep_ in _SUBJECTS or below.dep_ == "conj":
            continue  # the claim is not what the verb says of its subject or its sibling
        if any(c.dep_ == "nsubjpass" for c in tok.children):
            continue  # "Y is alleged to have armed Z": a hedge, held by nobody named
        lemma = tok.lemma_.lower()
        for cls, modality in _HOLDERS:
            if lemma in cues[cls] and (cls != "view" or _views(below)):
                return tok, modality
    return None


def _views(below: Token) -> bool:
    """Whether a word is what a view verb takes its object *as*: "regards Y *as* Z", "considers
    Y *an ally*", "deems Y *hostile*" -- not a verb ("considers attacking Y" is an intention)."""
    if below.dep_ == "prep":
        return below.lower_ == "as"
    return below.dep_ in _VIEW_LINKS and below.pos_ in ("NOUN", "PROPN", "ADJ")


def threatened(trigger: Token, *, cues: Mapping[str, frozenset[str]]) -> bool:
    """Whether the trigger is governed by a ``threat`` cue ("threatened to attack", "vowed to
    fight")."""
    return any(t.lemma_.lower() in cues["threat"] for t in clause_chain(trigger)[1:])


def relative_date(text: str, published: str) -> str:
    """Resolve a date expression against the publication date: "last month", "in February".

    Returns the ISO year, month or day it names, or ``""`` (also when ``published`` is unknown).

    Examples:
        >>> relative_date("last month", "2014-01-20"), relative_date("last year", "2014-01-20")
        ('2013-12', '2013')
        >>> relative_date("in February", "2014-06-01"), relative_date("yesterday", "2014-03-01")
        ('2014-02', '2014-02-28')
        >>> relative_date("two years ago", "2014-06-01"), relative_date("last month", "")
        ('2012', '')
    """
    m = _PUBLISHED.match(published or "")
    if not m:
        return ""
    year, month = int(m.group(1)), int(m.group(2) or 0)
    low = " ".join(text.lower().split())
    if month and re.search(r"\b(last|previous|past) month\b", low):
        return f"{year - (month == 1)}-{(month - 2) % 12 + 1:02d}"
    if month and re.search(r"\bthis month\b", low):
        return f"{year}-{month:02d}"
    if re.search(r"\b(last|previous|past) year\b", low):
        return str(year - 1)
    if re.search(r"\bthis year\b", low):
        return str(year)
    ago = re.search(r"\b(\w+) years? ago\b", low)
    if ago and ago.group(1) in _NUMBERS:
        return str(year - _NUMBERS[ago.group(1)])
    if m.group(3) and low in ("yesterday", "today"):
        day = date(year, month, int(m.group(3))) - timedelta(days=low == "yesterday")
        return day.isoformat()
    named = re.search(r"\b(" + "|".join(_MONTH_NAMES) + r")\b", low)
    if month and named and not re.search(r"\d", low):
        at = _MONTH_NAMES.index(named.group(1)) + 1
        return f"{year - (at > month)}-{at:02d}"  # a month after publication is last year's
    return ""


def sentence_time(sent: Span, trigger: Token, *, default: str = "") -> str:
    """Return the ISO date or year the sentence gives for a relation, else ``default``.

    The date entity nearest to the trigger wins; one without a year is read against the
    publication date ``default`` ("last month", "in February"), else ignored.
    """
    best = ""
    distance = 10**9
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        iso = parse_date(ent.text)
        if not iso:
            m = _YEAR.search(ent.text)
            iso = m.group(1) if m else relative_date(ent.text, default)
        if not iso:
            continue
        d = min(abs(ent.start - trigger.i), abs(ent.end - 1 - trigger.i))
        if d < distance:
            best, distance = iso, d
    return best or default


def reported_by(trigger: Token, *, cues: Mapping[str, frozenset[str]],
                index: MentionIndex | None = None) -> str:
    """Return the words naming who a claim is attributed to, or ``""``.

    The holder of an accusation, view or denial comes first (see :func:`holder_verb`); with
    ``index``, a holder that names an actor is given by the actor's label.

    Examples:
        >>> from spacy.vocab import Vocab
        >>> from spacy.tokens import Doc
        >>> from kgraph.know.relations import load_cues
        >>> doc = Doc(Vocab(), words=["Reuters", "said", "X", "attacked", "Y"],
        ...           heads=[1, 1, 3, 1, 3], deps=["nsubj", "ROOT", "nsubj", "ccomp", "dobj"],
        ...           lemmas=["Reuters", "say", "X", "attack", "Y"])
        >>> reported_by(doc[3], cues=load_cues())
        'Reuters'
    """
    held = holder_verb(trigger, cues=cues)
    if held:  # "X accused Y of ...", "X's allegation that ..."
        subj = [c for c in held[0].children if c.dep_ == "nsubj"
                or (c.dep_ == "poss" and held[0].pos_ == "NOUN")]
        if subj:
            actors = resolve(subj[0], index) if index is not None else []
            return ", ".join(dict.fromkeys(m.actor.label for m in actors)) or _phrase(subj[0])
    tok = trigger
    for _ in range(12):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                to = [p for t in c.children for p in t.children if p.dep_ == "pobj"]
                if to:
                    return _phrase(to[0])
        head = tok.head
        sources = cues["source-verb"]
        verb = None
        if tok.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in sources:
            verb = head  # "X says (that) Y attacked Z"
        elif tok.dep_ == "ROOT":  # "Y attacked Z, X said"
            verb = next((c for c in tok.children if c.dep_ in ("parataxis", "ccomp")
                         and c.lemma_.lower() in sources and c.i > tok.i), None)
        if verb is not None:
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].pos_ != "PRON":
                return _phrase(subj[0])
        if head.i == tok.i:
            break
        tok = head
    return ""


def _phrase(tok: Token) -> str:
    """The noun phrase a token heads, without a leading article and trailing clauses."""
    words = [t for t in tok.subtree if t.i <= tok.i or t.dep_ in ("compound", "flat")]
    while len(words) > 1 and words[0].lower_ in ("the", "a", "an"):
        words = words[1:]
    return tok.doc[words[0].i: words[-1].i + 1].text
