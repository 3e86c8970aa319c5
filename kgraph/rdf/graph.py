"""Assertions -> an rdflib Dataset, the source of truth of kgraph; loading and saving it.

Layout of the dataset (ontology/README.md has the full model):

- one named graph per article, ``kgr:graph/article/<id>``: the article node
  (``schema:NewsArticle``), one ``kg:Statement`` node per assertion (``rdf:subject``,
  ``rdf:predicate``, ``rdf:object``, qualifiers, ``prov:wasDerivedFrom`` the article and a
  ``kg:Mention`` node with the sentence, offsets and rule, ``prov:wasGeneratedBy`` a
  ``kg:Extraction`` naming the kgraph version and the spaCy pipeline), and the direct "truthy"
  triple ``actor kg:relation actor`` of each statement that :func:`is_truthy`;
- the actors graph ``kgr:graph/actors``: one description per actor (types, labels, Wikidata id).

Every IRI is deterministic (:mod:`kgraph.rdf.namespace`) and no blank node is ever written, so the
same input gives an isomorphic dataset, and re-reading an article replaces its named graph only.

Examples:
    >>> from kgraph.model import Actor, Article, Assertion, Evidence
    >>> isis = Actor("isis", "ISIS", "ArmedGroup")
    >>> nusra = Actor("al-nusra-front", "al-Nusra Front", "ArmedGroup")
    >>> ev = Evidence("a1", "ISIS and al-Nusra are allies.", 0, 29, "demo")
    >>> ds = build_graph([(Article("a1", "ISIS and al-Nusra are allies."),
    ...                    [Assertion(isis, "allied-with", nusra, ev, confidence=0.9)])])
    >>> [(r["subject_id"], r["relation"], r["object_id"]) for r in statements(ds)]
    [('isis', 'allied-with', 'al-nusra-front')]
    >>> len(truthy_graph(ds))  # the truthy triple and four triples describing each actor
    9
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import warnings
import weakref
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO, cast, get_args
from xml.sax import SAXException

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.exceptions import ParserError
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.store import Store
from rdflib.term import Node

from kgraph._io import atomic_writer
from kgraph._version import __version__
from kgraph.errors import GraphError
from kgraph.know.relations import canonical, load_relations
from kgraph.model import ACTOR_TYPES, Actor, Article, Assertion, Evidence, Modality, Polarity
from kgraph.rdf.formats import PREFIXES, format_named, format_of
from kgraph.rdf.namespace import (
    ACTORS_GRAPH,
    KG,
    KGR,
    SCHEMA,
    WD,
    actor_id_of,
    actor_iri,
    article_graph_iri,
    article_iri,
    extraction_iri,
    mention_iri,
    pipeline_iri,
    relation_name,
    relation_property,
    software_iri,
    statement_iri,
)

__all__ = [
    "TRUTHY_MIN_CONFIDENCE",
    "StatementRecord",
    "actors_in",
    "add_article",
    "build_graph",
    "infer",
    "is_truthy",
    "load_graph",
    "new_dataset",
    "remove_article",
    "replaces_description",
    "save_graph",
    "statement_records",
    "statements",
    "truthy_graph",
    "truthy_triples",
    "union_view",
    "write_rdf",
]

TRUTHY_MIN_CONFIDENCE = 0.5
"""The least confidence at which an asserted, actual statement also yields its truthy triple."""

_POLARITIES: dict[str, URIRef] = {p: KG[p] for p in get_args(Polarity)}
_MODALITIES: dict[str, URIRef] = {m: KG[m] for m in get_args(Modality)}
_WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
_YEAR = re.compile(r"[0-9]{4}")
_YEAR_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")

_Triple = tuple[Node, Node, Node]
_TRUE = Literal(True)

# Terms of every statement, looked up once: reading a term off a namespace costs microseconds
# and a build writes about a hundred triples per article.
_STATEMENT_TYPE = (RDF.type, KG.Statement)
_MENTION_TYPE = (RDF.type, KG.Mention)
_SUBJECT, _PREDICATE, _OBJECT = RDF.subject, RDF.predicate, RDF.object
_POLARITY, _MODALITY, _CONFIDENCE, _TIME = KG.polarity, KG.modality, KG.confidence, KG.time
_SUBJECT_TEXT, _OBJECT_TEXT = KG.subjectText, KG.objectText
_REPORTED_BY = KG.reportedBy
_START, _END, _SENTENCE, _RULE = KG.startOffset, KG.endOffset, KG.sentence, KG.rule
_DERIVED, _QUOTED, _GENERATED = PROV.wasDerivedFrom, PROV.wasQuotedFrom, PROV.wasGeneratedBy


def is_truthy(polarity: str, modality: str, confidence: float) -> bool:
    """Return whether a statement also yields its direct ("truthy") triple.

    Only asserted, actual claims at :data:`TRUTHY_MIN_CONFIDENCE` or above do; negated, past,
    intended, hedged, reported and disputed claims stay statements.

    Examples:
        >>> is_truthy("asserted", "actual", 0.8), is_truthy("asserted", "hedged", 0.8)
        (True, False)
    """
    return polarity == "asserted" and modality == "actual" and confidence >= TRUTHY_MIN_CONFIDENCE


def replaces_description(old: Set[_Triple], new: Set[_Triple]) -> bool:
    """Return whether an actor's new description replaces its stored one (``old``, empty when
    there is none): when they differ, unless the new one is minted and the stored one is not.

    A minted actor (read in an article, not found in the gazetteer) never replaces a gazetteer
    actor of the same id. Every backend applies this rule.

    Examples:
        >>> node = actor_iri("isis")
        >>> gazetteer = {(node, SKOS.prefLabel, Literal("ISIS"))}
        >>> minted = {(node, SKOS.prefLabel, Literal("Isis")), (node, KG.minted, Literal(True))}
        >>> replaces_description(gazetteer, minted), replaces_description(minted, gazetteer)
        (False, True)
        >>> replaces_description(set(), minted), replaces_description(minted, minted)
        (True, False)
    """
    if old == new:
        return False
    return not (old and _is_minted(new) and not _is_minted(old))


def _is_minted(description: Set[_Triple]) -> bool:
    return any(p == KG.minted and o == _TRUE for _, p, o in description)


def new_dataset() -> Dataset:
    """Return an empty kgraph dataset: SPARQL and iteration see the union of its named graphs.

    Examples:
        >>> ds = new_dataset()
        >>> ds.default_union, dict(ds.namespaces())["kg"]
        (True, rdflib.term.URIRef('https://kgraph.dev/ontology#'))
    """
    ds = Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        ds.bind(prefix, namespace, override=True, replace=True)
    return ds


def add_article(
    ds: Dataset,
    article: Article,
    assertions: Iterable[Assertion],
    *,
    actors: Iterable[Actor] = (),
    model: str = "",
) -> None:
    """Put an article and its assertions into ``ds``, replacing what an earlier read left.

    The article's named graph is rebuilt from scratch, so adding an article twice is a no-op and
    adding a new one changes only its named graph and the actors graph. Two assertions with the
    same statement IRI (:func:`kgraph.rdf.namespace.statement_iri`) are one statement: the first
    wins.

    In the actors graph, a description replaces the actor's earlier one, except that a minted
    actor never replaces a gazetteer actor.

    Args:
        ds: the dataset to change (from :func:`new_dataset` or :func:`load_graph`).
        article: the article; its text is not stored.
        assertions: the assertions read in it; ``backs`` is stored as ``backed-by``.
        actors: more actors to describe (e.g. actors mentioned without a relation).
        model: the spaCy pipeline the assertions were read with, as ``name-version``
            (``en_core_web_sm-3.8.0``); the statements' extraction activity names it together
            with the kgraph version. "" when unknown.

    Raises:
        GraphError: an assertion is inconsistent (another article's evidence, an unknown
            relation, polarity, modality or actor type, a confidence outside 0..1); every
            problem is listed and nothing is changed.
    """
    items = list(assertions)
    problems = _problems(article, items)
    described: dict[str, Actor] = {}
    for actor in [*(x for a in items for x in (a.subject, a.object)), *actors]:
        problems.extend(_actor_problems(actor))
        previous = described.get(actor.id)
        if previous is None or previous.minted or not actor.minted:
            described[actor.id] = actor
    if problems:
        unique = list(dict.fromkeys(problems))
        raise GraphError(f"article {article.id}: {len(unique)} problem(s)\n"
                         + "\n".join(f"  {p}" for p in unique))

    graph_iri = article_graph_iri(article.id)
    ds.remove_graph(graph_iri)
    graph = ds.graph(graph_iri)
    triples = _article_triples(article)
    activity = extraction_iri(__version__, model)
    seen: set[URIRef] = set()
    for assertion in items:
        node = statement_iri(article.id, assertion)
        if node not in seen:
            seen.add(node)
            triples.extend(_statement_triples(node, article, assertion, activity))
    if seen:
        triples.extend(_extraction_triples(activity, model))
    # straight to the store: Graph.addN would check again each term built above
    ds.store.addN((s, p, o, graph) for s, p, o in triples)

    actors_graph = ds.graph(ACTORS_GRAPH)
    for actor in described.values():
        _describe(actors_graph, actor)


def remove_article(ds: Dataset, article_id: str) -> bool:
    """Remove an article's named graph; return whether it was there.

    Actor descriptions stay: other articles may name the same actors.

    Examples:
        >>> ds = new_dataset()
        >>> add_article(ds, Article("a1", "Nothing happened."), [])
        >>> remove_article(ds, "a1"), remove_article(ds, "a1")
        (True, False)
    """
    graph = ds.graph(article_graph_iri(article_id))
    present = len(graph) > 0
    ds.remove_graph(graph)
    return present


def build_graph(
    items: Iterable[tuple[Article, list[Assertion]]],
    *,
    into: Dataset | None = None,
    actors: Iterable[Actor] = (),
    model: str = "",
) -> Dataset:
    """Return a dataset holding every ``(article, assertions)`` pair, added in order.

    Args:
        items: articles with the assertions read in each.
        into: a dataset to add to (it is changed and returned); a new one when None.
        actors: more actors to describe in the actors graph.
        model: the spaCy pipeline the assertions were read with (see :func:`add_article`).

    Raises:
        GraphError: an assertion is inconsistent (see :func:`add_article`).
    """
    ds = new_dataset() if into is None else into
    for article, assertions in items:
        add_article(ds, article, assertions, model=model)
    extra = list(actors)
    if extra:
        actors_graph = ds.graph(ACTORS_GRAPH)
        problems = [p for actor in extra for p in _actor_problems(actor)]
        if problems:
            raise GraphError("\n".join(problems))
        for actor in extra:
            _describe(actors_graph, actor)
    return ds


def truthy_graph(graph: Graph) -> Graph:
    """Return the actor descriptions and the truthy actor-to-actor triples of ``graph``.

    This is what ``graph.ttl`` holds: no statements, no articles.

    Examples:
        >>> len(truthy_graph(new_dataset()))
        0
    """
    source = union_view(graph)
    actors = set(source.subjects(RDF.type, KG.Actor))
    out = Graph()
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace, override=True, replace=True)
    for s, p, o in source.triples((None, None, None)):
        if s in actors or (relation_name(str(p)) is not None and isinstance(o, URIRef)
                           and actor_id_of(str(o)) is not None):
            out.add((s, p, o))
    return out


def truthy_triples(graph: Graph) -> Iterator[tuple[str, str, str]]:
    """Yield ``(subject_id, relation, object_id)`` for each truthy actor-to-actor triple.

    A ``kg:backs`` triple (from other tools) comes back as ``backed-by`` with the actors swapped.

    Examples:
        >>> list(truthy_triples(new_dataset()))
        []
    """
    source = union_view(graph)
    names = {relation_property(name): name for name in load_relations()}
    names.update({relation_property(r.inverse): r.inverse for r in load_relations().values()
                  if r.inverse})
    for prop, name in names.items():
        relation, swapped = canonical(name)
        for s, o in source.subject_objects(prop):
            subject_id, object_id = actor_id_of(str(s)), actor_id_of(str(o))
            if subject_id is None or object_id is None:
                continue
            if swapped:
                subject_id, object_id = object_id, subject_id
            yield subject_id, relation, object_id


def infer(graph: Graph) -> int:
    """Materialise the symmetric and inverse relations of the truthy triples, in place.

    Plain SPARQL then sees both directions: ``b kg:fights a`` next to ``a kg:fights b``, and
    ``iran kg:backs hezbollah`` next to ``hezbollah kg:backedBy iran`` (and the other way round
    for ``kg:backs`` triples from other tools). Each new triple goes into the named graph of the
    triple it comes from, so re-reading an article still replaces everything it gave. Statements
    are not changed. Inferring twice adds nothing the second time.

    Args:
        graph: the dataset or graph to complete; it is the target and is changed.

    Returns:
        The number of triples added (counted once per named graph).

    Examples:
        >>> from kgraph.model import Actor, Article, Assertion, Evidence
        >>> iran = Actor("iran", "Iran", "State")
        >>> hez = Actor("hezbollah", "Hezbollah", "ArmedGroup")
        >>> ev = Evidence("a1", "Iran backs Hezbollah.", 0, 21, "demo")
        >>> ds = build_graph([(Article("a1", ev.sentence),
        ...                    [Assertion(iran, "backs", hez, ev, confidence=0.8)])])
        >>> infer(ds), infer(ds)
        (1, 0)
        >>> (actor_iri("iran"), KG.backs, actor_iri("hezbollah")) in ds
        True
    """
    twins: dict[URIRef, URIRef] = {}
    for rel in load_relations().values():
        prop = relation_property(rel.name)
        if rel.symmetric:
            twins[prop] = prop
        if rel.inverse:
            inverse = relation_property(rel.inverse)
            twins[prop], twins[inverse] = inverse, prop
    graphs = list(graph.graphs()) if isinstance(graph, Dataset) else [graph]
    added = 0
    for g in graphs:
        new = {(o, twin, s) for prop, twin in twins.items() for s, o in g.subject_objects(prop)
               if actor_id_of(str(s)) is not None and actor_id_of(str(o)) is not None}
        new = {t for t in new if t not in g}
        for triple in sorted(new):
            g.add(triple)
        added += len(new)
    return added


def save_graph(ds: Graph, path: str | Path, *, format: str | None = None,
               full: bool = False) -> Path:
    """Write a graph to ``path`` atomically (a temporary file in the same folder, then renamed).

    The format follows the suffix (see :data:`kgraph.rdf.formats.RDF_FORMATS`) unless ``format``
    names one. Quad formats (.trig, .nq, .jsonld) keep every named graph. Triple formats (.ttl,
    .nt) hold the :func:`truthy_graph` (actor descriptions and truthy triples), or with
    ``full=True`` the union of all graphs, statements included (see :func:`write_rdf`).

    Args:
        ds: the dataset (or graph) to write.
        path: the file to write; its folder is created if missing.
        format: a format name (turtle, trig, nt, nquads, jsonld), overriding the suffix.
        full: for triple formats, write every triple rather than the truthy graph.

    Returns:
        The path written.

    Raises:
        GraphError: the format is unknown.
    """
    target = Path(path)
    if format == "json-ld":  # rdflib's name for it, taken before the format table
        warnings.warn('save_graph(format="json-ld") is deprecated: use "jsonld"',
                      DeprecationWarning, stacklevel=2)
        format = "jsonld"
    fmt = format_named(format) if format else format_of(target)
    with atomic_writer(target) as f:
        write_rdf(ds, f, format=fmt.name, truthy=not (full or fmt.quads))
    return target


def write_rdf(graph: Graph, out: BinaryIO, *, format: str, truthy: bool = False) -> None:
    """Write ``graph`` to a binary stream in an RDF format, with the format's writer (see
    :data:`kgraph.rdf.formats.RDF_FORMATS`); ``graph`` is not changed.

    Quad formats keep the named graphs of a dataset (a graph's triples go into the default
    graph); triple formats hold the union of all graphs.

    Args:
        graph: a kgraph dataset or graph.
        out: the stream to write to.
        format: a name of :data:`kgraph.rdf.formats.RDF_FORMATS`.
        truthy: hold only the actor descriptions and truthy triples (:func:`truthy_graph`),
            with no named graphs.

    Raises:
        GraphError: the format is unknown.

    Examples:
        >>> import io
        >>> buffer = io.BytesIO()
        >>> write_rdf(new_dataset(), buffer, format="nquads")
        >>> buffer.getvalue()
        b''
    """
    fmt = format_named(format)
    data: Graph
    if truthy:
        data = truthy_graph(graph)
    elif fmt.quads and isinstance(graph, Dataset):
        data = graph
    else:
        data = Graph()
        for prefix, namespace in graph.namespaces():
            data.bind(prefix, namespace, override=True, replace=True)
        data += union_view(graph).triples((None, None, None))
    if fmt.quads and not isinstance(data, Dataset):
        # quad writers take a dataset: the triples go into its default graph
        triples, data = data, Dataset()
        for prefix, namespace in triples.namespaces():
            data.bind(prefix, namespace, override=True, replace=True)
        default = data.graph(DATASET_DEFAULT_GRAPH_ID)
        default.addN((s, p, o, default) for s, p, o in triples)
    fmt.write(data, out)


def load_graph(path: str | Path) -> Dataset:
    """Read a graph file into a new dataset (see :func:`new_dataset`).

    ``.trig``, ``.nq`` and ``.jsonld`` keep their named graphs; ``.ttl`` and ``.nt`` go into the
    default graph. Queries and projections see the union either way.

    Raises:
        GraphError: the file is missing, has an unknown suffix, or cannot be parsed.
    """
    source = Path(path)
    fmt = format_of(source)
    if not source.is_file():
        raise GraphError(f"{source}: no such graph file")
    ds = new_dataset()
    try:
        if fmt.quads:
            ds.parse(source, format=fmt.media_type)
        else:
            ds.graph(DATASET_DEFAULT_GRAPH_ID).parse(source, format=fmt.media_type)
    except (SyntaxError, ParserError, SAXException, ValueError, TypeError, KeyError) as e:
        # rdflib's parsers raise all of these (UnicodeDecodeError and JSONDecodeError are
        # ValueErrors); the first line of the message is the useful one.
        reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise GraphError(f"{source}: not a valid {fmt.name} file: {reason}") from e
    return ds


# ---------------------------------------------------------------- reading statements back


@dataclass(frozen=True, slots=True)
class StatementRecord:
    """A statement read back from a graph: its IRI, the assertion, and the article it cites.

    ``article.text`` is empty: the graph does not keep article text.
    """

    iri: str
    assertion: Assertion
    article: Article

    @property
    def truthy(self) -> bool:
        """Whether the statement yields its direct triple (see :func:`is_truthy`)."""
        a = self.assertion
        return is_truthy(a.polarity, a.modality, a.confidence)


def actors_in(graph: Graph) -> dict[str, Actor]:
    """Return the actors described in ``graph``, by id.

    Examples:
        >>> actors_in(new_dataset())
        {}
    """
    source = union_view(graph)
    out: dict[str, Actor] = {}
    for node in sorted(set(source.subjects(RDF.type, KG.Actor)), key=str):
        ids = sorted(str(x) for x in source.objects(node, KG.actorId))
        actor_id = ids[0] if ids else actor_id_of(str(node))
        if actor_id is None:
            continue
        labels = sorted(str(x) for x in source.objects(node, SKOS.prefLabel))
        types = sorted(str(t)[len(str(KG._NS)):] for t in source.objects(node, RDF.type)
                       if str(t)[len(str(KG._NS)):] in ACTOR_TYPES)
        sames = sorted(str(x) for x in source.objects(node, OWL.sameAs) if str(x).startswith(WD))
        countries = sorted(str(x) for x in source.objects(node, KG.country))
        label = labels[0] if labels else actor_id
        out[actor_id] = Actor(
            id=actor_id,
            label=label,
            type=types[0] if types else "",
            aliases=tuple(sorted({str(x) for x in source.objects(node, SKOS.altLabel)} - {label})),
            wikidata=sames[0][len(str(WD)):] if sames else "",
            country=countries[0] if countries else "",
            minted=any(x == Literal(True) for x in source.objects(node, KG.minted)),
        )
    return out


def statement_records(graph: Graph) -> list[StatementRecord]:
    """Return every statement of ``graph``, in article, offset and IRI order.

    Statements whose predicate is not a kgraph relation are skipped; ``kg:backs`` statements
    (from other tools) come back as ``backed-by`` with the actors swapped.
    """
    source = union_view(graph)
    nodes = set(source.subjects(RDF.type, KG.Statement))
    mentions = set(source.subjects(RDF.type, KG.Mention))
    fields = _fields(source, nodes, (*_STATEMENT_FIELDS, *_EVIDENCE_FIELDS))
    evidence = _fields(source, mentions, _EVIDENCE_FIELDS)
    derived: dict[Node, list[Node]] = {n: [] for n in nodes}
    for s, o in source.subject_objects(PROV.wasDerivedFrom):
        if s in derived:
            derived[s].append(o)
    actors = actors_in(source)
    articles: dict[Node, Article] = {}
    out: list[StatementRecord] = []
    for node, row in fields.items():
        sources = sorted(derived[node], key=str)
        mention = next((m for m in sources if m in mentions), None)
        article = next((a for a in sources if a not in mentions), None)
        if mention is not None:  # graphs before kg:Mention kept the evidence on the statement
            row = {**row, **evidence[mention]}
        record = _record(source, node, row, article, actors, articles)
        if record is not None:
            out.append(record)
    out.sort(key=lambda r: (r.article.id, r.assertion.evidence.start, r.assertion.evidence.end,
                            r.iri))
    return out


def statements(graph: Graph) -> Iterator[dict[str, Any]]:
    """Yield each statement of ``graph`` as the JSON record of ``triples.jsonl``.

    The records have the keys of :meth:`kgraph.model.Assertion.to_json`, so a build's
    ``triples.jsonl`` and ``kgraph extract --format jsonl`` share one format.
    """
    for record in statement_records(graph):
        yield record.assertion.to_json()


# ---------------------------------------------------------------- internals

_STATEMENT_FIELDS = (RDF.subject, RDF.predicate, RDF.object, KG.polarity, KG.modality, KG.time,
                     KG.confidence, KG.subjectText, KG.objectText, KG.reportedBy)
_EVIDENCE_FIELDS = (KG.sentence, KG.startOffset, KG.endOffset, KG.rule)


def _fields(source: Graph, nodes: set[Node],
            props: Iterable[URIRef]) -> dict[Node, dict[Node, Node]]:
    """Read ``props`` of ``nodes`` with one pass per property; the smallest value wins."""
    fields: dict[Node, dict[Node, Node]] = {n: {} for n in nodes}
    for prop in props:
        for s, o in source.subject_objects(prop):
            row = fields.get(s)
            if row is not None and (prop not in row or str(o) < str(row[prop])):
                row[prop] = o
    return fields


def union_view(graph: Graph) -> Graph:
    """Return ``graph``, or for a Dataset that does not read the union of its named graphs, a
    view of the same store that does (nothing is copied).

    Examples:
        >>> from rdflib import Dataset
        >>> union_view(Dataset()).default_union
        True
    """
    if isinstance(graph, Dataset) and not graph.default_union:
        return Dataset(store=graph.store, default_union=True)
    return graph


def _problems(article: Article, items: list[Assertion]) -> list[str]:
    problems: list[str] = []
    for i, a in enumerate(items, start=1):
        where = f"assertion {i} ({a.subject.id} {a.relation} {a.object.id})"
        if a.evidence.article_id and a.evidence.article_id != article.id:
            problems.append(f"{where}: evidence is from article {a.evidence.article_id!r}")
        try:
            canonical(a.relation)
        except KeyError as e:
            problems.append(f"{where}: {e.args[0]}")
        if a.polarity not in _POLARITIES:
            problems.append(f"{where}: polarity {a.polarity!r} is not one of "
                            f"{', '.join(_POLARITIES)}")
        if a.modality not in _MODALITIES:
            problems.append(f"{where}: modality {a.modality!r} is not one of "
                            f"{', '.join(_MODALITIES)}")
        if not (math.isfinite(a.confidence) and 0.0 <= a.confidence <= 1.0):
            problems.append(f"{where}: confidence {a.confidence!r} is not between 0 and 1")
    return problems


def _actor_problems(actor: Actor) -> list[str]:
    problems = []
    if not actor.id:
        problems.append(f"actor {actor.label!r} has an empty id")
    if actor.type not in ACTOR_TYPES:
        problems.append(f"actor {actor.id!r}: type {actor.type!r} is not one of "
                        f"{', '.join(ACTOR_TYPES)}")
    if actor.wikidata and not _WIKIDATA_ID.fullmatch(actor.wikidata):
        problems.append(f"actor {actor.id!r}: Wikidata id {actor.wikidata!r} is not a Q-id")
    return problems


@functools.lru_cache(maxsize=4096)
def _date_literal(value: str) -> Literal:
    """Type an ISO date, year-month or year; keep anything else as a plain string."""
    if _YEAR.fullmatch(value):
        return Literal(value, datatype=XSD.gYear)
    if _YEAR_MONTH.fullmatch(value):
        return Literal(value, datatype=XSD.gYearMonth)
    try:
        if len(value) == 10:
            dt.date.fromisoformat(value)
            return Literal(value, datatype=XSD.date)
    except ValueError:
        pass
    return Literal(value)


def _article_triples(article: Article) -> list[_Triple]:
    node = article_iri(article.id)
    out: list[_Triple] = [(node, RDF.type, SCHEMA.NewsArticle),
                          (node, KG.contentId, Literal(article.id))]
    if article.title:
        out.append((node, SCHEMA.headline, Literal(article.title)))
    if article.url:
        # A literal, not an IRI: a URL read from an article is untrusted and may not be a valid IRI.
        out.append((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.published:
        out.append((node, SCHEMA.datePublished, _date_literal(article.published)))
    if article.author:
        out.append((node, SCHEMA.author, Literal(article.author)))
    if article.source:
        out.append((node, KG.readFrom, Literal(article.source)))
    return out


def _extraction_triples(activity: URIRef, model: str) -> list[_Triple]:
    software = software_iri(__version__)
    label = f"kgraph {__version__}" + (f" with {model}" if model else "")
    out: list[_Triple] = [
        (activity, RDF.type, KG.Extraction),
        (activity, RDF.type, PROV.Activity),
        (activity, RDFS.label, Literal(label)),
        (activity, PROV.wasAssociatedWith, software),
        (software, RDF.type, PROV.SoftwareAgent),
        (software, RDF.type, SCHEMA.SoftwareApplication),
        (software, SCHEMA.name, Literal("kgraph")),
        (software, SCHEMA.softwareVersion, Literal(__version__)),
    ]
    if model:
        pipeline = pipeline_iri(model)
        out.extend([(activity, PROV.used, pipeline),
                    (pipeline, RDF.type, KG.Pipeline),
                    (pipeline, RDF.type, PROV.Entity),
                    (pipeline, SCHEMA.name, Literal(model))])
    return out


@functools.lru_cache(maxsize=4096, typed=True)
def _offset_literal(offset: int) -> Literal:
    return Literal(offset)


@functools.lru_cache(maxsize=1024, typed=True)  # 1 and 1.0 are written differently
def _confidence_literal(confidence: float) -> Literal:
    return Literal(Decimal(str(round(confidence, 3))))


def _mention_triples(node: URIRef, source: URIRef, ev: Evidence) -> list[_Triple]:
    out: list[_Triple] = [
        (node, *_MENTION_TYPE),
        (node, _QUOTED, source),
        (node, _START, _offset_literal(ev.start)),
        (node, _END, _offset_literal(ev.end)),
    ]
    if ev.sentence:
        out.append((node, _SENTENCE, Literal(ev.sentence)))
    if ev.rule:
        out.append((node, _RULE, Literal(ev.rule)))
    return out


def _statement_triples(node: URIRef, article: Article, a: Assertion,
                       activity: URIRef) -> list[_Triple]:
    relation, swapped = canonical(a.relation)
    subject, obj = (a.object, a.subject) if swapped else (a.subject, a.object)
    ev = a.evidence
    subject_text, object_text = ((ev.object_text, ev.subject_text) if swapped
                                 else (ev.subject_text, ev.object_text))
    s, o, p = actor_iri(subject.id), actor_iri(obj.id), relation_property(relation)
    mention, source = mention_iri(article.id, ev), article_iri(article.id)
    out: list[_Triple] = [
        (node, *_STATEMENT_TYPE),
        (node, _SUBJECT, s),
        (node, _PREDICATE, p),
        (node, _OBJECT, o),
        (node, _POLARITY, _POLARITIES[a.polarity]),
        (node, _MODALITY, _MODALITIES[a.modality]),
        (node, _CONFIDENCE, _confidence_literal(a.confidence)),
        (node, _DERIVED, source),
        (node, _DERIVED, mention),
        (node, _GENERATED, activity),
        *_mention_triples(mention, source, ev),
    ]
    time = a.time or article.published
    optional = ((_TIME, _date_literal(time) if time else None),
                (_SUBJECT_TEXT, Literal(subject_text) if subject_text else None),
                (_OBJECT_TEXT, Literal(object_text) if object_text else None),
                (_REPORTED_BY, Literal(ev.reported_by) if ev.reported_by else None))
    out.extend((node, prop, value) for prop, value in optional if value is not None)
    if is_truthy(a.polarity, a.modality, a.confidence):
        out.append((s, p, o))
    return out


@functools.lru_cache(maxsize=4096)
def _actor_triples(actor: Actor) -> frozenset[_Triple]:
    node = actor_iri(actor.id)
    out: set[_Triple] = {
        (node, RDF.type, KG.Actor),
        (node, RDF.type, KG[actor.type]),
        (node, KG.actorId, Literal(actor.id)),
        (node, SKOS.prefLabel, Literal(actor.label or actor.id)),
    }
    out.update((node, SKOS.altLabel, Literal(alias)) for alias in actor.aliases
               if alias and alias != actor.label)
    if actor.wikidata:
        out.add((node, OWL.sameAs, WD[actor.wikidata]))
    if actor.country:
        out.add((node, KG.country, Literal(actor.country)))
    if actor.minted:
        out.add((node, KG.minted, Literal(True)))
    return frozenset(out)


# Per store: the size of its actors graph after _describe last changed it, and the actors
# _describe has seen since (see _describe).
_described: weakref.WeakKeyDictionary[Store, tuple[int, dict[str, Actor]]] = \
    weakref.WeakKeyDictionary()


def _describe(actors_graph: Graph, actor: Actor) -> None:
    """Write ``actor``'s description, replacing its earlier one (a minted description never
    replaces a gazetteer one).

    Reading an actor's triples back from rdflib's memory store walks every triple that has the
    actor as subject, in every graph (each article's truthy triples too), so the cost would grow
    with the corpus. An actor seen before in this store is passed over at once, as long as the
    actors graph has kept the size it had after the last write here: nothing else changed it.
    """
    size, seen = _described.get(actors_graph.store, (-1, {}))
    if size != len(actors_graph):
        seen = {}
    elif seen.get(actor.id) == actor:
        return
    node = actor_iri(actor.id)
    new = _actor_triples(actor)
    old = set(actors_graph.triples((node, None, None)))
    if replaces_description(old, new):
        for triple in old:
            actors_graph.remove(triple)
        actors_graph.addN((s, p, o, actors_graph) for s, p, o in new)
    seen[actor.id] = actor
    _described[actors_graph.store] = (len(actors_graph), seen)


def _local(node: Node | None, namespace: str) -> str:
    text = str(node) if node is not None else ""
    return text[len(namespace):] if text.startswith(namespace) else text


def _article(source: Graph, node: Node, cache: dict[Node, Article]) -> Article:
    article = cache.get(node)
    if article is None:
        def first(prop: URIRef) -> str:
            values = sorted(str(x) for x in source.objects(node, prop))
            return values[0] if values else ""
        article_id = first(KG.contentId) or _local(node, str(KGR["article/"]))
        article = Article(id=article_id, text="", title=first(SCHEMA.headline),
                          url=first(SCHEMA.url), published=first(SCHEMA.datePublished),
                          author=first(SCHEMA.author), source=first(KG.readFrom))
        cache[node] = article
    return article


def _record(source: Graph, node: Node, row: dict[Node, Node], article_node: Node | None,
            actors: dict[str, Actor], articles: dict[Node, Article]) -> StatementRecord | None:
    relation = relation_name(str(row.get(RDF.predicate, "")))
    subject_id = actor_id_of(str(row.get(RDF.subject, "")))
    object_id = actor_id_of(str(row.get(RDF.object, "")))
    if relation is None or subject_id is None or object_id is None:
        return None
    relation, swapped = canonical(relation)
    if swapped:
        subject_id, object_id = object_id, subject_id

    def text(prop: URIRef) -> str:
        value = row.get(prop)
        return str(value) if value is not None else ""

    def number(prop: URIRef) -> float:
        value = row.get(prop)
        python = value.toPython() if isinstance(value, Literal) else None
        return float(python) if isinstance(python, int | float | Decimal) else 0.0

    polarity = _local(row.get(KG.polarity), str(KG._NS)) or "asserted"
    modality = _local(row.get(KG.modality), str(KG._NS)) or "actual"
    if polarity not in _POLARITIES or modality not in _MODALITIES:
        return None
    article = _article(source, article_node, articles) \
        if article_node is not None else Article(id="", text="")
    subject_text, object_text = text(KG.subjectText), text(KG.objectText)
    if swapped:
        subject_text, object_text = object_text, subject_text
    evidence = Evidence(article_id=article.id, sentence=text(KG.sentence),
                        start=int(number(KG.startOffset)), end=int(number(KG.endOffset)),
                        rule=text(KG.rule), subject_text=subject_text, object_text=object_text,
                        reported_by=text(KG.reportedBy))
    assertion = Assertion(
        subject=actors.get(subject_id) or Actor(id=subject_id, label=subject_id, type=""),
        relation=relation,
        object=actors.get(object_id) or Actor(id=object_id, label=object_id, type=""),
        evidence=evidence,
        polarity=cast(Polarity, polarity),  # checked against _POLARITIES above
        modality=cast(Modality, modality),  # checked against _MODALITIES above
        time=text(KG.time),
        confidence=number(KG.confidence) if KG.confidence in row else 0.5,
    )
    return StatementRecord(iri=str(node), assertion=assertion, article=article)
