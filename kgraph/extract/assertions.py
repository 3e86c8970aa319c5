"""From parsed articles to :class:`~kgraph.model.Assertion` objects.

:func:`extract_doc` is pure over a parsed Doc: mentions (mentions.py), anaphors (coref.py),
frames sentence by sentence (frames.py), then polarity, modality, time and the source of
reported speech (modality.py) and a confidence: the lexicon row's base, plus 0.05 for a clause
("X attacked Y") or less 0.05 for a relation inferred inside a noun phrase ("X's attack on Y",
"X-backed Y"), less 0.15 for a hedge, 0.1 for a one-sided claim, 0.05 for an intention, 0.1 per
argument resolved from a pronoun or collective phrase, and 0.05 per argument not in the
gazetteer. Identical
(subject, relation, object, polarity) claims of one sentence are kept once (the first reading:
"pledged allegiance to" is one claim, not a verb's and a noun's), with an actual reading
preferred to an intended, hedged or reported one ("X vowed to attack Y and attacked it"). A claim
that is only threatened ("X threatened to attack Y", ``threat`` cues up the clause chain) of a
relation with a ``threatened`` relation in ``relations.csv`` (a fight, an attack, a sanction)
is recorded as that one (``threatens``). A backer that fights, in the same sentence, the enemy
of the one it backs is also recorded as its ally (``infer:co-belligerent``: the claims of an
``armed`` relation make enemies, one of a relation with a ``co_belligerent`` relation gives
that one). A claim of a ``contest`` relation won in a vote (``contest`` cues: "X defeated Y in
the election") is no conflict and gives nothing, unless a side is armed; nor is any event won,
lost or held in a game (``game`` cues: "X beat Y in the final", "X crushed Y by six wickets",
"X met Y in the final", "X hosted Y in a friendly match") or followed by a score ("X beat Y
2-1"). Relief (``relief`` cues) given to a people or its civilians backs no side and gives no
backing: "X sent aid to the people of Y", "X delivered food to the population of Y" (but "X
sent aid to the Houthis" backs them).

Discard phrases (:mod:`kgraph.extract.discards`: sports, games, entertainment) silence an
article that holds an article-scope one ("world cup"), and the event-layer relations of a
sentence that holds a sentence-scope one ("Brazil beat Argentina in the semi-final"), unless
an argument is armed ("X's militants attacked Y's soldiers during a football match"); the
standing relations of such a sentence (leader-of, member-of, ...) are kept.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from kgraph.extract.coref import resolve_anaphors
from kgraph.extract.discards import find_discards
from kgraph.extract.frames import LexiconIndex, Match, index_lexicon, sentence_matches
from kgraph.extract.mentions import find_mentions
from kgraph.extract.modality import classify, reported_by, sentence_time, threatened
from kgraph.extract.pipeline import load_pipeline
from kgraph.extract.split import MAX_PART_CHARS, char_batches, split_text
from kgraph.know.actors import gazetteer_with, load_actors
from kgraph.know.relations import LEXICON_SOURCES, load_cues, load_lexicon, load_relations
from kgraph.model import Article, Assertion, Evidence
from kgraph.read.articles import content_id

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from kgraph.know.actors import ActorFiles, Gazetteer

__all__ = ["extract_articles", "extract_doc", "extract_text", "lexicon_index", "reads_in_phrase"]

# a statement read from a clause ("X attacked Y") is surer than one inferred from a noun phrase
_FRAME_BONUS = {"verb": 0.05, "copula": 0.0, "appos": 0.0, "compound": -0.05, "noun": -0.05,
                "adj": -0.05, "pp": -0.05}
_SCORE = re.compile(r"\b\d{1,2}\s*-\s*\d{1,2}\b")  # a game's score: "2-1"
_MODALITY_COST = {"hedged": 0.15, "reported": 0.1, "disputed": 0.15, "intended": 0.05,
                  "past": 0.0}


@functools.cache
def lexicon_index(sources: tuple[str, ...] = tuple(LEXICON_SOURCES)) -> LexiconIndex:
    """The rows of the lexicon sources (:data:`~kgraph.know.relations.LEXICON_SOURCES`) by
    ``(lemma, pos)``, built once per choice of sources."""
    return index_lexicon(load_lexicon(sources=sources))


def _symmetric() -> frozenset[str]:
    return frozenset(r.name for r in load_relations().values() if r.symmetric)


def _contested() -> frozenset[str]:
    """The relations that a vote they are won in makes no claim ("defeated Y in the election")."""
    return frozenset(r.name for r in load_relations().values() if r.contest)


def _threatened() -> dict[str, str]:
    """The relations whose claim, when only threatened, reads as another (``threatens``)."""
    return {r.name: r.threatened for r in load_relations().values() if r.threatened}


@functools.cache
def _events() -> frozenset[str]:
    """The event-layer relations, which a discarded sentence does not yield."""
    return frozenset(r.name for r in load_relations().values() if r.layer == "event")


@functools.cache
def _support() -> frozenset[str]:
    """The relations of backing, which a people given aid does not receive."""
    return frozenset(r.name for r in load_relations().values() if r.family == "support")


def _relief(m: Match, doc: Doc, cues: Mapping[str, frozenset[str]]) -> bool:
    """Whether a match gives relief (a ``relief`` noun as the trigger or its object: "aid",
    "food", "medical supplies") to a people or its civilians -- "the people of Y", "the
    population of Y", "the Syrian people" -- which backs no side ("X sent aid to the people
    of Y", "X delivered food to the population of Y")."""
    trigger = doc[m.trigger]
    given = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass"))]
    if not any(t.lemma_.lower() in cues["relief"] for t in given):
        return False
    people = cues["people-noun"] | {"people"}
    last = doc[m.subject.end - 1]
    if last.pos_ == "NOUN" and last.lemma_.lower() in people:
        return True  # the words of "the Syrian people"
    noun = last.head.head if last.dep_ == "pobj" and last.head.lower_ == "of" else last.head
    return noun.i != last.i and noun.lemma_.lower() in people


