"""Time and peak memory of reading (or building) one 1 MB adversarial input of each kind.

Each input is written to a temporary folder and read by a fresh process (``iter_articles``
over the file, every article's text touched), so that its peak resident memory (``ru_maxrss``,
taken with ``wait4``) is its own; with ``--build`` a second process runs
``kgraph build FILE --out DIR --quiet`` on it. The target: no single 1 MB hostile input costs
more than 10 s or 500 MB. ``--scale`` shrinks or grows every input, to check that time grows
linearly with size (run with ``--scale 0.5`` and ``--scale 1``: times should halve).

    .venv/bin/python benchmarks/hostile_speed.py
    .venv/bin/python benchmarks/hostile_speed.py --build --only markdown-line,html-open-a
    .venv/bin/python benchmarks/hostile_speed.py --scale 0.5
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

MB = 1_000_000


def _repeat(unit: str, size: int, head: str = "", tail: str = "") -> str:
    return head + unit * max(1, size // len(unit)) + tail


def _json_line(**fields: object) -> str:
    return json.dumps(fields) + "\n"


KINDS: dict[str, tuple[str, Callable[[int], str]]] = {
    # name: (file suffix, size in characters -> content)
    "markdown-line": (".md", lambda n: _repeat("**a " + "[" * 8 + "_b " + "](" + "`c ", n)),
    "markdown-strong": (".md", lambda n: _repeat("**a ", n)),
    "markdown-brackets": (".md", lambda n: _repeat("[", n, tail=" text")),
    "markdown-links": (".md", lambda n: _repeat("[a](", n)),
    "header-spaces": (".txt", lambda n: "Title:" + " " * n + "x\n\nNATO met."),
    "html-open-a": (".html", lambda n: _repeat("<a", n)),
    "html-cdata": (".html", lambda n: _repeat("<![ CDATA[ x ", n, head="<p>NATO met.</p>")),
    "html-comments": (".html", lambda n: _repeat("<!--", n, head="<p>NATO met.</p>")),
    "html-quotes": (".html", lambda n: _repeat('<a title="x ', n, head="<p>NATO met.</p>")),
    "html-deep": (".html", lambda n: _repeat("<div>", n // 2, tail="NATO met.")
                  + _repeat("</div>", n // 2)),
    "html-spaces": (".html", lambda n: _repeat("<b> </b>", n, head="<p>NATO met.</p>")),
    "html-less-than": (".html", lambda n: _repeat("< ", n, head="<p>NATO met.</p>")),
    "html-entities": (".html", lambda n: _repeat("&amp;", n, head="<p>NATO met. ", tail="</p>")),
    "html-script": (".html", lambda n: "<p>NATO met.</p><script>" + _repeat("</a", n)),
    "json-nested": (".jsonl", lambda n: "[" * (n // 2) + "]" * (n // 2) + "\n"),
    "json-nested-in-record": (".jsonl", lambda n: '{"text": "NATO met.", "x": '
                              + "{\"a\": " * (n // 6) + "1" + "}" * (n // 6) + "}\n"),
    "json-long-id": (".jsonl", lambda n: _json_line(id="i" * n, text="NATO met.")),
    "json-surrogates": (".jsonl", lambda n: '{"text": "NATO' + "\\ud800" * (n // 6) + '"}\n'),
    "json-repeated-id": (".jsonl", lambda n: "".join(_json_line(id="x", text=f"t{i}")
                                                      for i in range(n // 30))),
    "long-sentence": (".txt", lambda n: " ".join(f"w{i}" for i in range(n // 7))),
    "long-text": (".txt", lambda n: _repeat("The army fought the rebels near the border. ", n)),
}


def _child_read(path: str) -> None:
    """Read one file as a batch does; print what was read."""
    from kgraph.read.articles import iter_articles

    messages: list[str] = []
    articles = 0
    chars = 0
    for article in iter_articles([path], on_error=lambda e: messages.append(e.reason)):
        articles += 1
        chars += len(article.text)
    sys.stdout.write(json.dumps({"articles": articles, "chars": chars, "skipped": messages}))


def _measure(cmd: list[str]) -> tuple[float, float, int, str]:
    """Run ``cmd``; return (seconds, peak RSS in MB, exit code, stdout)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return seconds, usage.ru_maxrss / 1024, proc.returncode, text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--scale", type=float, default=1.0, help="input size in MB (default 1)")
    parser.add_argument("--build", action="store_true", help="also time `kgraph build` of each")
    parser.add_argument("--only", default="", help="comma-separated kinds (default: all)")
    parser.add_argument("--child-read", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_read:
        _child_read(args.child_read)
        return 0
    kinds = args.only.split(",") if args.only else list(KINDS)
    size = int(args.scale * MB)
    header = f"{'input':<24}{'bytes':>10}{'read s':>8}{'read MB':>9}  result"
    if args.build:
        header += f"{'build s':>30}{'build MB':>10}{'exit':>6}"
    sys.stdout.write(header + "\n")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            suffix, make = KINDS[kind]
            path = Path(tmp, kind + suffix)
            path.write_text(make(size), encoding="utf-8", newline="")
            seconds, rss, _, out = _measure(
                [sys.executable, __file__, "--child-read", str(path)]
            )
            try:
                got = json.loads(out)
                result = (f"skipped: {got['skipped'][0][:40]}" if got["skipped"]
                          else f"{got['articles']} article(s), {got['chars']:,} chars")
            except (ValueError, KeyError, IndexError):
                result = "crashed"
            line = f"{kind:<24}{path.stat().st_size:>10,}{seconds:>8.2f}{rss:>9.0f}  {result:<28}"
            if args.build:
                b_sec, b_rss, code, _ = _measure(
                    [sys.executable, "-m", "kgraph", "build", str(path), "--out",
                     str(Path(tmp, "out-" + kind)), "--quiet"]
                )
                line += f"{b_sec:>8.1f}{b_rss:>10.0f}{code:>6}"
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
