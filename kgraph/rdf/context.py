"""The JSON-LD context of kgraph graphs: ``ontology/context.jsonld`` plus the relation terms.

The file holds the prefixes and the terms of the description, statement and provenance
properties; one IRI-valued term per relation and inverse relation of
``data/relations/relations.csv`` (``"alliedWith"``, ``"backs"``) is added when it is loaded,
so a relation added there has its term too.

Examples:
    >>> jsonld_context()["alliedWith"]
    {'@id': 'kg:alliedWith', '@type': '@id'}
"""

from __future__ import annotations

import functools
import json
from typing import Any

from kgraph._paths import data_path
from kgraph.rdf.namespace import relation_terms

__all__ = ["jsonld_context"]


@functools.cache
def _context_text() -> str:
    return data_path("ontology", "context.jsonld").read_text(encoding="utf-8")


def jsonld_context() -> dict[str, Any]:
    """Return kgraph's JSON-LD context (the object to put under ``@context``), a new dict.

    Raises:
        OSError: ``ontology/context.jsonld`` cannot be read.
    """
    context: dict[str, Any] = json.loads(_context_text())["@context"]
    for term in relation_terms():
        context[term] = {"@id": f"kg:{term}", "@type": "@id"}
    return context
