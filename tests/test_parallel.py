"""Tests of kgraph.run.parallel: batching, options, and --jobs N giving the --jobs 1 graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from scale_corpus import assert_same_graphs, write_corpus
from trap_gazetteer import GOOD, KILLER, TRAP, TrapGazetteer, trap_gazetteer

from kgraph.cli import app
from kgraph.errors import ArticleError, KGraphError, ModelError
from kgraph.model import Article
from kgraph.rdf.graph import load_graph
from kgraph.run.batch import WORKER_DIED, batches
from kgraph.run.build import build
from kgraph.run.parallel import RunOptions, extract_stream


def test_batches_keep_order_and_are_lazy() -> None:
    consumed = []

    def stream():  # type: ignore[no-untyped-def]
        for i in range(7):
            consumed.append(i)
            yield Article(str(i), "x")

    chunks = batches(stream(), 3)
    assert [a.id for a in next(chunks)] == ["0", "1", "2"]
    assert consumed == [0, 1, 2]
    assert [[a.id for a in b] for b in chunks] == [["3", "4", "5"], ["6"]]


@pytest.mark.parametrize("options", [RunOptions(jobs=0), RunOptions(batch_size=0),
                                     RunOptions(engine="spark")])  # type: ignore[arg-type]
def test_bad_options_are_refused(options: RunOptions) -> None:
    with pytest.raises(KGraphError):
        list(extract_stream([Article("a", "x")], options=options))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 10)


@pytest.fixture(scope="module")
def one_process(corpus: Path) -> object:
    return build([corpus], options=RunOptions(batch_size=4))


@pytest.mark.slow
def test_two_jobs_build_the_same_graph(corpus: Path, one_process: object) -> None:
    seen: list[str] = []
    options = RunOptions(jobs=2, batch_size=4, on_article=lambda a, n: seen.append(a.id))
    two = build([corpus], options=options)
    assert_same_graphs(one_process, two)  # type: ignore[arg-type]
    assert len(seen) == 12 and seen[0].startswith("synthetic-")  # input order, all articles


@pytest.mark.slow
def test_a_model_that_does_not_load_fails_in_the_worker_with_its_reason() -> None:
    stream = extract_stream([Article("a", "Iran backs Hezbollah.")],
                            options=RunOptions(jobs=2), model="no_such_model_xyz")
    with pytest.raises(ModelError, match="no_such_model_xyz"):
        list(stream)


@pytest.mark.slow
def test_cli_jobs(corpus: Path, one_process: object, tmp_path: Path,
                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert app(["build", str(corpus), "--out", str(out), "--jobs", "2", "--batch-size", "4"]) == 0
    printed = capsys.readouterr()
    assert "12 articles" in printed.out and "words/s" in printed.out
    assert "\r" not in printed.err  # not a terminal: no progress bar
    assert_same_graphs(one_process, load_graph(out / "graph.trig"))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def trap() -> TrapGazetteer:
    return trap_gazetteer()


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("good")
    for i, text in enumerate(GOOD):
        (folder / f"good{i}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def good_graph(good: Path, trap: TrapGazetteer) -> object:
    return build([good], gazetteer=trap)


def _bad_file(folder: Path, name: str, actor: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"{actor} attacked Iran near the border.", encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_an_article_whose_extraction_fails_is_skipped_alone(
        good: Path, good_graph: object, trap: TrapGazetteer, tmp_path: Path, jobs: int) -> None:
    bad = _bad_file(tmp_path, "bad.txt", TRAP)
    errors: list[ArticleError] = []
    # the bad article shares its batch with good ones: they are parsed again one by one
    built = build([bad, good], gazetteer=trap, on_error=errors.append,
                  options=RunOptions(jobs=jobs, batch_size=4))
    assert [(e.path, e.reason) for e in errors] == [
        (str(bad), f"extraction failed: ValueError: the {TRAP} trap")]
    assert_same_graphs(good_graph, built)  # type: ignore[arg-type]


@pytest.mark.slow
def test_a_killed_worker_costs_only_its_article(
        good: Path, good_graph: object, trap: TrapGazetteer, tmp_path: Path) -> None:
    killer = _bad_file(tmp_path, "killer.txt", KILLER)
    trapped = _bad_file(tmp_path, "trapped.txt", TRAP)
    errors: list[ArticleError] = []
    seen: list[str] = []
    built = build([killer, good, trapped], gazetteer=trap, on_error=errors.append,
                  options=RunOptions(jobs=2, batch_size=2,
                                     on_article=lambda a, n: seen.append(a.source)))
    assert [(Path(e.path).name, e.reason) for e in errors] == [
        ("killer.txt", WORKER_DIED),
        ("trapped.txt", f"extraction failed: ValueError: the {TRAP} trap")]
    assert seen == [str(good / f"good{i}.txt") for i in range(len(GOOD))]  # in input order
    assert_same_graphs(good_graph, built)  # type: ignore[arg-type]
