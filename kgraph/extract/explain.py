"""A readable account of what the extractor sees in a text: parse, actors, frames, assertions."""

from __future__ import annotations

from kgraph.extract.assertions import _lexicon, _local, extract_doc
from kgraph.extract.coref import resolve_anaphors
from kgraph.extract.frames import sentence_matches
from kgraph.extract.mentions import find_mentions
from kgraph.extract.modality import classify
from kgraph.model import Article
from kgraph.relations import load_cues

__all__ = ["explain"]


def explain(text: str, *, model: str | None = None) -> str:
    """Return the tokens (dependency, head, entity), the actors found, the frames that fired
    and the resulting assertions of a text, as a multi-line report.

    Args:
        text: one sentence or a whole article.
        model: the spaCy model name or path; the default English model when None.

    Raises:
        ModelError: the model cannot be loaded.
    """
    from kgraph.actors import load_actors
    from kgraph.extract.pipeline import load_pipeline

    gaz = load_actors()
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
    for sent in doc.sents:
        for m in sentence_matches(sent, index=index, lexicon=_lexicon(), cues=cues):
            polarity, modality = classify(doc[m.trigger], cues=cues, local=_local(m.rule))
            lines.append(f"  {m.rule:<22} [{m.trigger}] {m.subject.actor.id} {m.relation} "
                         f"{m.object.actor.id}  ({polarity}, {modality}; lexicon line "
                         f"{m.entry.line})")
    lines.append("assertions:")
    article = Article(id="text", text=text)
    for a in extract_doc(doc, article, gazetteer=gaz):
        lines.append(f"  {a.subject.label} --{a.relation}--> {a.object.label}  "
                     f"[{a.polarity}, {a.modality}, {a.time or '-'}, {a.confidence}]")
    return "\n".join(lines)
