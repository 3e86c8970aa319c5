"""Tests of kgraph.store.oxigraph: ingest into Oxigraph, digests, named queries, the user's
graphs apart from the store's own data."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Literal, URIRef

from kgraph import query
from kgraph.errors import GraphError, QueryError
from kgraph.model import Actor, Article, Assertion, Evidence
from kgraph.rdf.graph import save_graph, statements
from kgraph.rdf.namespace import ACTORS_GRAPH, KG, actor_iri, article_graph_iri
from kgraph.sparql.named import list_queries
from kgraph.store.oxigraph import (
    _INDEXED_QUAD,
    INDEXED,
    KgStore,
    _is_indexed,
    article_digests,
    from_oxigraph,
    ingest_article,
    is_store,
    load_file,
    open_store,
    query_store,
    remove_article,
    to_dataset,
    to_oxigraph,
    warm_cache,
)

_ARGS = {"actor": "isis", "other": "al-nusra-front"}
_QUIET = {"actor": "nato", "other": "iran"}
_NON_EMPTY = {"backers-of": "hezbollah", "clients-of": "iran", "members-of": "nato"}


def _filled(items: list[tuple[Article, list[Assertion]]]) -> KgStore:
    store = open_store(None)
    for article, assertions in items:
        assert ingest_article(store, article, assertions) == "added"
    return store


def test_ingest_matches_the_in_memory_dataset(sample_items, sample_dataset) -> None:
    store = _filled(sample_items)
    assert list(statements(to_dataset(store))) == list(statements(sample_dataset))
    digests = article_digests(store)
    assert set(digests) == {str(article_graph_iri(a.id)) for a, _ in sample_items}


def test_unchanged_article_is_a_no_op_and_changed_one_replaces_its_graph(sample_items) -> None:
    store = _filled(sample_items)
    size = len(store.graphs)
    article, assertions = sample_items[1]
    assert ingest_article(store, article, assertions) == "unchanged"
    assert len(store.graphs) == size
    assert ingest_article(store, article, assertions[:1]) == "replaced"
    assert _statement_count(store, article.id) == 1
    assert ingest_article(store, article, assertions) == "replaced"
    assert len(store.graphs) == size


def _statement_count(store: KgStore, article_id: str) -> int:
    graph = to_oxigraph(article_graph_iri(article_id))
    return len(list(store.graphs.quads_for_pattern(None, to_oxigraph(RDF.type),
                                                   to_oxigraph(KG.Statement), graph)))


def test_remove_article(sample_items) -> None:
    store = _filled(sample_items)
    article = sample_items[0][0]
    assert remove_article(store, article.id) is True
    assert remove_article(store, article.id) is False
    assert str(article_graph_iri(article.id)) not in article_digests(store)
    assert ingest_article(store, *sample_items[0]) == "added"


def test_minted_actor_never_replaces_a_gazetteer_actor(sample_items) -> None:
    store = _filled(sample_items)
    minted_isis = Actor("isis", "Isis", "Organization", minted=True)
    nusra = Actor("al-nusra-front", "al-Nusra Front", "ArmedGroup")
    ev = Evidence("art-9", "Isis met Nusra.", 0, 15, "r")
    ingest_article(store, Article("art-9", "Isis met Nusra."),
                   [Assertion(minted_isis, "negotiates-with", nusra, ev)])
    labels = [q.object.value for q in store.graphs.quads_for_pattern(
        to_oxigraph(actor_iri("isis")), to_oxigraph(URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")),
        None, to_oxigraph(ACTORS_GRAPH))]
    assert labels == ["ISIS"]


@pytest.mark.parametrize("busy", [True, False])
def test_every_named_query_runs_on_the_store_like_in_memory(sample_items, sample_dataset,
                                                              busy: bool) -> None:
    store = _filled(sample_items)
    for named in list_queries():
        # busy: actors with rows for every query; else actors some queries have nothing about
        args = {p.name: _NON_EMPTY.get(named.name, _ARGS[p.name]) if busy else _QUIET[p.name]
                for p in named.params}
        expected = query(sample_dataset, named.name, **args)
        got = query(store, named.name, **args)  # kgraph.store.query opens the store as a backend
        assert got.columns == expected.columns, named.name
        if busy and named.params:
            assert got.rows, named.name
        assert _row_key(got.rows) == _row_key(expected.rows), named.name


def _row_key(rows):
    """Rows in a comparable order; GROUP_CONCAT's order is unspecified: aliases as sets."""
    return sorted(repr({c: sorted(str(r[c]).split("; ")) if c == "aliases" else r[c]
                        for c in r}) for r in rows)


