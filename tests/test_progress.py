"""Tests of kgraph.run.progress: counting, the terminal progress line and the summary line."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from kgraph.model import Article
from kgraph.run.progress import Tally, count_articles, render_line, summary_line


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_drawn_when_the_stream_is_not_a_terminal() -> None:
    stream = io.StringIO()
    tally = Tally(stream=stream, interval=0.0)
    tally.add(Article("a", "one two three"), 2)
    tally.close()
    assert stream.getvalue() == ""
    assert (tally.articles, tally.words, tally.assertions) == (1, 3, 2)


def test_a_terminal_gets_one_redrawn_line_cleared_at_the_end() -> None:
    stream = _Terminal()
    tally = Tally(total=4, stream=stream, interval=0.0)
    for i in range(3):
        tally.add(Article(str(i), "Iran backs Hezbollah."), 1)
    text = stream.getvalue()
    assert text.count("\r") == 3 and "\n" not in text
    assert "3/4 articles (75%)" in text and "assertions" in text and "ETA" in text
    tally.close()
    assert stream.getvalue().endswith("\r")


def test_unknown_total_has_no_eta() -> None:
    tally = Tally()
    tally.articles, tally.words = 10, 1500
    line = render_line(tally, seconds=5.0)
    assert line.startswith("kgraph: 10 articles |") and "ETA" not in line
    assert "300 words/s" in line


def test_summary_line() -> None:
    tally = Tally()
    tally.articles, tally.words, tally.assertions = 1000, 150_000, 4200
    assert summary_line(tally, seconds=50.0) == (
        "1,000 articles, 150,000 words, 4,200 assertions in 50.0 s "
        "(20.0 articles/s, 3,000 words/s)")
    assert "0.0 articles/s" in summary_line(Tally(), seconds=0.0)


def test_count_articles(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("x")
    (folder / "sub" / "b.md").write_text("x")
    (folder / "README.md").write_text("about")
    (folder / ".hidden.txt").write_text("x")
    (folder / "notes.csv").write_text("x")
    lines = tmp_path / "more.jsonl"
    lines.write_text('{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n')
    assert count_articles([folder, lines]) == 5
    assert count_articles([tmp_path / "missing.jsonl"]) == 0
    packed = tmp_path / "x.jsonl.gz"
    with gzip.open(packed, "wt") as f:
        f.write('{"text": "a"}\n')
    assert count_articles([packed]) is None
    assert count_articles(["-"]) is None