def reads_in_phrase(rule: str) -> bool:
    """Whether a rule reads a relation inside a noun phrase (modality from the phrase alone)."""
    return rule.split(":", 1)[0] in ("appos", "compound", "adj")


def _armed(m: Match, doc: Doc, cues: Mapping[str, frozenset[str]]) -> bool:
    """Whether an argument of a match is an armed actor -- an armed group, or an actor named
    by an armed noun ("Somali soldiers") -- which no game or show has for a side."""
    return any(arg.actor.type == "ArmedGroup" or doc[arg.end - 1].lower_ in cues["armed-noun"]
               for arg in (m.subject, m.object))


def _contest(trigger: Token, words: frozenset[str]) -> bool:
    """Whether a trigger's prepositional phrase names a vote or a game (``contest`` or ``game``
    cues) it happens in: "X defeated Y in the election", "X beat Y in the presidential runoff",
    "X met Y in the final", "X crushed Y by six wickets"."""
    return any(o.dep_ == "pobj" and o.lemma_.lower() in words
               for p in trigger.children if p.dep_ == "prep" for o in p.children)


def _score(trigger: Token) -> bool:
    """Whether a game's score follows a trigger: "X beat Y 2-1"."""
    doc = trigger.doc
    return any(c.dep_ == "npadvmod" and c.like_num
               and _SCORE.search(doc[max(c.i - 2, 0):c.i + 3].text) for c in trigger.children)


def _confidence(m: Match, modality: str) -> float:
    c = m.entry.confidence + _FRAME_BONUS.get(m.rule.split(":", 1)[0], 0.0)
    c -= _MODALITY_COST.get(modality, 0.0)
    for arg in (m.subject, m.object):
        if arg.kind == "anaphor":
            c -= 0.1
        elif arg.actor.minted:
            c -= 0.05
    return round(min(1.0, max(0.05, c)), 3)


def _sentence_evidence(sent: Span, article_id: str, rule: str, m: Match, source: str
                       ) -> Evidence:
    raw = sent.text
    stripped = raw.strip()
    start = sent.start_char + (len(raw) - len(raw.lstrip()))
    return Evidence(article_id=article_id, sentence=" ".join(stripped.split()), start=start,
                    end=start + len(stripped), rule=rule, subject_text=m.subject.text,
                    object_text=m.object.text, reported_by=source)