def _same_rows(graph, store, actor_ids) -> None:
    """Every named query gives the same rows on ``graph`` (rdflib) and ``store``."""
    pairs = list(zip(actor_ids, [*actor_ids[1:], actor_ids[0]], strict=True))
    for named in list_queries():
        runs = [dict(zip([p.name for p in named.params], pair, strict=False)) for pair in pairs]
        for args in runs if named.params else [{}]:
            expected = query(graph, named.name, **args)
            got = query(store, named.name, **args)
            assert got.columns == expected.columns, named.name
            assert _row_key(got.rows) == _row_key(expected.rows), (named.name, args)


def _odd_dataset(sample_items):
    """The sample, with what kgraph never writes but a graph may hold: inferred triples, a
    statement about an actor itself, one without modality, article or confidence, an actor
    with two labels, and a statement in the default graph."""
    from rdflib import Graph
    from rdflib.namespace import PROV, SKOS

    from kgraph.rdf.graph import build_graph, infer

    ds = build_graph(sample_items)
    infer(ds)
    st = URIRef("https://example.org/statement/odd")
    odd = ds.graph(URIRef("https://example.org/graph/odd"))
    for p, o in ((RDF.type, KG.Statement), (RDF.subject, actor_iri("iran")),
                 (RDF.predicate, KG.criticizes), (RDF.object, actor_iri("iran")),
                 (KG.polarity, KG.asserted), (KG.time, Literal("last spring")),
                 (PROV.wasDerivedFrom, URIRef("https://example.org/not-an-article"))):
        odd.add((st, p, o))
    ds.graph(ACTORS_GRAPH).add((actor_iri("nato"), SKOS.prefLabel, Literal("OTAN", lang="fr")))
    default = ds.graph(Graph(identifier=URIRef("urn:x-rdflib:default")).identifier)
    st2 = URIRef("https://example.org/statement/default")
    for p, o in ((RDF.subject, actor_iri("turkey")), (RDF.predicate, KG.negotiatesWith),
                 (RDF.object, actor_iri("iran")), (KG.polarity, KG.asserted),
                 (KG.modality, KG.actual), (KG.confidence, Literal(0.4))):
        default.add((st2, p, o))
    return ds


_ODD_ACTORS = ["isis", "iran", "nato", "turkey"]


def test_relations_tied_at_the_limit_are_the_same_on_every_engine(tmp_path: Path) -> None:
    """strongest-relations keeps 25 relations: ties at the cut are broken by IRI, not by how an
    engine happens to group them."""
    from kgraph.rdf.graph import build_graph

    actors = [Actor(f"a{i:02d}", f"A{i:02d}", "State") for i in range(31)]
    items = []
    for i in range(30):  # 30 relations with one statement each: all tied
        text = f"A{i:02d} attacked A{i + 1:02d}."
        article = Article(f"art-{i}", text, title=f"T{i}")
        items.append((article, [Assertion(actors[i], "attacks", actors[i + 1],
                                          Evidence(article.id, text, 0, len(text), "rule"),
                                          confidence=0.8)]))
    ds = build_graph(items)
    path = tmp_path / "ties.trig"
    ds.serialize(path, format="trig")
    store = open_store(None)
    load_file(store, path)
    expected = query(ds, "strongest-relations").rows
    assert len(expected) == 25
    assert query(store, "strongest-relations").rows == expected


@pytest.mark.parametrize(("suffix", "how"), [(".trig", "fresh"), (".jsonld", "fresh"),
                                           (".nq", "shuffled"), (".trig", "into a used store")])
def test_a_loaded_store_answers_like_memory_on_an_odd_graph(tmp_path: Path, sample_items,
                                                            suffix: str, how: str) -> None:
    ds = _odd_dataset(sample_items)
    path = tmp_path / f"odd{suffix}"
    ds.serialize(path, format={".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld"}[suffix])
    if how == "shuffled":  # no graph in one run: each is indexed from the store
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join(sorted(lines, key=hash)) + "\n", encoding="utf-8")
    store = open_store(None)
    if how == "into a used store":  # the index is then made from the store
        ingest_article(store, *sample_items[0])
    load_file(store, path)
    assert _is_indexed(store)
    _same_rows(ds, store, _ODD_ACTORS)


