"""Tests of kgraph.store.resume: an interrupted build into a store, rerun, equals an
uninterrupted one."""

from __future__ import annotations

from pathlib import Path

import pytest
from scale_corpus import assert_same_graphs, write_corpus

from kgraph.model import Article
from kgraph.run.build import build_store
from kgraph.run.parallel import RunOptions
from kgraph.store.oxigraph import ingest_article, open_store, remove_article, to_dataset
from kgraph.store.resume import is_done, mark_done, pending


def test_an_article_is_done_only_with_its_digest_and_the_same_text() -> None:
    store = open_store(None)
    article = Article("story-1", "Iran backs Hezbollah.")
    ingest_article(store, article, [])
    assert not is_done(store, article)  # in, but not marked: parsed again, harmlessly
    mark_done(store, article)
    mark_done(store, article)
    assert is_done(store, article)
    edited = Article("story-1", "Iran no longer backs Hezbollah.")
    assert not is_done(store, edited)  # same id, other text
    mark_done(store, edited)
    assert is_done(store, edited) and not is_done(store, article)
    remove_article(store, "story-1")
    assert not is_done(store, edited)  # the hash alone does not count


def test_pending_reports_what_it_passes_over() -> None:
    store = open_store(None)
    done, todo = Article("a1", "Hamas met Fatah."), Article("a2", "NATO met.")
    ingest_article(store, done, [])
    mark_done(store, done)
    skipped: list[str] = []
    assert [a.id for a in pending([done, todo], store, on_skip=lambda a: skipped.append(a.id))] \
        == ["a2"]
    assert skipped == ["a1"]


class _Stop(Exception):
    pass


@pytest.mark.slow
def test_a_resumed_build_equals_an_uninterrupted_one(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, 10)
    whole = tmp_path / "whole"
    first = build_store([corpus], whole)
    assert first.added == 12

    def stop_after_seven(article: Article, count: int) -> None:
        stop_after_seven.n += 1  # type: ignore[attr-defined]
        if stop_after_seven.n == 8:  # type: ignore[attr-defined]
            raise _Stop  # as if the build were killed while the 8th article was ingested

    stop_after_seven.n = 0  # type: ignore[attr-defined]
    broken = tmp_path / "broken"
    with pytest.raises(_Stop):
        build_store([corpus], broken, options=RunOptions(batch_size=4,
                                                         on_article=stop_after_seven))
    parsed: list[str] = []
    resumed = build_store([corpus], broken,
                          options=RunOptions(on_article=lambda a, n: parsed.append(a.id)))
    assert (resumed.added, resumed.unchanged) == (5, 7)
    assert len(parsed) == 5  # the seven articles in the store were not parsed again
    assert_same_graphs(to_dataset(open_store(whole)), to_dataset(open_store(broken)))

    again = build_store([corpus], broken, resume=False)
    assert (again.added, again.unchanged) == (0, 12)  # parsed again, nothing changed


class _Terminal:
    """A stderr that says it is a terminal and keeps what is written."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


@pytest.mark.slow
def test_cli_store_build_shows_progress_on_a_terminal_and_resumes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from kgraph.cli import app

    corpus = write_corpus(tmp_path, 3)
    store = tmp_path / "kg.db"
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert app(["build", str(corpus), "--store", str(store)]) == 0
    assert "\rkgraph: " in terminal.text and "/5 articles" in terminal.text
    assert "added         5" in capsys.readouterr().out
    monkeypatch.undo()
    assert app(["build", str(corpus), "--store", str(store), "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert app(["build", str(corpus), "--store", str(store)]) == 0
    assert "unchanged     5" in capsys.readouterr().out
