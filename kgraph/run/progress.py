"""Build progress: counters, a one-line progress bar for terminals and a final summary line.

A :class:`Tally` counts articles, words and assertions as a build goes (its :meth:`Tally.add`
is the ``on_article`` callback of :class:`kgraph.run.parallel.RunOptions`). When a stream is given
and it is a terminal, the tally redraws one status line on it at most a few times a second:
articles done (of the total, when known), articles/s, words/s, assertions and the time left.
Nothing is drawn otherwise, so logs and pipes stay clean; :func:`summary_line` gives the final
figures either way.

Examples:
    >>> tally = Tally()
    >>> tally.add(Article("a1", "Hamas and Israel agreed a truce."), 1)
    >>> tally.articles, tally.words, tally.assertions
    (1, 6, 1)
    >>> summary_line(tally, seconds=2.0)
    '1 articles, 6 words, 1 assertions in 2.0 s (0.5 articles/s, 3 words/s)'
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from kgraph.model import Article

__all__ = ["Tally", "count_articles", "format_duration", "render_line", "summary_line"]

_JSONL = (".jsonl",)
_FILES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})


@dataclass(slots=True)
class Tally:
    """Running counts of a build, drawn as a progress line on ``stream`` when it is a terminal.

    Attributes:
        total: the number of articles expected, when known (for the ETA).
        stream: where to draw the progress line; nothing is drawn when None or not a terminal.
        interval: the least time between two redraws, in seconds.
    """

    total: int | None = None
    stream: TextIO | None = None
    interval: float = 0.2
    articles: int = 0
    words: int = 0
    assertions: int = 0
    started: float = field(default_factory=time.perf_counter)
    _drawn: float = 0.0
    _width: int = 0

    @property
    def live(self) -> bool:
        """Whether the progress line is drawn (the stream is an interactive terminal)."""
        return self.stream is not None and self.stream.isatty()

    def add(self, article: Article, assertions: int) -> None:
        """Count one extracted article and redraw the progress line when it is due."""
        self.articles += 1
        self.words += len(article.text.split())
        self.assertions += assertions
        if self.live:
            now = time.perf_counter()
            if now - self._drawn >= self.interval:
                self._drawn = now
                self._draw(render_line(self, seconds=now - self.started))

    def close(self) -> None:
        """Clear the progress line (call once the build is over)."""
        if self.live and self._width and self.stream is not None:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def _draw(self, line: str) -> None:
        if self.stream is None:
            return
        padded = line.ljust(self._width)
        self._width = len(line)
        self.stream.write("\r" + padded)
        self.stream.flush()


def format_duration(seconds: float) -> str:
    """Return a short duration: ``42s``, ``3m05s``, ``2h07m``.

    Examples:
        >>> format_duration(42.4), format_duration(185), format_duration(7630)
        ('42s', '3m05s', '2h07m')
    """
    s = max(0, round(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


def render_line(tally: Tally, *, seconds: float) -> str:
    """Return the progress line for a tally after ``seconds``.

    Examples:
        >>> t = Tally(total=100)
        >>> t.articles, t.words, t.assertions = 25, 3750, 80
        >>> render_line(t, seconds=10.0)
        'kgraph: 25/100 articles (25%) | 2.5 articles/s | 375 words/s | 80 assertions | ETA 30s'
    """
    rate = tally.articles / seconds if seconds > 0 else 0.0
    words = tally.words / seconds if seconds > 0 else 0.0
    done = f"{tally.articles:,}"
    if tally.total:
        done += f"/{tally.total:,} articles ({100 * tally.articles // tally.total}%)"
    else:
        done += " articles"
    parts = [f"kgraph: {done}", f"{rate:,.1f} articles/s", f"{words:,.0f} words/s",
             f"{tally.assertions:,} assertions"]
    if tally.total and rate > 0:
        left = max(0, tally.total - tally.articles) / rate
        parts.append(f"ETA {format_duration(left)}")
    return " | ".join(parts)


def summary_line(tally: Tally, *, seconds: float) -> str:
    """Return the one-line summary of a finished build (see the module example)."""
    rate = tally.articles / seconds if seconds > 0 else 0.0
    words = tally.words / seconds if seconds > 0 else 0.0
    return (f"{tally.articles:,} articles, {tally.words:,} words, {tally.assertions:,} "
            f"assertions in {seconds:.1f} s ({rate:,.1f} articles/s, {words:,.0f} words/s)")


def count_articles(inputs: Iterable[str | Path]) -> int | None:
    """Return how many articles ``inputs`` hold, when that is cheap to know; else None.

    Files and folders of .txt/.md/.html count one each and .jsonl files one per non-blank line;
    stdin and compressed JSON lines make the total unknown. Unreadable inputs count as nothing
    (the build reports them). The count is for the ETA only: duplicates are not removed.

    Examples:
        >>> count_articles(["-"]) is None
        True
    """
    total = 0
    for item in inputs:
        if str(item) == "-":
            return None
        path = Path(item)
        files = _walk(path) if path.is_dir() else [path]
        for f in files:
            name = f.name.lower()
            if name.endswith(".jsonl.gz"):
                return None
            if name.endswith(_JSONL):
                total += _count_lines(f)
            elif f.suffix.lower() in _FILES:
                total += 1
    return total


def _walk(root: Path) -> Iterable[Path]:
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith(".") and not name.lower().startswith("readme"):
                yield Path(folder) / name


def _count_lines(path: Path) -> int:
    count = 0
    try:
        with path.open("rb") as f:
            for line in f:
                if line.strip():
                    count += 1
    except OSError:
        return 0
    return count