def test_an_ingested_store_answers_like_memory_for_every_actor(sample_items,
                                                                sample_dataset) -> None:
    store = _filled(sample_items)
    _same_rows(sample_dataset, store, sorted(_ACTORS_OF_SAMPLE))
    # the store texts of the queries the index answers: equal on the graphs kgraph writes (they
    # rely on its layout: a statement comes from one article, ontology/README.md)
    store.own.remove(_INDEXED_QUAD)
    _same_rows(sample_dataset, store, sorted(_ACTORS_OF_SAMPLE))


_PARTNER_QUERIES = ("allies-of", "enemies-of", "backers-of", "clients-of", "members-of",
                    "leaders-of")


def test_partner_queries_from_the_index_list_declared_triples_and_every_status(
        tmp_path: Path, sample_items, sample_actors) -> None:
    from kgraph.rdf.graph import build_graph
    from kgraph.store.claims import QUERIES

    # low-confidence claims: no truthy row of theirs, yet they hide their direct triple
    text = "Iran may fight NATO. Turkey led ISIS. Iran may ally with Hezbollah."
    claims = [("iran", "fights", "nato", {"confidence": 0.3}),
              ("turkey", "leader-of", "isis", {"confidence": 0.9, "time": "2010"}),
              ("iran", "allied-with", "hezbollah", {"confidence": 0.4})]
    more = (Article("art-4", text, title="More"),
            [Assertion(sample_actors[s], r, sample_actors[o],
                       Evidence("art-4", text, 0, len(text), "test-rule"), **extra)  # type: ignore[arg-type]
             for s, r, o, extra in claims])
    ds = build_graph([*sample_items, more])
    declared = ds.graph(URIRef("https://example.org/graph/declared"))
    # every claim read the other way as a direct triple: hidden when a claim backs it either way
    # round (allies-of, a symmetric enemy relation), shown otherwise; and one triple of each
    # relation that no claim backs
    for s, p, o in {(s, p, o) for st in ds.subjects(RDF.subject, None)
                    for s in ds.objects(st, RDF.subject) for p in ds.objects(st, RDF.predicate)
                    for o in ds.objects(st, RDF.object)}:
        declared.add((o, p, s))
    for p in (KG.alliedWith, KG.attacks, KG.fights, KG.backedBy, KG.memberOf, KG.leaderOf):
        declared.add((actor_iri("iran"), p, actor_iri("nato")))
    path = tmp_path / "declared.trig"
    ds.serialize(path, format="trig")
    store = open_store(None)
    load_file(store, path)
    assert set(_PARTNER_QUERIES) <= set(QUERIES) and _is_indexed(store)
    for _ in ("from the claim index", "from the store's texts"):
        statuses: set[str] = set()
        for name in _PARTNER_QUERIES:
            named = next(q for q in list_queries() if q.name == name)
            order = [c for c in ("relation", "last", "statements") if c in named.columns]
            for actor in sorted(_ACTORS_OF_SAMPLE):
                got = query(store, name, actor=actor).rows
                expected = query(ds, name, actor=actor).rows
                assert _row_key(got) == _row_key(expected), (name, actor)
                # the same order, as far as ORDER BY decides it
                assert [[r[c] for c in order] for r in got] == \
                    [[r[c] for c in order] for r in expected], (name, actor)
                statuses |= {r["status"] for r in got}
            unbacked = query(store, name, actor="iran" if name == "backers-of" else "nato").rows
            assert any(r["statements"] == 0 and r["status"] == "truthy" for r in unbacked), name
        assert {"truthy", "negated", "hedged", "reported", "low-confidence"} <= statuses
        store.own.remove(_INDEXED_QUAD)


_ACTORS_OF_SAMPLE = {"isis", "al-nusra-front", "al-qaeda", "united-states", "iran", "hezbollah",
                     "turkey", "nato", "abu-bakr-al-baghdadi", "northern-brigade"}