def extract_doc(doc: Doc, article: Article, *, gazetteer: Gazetteer,
                lexicon: tuple[str, ...] = tuple(LEXICON_SOURCES)) -> list[Assertion]:
    """Return the assertions read in one parsed article.

    Args:
        doc: the article's text parsed by :func:`kgraph.extract.load_pipeline`'s pipeline
            (any Doc with a dependency parse and entities works).
        article: the article the Doc was parsed from (id and date).
        gazetteer: the actors known by name.
        lexicon: the lexicon sources to read with (``hand``, ``cameo``; both by default).

    Returns:
        Assertions in text order; negated ones are included (``polarity="negated"``); none
        when the Doc holds an article-scope discard phrase.
    """
    discarded = find_discards(doc)
    if discarded.article is not None:
        return []
    events = _events()
    cues = load_cues()
    symmetric = _symmetric()
    contested = _contested()
    threats = _threatened()
    support = _support()
    index = resolve_anaphors(doc, find_mentions(doc, gazetteer=gazetteer, cues=cues), cues=cues)
    out: list[Assertion] = []
    for sent in doc.sents:
        first = len(out)
        seen: dict[tuple[str, ...], int] = {}  # claim key -> its index in out
        quiet = sent.start in discarded.sentences  # a sports or entertainment sentence
        for m in sentence_matches(sent, index=index, lexicon=lexicon_index(lexicon), cues=cues):
            if quiet and m.relation in events and not _armed(m, doc, cues):
                continue
            trigger = doc[m.trigger]
            vote = m.relation in contested and _contest(trigger, cues["contest"])
            game = m.relation in events and (_contest(trigger, cues["game"]) or _score(trigger))
            if (vote or game) and not _armed(m, doc, cues):
                continue  # "X defeated Y in the election", "X met Y in the final"
            if m.relation in support and _relief(m, doc, cues):
                continue  # "X sent aid to the people of Y"
            polarity, modality = classify(trigger, cues=cues, local=reads_in_phrase(m.rule))
            if m.relation in threats and threatened(trigger, cues=cues):
                m = replace(m, relation=threats[m.relation])  # "X threatened to attack Y"
            a, b = m.subject.actor.id, m.object.actor.id
            pair = tuple(sorted((a, b))) if m.relation in symmetric else (a, b)
            # one claim per sentence, the first reading unless a later one is actual
            key = (*pair, m.relation, polarity)
            at = seen.get(key)
            if at is not None and (modality != "actual" or out[at].modality == "actual"):
                continue
            claim = Assertion(
                subject=m.subject.actor, relation=m.relation, object=m.object.actor,
                evidence=_sentence_evidence(sent, article.id, m.rule, m,
                                            reported_by(trigger, cues=cues, index=index)),
                polarity=polarity, modality=modality,
                time=sentence_time(sent, trigger, default=article.published),
                confidence=_confidence(m, modality))
            if at is None:
                seen[key] = len(out)
                out.append(claim)
            else:
                out[at] = claim
        out.extend(_co_belligerents(out[first:]))
    return out


def _co_belligerents(found: list[Assertion]) -> list[Assertion]:
    """Alliances of one sentence's backers that fight the enemy of whom they back ("X assisted Y
    to defeat Z": X backs Y, both fight Z, so X and Y are allies), rule ``infer:co-belligerent``.

    The claims of an ``armed`` relation make enemies (both ways for a symmetric one); a claim of
    a relation with a ``co_belligerent`` relation gives that one when its ends share an enemy."""
    relations = load_relations()
    enemies: dict[str, set[str]] = {}
    for a in found:
        rel = relations.get(a.relation)
        if a.polarity == "asserted" and rel is not None and rel.armed:
            enemies.setdefault(a.subject.id, set()).add(a.object.id)
            if rel.symmetric:
                enemies.setdefault(a.object.id, set()).add(a.subject.id)
    return [replace(a, relation=rel.co_belligerent, confidence=round(a.confidence - 0.1, 3),
                    evidence=replace(a.evidence, rule="infer:co-belligerent"))
            for a in found if a.polarity == "asserted"
            and (rel := relations.get(a.relation)) is not None and rel.co_belligerent
            and enemies.get(a.subject.id, set()) & enemies.get(a.object.id, set())]


