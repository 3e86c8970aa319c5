"""Relation extraction: the only spaCy-dependent part of kgraph.

Importing this package loads neither spaCy nor a model; the functions below do, on first use.

* :func:`load_pipeline` -- the spaCy model plus the gazetteer's actor ruler (cached);
* :func:`extract_doc` -- assertions of one parsed article (pure over the Doc);
* :func:`extract_articles` -- stream articles through ``nlp.pipe`` and yield their assertions;
* :func:`extract_text` -- assertions of one text;
* :func:`explain` -- what the extractor sees in a text, for debugging rules and lexicon rows.

Modules: pipeline (spaCy loading), mentions (actors in a Doc), coref (pronouns and "the two
groups"), frames (lexicon-driven relation frames), modality (polarity, modality, time),
assertions (putting it together), explain.
"""

from __future__ import annotations

from kgraph.extract.assertions import extract_articles, extract_doc, extract_text
from kgraph.extract.explain import explain
from kgraph.extract.pipeline import default_model, load_pipeline

__all__ = [
    "default_model",
    "explain",
    "extract_articles",
    "extract_doc",
    "extract_text",
    "load_pipeline",
]