def test_the_claim_index_follows_every_write(sample_items, sample_dataset) -> None:
    from kgraph.store.claims import claims_graph, is_claims_graph

    store = _filled(sample_items)
    assert _is_indexed(store)
    article = sample_items[0][0]
    index = claims_graph(to_oxigraph(article_graph_iri(article.id)))
    assert store.own.contains_named_graph(index)
    assert not store.graphs.contains_named_graph(index)
    assert remove_article(store, article.id)
    assert not store.own.contains_named_graph(index)
    ingest_article(store, *sample_items[0])
    # a store written before the index existed: the SPARQL texts answer until it is indexed
    for graph in list(store.own.named_graphs()):
        if is_claims_graph(graph):
            store.own.remove_graph(graph)
    store.own.remove(_INDEXED_QUAD)
    _same_rows(sample_dataset, store, ["isis", "iran"])
    warm_cache(store)
    assert _is_indexed(store) and store.own.contains_named_graph(index)
    _same_rows(sample_dataset, store, ["isis", "iran"])


def test_exports_of_a_store_leave_the_index_out(sample_items) -> None:
    store = _filled(sample_items)
    dataset = to_dataset(store)
    graphs = {str(g.identifier) for g in dataset.graphs()}
    assert not any("/graph/claims" in g for g in graphs)
    assert not list(dataset.triples((None, URIRef(INDEXED), None)))
    assert str(article_graph_iri(sample_items[0][0].id)) in graphs


def test_bound_values_are_never_pasted_into_the_query(sample_items) -> None:
    store = _filled(sample_items)
    with pytest.raises(QueryError, match="no actor"):
        query_store(store, "allies-of", actor='isis> } } ; DROP ALL ; #')
    assert len(store.graphs) > 0
    with pytest.raises(QueryError, match="needs a value"):
        query_store(store, "allies-of")
    with pytest.raises(QueryError, match="unknown query"):
        query_store(store, "no-such-query")


def test_raw_sparql_on_the_store_refuses_service_and_from(sample_items) -> None:
    store = _filled(sample_items)
    for text in ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                 "SELECT * FROM <http://127.0.0.1:9/x.ttl> WHERE { ?s ?p ?o }"):
        with pytest.raises(QueryError, match="not allowed"):
            query_store(store, text)
    with pytest.raises(QueryError, match="malformed"):
        query_store(store, "SELECT WHERE {")
    assert query_store(store, "ASK { ?s ?p ?o }").rows == [{"ask": True}]


def test_common_prefixes_are_predeclared_on_the_store(sample_items) -> None:
    store = _filled(sample_items)
    rows = query_store(store, "SELECT ?a WHERE { ?a a kg:Actor } LIMIT 1").rows
    assert len(rows) == 1 and rows[0]["a"].startswith("https://kgraph.dev/id/actor/")
    assert query_store(store, "PREFIX kg: <urn:nothing#> ASK { ?a a kg:Actor }").rows == \
        [{"ask": False}]


def test_default_graph_is_the_union_of_named_graphs(sample_items) -> None:
    store = _filled(sample_items)
    rows = query_store(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }").rows
    assert rows[0]["n"] > 0


_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"


@pytest.mark.parametrize("how", ["ingested", "loaded"])
def test_raw_sparql_sees_the_graphs_of_the_file_and_nothing_of_the_store_s_own(
        tmp_path: Path, sample_items, sample_dataset, how: str) -> None:
    trig = save_graph(sample_dataset, tmp_path / "g.trig")
    if how == "ingested":
        store = _filled(sample_items)
        warm_cache(store)  # cached results too
    else:
        store = open_store(None)
        load_file(store, trig)
    assert _is_indexed(store)
    plain = ox.Store()  # the file in Oxigraph, without kgraph
    plain.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    for text in (_COUNT, _TRIPLES, _QUADS, _GRAPHS):
        got = query_store(store, text).rows
        assert _row_key(got) == _row_key(query_store(KgStore(plain, ox.Store()), text).rows)
        if text != _COUNT:  # Oxigraph's union keeps a triple once per graph, rdflib's once
            assert _row_key(got) == _row_key(query(trig, text).rows), text
    graphs = {row["g"] for row in query_store(store, _GRAPHS).rows}
    assert graphs == {str(ACTORS_GRAPH)} | {str(article_graph_iri(a.id)) for a, _ in sample_items}


