"""The RDF namespaces of kgraph and the IRIs it mints.

``KG`` holds the ontology terms (``ontology/kgraph.ttl``) and fails on a typo; ``KGR`` holds the
data: actors, articles, statements, mentions, extraction activities and named graphs, all with
deterministic IRIs so that building the same input twice gives the same graph.

Examples:
    >>> str(actor_iri("al-qaeda"))
    'https://kgraph.dev/id/actor/al-qaeda'
    >>> relation_property("allied-with") == KG.alliedWith
    True
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Mapping
from urllib.parse import quote, unquote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace, DefinedNamespaceMeta

from kgraph.know.relations import camel, canonical, load_relations
from kgraph.model import Assertion, Evidence

__all__ = [
    "ACTORS_GRAPH",
    "KG",
    "KGR",
    "ORG",
    "SCHEMA",
    "WD",
    "WDT",
    "actor_id_of",
    "actor_iri",
    "article_graph_iri",
    "article_iri",
    "extraction_iri",
    "mention_iri",
    "pipeline_iri",
    "relation_name",
    "relation_property",
    "relation_terms",
    "software_iri",
    "statement_iri",
]


class _OntologyMeta(DefinedNamespaceMeta):
    """The metaclass of :class:`KG`: its terms are those declared on the class plus one relation
    property per name and inverse name of ``data/relations/relations.csv``, read on first use."""

    def __contains__(cls, item: str) -> bool:
        term = str(item).removeprefix(str(cls._NS))
        return super().__contains__(item) or term in relation_terms()

    def __dir__(cls) -> Iterable[str]:
        return {*super().__dir__(), *(cls._NS[term] for term in relation_terms())}


class KG(DefinedNamespace, metaclass=_OntologyMeta):
    """The kgraph ontology, ``https://kgraph.dev/ontology#``; kept equal to ontology/kgraph.ttl.

    The relation properties (``KG.alliedWith``, ``KG.backs``) come from relations.csv, so a
    relation added there is a term here too; a name that is neither a declared term nor a
    relation raises AttributeError.
    """

    _NS = Namespace("https://kgraph.dev/ontology#")
    _fail = True

    # actor classes
    Actor: URIRef
    State: URIRef
    ArmedGroup: URIRef
    PoliticalParty: URIRef
    InternationalOrganization: URIRef
    Organization: URIRef
    Person: URIRef
    DescriptorGroup: URIRef
    # actor descriptions
    actorId: URIRef
    minted: URIRef
    country: URIRef
    # statements and their qualifiers
    Statement: URIRef
    Polarity: URIRef
    Modality: URIRef
    asserted: URIRef
    negated: URIRef
    actual: URIRef
    past: URIRef
    intended: URIRef
    hedged: URIRef
    reported: URIRef
    disputed: URIRef
    polarity: URIRef
    modality: URIRef
    time: URIRef
    confidence: URIRef
    rule: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    subjectText: URIRef
    objectText: URIRef
    reportedBy: URIRef
    # provenance: where a statement was read, and by what
    Mention: URIRef
    contentId: URIRef
    readFrom: URIRef
    Extraction: URIRef
    Pipeline: URIRef
    # relation annotations
    family: URIRef
    layer: URIRef
    cameoCode: URIRef
    ploverCategory: URIRef
    # the relation hierarchy: top, families, relations
    interactsWith: URIRef
    alliance: URIRef
    diplomacy: URIRef
    conflict: URIRef
    hostility: URIRef
    support: URIRef
    membership: URIRef
    split: URIRef
    leadership: URIRef
    # the relations: one term per name and inverse name of relations.csv (relation_terms)


KGR = Namespace("https://kgraph.dev/id/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

ACTORS_GRAPH = URIRef(KGR["graph/actors"])
_ACTOR_PREFIX = str(KGR["actor/"])


def _segment(value: str) -> str:
    # Slugs and content hashes pass unchanged; anything else is percent-encoded, never dropped.
    return quote(value, safe="-._~")


def actor_iri(actor_id: str) -> URIRef:
    """Return the IRI of an actor: ``kgr:actor/<id>``.

    Examples:
        >>> actor_iri("isis").n3()
        '<https://kgraph.dev/id/actor/isis>'
    """
    return URIRef(_ACTOR_PREFIX + _segment(actor_id))


def actor_id_of(iri: str) -> str | None:
    """Return the actor id in an actor IRI, or None when ``iri`` is not one.

    Examples:
        >>> actor_id_of("https://kgraph.dev/id/actor/al-qaeda")
        'al-qaeda'
        >>> actor_id_of("https://example.org/x") is None
        True
    """
    if not iri.startswith(_ACTOR_PREFIX):
        return None
    return unquote(iri[len(_ACTOR_PREFIX):])


def article_iri(article_id: str) -> URIRef:
    """Return the IRI of an article: ``kgr:article/<id>``.

    Examples:
        >>> str(article_iri("3f2a"))
        'https://kgraph.dev/id/article/3f2a'
    """
    return URIRef(KGR["article/" + _segment(article_id)])


def article_graph_iri(article_id: str) -> URIRef:
    """Return the IRI of the named graph that holds an article's statements.

    Examples:
        >>> str(article_graph_iri("3f2a"))
        'https://kgraph.dev/id/graph/article/3f2a'
    """
    return URIRef(KGR["graph/article/" + _segment(article_id)])


def statement_iri(article_id: str, assertion: Assertion) -> URIRef:
    """Return the deterministic IRI of the statement node of ``assertion`` read in an article.

    The IRI hashes the article id, subject, relation, object, evidence offsets, rule, polarity and
    modality; ``backs`` is hashed as ``backed-by`` with the actors swapped, so both spellings of
    one claim get one IRI.

    Raises:
        KeyError: the assertion's relation is not in the vocabulary.

    Examples:
        >>> from kgraph.model import Actor, Assertion, Evidence
        >>> a, b = Actor("a", "A", "State"), Actor("b", "B", "State")
        >>> ev = Evidence("doc", "B backs A.", 0, 10, "r1")
        >>> statement_iri("doc", Assertion(a, "backed-by", b, ev)) == statement_iri(
        ...     "doc", Assertion(b, "backs", a, ev))
        True
    """
    relation, swapped = canonical(assertion.relation)
    subject, obj = assertion.subject.id, assertion.object.id
    if swapped:
        subject, obj = obj, subject
    ev = assertion.evidence
    parts = (article_id, subject, relation, obj, str(ev.start), str(ev.end), ev.rule,
             assertion.polarity, assertion.modality)
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return URIRef(KGR["statement/" + digest])


def mention_iri(article_id: str, evidence: Evidence) -> URIRef:
    """Return the IRI of the mention node of ``evidence``: the sentence span and rule.

    Statements read by one rule in one sentence share the mention.

    Examples:
        >>> from kgraph.model import Evidence
        >>> ev = Evidence("doc", "B backs A.", 0, 10, "r1")
        >>> mention_iri("doc", ev) == mention_iri("doc", ev)
        True
        >>> str(mention_iri("doc", ev)).startswith("https://kgraph.dev/id/mention/")
        True
    """
    parts = (article_id, str(evidence.start), str(evidence.end), evidence.rule)
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return URIRef(KGR["mention/" + digest])


def software_iri(version: str) -> URIRef:
    """Return the IRI of a kgraph release, the software agent of extractions.

    Examples:
        >>> str(software_iri("0.1.0"))
        'https://kgraph.dev/id/software/kgraph-0.1.0'
    """
    return URIRef(KGR["software/kgraph-" + _segment(version)])


def pipeline_iri(model: str) -> URIRef:
    """Return the IRI of a spaCy pipeline named with its version (``en_core_web_sm-3.8.0``).

    Examples:
        >>> str(pipeline_iri("en_core_web_sm-3.8.0"))
        'https://kgraph.dev/id/pipeline/en_core_web_sm-3.8.0'
    """
    return URIRef(KGR["pipeline/" + _segment(model)])


def extraction_iri(version: str, model: str = "") -> URIRef:
    """Return the IRI of the extraction activity of a kgraph version with a spaCy pipeline.

    The IRI depends on the two names only (no time stamp), so rebuilding the same articles with
    the same software gives the same graph.

    Examples:
        >>> str(extraction_iri("0.1.0", "en_core_web_sm-3.8.0"))
        'https://kgraph.dev/id/extraction/kgraph-0.1.0/en_core_web_sm-3.8.0'
        >>> str(extraction_iri("0.1.0"))
        'https://kgraph.dev/id/extraction/kgraph-0.1.0'
    """
    tail = "/" + _segment(model) if model else ""
    return URIRef(KGR["extraction/kgraph-" + _segment(version) + tail])


@functools.lru_cache(maxsize=256)
def relation_property(name: str) -> URIRef:
    """Return the RDF property of a kebab-case relation name (``backs`` gives ``kg:backs``).

    Raises:
        KeyError: unknown relation; the message lists the valid names.

    Examples:
        >>> relation_property("backs") == KG.backs
        True
    """
    canonical(name)  # raises KeyError listing the valid names
    return URIRef(KG._NS[camel(name)])


def relation_name(prop: str) -> str | None:
    """Return the kebab-case relation name of a relation property, or None for other IRIs.

    Examples:
        >>> relation_name(KG.pledgesAllegianceTo)
        'pledges-allegiance-to'
        >>> relation_name(KG.backs)
        'backs'
        >>> relation_name(KG.Actor) is None
        True
    """
    return _property_names().get(str(prop))


@functools.cache
def relation_terms() -> Mapping[str, str]:
    """Return the local names of the relation properties of relations.csv, each followed by
    its inverse's, with their relation names.

    Examples:
        >>> relation_terms()["backs"], relation_terms()["alliedWith"]
        ('backs', 'allied-with')
    """
    terms: dict[str, str] = {}
    for rel in load_relations().values():
        terms[rel.rdf_name] = rel.name
        if rel.inverse:
            terms[camel(rel.inverse)] = rel.inverse
    return terms


@functools.cache
def _property_names() -> dict[str, str]:
    return {str(KG._NS[term]): name for term, name in relation_terms().items()}
