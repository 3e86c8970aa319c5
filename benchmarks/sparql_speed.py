"""Time loading and every named query on rdflib in memory vs the Oxigraph store.

Builds a synthetic corpus of N actors and M assertions with full provenance (statement nodes,
mentions, articles; the same RDF a real build writes, through kgraph.rdf.graph.add_article), writes
it once as N-Quads, then for each backend, in a fresh subprocess (so that peak memory is its
own): loads it, runs every named query three times (actor parameters bound to a busy actor
and a partner) and reports the median time of each and the peak resident memory.

    .venv/bin/python benchmarks/sparql_speed.py                     # 10k actors, 100k assertions
    .venv/bin/python benchmarks/sparql_speed.py --actors 1000 --assertions 10000 --backends rdflib
    .venv/bin/python benchmarks/sparql_speed.py --assertions 1000000   # a bigger machine

rdflib needs minutes per query at the default size (see DESIGN.md, known traps): give it a
smaller corpus with --rdflib-assertions (the default runs it at a tenth of the size). A query
still running after --query-limit seconds is stopped, reported as "> LIMIT s", and the run goes
on with the next one.

On the store, "load" includes writing the claim index (kgraph.store.claims) that the queries
of one actor are answered from (kgraph.store.claims.QUERIES). The queries that aggregate everything
(kgraph.store.oxigraph.CACHED_QUERIES) answer from results cached in the store: "precompute" is
the time kgraph.store.oxigraph.warm_cache takes to compute them once after loading. Every write
drops them: the last two lines time ingesting one more article, then the first "actors" query
after it.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kgraph.model import Actor, Article, Assertion

RELATIONS = ("allied-with", "cooperates-with", "truce-with", "negotiates-with", "fights",
             "attacks", "threatens", "criticizes", "sanctions", "backed-by", "member-of",
             "affiliate-of", "pledges-allegiance-to", "merged-into", "split-from", "leader-of")
TYPES = ("State", "ArmedGroup", "PoliticalParty", "InternationalOrganization", "Person",
         "Organization")
MODALITIES = ("actual",) * 6 + ("past", "intended", "hedged", "reported")
RUNS = 3
"""Each query runs this many times; the table reports the median."""


def generate(path: Path, *, actors: int, assertions: int, per_article: int, seed: int) -> int:
    """Write the synthetic corpus to ``path`` as N-Quads; return the number of quads."""
    from kgraph.rdf.graph import add_article, new_dataset

    rng = random.Random(seed)
    quads = 0
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        done = 0
        n = 0
        while done < assertions:
            count = min(per_article, assertions - done)
            ds = new_dataset()
            add_article(ds, *synthetic_article(n, count, actors=actors, rng=rng),
                        model="synthetic-0")
            data = ds.serialize(format="nquads")
            quads += data.count("\n")
            out.write(data)
            done += count
            n += 1
    tmp.replace(path)
    return quads


def synthetic_article(n: int, count: int, *, actors: int,
                      rng: random.Random) -> tuple[Article, list[Assertion]]:
    """Return article ``n`` with ``count`` assertions between ``actors`` synthetic actors."""
    from kgraph.model import Article, Assertion, Evidence

    people = _people(actors)
    # a few actors appear in many articles, most in few (as in the news)
    weights = _weights(actors)
    article_id = f"art-{n:07d}"
    items = []
    offset = 0
    for k in range(count):
        sentence = f"Sentence {k} of article {n}."
        s, o = rng.choices(people, weights, k=2)
        if s.id == o.id:
            o = people[(int(o.id[6:]) + 1) % actors]
        ev = Evidence(article_id, sentence, offset, offset + len(sentence), "synthetic")
        offset += len(sentence) + 1
        items.append(Assertion(
            s, rng.choice(RELATIONS), o, ev,
            polarity="negated" if rng.random() < 0.05 else "asserted",
            modality=rng.choice(MODALITIES),  # type: ignore[arg-type]
            confidence=round(rng.uniform(0.3, 1.0), 2),
            time=f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-01"))
    text = " ".join(f"Sentence {k} of article {n}." for k in range(count))
    return Article(article_id, text, title=f"Report {n}", url=f"https://news.example/{n}",
                   published=f"{rng.randint(2000, 2024)}-01-15"), items


@functools.cache
def _people(actors: int) -> list[Actor]:
    from kgraph.model import Actor

    return [Actor(f"actor-{i:06d}", f"Actor {i}", TYPES[i % len(TYPES)],
                  aliases=(f"A{i}", f"The {i} group"),
                  wikidata=f"Q{100000 + i}" if i % 3 == 0 else "")
            for i in range(actors)]


@functools.cache
def _weights(actors: int) -> list[float]:
    return [1.0 / (i + 1) ** 0.8 for i in range(actors)]


def _bindings() -> dict[str, str]:
    return {"actor": "actor-000000", "other": "actor-000001"}


def run_backend(backend: str, data: Path, limit: float, actors: int) -> dict[str, object]:
    """Load ``data`` into one backend and time every named query (in this process); on the
    store, then time one more article and the first ``actors`` query after it."""
    from kgraph import query
    from kgraph.errors import QueryError
    from kgraph.sparql.named import list_queries

    started = time.perf_counter()
    if backend == "oxigraph":
        from kgraph.store.oxigraph import load_file, open_store

        folder = Path(tempfile.mkdtemp(prefix="kgraph-bench-"))
        graph: object = open_store(folder / "store")
        load_file(graph, data)  # type: ignore[arg-type]
    else:
        from kgraph.rdf.graph import new_dataset

        graph = new_dataset()
        graph.parse(data, format="nquads")  # type: ignore[attr-defined]
    load = time.perf_counter() - started
    precompute = None
    if backend == "oxigraph":
        from kgraph.store.oxigraph import warm_cache

        started = time.perf_counter()
        warm_cache(graph)  # type: ignore[arg-type]
        precompute = time.perf_counter() - started
    times: dict[str, float | None] = {}
    rows: dict[str, int] = {}
    args = _bindings()

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, stop)
    for named in list_queries():
        runs: list[float] = []
        rows[named.name] = -1
        for _ in range(RUNS):
            started = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, limit)  # rdflib runs in Python: an alarm stops it
            try:
                result = query(graph, named.name,  # type: ignore[arg-type]
                               **{p.name: args[p.name] for p in named.params})
                runs.append(time.perf_counter() - started)
                rows[named.name] = len(result)
            except TimeoutError:
                break  # a stopped run is not repeated
            except QueryError as e:  # the store reports the alarm as a failed query
                if not isinstance(e.__cause__, TimeoutError):
                    raise
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        times[named.name] = statistics.median(runs) if len(runs) == RUNS else None
        print(f"{backend} {named.name}: {times[named.name]}", file=sys.stderr, flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    after: dict[str, float] = {}
    if backend == "oxigraph":
        from kgraph.store.oxigraph import ingest_article

        started = time.perf_counter()
        ingest_article(graph, *synthetic_article(10**9, 10, actors=actors,  # type: ignore[arg-type]
                                                 rng=random.Random(1)))
        after["one more article"] = time.perf_counter() - started
        started = time.perf_counter()
        query(graph, "actors")  # type: ignore[arg-type]
        after["actors, after it"] = time.perf_counter() - started
        del graph  # close the store before removing its folder
        shutil.rmtree(folder, ignore_errors=True)
    return {"backend": backend, "load": load, "precompute": precompute, "times": times,
            "rows": rows, "peak_mb": peak, "after": after}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--assertions", type=int, default=100_000)
    parser.add_argument("--per-article", type=int, default=10, help="assertions per article")
    parser.add_argument("--rdflib-assertions", type=int, default=None,
                        help="corpus size for rdflib (default: a tenth of --assertions)")
    parser.add_argument("--backends", default="oxigraph,rdflib")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kgraph-bench",
                        help="folder for the generated N-Quads files (reused)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--query-limit", type=float, default=120.0,
                        help="seconds after which a query is stopped and reported as "
                             "'> LIMIT s'; the run goes on with the next query")
    parser.add_argument("--run", nargs=3, metavar=("BACKEND", "FILE", "ACTORS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_backend(args.run[0], Path(args.run[1]), args.query_limit,
                                     int(args.run[2]))))
        return

    args.cache.mkdir(parents=True, exist_ok=True)
    results = []
    for backend in args.backends.split(","):
        size = args.assertions if backend == "oxigraph" else (
            args.rdflib_assertions or max(args.assertions // 10, 1))
        actors = args.actors if size == args.assertions else max(args.actors * size
                                                                  // args.assertions, 10)
        data = args.cache / f"synthetic-{actors}-{size}-{args.per_article}-{args.seed}.nq"
        if not data.exists():
            started = time.perf_counter()
            quads = generate(data, actors=actors, assertions=size, per_article=args.per_article,
                             seed=args.seed)
            print(f"generated {data} ({quads:,} quads) in {time.perf_counter() - started:.0f} s",
                  file=sys.stderr)
        quads = sum(1 for _ in data.open(encoding="utf-8"))
        done = subprocess.run([sys.executable, __file__, "--run", backend, str(data),
                               str(actors), "--query-limit", str(args.query_limit)],
                              check=True, stdout=subprocess.PIPE, text=True)
        result = json.loads(done.stdout)
        result.update(actors=actors, assertions=size, quads=quads, limit=args.query_limit)
        results.append(result)
    _table(results)


def _cell(seconds: float | None, rows: int, limit: float) -> str:
    return f"> {limit:g} s" if seconds is None else f"{seconds:.3f} s ({rows} rows)"


def _table(results: list[dict[str, object]]) -> None:
    head = ["", *(f"{r['backend']} {r['actors']:,}/{r['assertions']:,} ({r['quads']:,} quads)"
                  for r in results)]
    lines = [head, ["load", *(f"{r['load']:.2f} s" for r in results)],
             ["precompute (cached global queries)",
              *("-" if r["precompute"] is None else f"{r['precompute']:.2f} s" for r in results)]]
    names = list(results[0]["times"])  # type: ignore[call-overload]
    for name in names:
        lines.append([name, *(_cell(r["times"][name], r["rows"][name],  # type: ignore[index]
                                    r["limit"])  # type: ignore[arg-type]
                              for r in results)])
    lines.append(["peak memory", *(f"{r['peak_mb']:.0f} MB" for r in results)])
    for step in ("one more article", "actors, after it"):
        lines.append([step, *(f"{r['after'][step]:.3f} s" if step in r["after"]  # type: ignore[operator,index]
                              else "-" for r in results)])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for line in lines:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())


if __name__ == "__main__":
    main()
