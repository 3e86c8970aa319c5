"""Check a kgraph graph against its shapes (SHACL, with pyshacl) and its ontology (OWL 2 RL).

- :func:`validate` runs ``ontology/shapes.ttl`` over the union of the graph's named graphs and
  returns a :class:`ValidationReport` whose :class:`Violation` rows name the focus node, the
  property path and the message; :func:`format_report` makes it readable.
- :func:`check_consistency` computes the OWL 2 RL closure of ``ontology/kgraph.ttl`` plus the
  graph (with owlrl) and returns what makes it inconsistent: owlrl's error messages (a disjoint
  class clash, two values of a functional property, ...) and members of ``owl:Nothing``.

pyshacl and owlrl are imported by the functions that use them.

Examples:
    >>> from kgraph.rdf.graph import new_dataset
    >>> validate(new_dataset()).conforms
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SH, NamespaceManager
from rdflib.term import Node

from kgraph._paths import data_path
from kgraph.errors import GraphError
from kgraph.rdf.graph import new_dataset, union_view
from kgraph.rdf.vocabulary import relation_axioms, relation_shapes

__all__ = [
    "ValidationReport",
    "Violation",
    "check_consistency",
    "format_report",
    "load_ontology",
    "load_shapes",
    "validate",
]

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: where (focus node and path), what (message, value) and how bad.

    Terms are written in the prefixed form of the graph's namespaces (``actor:isis``,
    ``kg:confidence``) when one applies.
    """

    severity: str  # "Violation", "Warning" or "Info"
    focus: str
    path: str
    message: str
    value: str = ""
    shape: str = ""  # the constraint component, e.g. sh:MinCountConstraintComponent


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The result of :func:`validate`: whether the graph conforms, and every result.

    A graph conforms when no result is a violation; warnings are reported but allowed.
    """

    conforms: bool
    results: tuple[Violation, ...]
    triples: int

    @property
    def violations(self) -> tuple[Violation, ...]:
        """The results of severity Violation."""
        return tuple(r for r in self.results if r.severity == "Violation")

    @property
    def warnings(self) -> tuple[Violation, ...]:
        """The results of severity Warning or Info."""
        return tuple(r for r in self.results if r.severity != "Violation")


def load_shapes(path: str | Path | None = None) -> Graph:
    """Return the SHACL shapes graph: ``ontology/shapes.ttl`` unless ``path`` names another.

    The shipped shapes take their lists of relations from ``data/relations/relations.csv``
    (:func:`kgraph.rdf.vocabulary.relation_shapes`); a file given by ``path`` is read as it is.

    Raises:
        GraphError: the file is missing or not valid Turtle.

    Examples:
        >>> from rdflib.namespace import SH
        >>> from kgraph.rdf.namespace import KG
        >>> shapes = load_shapes()
        >>> (None, SH.targetClass, None) in shapes
        True
        >>> (None, SH.targetSubjectsOf, KG.backs) in shapes
        True
    """
    if path is not None:
        return _parse(Path(path))
    shapes = _parse(data_path("ontology", "shapes.ttl"))
    shapes += relation_shapes()
    return shapes


def load_ontology() -> Graph:
    """Return the kgraph ontology, ``ontology/kgraph.ttl``, as a new graph.

    What the file leaves out about a relation property -- all of it, for a relation added to
    ``data/relations/relations.csv`` alone -- is filled in from its row
    (:func:`kgraph.rdf.vocabulary.relation_axioms`); where the file speaks (a richer
    definition, a second super-property) it is kept, and ``tests/test_namespace.py`` checks that
    it agrees with the row.

    Examples:
        >>> from rdflib.namespace import OWL, RDF
        >>> from kgraph.rdf.namespace import KG
        >>> (KG.fights, RDF.type, OWL.SymmetricProperty) in load_ontology()
        True
    """
    ontology = _parse(data_path("ontology", "kgraph.ttl"))
    said = set(ontology.subject_predicates())
    ontology += [t for t in relation_axioms() if (t[0], t[1]) not in said]
    return ontology


def validate(graph: Graph, *, shapes: str | Path | Graph | None = None) -> ValidationReport:
    """Validate a graph with SHACL; ``graph`` is not changed.

    Args:
        graph: a kgraph dataset or graph; the shapes see the union of its named graphs.
        shapes: a shapes graph or a Turtle file of shapes; ``ontology/shapes.ttl`` when None.

    Returns:
        The report, results sorted by severity, focus node and path.

    Raises:
        GraphError: the shapes file is missing or invalid.

    Examples:
        >>> from kgraph.model import Actor, Article, Assertion, Evidence
        >>> from kgraph.rdf.graph import build_graph
        >>> a, b = Actor("a", "A", "State"), Actor("b", "B", "State")
        >>> ev = Evidence("d1", "A fights B.", 0, 11, "demo")
        >>> ds = build_graph([(Article("d1", ev.sentence), [Assertion(a, "fights", b, ev)])])
        >>> validate(ds).conforms
        True
    """
    from pyshacl import validate as shacl_validate

    shapes_graph = shapes if isinstance(shapes, Graph) else load_shapes(shapes)
    data = _union_copy(graph)
    conforms, results_graph, _text = shacl_validate(
        data, shacl_graph=shapes_graph, inference="none", allow_warnings=True,
        abort_on_first=False)
    names = _namespaces(graph)
    results = sorted(
        (_violation(results_graph, node, names)
         for node in results_graph.subjects(RDF.type, SH.ValidationResult)),
        key=lambda v: (_SEVERITY_ORDER.get(v.severity, 3), v.focus, v.path, v.message, v.value))
    return ValidationReport(conforms=bool(conforms), results=tuple(results), triples=len(data))


def format_report(report: ValidationReport, *, name: str = "graph") -> str:
    """Return a readable report: one block per result and a summary line.

    Examples:
        >>> r = ValidationReport(False, (Violation("Violation", "statement:1", "kg:confidence",
        ...                                      "confidence from 0 to 1", '"1.5"'),), 40)
        >>> print(format_report(r, name="g.trig"))
        Violation  statement:1  kg:confidence
            confidence from 0 to 1 (value: "1.5")
        g.trig: invalid: 1 violation, 0 warnings (40 triples)
    """
    lines: list[str] = []
    for r in report.results:
        lines.append(f"{r.severity:<10} {r.focus}  {r.path or '(node)'}")
        lines.append(f"    {r.message}" + (f" (value: {r.value})" if r.value else ""))
    violations, warnings = len(report.violations), len(report.warnings)
    verdict = "valid" if report.conforms else "invalid"
    lines.append(f"{name}: {verdict}: {violations} violation{'' if violations == 1 else 's'}, "
                 f"{warnings} warning{'' if warnings == 1 else 's'} ({report.triples} triples)")
    return "\n".join(lines)


def check_consistency(graph: Graph) -> list[str]:
    """Return why the ontology plus ``graph`` is inconsistent under OWL 2 RL; [] when it is not.

    The OWL 2 RL closure (owlrl) of ``ontology/kgraph.ttl`` and the union of the graph's named
    graphs is computed on a copy; ``graph`` is not changed. Pure-Python reasoning is slow: allow
    seconds per thousand statements.

    Examples:
        >>> check_consistency(new_dataset())
        []
    """
    import owlrl
    from owlrl.Namespaces import ERRNS

    closure = load_ontology()
    closure += _union_copy(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    names = _namespaces(graph)
    problems = sorted({str(m) for m in closure.objects(None, ERRNS.error)})
    problems.extend(f"{_short(s, names)} is a member of owl:Nothing"
                    for s in sorted(closure.subjects(RDF.type, OWL.Nothing), key=str)
                    if s != OWL.Nothing)
    return problems


# ---------------------------------------------------------------- internals


def _parse(path: Path) -> Graph:
    if not path.is_file():
        raise GraphError(f"{path}: no such file")
    try:
        return Graph().parse(path, format="turtle")
    except (SyntaxError, ValueError) as e:
        reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise GraphError(f"{path}: not a valid Turtle file: {reason}") from e


def _union_copy(graph: Graph) -> Graph:
    data = Graph()
    data += union_view(graph).triples((None, None, None))
    return data


def _namespaces(graph: Graph) -> NamespaceManager:
    """The graph's prefixes, or kgraph's when it binds none of its own."""
    source = graph if any(p == "kg" for p, _ in graph.namespaces()) else new_dataset()
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in source.namespaces():
        manager.bind(prefix, namespace, override=True, replace=True)
    return manager


def _short(term: Node | None, names: NamespaceManager) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return term.n3(names)
        except ValueError:  # no prefix applies, or the local part is not a valid name
            return term.n3()
    text = term.n3(names) if isinstance(term, Literal) else str(term)
    return text if len(text) <= 120 else text[:117] + "..."


def _violation(results: Graph, node: Node, names: NamespaceManager) -> Violation:
    severity = results.value(node, SH.resultSeverity)
    messages = sorted(str(m) for m in results.objects(node, SH.resultMessage))
    component = results.value(node, SH.sourceConstraintComponent)
    return Violation(
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        focus=_short(results.value(node, SH.focusNode), names),
        path=_short(results.value(node, SH.resultPath), names),
        message="; ".join(messages) or _short(component, names),
        value=_short(results.value(node, SH.value), names),
        shape=_short(component, names),
    )
