"""Time the analyses of kgraph.analysis on synthetic actor networks.

The networks are those of ``benchmarks/render_speed.py`` (a few hubs, a long tail, every
relation of the vocabulary, one to three dated statements per relation). For each size, reports
the signed network's size and the seconds of :func:`kgraph.analysis.signed.signed_graph`,
:func:`kgraph.analysis.blocs.blocs` and :func:`kgraph.analysis.balance.balance` (each best of
``--repeat``, each from the projection, so blocs and balance include their own signed view),
then what they found. The target: blocs and balance each under 5 s at 5,000 actors and 10,000
relations.

    .venv/bin/python benchmarks/analysis_speed.py                   # 1000 and 5000 actors
    .venv/bin/python benchmarks/analysis_speed.py --sizes 5000,20000 --include actual,past
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from render_speed import generate

from kgraph.analysis.balance import balance
from kgraph.analysis.blocs import blocs
from kgraph.analysis.signed import signed_graph

T = TypeVar("T")


def best_of(repeat: int, run: Callable[[], T]) -> tuple[float, T]:
    """Return the fastest of ``repeat`` runs in seconds, and what the last run returned."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="1000,5000", help="actor counts, comma-separated")
    parser.add_argument("--edges-per-actor", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--include", default="actual", help="modalities, comma-separated")
    args = parser.parse_args()
    include = tuple(args.include.split(","))

    print(f"{'actors':>7} {'relations':>9} {'signed n':>8} {'signed e':>8} {'signed s':>8} "
          f"{'blocs s':>7} {'balance s':>9} {'blocs':>6} {'unaligned':>9} {'error':>8} "
          f"{'triads':>7} {'balanced':>8} {'unbal.':>6} {'enemy/enemy':>11}")
    for n in (int(x) for x in args.sizes.split(",") if x.strip()):
        G = generate(n, edges_per_actor=args.edges_per_actor, seed=args.seed)
        signed_s, S = best_of(args.repeat, partial(signed_graph, G, include=include))
        blocs_s, parts = best_of(args.repeat, partial(blocs, G, include=include))
        balance_s, report = best_of(args.repeat, partial(balance, G, include=include))
        print(f"{n:>7} {G.number_of_edges():>9} {S.number_of_nodes():>8} "
              f"{S.number_of_edges():>8} {signed_s:>8.2f} {blocs_s:>7.2f} {balance_s:>9.2f} "
              f"{len(parts.blocs):>6} {len(parts.unaligned):>9} {parts.error:>8.1f} "
              f"{report.triads:>7} {report.balanced:>8} {len(report.unbalanced):>6} "
              f"{len(report.candidates):>11}", flush=True)


if __name__ == "__main__":
    main()
