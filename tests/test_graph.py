"""Tests of kgraph.rdf.graph: the dataset layout, idempotent and incremental builds, reading
statements back, and saving and loading every format."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ACTORS, SAMPLE_NOT_TRUTHY, SAMPLE_TRUTHY, sample
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, PROV, RDF, SKOS, XSD

from kgraph import __version__
from kgraph.errors import GraphError
from kgraph.model import Actor, Article, Assertion, Evidence
from kgraph.rdf.graph import (
    TRUTHY_MIN_CONFIDENCE,
    actors_in,
    add_article,
    build_graph,
    infer,
    is_truthy,
    load_graph,
    new_dataset,
    remove_article,
    save_graph,
    statement_records,
    statements,
    truthy_graph,
    truthy_triples,
)
from kgraph.rdf.namespace import (
    ACTORS_GRAPH,
    KG,
    SCHEMA,
    WD,
    actor_iri,
    article_graph_iri,
    article_iri,
    extraction_iri,
    mention_iri,
    pipeline_iri,
    software_iri,
    statement_iri,
)

Items = list[tuple[Article, list[Assertion]]]


def _graphs(ds: Dataset) -> dict[str, Graph]:
    """The non-empty named graphs of a dataset, by name."""
    out = {}
    for g in ds.graphs():
        if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g):
            copy = Graph()
            copy += g
            out[str(g.identifier)] = copy
    return out


def _same(a: Dataset, b: Dataset) -> bool:
    ga, gb = _graphs(a), _graphs(b)
    return ga.keys() == gb.keys() and all(isomorphic(ga[k], gb[k]) for k in ga)


# ---------------------------------------------------------------- layout


def test_one_named_graph_per_article_plus_actors(sample_dataset: Dataset,
                                                 sample_items: Items) -> None:
    names = set(_graphs(sample_dataset))
    assert names == {str(ACTORS_GRAPH)} | {str(article_graph_iri(a.id)) for a, _ in sample_items}
    assert len(sample_dataset.graph(DATASET_DEFAULT_GRAPH_ID)) == 0


def test_truthy_triples_follow_polarity_modality_and_confidence(sample_dataset: Dataset) -> None:
    found = {(r, s, o) for s, r, o in truthy_triples(sample_dataset)}
    assert found == SAMPLE_TRUTHY
    assert not found & SAMPLE_NOT_TRUTHY
    assert (actor_iri("hezbollah"), KG.backedBy, actor_iri("iran")) in sample_dataset
    assert (None, KG.backs, None) not in sample_dataset


def test_is_truthy() -> None:
    assert is_truthy("asserted", "actual", TRUTHY_MIN_CONFIDENCE)
    assert not is_truthy("asserted", "actual", TRUTHY_MIN_CONFIDENCE - 0.01)
    assert not is_truthy("negated", "actual", 1.0)
    for modality in ("past", "intended", "hedged", "reported", "disputed"):
        assert not is_truthy("asserted", modality, 1.0)


def test_statement_nodes_carry_qualifiers_and_evidence(sample_dataset: Dataset,
                                                       sample_items: Items) -> None:
    article, assertions = sample_items[0]
    split = assertions[1]
    node = statement_iri(article.id, split)
    g = sample_dataset.graph(article_graph_iri(article.id))
    assert (node, RDF.type, KG.Statement) in g
    assert (node, RDF.subject, actor_iri("isis")) in g
    assert (node, RDF.predicate, KG.splitFrom) in g
    assert (node, RDF.object, actor_iri("al-qaeda")) in g
    assert (node, KG.polarity, KG.asserted) in g
    assert (node, KG.modality, KG.actual) in g
    assert g.value(node, KG.time) == Literal("2014", datatype=XSD.gYear)
    assert float(g.value(node, KG.confidence).toPython()) == 0.8  # type: ignore[union-attr]
    assert g.value(node, KG.subjectText) == Literal("ISIS")
    assert (node, PROV.wasDerivedFrom, article_iri(article.id)) in g
    # the evidence is on the mention node, derived from as well
    mention = mention_iri(article.id, split.evidence)
    assert (node, PROV.wasDerivedFrom, mention) in g
    assert set(g.objects(node, PROV.wasDerivedFrom)) == {article_iri(article.id), mention}
    assert (mention, RDF.type, KG.Mention) in g
    assert (mention, PROV.wasQuotedFrom, article_iri(article.id)) in g
    assert g.value(mention, KG.rule) == Literal("split-verb")
    assert g.value(mention, KG.sentence) == Literal(split.evidence.sentence)
    assert g.value(mention, KG.startOffset) == Literal(split.evidence.start)
    assert g.value(mention, KG.endOffset) == Literal(split.evidence.end)
    assert (node, KG.sentence, None) not in g
    assert article.text[split.evidence.start:split.evidence.end] == split.evidence.sentence


def test_statements_are_generated_by_an_extraction_naming_kgraph_and_the_model(
        sample_items: Items) -> None:
    ds = build_graph(sample_items, model="en_test_pipeline-1.2.3")
    activity = extraction_iri(__version__, "en_test_pipeline-1.2.3")
    statements_ = set(ds.subjects(RDF.type, KG.Statement))
    assert statements_ and all(ds.value(s, PROV.wasGeneratedBy) == activity for s in statements_)
    assert (activity, RDF.type, KG.Extraction) in ds and (activity, RDF.type, PROV.Activity) in ds
    software = ds.value(activity, PROV.wasAssociatedWith)
    assert software == software_iri(__version__)
    assert (software, RDF.type, PROV.SoftwareAgent) in ds
    assert ds.value(software, SCHEMA.softwareVersion) == Literal(__version__)
    pipeline = ds.value(activity, PROV.used)
    assert pipeline == pipeline_iri("en_test_pipeline-1.2.3")
    assert ds.value(pipeline, SCHEMA.name) == Literal("en_test_pipeline-1.2.3")
    assert (pipeline, RDF.type, KG.Pipeline) in ds
    # every article graph describes its own extraction, so it stands alone
    for article, _ in sample_items:
        assert (activity, RDF.type, KG.Extraction) in ds.graph(article_graph_iri(article.id))


def test_without_a_model_the_extraction_names_kgraph_only(sample_dataset: Dataset) -> None:
    activity = extraction_iri(__version__)
    assert (None, PROV.wasGeneratedBy, activity) in sample_dataset
    assert (activity, PROV.used, None) not in sample_dataset
    assert (None, RDF.type, KG.Pipeline) not in sample_dataset


def test_statements_sharing_a_sentence_and_rule_share_the_mention() -> None:
    a, b, c = (Actor(x, x.upper(), "State") for x in ("a", "b", "c"))
    ev = Evidence("d", "A and B fight C.", 0, 16, "verb:fight")
    ds = build_graph([(Article("d", ev.sentence), [Assertion(a, "fights", c, ev),
                                                   Assertion(b, "fights", c, ev)])])
    assert len(set(ds.subjects(RDF.type, KG.Mention))) == 1
    assert len(set(ds.subjects(RDF.type, KG.Statement))) == 2


def test_reading_back_a_graph_with_evidence_on_the_statement(sample_dataset: Dataset) -> None:
    # graphs written before mention nodes kept sentence, offsets and rule on the statement
    old = new_dataset()
    for s, p, o, g in sample_dataset.quads((None, None, None, None)):
        if (s, RDF.type, KG.Mention) in sample_dataset:
            continue
        if p == PROV.wasDerivedFrom and (o, RDF.type, KG.Mention) in sample_dataset:
            for prop in (KG.sentence, KG.startOffset, KG.endOffset, KG.rule):
                for value in sample_dataset.objects(o, prop):
                    old.add((s, prop, value, g))
            continue
        old.add((s, p, o, g))
    assert list(statements(old)) == list(statements(sample_dataset))


def test_article_node(sample_dataset: Dataset, sample_items: Items) -> None:
    article = sample_items[1][0]
    node = article_iri(article.id)
    assert (node, RDF.type, SCHEMA.NewsArticle) in sample_dataset
    assert sample_dataset.value(node, SCHEMA.headline) == Literal(article.title)
    assert sample_dataset.value(node, SCHEMA.url) == Literal(article.url, datatype=XSD.anyURI)
    assert sample_dataset.value(node, SCHEMA.datePublished) == Literal("2015-03-10",
                                                                      datatype=XSD.date)
    assert sample_dataset.value(node, KG.contentId) == Literal(article.id)


def test_the_author_and_source_of_an_article_are_stored_and_read_back() -> None:
    from kgraph.rdf.validate import validate

    article, assertions = sample()[0]
    article = replace(article, author="Jane Reporter; Ali Hassan", source="news/syria.txt")
    ds = build_graph([(article, assertions)])
    node = article_iri(article.id)
    assert ds.value(node, SCHEMA.author) == Literal("Jane Reporter; Ali Hassan")
    assert ds.value(node, KG.readFrom) == Literal("news/syria.txt")
    assert statement_records(ds)[0].article.provenance() == article.provenance()
    assert validate(ds).conforms
    bare = build_graph([(replace(article, author="", source=""), assertions)])
    assert not set(bare.triples((node, SCHEMA.author, None)))
    assert not set(bare.triples((node, KG.readFrom, None)))


def test_actor_descriptions(sample_dataset: Dataset) -> None:
    g = sample_dataset.graph(ACTORS_GRAPH)
    isis = actor_iri("isis")
    assert (isis, RDF.type, KG.Actor) in g and (isis, RDF.type, KG.ArmedGroup) in g
    assert g.value(isis, SKOS.prefLabel) == Literal("ISIS")
    assert set(g.objects(isis, SKOS.altLabel)) == {Literal(a) for a in ACTORS["isis"].aliases}
    assert (isis, OWL.sameAs, WD.Q2429253) in g
    assert g.value(isis, KG.actorId) == Literal("isis")
    assert (actor_iri("northern-brigade"), KG.minted, Literal(True)) in g
    assert (isis, KG.minted, None) not in g
    assert g.value(actor_iri("iran"), KG.country) == Literal("IRN")
    assert actors_in(sample_dataset) == {a.id: _sorted_aliases(a) for a in ACTORS.values()}


def _sorted_aliases(actor: Actor) -> Actor:
    return replace(actor, aliases=tuple(sorted(actor.aliases)))


def test_no_blank_nodes(sample_dataset: Dataset) -> None:
    assert not any(isinstance(t, BNode) for quad in sample_dataset.quads() for t in quad[:3])


# ---------------------------------------------------------------- idempotent, incremental


def test_building_twice_gives_isomorphic_datasets(sample_items: Items) -> None:
    assert _same(build_graph(sample_items), build_graph(sample_items))


def test_reingesting_an_article_is_a_no_op(sample_dataset: Dataset, sample_items: Items) -> None:
    before = build_graph(sample_items)
    article, assertions = sample_items[1]
    add_article(sample_dataset, article, assertions)
    add_article(sample_dataset, article, list(reversed(assertions)))
    assert _same(sample_dataset, before)


def test_adding_an_article_changes_only_its_graph_and_the_actors(sample_items: Items) -> None:
    ds = build_graph(sample_items[:2])
    before = _graphs(ds)
    article, assertions = sample_items[2]
    add_article(ds, article, assertions)
    after = _graphs(ds)
    assert set(after) - set(before) == {str(article_graph_iri(article.id))}
    for name, graph in before.items():
        if name == str(ACTORS_GRAPH):
            assert set(graph) <= set(after[name])  # only gains the new article's actors
        else:
            assert isomorphic(graph, after[name]), name
    assert _same(ds, build_graph(sample_items))


def test_rereading_a_changed_article_replaces_its_statements(sample_dataset: Dataset,
                                                             sample_items: Items) -> None:
    article, assertions = sample_items[0]
    add_article(sample_dataset, article, assertions[1:])  # the alliance claim is gone
    g = sample_dataset.graph(article_graph_iri(article.id))
    assert (actor_iri("isis"), KG.alliedWith, actor_iri("al-nusra-front")) not in g
    assert statement_iri(article.id, assertions[0]) not in set(g.subjects())
    assert (actor_iri("isis"), KG.splitFrom, actor_iri("al-qaeda")) in g


def test_duplicate_assertions_are_one_statement() -> None:
    a, b = ACTORS["iran"], ACTORS["hezbollah"]
    ev = Evidence("d", "Iran backs Hezbollah.", 0, 21, "r")
    ds = build_graph([(Article("d", ev.sentence),
                       [Assertion(a, "backs", b, ev), Assertion(b, "backed-by", a, ev)])])
    assert len(statement_records(ds)) == 1


def test_a_minted_actor_never_replaces_a_gazetteer_actor() -> None:
    ds = new_dataset()
    known = ACTORS["al-nusra-front"]
    minted = Actor(known.id, "Nusra Front", "Organization", minted=True)
    add_article(ds, Article("x", "t"), [], actors=[known])
    add_article(ds, Article("y", "t"), [], actors=[minted])
    assert actors_in(ds)[known.id] == _sorted_aliases(known)
    renamed = replace(known, label="Jabhat Fatah al-Sham")
    add_article(ds, Article("z", "t"), [], actors=[renamed])
    assert actors_in(ds)[known.id].label == "Jabhat Fatah al-Sham"


def test_an_actor_description_changed_by_hand_is_written_again() -> None:
    ds = new_dataset()
    known = ACTORS["al-nusra-front"]
    add_article(ds, Article("x", "t"), [], actors=[known])
    ds.graph(ACTORS_GRAPH).remove((actor_iri(known.id), SKOS.prefLabel, None))
    add_article(ds, Article("y", "t"), [], actors=[known])  # the same actor, seen before
    assert actors_in(ds)[known.id] == _sorted_aliases(known)


def test_remove_article(sample_dataset: Dataset) -> None:
    assert remove_article(sample_dataset, "art-1")
    assert not remove_article(sample_dataset, "art-1")
    assert str(article_graph_iri("art-1")) not in _graphs(sample_dataset)
    assert ("split-from", "isis", "al-qaeda") not in {
        (r, s, o) for s, r, o in truthy_triples(sample_dataset)}


def test_invalid_assertions_are_all_reported_and_nothing_changes(sample_dataset: Dataset) -> None:
    before = build_graph([])
    ev = Evidence("other-article", "s", 0, 1, "r")
    bad = [
        Assertion(ACTORS["isis"], "likes", ACTORS["iran"], replace(ev, article_id="a")),
        Assertion(ACTORS["isis"], "fights", ACTORS["iran"], ev),
        Assertion(ACTORS["isis"], "fights", ACTORS["iran"], replace(ev, article_id="a"),
                  confidence=1.5),
        Assertion(Actor("x", "X", "Tribe"), "fights", ACTORS["iran"],
                  replace(ev, article_id="a")),
    ]
    ds = new_dataset()
    with pytest.raises(GraphError) as err:
        add_article(ds, Article("a", "s"), bad)
    message = str(err.value)
    for needle in ("'likes'", "valid relations", "other-article", "1.5", "'Tribe'", "ArmedGroup"):
        assert needle in message
    assert _same(ds, before)


# ---------------------------------------------------------------- reading back


def test_statements_round_trip_the_assertions(sample_dataset: Dataset,
                                              sample_items: Items) -> None:
    records = list(statements(sample_dataset))
    expected = []
    for article, assertions in sample_items:
        for a in assertions:
            if a.relation == "backs":
                ev = replace(a.evidence, subject_text=a.evidence.object_text,
                             object_text=a.evidence.subject_text)
                a = replace(a, subject=a.object, object=a.subject, relation="backed-by",
                            evidence=ev)
            a = replace(a, subject=_sorted_aliases(a.subject), object=_sorted_aliases(a.object),
                        time=a.time or article.published)
            expected.append(a.to_json())
    key = ("doc_id", "start", "relation")
    assert sorted(records, key=lambda r: [r[k] for k in key]) == sorted(
        expected, key=lambda r: [r[k] for k in key])


def test_the_source_a_claim_is_reported_by_is_stored_and_read_back() -> None:
    from kgraph.rdf.validate import validate

    iran, hezbollah = Actor("iran", "Iran", "State"), Actor("hezbollah", "Hezbollah", "ArmedGroup")
    ev = Evidence("a1", "Officials said Iran backs Hezbollah.", 0, 36, "r",
                  reported_by="officials")
    quiet = Evidence("a1", "Iran backs Hezbollah.", 37, 58, "r")
    ds = build_graph([(Article("a1", f"{ev.sentence} {quiet.sentence}"), [
        Assertion(iran, "backs", hezbollah, ev, modality="reported"),
        Assertion(iran, "backs", hezbollah, quiet)])])
    assert sorted(map(str, ds.objects(None, KG.reportedBy))) == ["officials"]
    assert sorted(r["reported_by"] for r in statements(ds)) == ["", "officials"]
    assert validate(ds).conforms



def test_a_disputed_claim_is_stored_and_read_back_and_yields_no_triple() -> None:
    from kgraph.rdf.validate import validate

    qatar, taliban = Actor("qatar", "Qatar", "State"), Actor("taliban", "Taliban", "ArmedGroup")
    ev = Evidence("a1", "Qatar denies funding the Taliban.", 0, 33, "r", reported_by="Qatar")
    ds = build_graph([(Article("a1", ev.sentence), [
        Assertion(qatar, "backs", taliban, ev, modality="disputed", confidence=0.9)])])
    assert [(r["modality"], r["reported_by"]) for r in statements(ds)] == [("disputed", "Qatar")]
    assert not list(ds.triples((None, KG.backedBy, None)))
    assert validate(ds).conforms

def test_statement_records_carry_the_article(sample_dataset: Dataset) -> None:
    records = statement_records(sample_dataset)
    assert len(records) == 13
    first = records[0]
    assert first.article.title == "Militant alliances shift in Syria"
    assert first.article.published == "2014-06-01"
    assert first.iri.startswith("https://kgraph.dev/id/statement/")
    assert [r.truthy for r in records].count(True) == 9  # backed-by is read twice


def test_truthy_graph_holds_actors_and_truthy_triples_only(sample_dataset: Dataset) -> None:
    g = truthy_graph(sample_dataset)
    assert (None, RDF.type, KG.Statement) not in g
    assert (None, RDF.type, SCHEMA.NewsArticle) not in g
    assert (actor_iri("isis"), SKOS.prefLabel, Literal("ISIS")) in g
    found = {(r, s, o) for s, r, o in truthy_triples(g)}
    assert found == SAMPLE_TRUTHY


# ---------------------------------------------------------------- files


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".jsonld"])
def test_quad_formats_round_trip(sample_dataset: Dataset, tmp_path: Path, suffix: str) -> None:
    path = save_graph(sample_dataset, tmp_path / f"graph{suffix}")
    assert path == tmp_path / f"graph{suffix}"
    assert _same(load_graph(path), sample_dataset)


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_triple_formats_hold_the_truthy_graph(sample_dataset: Dataset, tmp_path: Path,
                                              suffix: str) -> None:
    loaded = load_graph(save_graph(sample_dataset, tmp_path / f"graph{suffix}"))
    assert isomorphic(loaded.graph(DATASET_DEFAULT_GRAPH_ID), truthy_graph(sample_dataset))
    full = load_graph(save_graph(sample_dataset, tmp_path / f"full{suffix}", full=True))
    assert len(statement_records(full)) == len(statement_records(sample_dataset))


def test_save_graph_format_override_and_errors(sample_dataset: Dataset, tmp_path: Path) -> None:
    path = save_graph(sample_dataset, tmp_path / "graph.txt", format="trig")
    assert _same(load_graph(path.rename(tmp_path / "g.trig")), sample_dataset)
    with pytest.raises(GraphError, match="valid suffixes"):
        save_graph(sample_dataset, tmp_path / "graph.xyz")
    with pytest.raises(GraphError, match="valid formats"):
        save_graph(sample_dataset, tmp_path / "graph.ttl", format="rdfa")


def test_save_graph_takes_rdflibs_json_ld_name_for_one_release(sample_dataset: Dataset,
                                                               tmp_path: Path) -> None:
    with pytest.warns(DeprecationWarning, match="jsonld"):
        old = save_graph(sample_dataset, tmp_path / "old.jsonld", format="json-ld")
    assert old.read_bytes() == save_graph(sample_dataset, tmp_path / "g.jsonld").read_bytes()


def test_save_graph_is_atomic(sample_dataset: Dataset, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = save_graph(sample_dataset, tmp_path / "graph.trig")
    before = path.read_bytes()

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Dataset, "serialize", broken)
    monkeypatch.setattr("pyoxigraph.serialize", broken)  # the writer of .trig and .nq
    with pytest.raises(OSError, match="disk full"):
        save_graph(sample_dataset, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]


def test_load_graph_errors(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="no such graph file"):
        load_graph(tmp_path / "missing.trig")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(GraphError, match=r"bad\.ttl: not a valid turtle file"):
        load_graph(bad)
    binary = tmp_path / "binary.trig"
    binary.write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(GraphError, match=r"binary\.trig"):
        load_graph(binary)
    broken_json = tmp_path / "broken.jsonld"
    broken_json.write_text("{not json", encoding="utf-8")
    with pytest.raises(GraphError, match=r"broken\.jsonld"):
        load_graph(broken_json)
    broken_nq = tmp_path / "broken.nq"
    broken_nq.write_text("this is not n-quads\n", encoding="utf-8")
    with pytest.raises(GraphError, match=r"broken\.nq"):
        load_graph(broken_nq)
    other = tmp_path / "graph.csv"
    other.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(GraphError, match="valid suffixes"):
        load_graph(other)


def test_untrusted_text_survives_serialisation(tmp_path: Path) -> None:
    nasty = 'He said "} ; DROP ALL ; <script>alert(1)</script>\n\\ done.'
    ev = Evidence("n", nasty, 0, len(nasty), "r", subject_text='"ISIS"')
    article = Article("n", nasty, title=nasty, url="javascript:alert(1) <x>")
    ds = build_graph([(article, [Assertion(ACTORS["isis"], "fights", ACTORS["iran"], ev)])])
    for suffix in (".trig", ".nq", ".jsonld"):
        loaded = load_graph(save_graph(ds, tmp_path / f"g{suffix}"))
        (record,) = statement_records(loaded)
        assert record.assertion.evidence.sentence == nasty
        assert record.article.title == nasty and record.article.url == article.url


def test_time_and_dates_are_typed_when_valid() -> None:
    ev = Evidence("t", "s", 0, 1, "r")
    cases = {"2014": XSD.gYear, "2014-06": XSD.gYearMonth, "2014-06-29": XSD.date,
             "2014-13-45": None, "June 2014": None}
    for time, datatype in cases.items():
        ds = build_graph([(Article("t", "s"), [Assertion(ACTORS["isis"], "fights",
                                                         ACTORS["iran"], ev, time=time)])])
        (value,) = set(ds.objects(None, KG.time))
        assert isinstance(value, Literal) and value.datatype == datatype and str(value) == time


def test_works_on_a_plain_dataset_without_default_union(sample_dataset: Dataset) -> None:
    plain = Dataset()
    for s, p, o, g in sample_dataset.quads():
        plain.add((s, p, o, URIRef(str(g))))  # type: ignore[arg-type]
    assert len(statement_records(plain)) == 13
    assert {(r, s, o) for s, r, o in truthy_triples(plain)} == SAMPLE_TRUTHY


# ---------------------------------------------------------------- infer


def test_infer_adds_both_directions_in_the_source_graph(sample_dataset: Dataset,
                                                        sample_items: Items) -> None:
    isis, nusra = actor_iri("isis"), actor_iri("al-nusra-front")
    hez, iran = actor_iri("hezbollah"), actor_iri("iran")
    assert (nusra, KG.alliedWith, isis) not in sample_dataset
    added = infer(sample_dataset)
    # two symmetric truthy triples (allied-with, fights) and one backed-by
    assert added == 3
    art1, art2 = (article_graph_iri(a.id) for a, _ in sample_items[:2])
    assert (nusra, KG.alliedWith, isis) in sample_dataset.graph(art1)
    assert (iran, KG.backs, hez) in sample_dataset.graph(art2)
    assert (actor_iri("isis"), KG.fights, actor_iri("northern-brigade")) in sample_dataset
    # not symmetric, not inverse: unchanged
    assert (actor_iri("isis"), KG.attacks, actor_iri("united-states")) not in sample_dataset
    assert infer(sample_dataset) == 0


def test_infer_changes_no_statement_or_projection(sample_dataset: Dataset) -> None:
    from kgraph.views.network import to_networkx

    records = list(statements(sample_dataset))
    edges = sorted(to_networkx(sample_dataset).edges(keys=True, data="truthy"))
    infer(sample_dataset)
    assert list(statements(sample_dataset)) == records
    assert sorted(to_networkx(sample_dataset).edges(keys=True, data="truthy")) == edges
    assert sorted(truthy_triples(sample_dataset)) != []


def test_rereading_an_article_drops_what_was_inferred_from_it(sample_dataset: Dataset,
                                                              sample_items: Items) -> None:
    infer(sample_dataset)
    article, assertions = sample_items[1]
    add_article(sample_dataset, article, assertions)
    assert (actor_iri("iran"), KG.backs, actor_iri("hezbollah")) not in sample_dataset
    remove_article(sample_dataset, sample_items[0][0].id)
    assert (actor_iri("al-nusra-front"), KG.alliedWith, actor_iri("isis")) not in sample_dataset


def test_infer_on_a_truthy_graph_and_on_kg_backs(sample_dataset: Dataset, tmp_path: Path) -> None:
    ttl = load_graph(save_graph(sample_dataset, tmp_path / "g.ttl"))  # the default graph
    assert infer(ttl) == 3
    assert (actor_iri("iran"), KG.backs, actor_iri("hezbollah")) in ttl
    plain = Graph()
    plain.add((actor_iri("iran"), KG.backs, actor_iri("hamas")))
    plain.add((actor_iri("iran"), KG.backs, URIRef("https://example.org/not-an-actor")))
    assert infer(plain) == 1
    assert (actor_iri("hamas"), KG.backedBy, actor_iri("iran")) in plain
