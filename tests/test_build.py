"""Tests of kgraph.run.build: whole builds, idempotent rebuilds and incremental additions."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic
from user_actors import user_actor_facts, write_user_actors

from kgraph.rdf.graph import load_graph
from kgraph.run import build as build_module
from kgraph.run.build import OUTPUT_FILES, build, build_outputs

FIRST = """Old rivals agree to cooperate
Published: 2019-06-01

The Houthis and Hezbollah agreed to cooperate against Saudi Arabia, officials said.
Iran has backed the Houthis since 2014.
"""

SECOND = """Strikes in the north
Published: 2019-07-02

Turkey attacked the YPG near the border in July 2019.
"""


def _named_graphs(ds: Dataset) -> dict[str, object]:
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "first.txt").write_text(FIRST, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_rebuilding_the_same_input_is_isomorphic(articles: Path) -> None:
    one, two = build([articles]), build([articles])
    graphs_one, graphs_two = _named_graphs(one), _named_graphs(two)
    assert graphs_one.keys() == graphs_two.keys()
    for name, graph in graphs_one.items():
        assert isomorphic(graph, graphs_two[name]), name  # type: ignore[arg-type]


@pytest.mark.slow
def test_same_article_twice_is_one_article(articles: Path) -> None:
    (articles / "copy.txt").write_text(FIRST, encoding="utf-8")
    once = build([articles / "first.txt"])
    twice = build([articles])
    assert len(once) == len(twice)


@pytest.mark.slow
def test_adding_an_article_changes_only_its_graph(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = build_outputs([articles], out)
    assert summary.articles == 1 and summary.assertions > 0
    assert [p.name for p in summary.files] == list(OUTPUT_FILES)
    before = _named_graphs(load_graph(out / "graph.trig"))

    new = tmp_path / "second.txt"
    new.write_text(SECOND, encoding="utf-8")
    build_outputs([new], out, into=out / "graph.trig")
    after = _named_graphs(load_graph(out / "graph.trig"))

    changed = {name for name in after if name not in before}
    assert len(changed) == 1  # the new article's named graph
    for name, graph in before.items():
        if "actors" in name:
            continue  # the actor descriptions graph gains the new article's actors
        assert isomorphic(graph, after[name]), name  # type: ignore[arg-type]

    # re-ingesting an unchanged article is a no-op
    build_outputs([new], out, into=out / "graph.trig")
    again = _named_graphs(load_graph(out / "graph.trig"))
    assert again.keys() == after.keys()
    assert all(isomorphic(g, after[n]) for n, g in again.items())  # type: ignore[arg-type]


@pytest.mark.slow
def test_bad_inputs_are_skipped_and_counted(articles: Path, tmp_path: Path) -> None:
    (articles / "empty.txt").write_text("", encoding="utf-8")
    (articles / "latin1.txt").write_bytes("Caf\xe9 in Par\xeds".encode("latin-1"))
    seen: list[str] = []
    summary = build_outputs([articles], tmp_path / "out", on_error=lambda e: seen.append(e.path))
    assert summary.articles == 1 and summary.skipped == 2
    assert sorted(Path(p).name for p in seen) == ["empty.txt", "latin1.txt"]


@pytest.mark.slow
def test_a_store_build_that_reopens_its_store_gives_the_same_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scale_corpus import assert_same_graphs, write_corpus

    from kgraph.run.build import build_store
    from kgraph.store import oxigraph
    from kgraph.store.oxigraph import open_store, to_dataset

    corpus = write_corpus(tmp_path, 8)
    build_store([corpus], tmp_path / "whole")
    monkeypatch.setattr("kgraph.run.build._FLUSH_EVERY", 2)  # the store reopens every 4 articles
    reopened: list[Path] = []

    def counted(path: Path, **options: bool) -> object:
        reopened.append(path)
        return open_store(path, **options)

    monkeypatch.setattr(oxigraph, "open_store", counted)
    # the first half goes in first, so that the second build both skips and reopens; it is
    # read from the same file name, which each article keeps as the place it was read from
    whole = corpus.read_text()
    corpus.write_text("".join(whole.splitlines(keepends=True)[:5]))
    assert build_store([corpus], tmp_path / "reopened").added == 5
    assert len(reopened) == 1
    corpus.write_text(whole)
    summary = build_store([corpus], tmp_path / "reopened")
    assert (summary.added, summary.unchanged) == (5, 5)
    assert len(reopened) == 2
    assert_same_graphs(to_dataset(open_store(tmp_path / "whole")),
                       to_dataset(open_store(tmp_path / "reopened")))


# --- the user's actors ------------------------------------------------------------------------

@pytest.fixture()
def user_actors(tmp_path: Path) -> tuple[Path, Path]:
    return write_user_actors(tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_user_actors_are_extracted_and_described(user_actors: tuple[Path, Path],
                                                 jobs: int) -> None:
    from rdflib import Literal, URIRef
    from rdflib.namespace import OWL, RDF, SKOS

    from kgraph.rdf.namespace import ACTORS_GRAPH, KG, actor_iri
    from kgraph.run.parallel import RunOptions

    csv_file, folder = user_actors
    built = build([folder], actors=csv_file, options=RunOptions(jobs=jobs))
    assert user_actor_facts(built) >= {
        ("kivu-lake-front", "backed-by", "rwanda"),
        ("hezbollah", "backed-by", "iran"),
    }
    assert any(s == "kivu-lake-front" or o == "kivu-lake-front"
               for s, relation, o in user_actor_facts(built) if relation == "fights")
    actors = built.graph(ACTORS_GRAPH)
    front, party = actor_iri("kivu-lake-front"), actor_iri("hezbollah")
    assert set(actors.objects(front, SKOS.prefLabel)) == {Literal("Kivu Lake Front")}
    assert set(actors.objects(front, SKOS.altLabel)) == {Literal("KLF"),
                                                       Literal("Front du Lac Kivu")}
    assert (front, RDF.type, KG.ArmedGroup) in actors
    assert (front, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q999999991")) in actors
    assert (front, KG.minted, None) not in actors
    assert set(actors.objects(party, SKOS.prefLabel)) == {Literal("Hezbollah Movement")}
    assert (party, RDF.type, KG.PoliticalParty) in actors
    assert (party, RDF.type, KG.ArmedGroup) not in actors
    # without the file, neither "KLF" nor "Party of God" names a known actor
    assert user_actor_facts(build([folder])) == set()


def test_a_bad_user_actor_file_stops_the_build_before_any_work(tmp_path: Path) -> None:
    from kgraph.errors import DataFileError

    bad = tmp_path / "bad.csv"
    bad.write_text("id,label,type\nkivu-lake-front,Kivu Lake Front,Militia\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(DataFileError, match=r"bad.csv:2: column type: unknown type 'Militia'"):
        build_outputs([tmp_path / "no-articles-here"], out, actors=[bad])
    assert not out.exists()
    with pytest.raises(ValueError, match="not both"):
        from kgraph.know.actors import load_actors

        build([tmp_path], gazetteer=load_actors(), actors=bad)


@pytest.mark.slow
def test_outputs_are_replaced_only_by_a_whole_build(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build_outputs([articles], out)
    before = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    (articles / "second.txt").write_text(SECOND, encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "write_html", fail)
    with pytest.raises(OSError, match="disk full"):
        build_outputs([articles], out)
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "out"]  # nothing staged
    monkeypatch.undo()
    empty = tmp_path / "empty"
    empty.mkdir()
    summary = build_outputs([empty], out)
    assert summary.articles == 0 and summary.files == ()
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == before
