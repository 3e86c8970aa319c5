"""Tests of kgraph.sparql.named and kgraph/sparql/queries/*.rq: every named query on a hand-built
graph, parameter binding (never formatting), refused SPARQL, errors and output formats."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTORS
from rdflib import Dataset

from kgraph.errors import DataFileError, QueryError
from kgraph.model import Actor, Article
from kgraph.rdf.graph import add_article, build_graph, load_graph, save_graph
from kgraph.sparql.named import (
    PARAM_KINDS,
    QueryResult,
    format_rows,
    list_queries,
    load_queries,
    query,
)

QUERY_DIR = Path(__file__).resolve().parent.parent / "kgraph" / "sparql" / "queries"
Rows = list[dict[str, Any]]


def _pick(rows: Rows, *columns: str) -> set[tuple[Any, ...]]:
    return {tuple(row[c] for c in columns) for row in rows}


def test_every_query_file_is_listed_and_documented() -> None:
    named = list_queries()
    assert sorted(q.name for q in named) == sorted(p.stem for p in QUERY_DIR.glob("*.rq"))
    assert [q.name for q in named] == sorted(q.name for q in named)
    for q in named:
        assert q.description and not q.description.endswith(":"), q.name
        assert all(p.kind in PARAM_KINDS and p.description for p in q.params), q.name
    assert {"allies-of", "enemies-of", "backers-of", "relations-between", "actor-profile",
            "strongest-relations", "members-of", "leaders-of", "timeline-of",
            "actors"} <= {q.name for q in named}


def test_query_readme_lists_every_query() -> None:
    readme = (QUERY_DIR / "README.md").read_text(encoding="utf-8")
    for q in list_queries():
        assert f"`{q.name}`" in readme, q.name


# What each named query returns on the sample world (tests/conftest.py).
EXPECTED: dict[str, tuple[dict[str, str], Callable[[Rows], None]]] = {}


def expect(name: str, **bindings: str) -> Callable[[Callable[[Rows], None]],
                                                    Callable[[Rows], None]]:
    def register(check: Callable[[Rows], None]) -> Callable[[Rows], None]:
        EXPECTED[name] = (bindings, check)
        return check
    return register


@expect("allies-of", actor="ISIS")
def _allies(rows: Rows) -> None:
    # every claim, with its status: the negated alliance with Hezbollah, the hedged
    # cooperation and the weak 2016 claim are listed apart from the truthy alliance
    assert _pick(rows, "ally_id", "relation", "status", "statements", "articles", "first",
                 "last") == {
        ("al-nusra-front", "allied-with", "truthy", 1, 1, "2014-06-01", "2014-06-01"),
        ("al-nusra-front", "allied-with", "low-confidence", 1, 1, "2016-01-20", "2016-01-20"),
        ("al-nusra-front", "cooperates-with", "hedged", 1, 1, "2016-01-20", "2016-01-20"),
        ("hezbollah", "allied-with", "negated", 1, 1, "2015-03-10", "2015-03-10")}


@expect("enemies-of", actor="isis")
def _enemies(rows: Rows) -> None:
    # the reported threat is listed too, marked
    assert _pick(rows, "enemy", "relation", "direction", "status", "statements") == {
        ("United States", "attacks", "against actor", "truthy", 1),
        ("United States", "threatens", "by actor", "reported", 1),
        ("Northern Brigade", "fights", "mutual", "truthy", 1)}


@expect("backers-of", actor="Hizbullah")
def _backers(rows: Rows) -> None:
    assert _pick(rows, "backer", "backer_id", "status", "statements", "articles") == {
        ("Iran", "iran", "truthy", 2, 1)}


@expect("clients-of", actor="Iran")
def _clients(rows: Rows) -> None:
    assert _pick(rows, "client_id", "status", "statements") == {("hezbollah", "truthy", 2)}


@expect("members-of", actor="NATO")
def _members(rows: Rows) -> None:
    assert _pick(rows, "member", "relation", "status") == {("Turkey", "member-of", "truthy")}


@expect("leaders-of", actor="Islamic State")
def _leaders(rows: Rows) -> None:
    assert _pick(rows, "leader", "leader_id", "status", "first") == {
        ("Abu Bakr al-Baghdadi", "abu-bakr-al-baghdadi", "truthy", "2016-01-20")}


@expect("relations-of", actor="ISIS")
def _relations_of(rows: Rows) -> None:
    assert _pick(rows, "relation", "direction", "other_id", "statements", "status") == {
        ("allied-with", "mutual", "al-nusra-front", 1, "truthy"),
        ("allied-with", "mutual", "al-nusra-front", 1, "low-confidence"),
        ("allied-with", "mutual", "hezbollah", 1, "negated"),
        ("cooperates-with", "mutual", "al-nusra-front", 1, "hedged"),
        ("split-from", "outgoing", "al-qaeda", 1, "truthy"),
        ("attacks", "incoming", "united-states", 1, "truthy"),
        ("leader-of", "incoming", "abu-bakr-al-baghdadi", 1, "truthy"),
        ("fights", "mutual", "northern-brigade", 1, "truthy"),
        ("threatens", "outgoing", "united-states", 1, "reported"),
    }


@expect("relations-between", actor="ISIS", other="Hezbollah")
def _between(rows: Rows) -> None:
    assert _pick(rows, "subject", "relation", "object", "polarity", "modality", "statements",
                 "truthy") == {("ISIS", "allied-with", "Hezbollah", "negated", "actual", 1, False)}


@expect("evidence-between", actor="al-nusra-front", other="ISIS")
def _evidence(rows: Rows) -> None:
    assert [(r["time"], r["relation"], r["modality"], r["status"], r["confidence"])
            for r in rows] == [
        ("2014-06-01", "allied-with", "actual", "truthy", 0.9),
        ("2016-01-20", "allied-with", "actual", "low-confidence", 0.3),
        ("2016-01-20", "cooperates-with", "hedged", "hedged", 0.5),
    ]
    assert rows[0]["sentence"] == "ISIS and the Nusra Front have formed an alliance."
    assert rows[0]["title"] == "Militant alliances shift in Syria"
    assert rows[0]["url"] == "https://news.example/art-1"


@expect("timeline-of", actor="ISIS")
def _timeline(rows: Rows) -> None:
    times = [r["time"] for r in rows]
    assert times == sorted(times) and times[0] == "2014" and len(rows) == 9
    assert ("negated", "Hezbollah") in _pick(rows, "polarity", "object")
    assert _pick(rows, "relation", "modality", "confidence", "status") >= {
        ("allied-with", "actual", 0.9, "truthy"), ("allied-with", "actual", 0.3, "low-confidence"),
        ("allied-with", "actual", 0.6, "negated"), ("threatens", "reported", 0.6, "reported"),
        ("cooperates-with", "hedged", 0.5, "hedged")}


@expect("actor-profile", actor="ISIS")
def _profile(rows: Rows) -> None:
    for row in rows:  # one per status
        assert (row["label"], row["id"], row["type"], row["wikidata"], row["minted"]) == (
            "ISIS", "isis", "ArmedGroup", "Q2429253", False)
        assert set(row["aliases"].split("; ")) == {"Islamic State", "ISIL", "Daesh"}
    assert [(r["status"], r["statements"], r["articles"], r["partners"], r["first"], r["last"])
            for r in rows] == [
        ("truthy", 5, 3, 5, "2014", "2016-01-20"),
        ("hedged", 1, 1, 1, "2016-01-20", "2016-01-20"),
        ("low-confidence", 1, 1, 1, "2016-01-20", "2016-01-20"),
        ("negated", 1, 1, 1, "2015-03-10", "2015-03-10"),
        ("reported", 1, 1, 1, "2016-01-20", "2016-01-20"),
    ]


@expect("strongest-relations")
def _strongest(rows: Rows) -> None:
    assert len(rows) == 10  # 11 non-negated relations, the alliance read twice counts once
    top = rows[:2]
    assert _pick(top, "relation", "statements", "truthy") == {
        ("allied-with", 2, True), ("backed-by", 2, True)}
    assert ("cooperates-with", False) in _pick(rows, "relation", "truthy")


@expect("actors")
def _actors(rows: Rows) -> None:
    assert len(rows) == len(ACTORS)
    assert (rows[0]["id"], rows[0]["partners"], rows[0]["statements"]) == ("isis", 5, 8)
    assert ("northern-brigade", "ArmedGroup") in _pick(rows, "id", "type")


@expect("articles")
def _articles(rows: Rows) -> None:
    assert [(r["id"], r["statements"]) for r in rows] == [("art-3", 6), ("art-2", 5),
                                                         ("art-1", 2)]


def test_every_named_query_has_an_expectation() -> None:
    assert set(EXPECTED) == {q.name for q in list_queries()}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query(sample_dataset: Dataset, name: str) -> None:
    bindings, check = EXPECTED[name]
    result = query(sample_dataset, name, **bindings)
    assert result.rows and set(result.columns) == set(result.rows[0])
    check(result.rows)


def test_truthy_queries_work_on_graph_ttl(sample_dataset: Dataset, tmp_path: Path) -> None:
    ttl = load_graph(save_graph(sample_dataset, tmp_path / "graph.ttl"))
    rows = query(ttl, "allies-of", actor="ISIS").rows
    assert _pick(rows, "ally_id", "statements") == {("al-nusra-front", 0)}
    assert _pick(query(ttl, "backers-of", actor="Hezbollah").rows, "backer") == {("Iran",)}
    rows = query(ttl, "relations-of", actor="ISIS").rows
    assert {r["status"] for r in rows} == {"truthy"} and len(rows) == 5
    actors = query(ttl, "actors").rows
    assert (actors[0]["id"], actors[0]["partners"]) == ("isis", 5)


def test_actor_bindings_accept_label_alias_id_in_any_case(sample_dataset: Dataset) -> None:
    results = [query(sample_dataset, "allies-of", actor=value).rows
               for value in ("ISIS", "isis", "Daesh", "islamic state", "  ISIL ")]
    assert all(r == results[0] for r in results)


def test_injection_is_a_value_never_sparql(sample_dataset: Dataset) -> None:
    size = len(sample_dataset)
    for value in ('ISIS" } ; DROP ALL ; #', "ISIS' } DELETE WHERE { ?s ?p ?o } #",
                  "<https://kgraph.dev/id/actor/isis>"):
        with pytest.raises(QueryError, match="no actor has the id, label or alias"):
            query(sample_dataset, "allies-of", actor=value)
    rows = query(sample_dataset, "SELECT ?x WHERE { BIND(?v AS ?x) }",
                 v='x" } ; DROP ALL ; #').rows
    assert rows == [{"x": 'x" } ; DROP ALL ; #'}]
    assert len(sample_dataset) == size


def test_unknown_actor_suggests_close_labels(sample_dataset: Dataset) -> None:
    with pytest.raises(QueryError, match="did you mean: Hezbollah"):
        query(sample_dataset, "backers-of", actor="Hezbolah")


def test_ambiguous_actor_asks_for_an_id(sample_dataset: Dataset) -> None:
    twin = Actor("islamic-state-somalia", "Islamic State Somalia", "ArmedGroup", aliases=("ISIL",))
    add_article(sample_dataset, Article("x", "t"), [], actors=[twin])
    with pytest.raises(QueryError, match=r"names 2 actors.*give an id"):
        query(sample_dataset, "allies-of", actor="ISIL")
    assert query(sample_dataset, "allies-of", actor="ISIS").rows  # an exact label still wins


def test_query_errors_are_helpful(sample_dataset: Dataset) -> None:
    with pytest.raises(QueryError, match=r"unknown query 'allies'.*allies-of.*strongest-rel"):
        query(sample_dataset, "allies")
    with pytest.raises(QueryError, match=r"needs a value for: actor \(one .*\), other \(the"):
        query(sample_dataset, "relations-between")
    with pytest.raises(QueryError, match="needs a value for: other"):
        query(sample_dataset, "relations-between", actor="ISIS", other=" ")
    with pytest.raises(QueryError, match="has no parameter country; its parameters: actor"):
        query(sample_dataset, "allies-of", actor="ISIS", country="Syria")
    with pytest.raises(QueryError, match="malformed SPARQL"):
        query(sample_dataset, "SELECT WHERE {")
    with pytest.raises(QueryError, match="neither a query name nor"):
        query(sample_dataset, "DROP ALL")
    with pytest.raises(QueryError, match="malformed SPARQL"):
        query(sample_dataset, "DELETE WHERE { ?s ?p ?o } ; SELECT * WHERE { ?s ?p ?o }")


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "ASK { { SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } } } }",
])
def test_sparql_that_reaches_outside_is_refused(sample_dataset: Dataset, sparql: str) -> None:
    with pytest.raises(QueryError, match="not allowed"):
        query(sample_dataset, sparql)


def test_raw_sparql(sample_dataset: Dataset) -> None:
    result = query(sample_dataset, """
        PREFIX kg: <https://kgraph.dev/ontology#>
        SELECT (COUNT(*) AS ?n) WHERE { ?st a kg:Statement }""")
    assert result.columns == ("n",) and result.rows == [{"n": 13}]
    assert query(sample_dataset, "ASK { ?s ?p ?o }").rows == [{"ask": True}]
    built = query(sample_dataset, """
        PREFIX kg: <https://kgraph.dev/ontology#>
        CONSTRUCT { ?a kg:backedBy ?b } WHERE { ?a kg:backedBy ?b }""")
    assert built.columns == ("subject", "predicate", "object") and len(built) == 1
    assert built.rows[0]["object"] == "<https://kgraph.dev/id/actor/iran>"


def test_truthy_keeps_only_truthy_claims(sample_dataset: Dataset) -> None:
    from kgraph import query as api_query

    rows = api_query(sample_dataset, "allies-of", actor="ISIS", truthy=True).rows
    assert [(r["ally_id"], r["status"]) for r in rows] == [("al-nusra-front", "truthy")]
    for name, size in (("relations-of", 5), ("timeline-of", 5), ("actor-profile", 1)):
        every = api_query(sample_dataset, name, actor="ISIS").rows
        truthy = api_query(sample_dataset, name, actor="ISIS", truthy=True).rows
        assert truthy == [r for r in every if r["status"] == "truthy"] and len(truthy) == size
        assert len(every) > size
    with pytest.raises(QueryError, match="no status or truthy column"):
        api_query(sample_dataset, "SELECT (1 AS ?n) WHERE {}", truthy=True)


def test_common_prefixes_are_predeclared(sample_dataset: Dataset) -> None:
    rows = query(sample_dataset, "SELECT ?a WHERE { ?a a kg:Actor } LIMIT 1").rows
    assert len(rows) == 1 and rows[0]["a"].startswith("https://kgraph.dev/id/actor/")
    assert query(sample_dataset, "ASK { ?s a prov:Entity . ?x rdf:type ?t . "
                 "FILTER(?t != owl:Thing && ?t != schema:Thing && ?t != rdfs:Class "
                 "&& ?t != skos:Concept && ?t != kgr:x && 1 = \"1\"^^xsd:integer) }").rows
    # a prefix the query declares wins over the predeclared one
    mine = "PREFIX kg: <urn:nothing#> SELECT ?a WHERE { ?a a kg:Actor }"
    assert query(sample_dataset, mine).rows == []


def test_values_are_python(sample_dataset: Dataset) -> None:
    (row,) = query(sample_dataset, "actor-profile", actor="Iran").rows  # truthy claims only
    assert isinstance(row["statements"], int) and isinstance(row["minted"], bool)
    rows = query(sample_dataset, "timeline-of", actor="Iran").rows
    assert all(isinstance(r["confidence"], float) and isinstance(r["time"], str) for r in rows)


def test_format_rows() -> None:
    result = QueryResult(("actor", "n", "share", "note"),
                         [{"actor": "ISIS", "n": 3, "share": 0.5, "note": None},
                          {"actor": "al-Qaeda", "n": 12, "share": 1.0, "note": "a\nb,c"}])
    assert format_rows(result).splitlines() == [
        "actor     n   share  note",
        "--------  --  -----  -----",
        "ISIS      3   0.5",
        "al-Qaeda  12  1      a b,c",
    ]
    assert format_rows(result, "csv").splitlines()[0] == "actor,n,share,note"
    assert '"a b,c"' in format_rows(result, "csv")
    assert json.loads(format_rows(result, "json")) == result.rows
    assert format_rows(QueryResult(("x",), []), "table").endswith("(no rows)\n")
    long = QueryResult(("s",), [{"s": "x" * 100}])
    *table, note = format_rows(long, width=20).splitlines()
    assert max(len(line) for line in table) == 20 and table[-1].endswith("…")
    assert note == "(cells cut at 20 characters; --format csv or json gives them whole)"
    assert "cut" not in format_rows(result, width=20)  # nothing cut, nothing said
    with pytest.raises(QueryError, match="valid formats: table, csv, json"):
        format_rows(result, "xml")


def test_invalid_query_files_are_reported_with_lines(tmp_path: Path) -> None:
    (tmp_path / "good-one.rq").write_text(
        "# description: fine\n# param: actor (actor) — an actor\nSELECT ?actor WHERE {}\n",
        encoding="utf-8")
    assert [str(p) for p in load_queries(tmp_path)["good-one"].params] == ["actor"]
    (tmp_path / "bad.rq").write_text(
        "# param: who (person) — someone\n# param: oops\nSELECT WHERE {\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_queries(tmp_path)
    problems = "\n".join(err.value.problems)
    assert f"{tmp_path / 'bad.rq'}:1: param kind 'person'" in problems
    assert f"{tmp_path / 'bad.rq'}:1: param 'who' is not a variable" in problems
    assert f"{tmp_path / 'bad.rq'}:2: a param line reads" in problems
    assert "missing '# description" in problems and "malformed SPARQL" in problems


def test_queries_do_not_change_the_graph(sample_items: list[tuple[Article, Any]]) -> None:
    ds = build_graph(sample_items)
    before = set(ds.quads())
    for name, (bindings, _check) in EXPECTED.items():
        query(ds, name, **bindings)
    assert set(ds.quads()) == before


def test_queries_read_the_union_of_any_dataset(sample_dataset: Dataset) -> None:
    plain = Dataset()  # default_union is off: rdflib's default graph would be empty
    for s, p, o, g in sample_dataset.quads():
        plain.add((s, p, o, g))  # type: ignore[arg-type]
    assert query(plain, "allies-of", actor="ISIS").rows == query(
        sample_dataset, "allies-of", actor="ISIS").rows
