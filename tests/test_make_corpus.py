"""Tests of benchmarks/make_corpus.py: deterministic, news-like, about 150 words, readable."""

from __future__ import annotations

from pathlib import Path

from scale_corpus import make_corpus_module

from kgraph.read.articles import iter_articles

make_corpus = make_corpus_module()


def test_same_seed_same_articles_other_seed_other_articles() -> None:
    one = list(make_corpus.make_articles(20, seed=5))
    assert one == list(make_corpus.make_articles(20, seed=5))
    assert one != list(make_corpus.make_articles(20, seed=6))
    assert len({a["id"] for a in one}) == 20


def test_articles_are_about_150_words() -> None:
    words = [len(a["text"].split()) for a in make_corpus.make_articles(200, seed=1)]
    assert 140 <= sum(words) / len(words) <= 165
    assert min(words) >= 130


def test_written_corpora_are_read_by_kgraph(tmp_path: Path) -> None:
    for name, fmt in (("c.jsonl", "jsonl"), ("c.jsonl.gz", "jsonl"), ("txt", "txt")):
        path = make_corpus.write_corpus(tmp_path / name, 5, seed=2, format=fmt)
        articles = list(iter_articles([path]))
        assert len(articles) == 5, name
        assert all(a.published and a.title for a in articles), name


def test_command_line(tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    assert make_corpus.main(["3", "-o", str(out), "--seed", "9"]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
