"""Tests of kgraph.run.distributed: a Dask LocalCluster on loopback builds the single-process
graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from scale_corpus import assert_same_graphs, write_corpus
from trap_gazetteer import GOOD, KILLER, TRAP, trap_gazetteer
from user_actors import user_actor_facts, write_user_actors

from kgraph.errors import ArticleError
from kgraph.run.batch import WORKER_DIED
from kgraph.run.build import build, build_store
from kgraph.run.parallel import RunOptions
from kgraph.store.oxigraph import open_store, to_dataset

pytest.importorskip("distributed")

from kgraph.run.distributed import connect, extract_dask


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 8)


@pytest.mark.slow
def test_dask_builds_the_single_process_graph(corpus: Path, tmp_path: Path) -> None:
    from kgraph.read.articles import iter_articles

    single = build([corpus])
    with connect(workers=1, processes=False) as client:
        items = list(extract_dask(iter_articles([corpus]), client=client, batch_size=3))
        assert [a.id for a, _, _ in items] == [a.id for a in iter_articles([corpus])]
        assert client.status != "closed"  # a given client is left open

    from kgraph.rdf.graph import add_article, new_dataset

    merged = new_dataset()
    for article, assertions, name in items:
        add_article(merged, article, assertions, model=name)
    assert_same_graphs(single, merged)


@pytest.mark.slow
def test_engine_dask_with_a_local_cluster_of_processes(corpus: Path, tmp_path: Path) -> None:
    local = tmp_path / "local"
    build_store([corpus], local)
    on_dask = tmp_path / "dask"
    summary = build_store([corpus], on_dask,
                          options=RunOptions(engine="dask", jobs=2, batch_size=3))
    assert summary.added == 10
    assert_same_graphs(to_dataset(open_store(local)), to_dataset(open_store(on_dask)))


@pytest.mark.slow
def test_dask_skips_an_article_whose_extraction_fails_or_kills_its_worker(tmp_path: Path) -> None:
    import dask

    trap = trap_gazetteer()
    good = tmp_path / "good"
    good.mkdir()
    for i, text in enumerate(GOOD):
        (good / f"good{i}.txt").write_text(text, encoding="utf-8")
    bad = {name: tmp_path / f"{name.lower()}.txt" for name in (TRAP, KILLER)}
    for name, path in bad.items():
        path.write_text(f"{name} attacked Iran near the border.", encoding="utf-8")
    errors: list[ArticleError] = []
    # a task is given up (KilledWorker) on the first worker it kills, rather than the fourth
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        built = build([bad[TRAP], good, bad[KILLER]], gazetteer=trap, on_error=errors.append,
                      options=RunOptions(engine="dask", jobs=2, batch_size=3))
    assert [(e.path, e.reason) for e in errors] == [
        (str(bad[TRAP]), f"extraction failed: ValueError: the {TRAP} trap"),
        (str(bad[KILLER]), WORKER_DIED)]
    assert_same_graphs(build([good], gazetteer=trap), built)


@pytest.mark.slow
def test_user_actors_reach_the_dask_workers(tmp_path: Path) -> None:
    csv_file, articles = write_user_actors(tmp_path)
    on_dask = build([articles], actors=csv_file,
                    options=RunOptions(engine="dask", jobs=2, batch_size=1))
    assert ("kivu-lake-front", "backed-by", "rwanda") in user_actor_facts(on_dask)
    assert_same_graphs(build([articles], actors=csv_file), on_dask)