def test_a_store_of_the_earlier_layout_is_moved_to_the_current_one(tmp_path: Path,
                                                                   sample_items) -> None:
    current = _filled(sample_items)
    warm_cache(current)
    folder = tmp_path / "store"
    earlier = ox.Store(str(folder))  # kgraph's own graphs among the user's, in one store
    for part in (current.graphs, current.own):
        earlier.bulk_extend(part.quads_for_pattern(None, None, None, None))
    earlier.flush()
    del earlier
    with pytest.raises(GraphError, match=r"earlier kgraph.*kgraph build INPUTS --store"):
        open_store(folder, read_only=True)
    moved = open_store(folder)
    assert len(moved.graphs) == len(current.graphs) and len(moved.own) == len(current.own)
    assert _is_indexed(moved) and article_digests(moved) == article_digests(current)
    del moved
    again = open_store(folder, read_only=True)
    for name, args in ((_GRAPHS, {}), ("relations-of", {"actor": "isis"})):
        assert _row_key(query_store(again, name, **args).rows) == \
            _row_key(query_store(current, name, **args).rows)


def test_a_file_holding_an_earlier_store_s_own_graphs_loads_without_them(tmp_path: Path,
                                                                         sample_items) -> None:
    current = _filled(sample_items)
    earlier = ox.Store()
    for part in (current.graphs, current.own):
        earlier.bulk_extend(part.quads_for_pattern(None, None, None, None))
    path = tmp_path / "earlier.nq"
    earlier.dump(output=str(path), format=ox.RdfFormat.N_QUADS)
    store = open_store(None)
    assert load_file(store, path) == len(current.graphs)
    assert _is_indexed(store) and article_digests(store) == article_digests(current)
    assert _row_key(query_store(store, _GRAPHS).rows) == \
        _row_key(query_store(current, _GRAPHS).rows)


