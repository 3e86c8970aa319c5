"""Throughput and memory of kgraph builds at growing corpus sizes, against bare spaCy.

For each size (default 1k, 4k and 16k articles of about 150 words, from make_corpus.py) and each
configuration, a fresh subprocess runs one build and the parent samples the resident memory of
that process and all its children (worker processes, Dask workers) ten times a second:

* ``jobs1``  -- ``kgraph.run.build`` in memory, one process;
* ``jobs2``  -- the same with ``--jobs 2`` (two worker processes);
* ``dask2``  -- ``--engine dask`` on a local cluster of two worker processes;
* ``store``  -- ``kgraph.build_store`` into an on-disk Oxigraph store, one process
  (memory should not grow with the corpus); ``store2`` the same with two worker processes;
* ``spacy``  -- bare spaCy: ``spacy.load(model).pipe(texts, batch_size=32)`` over the same
  texts, one process, nothing else.

Times include starting Python and loading the model (each worker loads its own). Words are
whitespace-separated words of the article texts. CPU seconds are those of the whole process
tree (user + system): on a shared machine, words per CPU second compares configurations even
when other work steals cores from the wall-clock figures.

    .venv/bin/python benchmarks/scale.py                              # 1k, 4k, 16k
    .venv/bin/python benchmarks/scale.py --sizes 1000 --configs spacy,jobs1,jobs2
    .venv/bin/python benchmarks/scale.py --sizes 100000 --configs store,jobs2   # a big machine
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CONFIGS = ("spacy", "jobs1", "jobs2", "dask2", "store", "store2")

# Runs in the subprocess: one build (or bare spaCy), then prints its figures as JSON.
_DRIVER = r"""
import json, sys, time
config, corpus, work, model = sys.argv[1:5]
model = model or None
started = time.perf_counter()
from kgraph.read.articles import iter_articles
words = articles = assertions = 0
if config == "spacy":
    import spacy
    from kgraph.extract import default_model
    nlp = spacy.load(model or default_model())
    texts = ((a.text, len(a.text.split())) for a in iter_articles([corpus]))
    for doc, n in nlp.pipe(texts, batch_size=32, as_tuples=True):  # as kgraph pipes them
        articles += 1
        words += n
else:
    from kgraph.run.build import build, build_store
    from kgraph.run.parallel import RunOptions
    def count(article, n):
        global words, articles, assertions
        articles += 1; words += len(article.text.split()); assertions += n
    jobs, engine = {"jobs1": (1, "local"), "jobs2": (2, "local"), "dask2": (2, "dask"),
                    "store": (1, "local"), "store2": (2, "local")}[config]
    options = RunOptions(jobs=jobs, engine=engine, on_article=count)
    if config.startswith("store"):
        build_store([corpus], work + "/store", model=model, options=options)
    else:
        build([corpus], model=model, options=options)
print(json.dumps({"seconds": time.perf_counter() - started, "articles": articles,
                  "words": words, "assertions": assertions}))
"""


def _sample(pid: int, cpu: dict[int, float]) -> int:
    """Return the resident memory of a process tree; record each process's CPU time in ``cpu``.

    Worker processes started by a forkserver are not children of the build, so their CPU time
    never reaches its rusage: it is sampled here, per process, ten times a second.
    """
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        try:
            with p.oneshot():
                total += p.memory_info().rss
                times = p.cpu_times()
                cpu[p.pid] = max(cpu.get(p.pid, 0.0), times.user + times.system)
        except psutil.NoSuchProcess:
            continue
    return total


def run(config: str, corpus: Path, *, model: str) -> dict[str, Any]:
    """Run one configuration in a subprocess; return its figures with peak tree RSS (bytes)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="kgraph-scale-") as work:
        process = subprocess.Popen([sys.executable, "-c", _DRIVER, config, str(corpus), work,
                                    model], stdout=subprocess.PIPE, text=True)
        peak = 0
        try:
            while process.poll() is None:
                peak = max(peak, _sample(process.pid, cpu))
                time.sleep(0.1)
        except ImportError:  # no psutil: the largest single process, from rusage
            process.wait()
        out, _ = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"{config} failed with status {process.returncode}")
    figures: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if not peak:
        peak = after.ru_maxrss * 1024
    figures["peak_rss"] = peak
    waited = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    figures["cpu"] = max(waited, sum(cpu.values()))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,4000,16000",
                        help="corpus sizes in articles, comma-separated")
    parser.add_argument("--configs", default=",".join(CONFIGS),
                        help=f"configurations to run, comma-separated: {', '.join(CONFIGS)}")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", default="", help="spaCy pipeline (default: kgraph's)")
    parser.add_argument("--corpus-dir", type=Path, help="keep generated corpora here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    configs = [c for c in args.configs.split(",") if c]
    unknown = set(configs) - set(CONFIGS)
    if unknown:
        parser.error(f"unknown configurations {sorted(unknown)}; valid: {', '.join(CONFIGS)}")

    sys.path.insert(0, str(HERE))
    from make_corpus import write_corpus

    folder = args.corpus_dir or Path(tempfile.mkdtemp(prefix="kgraph-corpus-"))
    header = (f"{'articles':>8}  {'config':<6} {'wall s':>8} {'articles/s':>10} "
              f"{'words/s':>9} {'cpu s':>8} {'words/cpu s':>11} {'assertions':>10} "
              f"{'peak RSS MB':>11}")
    print(header)
    print("-" * len(header))
    results: dict[tuple[int, str], dict[str, Any]] = {}
    for size in sizes:
        corpus = folder / f"corpus-{size}-{args.seed}.jsonl"
        if not corpus.exists():
            write_corpus(corpus, size, seed=args.seed)
        for config in configs:
            r = run(config, corpus, model=args.model)
            results[size, config] = r
            print(f"{size:>8}  {config:<6} {r['seconds']:>8.1f} "
                  f"{r['articles'] / r['seconds']:>10.1f} {r['words'] / r['seconds']:>9.0f} "
                  f"{r['cpu']:>8.1f} {r['words'] / max(r['cpu'], 1e-9):>11.0f} "
                  f"{r['assertions'] if config != 'spacy' else '-':>10} "
                  f"{r['peak_rss'] / 2**20:>11.0f}", flush=True)
    print()
    for size in sizes:
        rate = {c: results[size, c]["words"] / results[size, c]["seconds"]
                for c in configs if (size, c) in results}
        if "jobs1" in rate and "jobs2" in rate:
            print(f"{size}: jobs2 / jobs1 throughput = {rate['jobs2'] / rate['jobs1']:.2f}x "
                  "(target >= 1.6)")
        if "jobs1" in rate and "dask2" in rate:
            print(f"{size}: dask2 / jobs1 throughput = {rate['dask2'] / rate['jobs1']:.2f}x")
        if "jobs1" in rate and "spacy" in rate:
            per_cpu = {c: results[size, c]["words"] / max(results[size, c]["cpu"], 1e-9)
                       for c in ("jobs1", "spacy")}
            print(f"{size}: kgraph jobs1 / bare spaCy words/s = "
                  f"{rate['jobs1'] / rate['spacy']:.2f} (target >= 0.85); per CPU second "
                  f"{per_cpu['jobs1'] / per_cpu['spacy']:.2f}")
    for config in ("store", "store2"):
        stores = [s for s in sizes if (s, config) in results]
        for small, big in itertools.pairwise(stores):
            ratio = results[big, config]["peak_rss"] / results[small, config]["peak_rss"]
            print(f"{config} peak RSS {big} / {small} = {ratio:.2f}x "
                  "(target <= 1.2 for 16k / 4k)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
