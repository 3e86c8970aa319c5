"""How much kgraph's extraction costs next to the spaCy parse it runs on (run by hand).

    .venv/bin/python benchmarks/extract_speed.py [--words 50000] [--rounds 3] [--model NAME]

The sample articles of ``data/articles`` are repeated until the corpus holds about ``--words``
words. In the same process, alternating, the script times

* the bare spaCy pipeline (``spacy.load``) over the texts with ``nlp.pipe``, and
* kgraph's full extraction (:func:`kgraph.extract.extract_articles`: the same model plus the
  line breaker and the gazetteer's actor ruler, then mentions, coreference, frames, modality),

and prints words per second for each (best of ``--rounds``) and their ratio. The target is a
ratio of at least 0.9: the rules must cost little next to the parse.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(words: int) -> list[str]:
    """The sample articles' texts, repeated until they hold about ``words`` words."""
    from kgraph.read.articles import read_article

    texts = [read_article(p).text for p in sorted((ROOT / "data" / "articles").iterdir())
             if p.is_file() and p.suffix in (".txt", ".md", ".html")]
    if not texts:
        sys.exit("no sample articles in data/articles")
    out: list[str] = []
    count = 0
    while count < words:
        for text in texts:
            out.append(text)
            count += len(text.split())
            if count >= words:
                break
    return out


def main() -> None:
    """Time both pipelines and print the figures."""
    import spacy

    from kgraph.extract import default_model, extract_articles, load_pipeline
    from kgraph.know.actors import load_actors
    from kgraph.model import Article

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()

    texts = corpus(args.words)
    n_words = sum(len(t.split()) for t in texts)
    name = args.model or default_model()
    bare = spacy.load(name)
    gazetteer = load_actors()
    nlp = load_pipeline(name, gazetteer=gazetteer)
    articles = [Article(id=f"a{i}", text=t, published="2020-01-01") for i, t in enumerate(texts)]

    def run_bare() -> int:
        return sum(len(doc) for doc in bare.pipe(texts, batch_size=32))

    def run_kgraph() -> int:
        return sum(len(found) for _, found in extract_articles(articles, nlp=nlp,
                                                               gazetteer=gazetteer))

    run_bare()  # warm up both (first calls allocate)
    run_kgraph()
    best = {"spacy": float("inf"), "kgraph": float("inf")}
    assertions = 0
    for _ in range(args.rounds):
        for label, fn in (("spacy", run_bare), ("kgraph", run_kgraph)):
            t0 = time.perf_counter()
            result = fn()
            best[label] = min(best[label], time.perf_counter() - t0)
            if label == "kgraph":
                assertions = result
    spacy_wps = n_words / best["spacy"]
    kgraph_wps = n_words / best["kgraph"]
    print(f"model {name}; {len(texts)} texts, {n_words} words; best of {args.rounds} rounds")
    print(f"bare spaCy pipeline : {spacy_wps:9,.0f} words/s ({best['spacy']:.2f} s)")
    print(f"kgraph extraction   : {kgraph_wps:9,.0f} words/s ({best['kgraph']:.2f} s), "
          f"{assertions} assertions")
    print(f"ratio kgraph/spaCy  : {kgraph_wps / spacy_wps:.2f} (target >= 0.9)")


if __name__ == "__main__":
    main()
