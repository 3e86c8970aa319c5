"""A readable account of what the extractor sees in a text: parse, actors, frames, assertions.

For every lexicon word that fired no frame, the report says why (the first condition of the
row that failed: a missing particle or object word, the voice, no actor as subject or object,
an actor of the wrong type); a sentence with no lexicon word or fewer than two actors says so.
A text or sentence silenced by a discard phrase (see :mod:`kgraph.extract.discards`) names the
phrase's row and where it came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from kgraph.extract.assertions import extract_doc, lexicon_index, reads_in_phrase
from kgraph.extract.coref import resolve_anaphors
from kgraph.extract.discards import find_discards
from kgraph.extract.frames import LexiconIndex, lexicon_pos, sentence_matches, why_not
from kgraph.extract.mentions import MentionIndex, find_mentions
from kgraph.extract.modality import classify
from kgraph.extract.pipeline import load_pipeline
from kgraph.know.actors import load_actors
from kgraph.know.relations import LEXICON_SOURCES, LexiconEntry, load_cues
from kgraph.model import Article

if TYPE_CHECKING:
    from spacy.tokens import Span

    from kgraph.know.actors import ActorFiles

__all__ = ["explain"]


def _row(e: LexiconEntry) -> str:
    """Where a lexicon row is and where it came from: ``lexicon.csv:12, hand``."""
    return f"{e.file}:{e.line}, {e.source}"


def _silent(sent: Span, fired: set[int], index: MentionIndex, lexicon: LexiconIndex,
            cues: Mapping[str, frozenset[str]]) -> list[str]:
    """Why the lexicon words of a sentence that fired no frame stayed silent."""
    out: list[str] = []
    for tok in sent:
        if tok.i in fired or tok.i in index.inside:
            continue
        pos = lexicon_pos(tok)
        rows = lexicon.get((tok.lemma_.lower(), pos), ())
        if pos == "adj":
            rows = rows + lexicon.get((tok.lemma_.lower(), "verb"), ())
        for e in rows:
            reason = why_not(tok, e, index=index, cues=cues)
            if reason:
                out.append(f"  no frame: [{tok.i}] {tok.text!r} {e.frame}:{e.lemma} -> "
                           f"{e.relation} ({_row(e)}): {reason}")
    mentions = {m.actor.id for i in range(sent.start, sent.end)
                for m in index.heads.get(i, ())}
    if not out and not fired:
        if len(mentions) < 2:
            out.append(f"  no frame in {sent.text.strip()[:40]!r}...: fewer than two actors")
        else:
            out.append(f"  no frame in {sent.text.strip()[:40]!r}...: no lexicon word "
                       "(see data/relations/lexicon*.csv)")
    return out


def explain(text: str, *, model: str | None = None, actors: ActorFiles | None = None,
            lexicon: tuple[str, ...] = tuple(LEXICON_SOURCES)) -> str:
    """Return the tokens (dependency, head, entity), the actors found, the frames that fired
    and the resulting assertions of a text, as a multi-line report.

    Args:
        text: one sentence or a whole article.
        model: the spaCy model name or path; the default English model when None.
        actors: the user's actor CSV files, which add to or override the packaged gazetteer
            (see :func:`kgraph.know.actors.load_actors`).
        lexicon: the lexicon sources to read with (``hand``, ``cameo``; both by default).

    Returns:
        The report; each frame names its lexicon row as ``file:line, source``.

    Raises:
        DataFileError: a row of an actor file is malformed.
        ModelError: the model cannot be loaded.
    """
    gaz = load_actors(extra=actors)
    doc = load_pipeline(model, gazetteer=gaz)(text)
    cues = load_cues()
    index = resolve_anaphors(doc, find_mentions(doc, gazetteer=gaz, cues=cues), cues=cues)
    header = f"  {'i':>3} {'text':<18}{'lemma':<14}{'pos':<6}{'dep':<10}{'head':>4}  ent"
    lines = ["tokens:", header]
    for t in doc:
        if t.is_space:
            continue
        ent = f"{t.ent_iob_}-{t.ent_type_}" + (f" [{t.ent_id_}]" if t.ent_id_ else "") \
            if t.ent_type_ else ""
        lines.append(f"  {t.i:>3} {t.text:<18}{t.lemma_:<14}{t.pos_:<6}{t.dep_:<10}"
                     f"{t.head.i:>4}  {ent}")
    lines.append("actors:")
    for head, ms in sorted(index.heads.items()):
        for mention in ms:
            alt = f" (else {', '.join(a.id for a in mention.alternatives)})" \
                if mention.alternatives else ""
            lines.append(f"  [{head}] {mention.text!r} -> {mention.actor.id} "
                         f"({mention.actor.type}, {mention.kind}){alt}")
    lines.append("frames:")
    rows = lexicon_index(lexicon)
    discarded = find_discards(doc)
    if discarded.article is not None:
        lines.append(f"  article discarded, no assertions: {discarded.article.where()}")
    for sent in doc.sents:
        if sent.start in discarded.sentences:
            lines.append(f"  sentence {sent.text.strip()[:40]!r}... discarded, no event "
                         f"relations: {discarded.sentences[sent.start].where()}")
        matches = sentence_matches(sent, index=index, lexicon=rows, cues=cues)
        for m in matches:
            polarity, modality = classify(doc[m.trigger], cues=cues, local=reads_in_phrase(m.rule))
            lines.append(f"  {m.rule:<22} [{m.trigger}] {m.subject.actor.id} {m.relation} "
                         f"{m.object.actor.id}  ({polarity}, {modality}; {_row(m.entry)})")
        lines.extend(_silent(sent, {m.trigger for m in matches}, index, rows, cues))
    lines.append("assertions:")
    article = Article(id="text", text=text)
    for a in extract_doc(doc, article, gazetteer=gaz, lexicon=lexicon):
        lines.append(f"  {a.subject.label} --{a.relation}--> {a.object.label}  "
                     f"[{a.polarity}, {a.modality}, {a.time or '-'}, {a.confidence}]")
    return "\n".join(lines)