def test_terms_round_trip() -> None:
    for term in (URIRef("https://example.org/a"), Literal("x"), Literal("x", lang="fr"),
                 Literal(3), Literal("2014", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear"))):
        assert from_oxigraph(to_oxigraph(term)) == term


def test_on_disk_store_persists_and_loads_files(tmp_path: Path, sample_items,
                                                sample_dataset) -> None:
    folder = tmp_path / "store"
    store = open_store(folder)
    for article, assertions in sample_items:
        ingest_article(store, article, assertions)
    del store
    assert is_store(folder) and not is_store(tmp_path)
    again = open_store(folder, read_only=True)
    assert query_store(again, "actors").rows == query(sample_dataset, "actors").rows
    del again
    trig = save_graph(sample_dataset, tmp_path / "g.trig")
    fresh = open_store(tmp_path / "other")
    assert load_file(fresh, trig) == len(_filled(sample_items).graphs)
    with pytest.raises(GraphError, match="suffix"):
        load_file(fresh, tmp_path / "g.txt")
    with pytest.raises(GraphError, match="not an Oxigraph store"):
        open_store(tmp_path / "missing", read_only=True)


_INGEST_SCRIPT = textwrap.dedent("""
    import sys
    from kgraph.model import Actor, Article, Assertion, Evidence
    from kgraph.store.oxigraph import ingest_article, open_store

    store = open_store(sys.argv[1])
    actors = [Actor(f"group-{i}", f"Group {i}", "ArmedGroup") for i in range(50)]
    for n in range(100_000):
        art = f"art-{n:06d}"
        text = "Group fights group. " * 40
        items = [Assertion(actors[(n + k) % 50], "fights", actors[(n + k + 1) % 50],
                           Evidence(art, "Group fights group.", 20 * k, 20 * k + 19, "r"),
                           confidence=0.9)
                 for k in range(40)]
        ingest_article(store, Article(art, text), items)
        print(art, flush=True)
""")


@pytest.mark.slow
def test_killed_ingest_leaves_each_article_fully_in_or_out(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-c", _INGEST_SCRIPT, str(folder)],
                            stdout=subprocess.PIPE, text=True, env={**os.environ})
    assert proc.stdout is not None
    done = [proc.stdout.readline() for _ in range(30)]
    assert all(line.startswith("art-") for line in done)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    store = open_store(folder)
    digests = article_digests(store)
    assert len(digests) >= 30
    counts = {row["g"]: row["n"] for row in query_store(store, """
        PREFIX kg: <https://kgraph.dev/ontology#>
        SELECT ?g (COUNT(?st) AS ?n) WHERE { GRAPH ?g { ?st a kg:Statement } } GROUP BY ?g
    """).rows}
    # no digest without its article graph; the article written when the process was killed
    # may be in without its digest (written last), so that it is written again on resume
    assert set(digests) <= set(counts) and len(set(counts) - set(digests)) <= 1
    assert set(counts.values()) == {40}  # and none half written


@pytest.mark.slow
def test_build_store_skips_unchanged_articles(tmp_path: Path) -> None:
    from kgraph.run.build import build_store

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("Iran backs Hezbollah.\n\nIran funds Hezbollah.\n")
    (articles / "b.txt").write_text("Turkey is a member of NATO.\n")
    first = build_store([articles], tmp_path / "store")
    assert (first.articles, first.added, first.unchanged) == (2, 2, 0)
    again = build_store([articles], tmp_path / "store")
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 2)
    (articles / "b.txt").write_text("Turkey left NATO.\n")
    third = build_store([articles], tmp_path / "store")
    assert (third.added, third.unchanged) == (1, 1)  # a changed text is a new article id


def test_store_variants_stand_in_for_shipped_queries() -> None:
    from kgraph.store.oxigraph import store_text, store_variants

    variants = store_variants()
    shipped = {q.name: q for q in list_queries()}
    assert variants and set(variants) <= set(shipped)
    for name, named in shipped.items():
        text = store_text(name)
        assert text == (variants[name].text if name in variants else named.text), name
    for name, variant in variants.items():
        assert variant.params == shipped[name].params, name
        hidden = {p.name for p in variant.params}
        assert hidden <= set(variant.columns), name  # Oxigraph binds projected variables only
        assert [c for c in variant.columns if c not in hidden] == list(shipped[name].columns), name


def test_a_store_variant_that_does_not_project_its_parameter_is_refused(tmp_path: Path) -> None:
    from kgraph.sparql.named import load_queries

    (tmp_path / "allies-of.rq").write_text(
        "# description: d\n# param: actor (actor) — a\n"
        "SELECT ?ally WHERE { ?actor <https://kgraph.dev/ontology#alliedWith> ?ally }\n",
        encoding="utf-8")
    variant = load_queries(tmp_path)["allies-of"]
    assert variant.columns == ("ally",)
    assert variant.params[0].name not in variant.columns


def test_actor_queries_give_nothing_rather_than_an_empty_row(sample_items,
                                                              sample_dataset) -> None:
    store = _filled(sample_items)
    for name in ("backers-of", "clients-of", "members-of", "leaders-of", "allies-of"):
        # an actor with no such relation: no row on either engine
        assert query(sample_dataset, name, actor="nato").rows == \
            query(store, name, actor="nato").rows, name


def test_actor_profile_has_a_row_per_status_and_one_without_claims(sample_items) -> None:
    from kgraph.rdf.graph import build_graph

    loner = Actor("loner", "Loner", "State")
    store = _filled(sample_items)
    ingest_article(store, Article("art-9", "Nothing happened."), [], actors=[loner])
    memory = build_graph([*sample_items, (Article("art-9", "Nothing happened."), [])],
                         actors=[loner])
    cases = (("loner", [None]), ("isis", ["truthy", "hedged", "low-confidence", "negated",
                                          "reported"]))
    for _ in ("from the claim index", "from the store's text"):
        for actor, statuses in cases:
            rows = query(store, "actor-profile", actor=actor).rows
            assert [r["status"] for r in rows] == statuses
            assert _row_key(rows) == _row_key(query(memory, "actor-profile", actor=actor).rows)
        store.own.remove(_INDEXED_QUAD)
    assert query(store, "actor-profile", actor="loner").rows[0]["statements"] == 0


def test_cached_global_results_follow_every_write(sample_items) -> None:
    from kgraph.store.oxigraph import CACHED_QUERIES

    first, *rest = sample_items
    store = _filled([first])
    warm_cache(store)
    before = {name: query_store(store, name).rows for name in CACHED_QUERIES}
    assert query_store(store, "articles").rows == before["articles"]  # read from the cache
    for article, assertions in rest:
        ingest_article(store, article, assertions)
    assert len(query_store(store, "articles")) == len(sample_items)
    assert remove_article(store, first[0].id)
    after = query_store(store, "articles").rows
    assert len(after) == len(sample_items) - 1
    assert first[0].id not in {row["id"] for row in after}