def extract_articles(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    gazetteer: Gazetteer | None = None,
    batch_size: int = 32,
    lexicon: tuple[str, ...] = tuple(LEXICON_SOURCES),
) -> Iterator[tuple[Article, list[Assertion]]]:
    """Parse articles in batches and yield each with its assertions, streaming.

    An article longer than :data:`~kgraph.extract.split.MAX_PART_CHARS` (or the pipeline's
    ``max_length``) is parsed in parts cut at paragraph breaks, sentence ends or whitespace;
    the offsets of its assertions are still offsets in the whole text. A batch holds at most
    ``batch_size`` parts and :data:`~kgraph.extract.split.MAX_BATCH_CHARS` characters, so
    memory does not grow with the length of an article (see :mod:`kgraph.extract.split`).
    An article with an article-scope discard phrase in any of its parts yields no assertions.

    Args:
        articles: the articles (any iterable; consumed lazily).
        nlp: a pipeline from :func:`kgraph.extract.load_pipeline`; loaded when None.
        model: the spaCy model name or path when ``nlp`` is None.
        gazetteer: the actors known by name; the packaged gazetteer when None.
        batch_size: texts per ``nlp.pipe`` batch (16-64 is the sweet spot).
        lexicon: the lexicon sources to read with (``hand``, ``cameo``; both by default).

    Raises:
        ModelError: the model cannot be loaded.
    """
    gaz = gazetteer if gazetteer is not None else load_actors()
    pipe = nlp if nlp is not None else load_pipeline(model, gazetteer=gaz)
    limit = min(MAX_PART_CHARS, pipe.max_length)
    parts = ((article.text[start:end], (article, start, end == len(article.text)))
             for article in articles
             for start, end in split_text(article.text, limit=limit))
    found: list[Assertion] = []
    dropped = False  # an article-scope discard phrase in some part of the article
    for batch in char_batches(parts, size=batch_size):
        docs = pipe.pipe((text for text, _ in batch), batch_size=len(batch))
        for doc, (_, (article, start, last)) in zip(docs, batch, strict=True):
            found += _shifted(extract_doc(doc, article, gazetteer=gaz, lexicon=lexicon), start)
            if start or not last:  # one part of several: its phrase silences the others too
                dropped = dropped or find_discards(doc).article is not None
            if last:
                yield article, [] if dropped else found
                found, dropped = [], False


def _shifted(assertions: list[Assertion], offset: int) -> list[Assertion]:
    """Assertions read in a part of a text, with offsets in the whole text."""
    if not offset:
        return assertions
    return [replace(a, evidence=replace(a.evidence, start=a.evidence.start + offset,
                                        end=a.evidence.end + offset)) for a in assertions]


def extract_text(text: str, *, published: str = "", model: str | None = None,
                 actors: ActorFiles | None = None,
                 lexicon: tuple[str, ...] = tuple(LEXICON_SOURCES)) -> list[Assertion]:
    """Return the assertions read in one text (an article of id ``text``).

    Args:
        text: the article text.
        published: the article's ISO date, used when a sentence gives no time.
        model: the spaCy model name or path; the default English model when None.
        actors: the user's actor CSV files (one path or several), which add to or override
            the packaged gazetteer (see :func:`kgraph.know.actors.load_actors`).
        lexicon: the lexicon sources to read with (``hand``, ``cameo``; both by default).

    Raises:
        DataFileError: a row of an actor file is malformed.
        ModelError: the model cannot be loaded.
    """
    article = Article(id=content_id(text) if text.strip() else "text", text=text,
                      published=published)
    return [a for _, found in extract_articles([article], model=model,
                                               gazetteer=gazetteer_with(actors), lexicon=lexicon)
            for a in found]

