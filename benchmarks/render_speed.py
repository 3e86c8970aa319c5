"""Time the HTML viewer: building the page in Python and opening it in headless Chromium.

For each size, generates a synthetic actor network shaped like a real one (a few hubs, many
actors with one or two relations, every relation with one to three dated statements), then
reports:

- ``annotate s``: :func:`kgraph.analysis.annotate.annotate` (the blocs and pair timelines the
  page carries, as ``kgraph build`` and ``kgraph render`` compute them), best of ``--repeat``;
- ``render s``: :func:`kgraph.views.render.render_html` of the annotated network (payload,
  escaping and, above ``LAYOUT_THRESHOLD`` actors, the Python layout), best of ``--repeat``;
- ``page MB``: the size of the self-contained page;
- ``ready s``: from navigation to the page being usable (vis-network has drawn the fixed layout,
  or physics has stabilised and frozen), measured by the browser's own clock;
- ``filter ms`` / ``time ms`` / ``search ms`` / ``bloc ms``: one click on a relation family, one
  move of the time slider, one search, one click on "colour by bloc", each until the page's
  handlers return (the redraw follows on the next frame).

    .venv/bin/python benchmarks/render_speed.py                  # 300, 1500 and 5000 actors
    .venv/bin/python benchmarks/render_speed.py --sizes 5000,10000 --edges-per-actor 3

Needs Chromium at /usr/bin/chromium (Debian's package) and playwright.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.model import ACTOR_TYPES

CHROMIUM = "/usr/bin/chromium"
MODALITIES = ("actual",) * 6 + ("past", "intended", "hedged", "reported")


def generate(actors: int, *, edges_per_actor: float, seed: int) -> nx.MultiDiGraph:
    """Return a synthetic network with the attributes of
    :func:`kgraph.views.network.to_networkx`."""
    from kgraph.know.relations import load_relations

    rng = random.Random(seed)
    relations = list(load_relations().values())
    G = nx.MultiDiGraph()
    articles = max(1, actors // 2)
    G.graph["articles"] = {
        f"art-{i:06d}": {
            "title": f"Synthetic article {i}",
            "url": f"https://news.example/{i}",
            "date": f"{rng.randint(2010, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }
        for i in range(articles)
    }
    for i in range(actors):
        G.add_node(
            f"actor-{i:06d}",
            label=f"Actor {i}",
            type=ACTOR_TYPES[i % len(ACTOR_TYPES)],
            aliases=[f"A{i}"],
            wikidata=f"Q{100000 + i}" if i % 3 == 0 else "",
            iri="",
        )
    weights = [1.0 / (i + 1) ** 0.9 for i in range(actors)]  # a few hubs, a long tail
    for _ in range(int(actors * edges_per_actor)):
        u = rng.randrange(actors)
        v = rng.choices(range(actors), weights=weights)[0]
        if u == v:
            continue
        rel = rng.choice(relations)
        s, o = f"actor-{u:06d}", f"actor-{v:06d}"
        if rel.symmetric and o < s:
            s, o = o, s
        if G.has_edge(s, o, key=rel.name):
            continue
        sentences = []
        for _k in range(rng.choice((1, 1, 1, 2, 3))):
            article = f"art-{rng.randrange(articles):06d}"
            row = G.graph["articles"][article]
            sentences.append(
                {
                    "sentence": f"Actor {u} and Actor {v} were said to {rel.name} this week.",
                    "article_id": article,
                    "title": row["title"],
                    "url": row["url"],
                    "date": row["date"],
                    "modality": rng.choice(MODALITIES),
                    "confidence": round(rng.uniform(0.3, 0.95), 2),
                    "rule": "synthetic",
                }
            )
        dates = sorted(x["date"] for x in sentences)
        modalities = sorted({x["modality"] for x in sentences})
        G.add_edge(
            s,
            o,
            key=rel.name,
            relation=rel.name,
            family=rel.family,
            symmetric=rel.symmetric,
            count=len(sentences),
            articles=len({x["article_id"] for x in sentences}),
            first=dates[0],
            last=dates[-1],
            confidence=max(x["confidence"] for x in sentences),
            modalities=modalities,
            truthy="actual" in modalities,
            evidence=[f"https://kgraph.example/statement/{s}/{o}/{k}" for k in range(len(dates))],
            sentences=sentences,
        )
    return G


def time_annotate(G: nx.MultiDiGraph, repeat: int) -> tuple[float, nx.MultiDiGraph]:
    from kgraph.analysis.annotate import annotate

    best, annotated = float("inf"), G
    for _ in range(repeat):
        started = time.perf_counter()
        annotated = annotate(G)
        best = min(best, time.perf_counter() - started)
    return best, annotated


def time_render(G: nx.MultiDiGraph, repeat: int) -> tuple[float, str]:
    from kgraph.views.render import render_html

    best, page = float("inf"), ""
    for _ in range(repeat):
        started = time.perf_counter()
        page = render_html(G, title="benchmark")
        best = min(best, time.perf_counter() - started)
    return best, page


def time_browser(browser: Any, path: Path, timeout_s: float) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("() => window.kgraph && window.kgraph.ready", timeout=timeout_s * 1000)
    timings = page.evaluate("window.kgraph.timings")
    measured = page.evaluate(
        """async () => {
            const k = window.kgraph, out = {};
            let t = performance.now();
            document.querySelector("input[aria-label='show conflict']").click();
            out.filter = performance.now() - t;
            const until = document.getElementById("kg-until");
            t = performance.now();
            if (until) {  // the slider filters on the next animation frame
                until.value = String(Math.floor(Number(until.max) / 2));
                until.dispatchEvent(new Event("input", { bubbles: true }));
                await new Promise((done) => {
                    const wait = () => (k.pending ? requestAnimationFrame(wait) : done());
                    wait();
                });
            }
            out.time = performance.now() - t;
            const search = document.getElementById("kg-search");
            search.value = k.data.nodes[k.data.nodes.length - 1].label;
            t = performance.now();
            search.dispatchEvent(new Event("change"));
            out.search = performance.now() - t;
            const byBloc = document.getElementById("kg-by-bloc");
            t = performance.now();
            byBloc.click();
            out.bloc = performance.now() - t;
            return out;
        }"""
    )
    page.close()
    if errors:
        raise RuntimeError(f"{path}: console errors: {errors[:3]}")
    return {
        "ready_s": timings["ready"] / 1000,
        "script_s": timings["script"] / 1000,
        "filter_ms": measured["filter"],
        "time_ms": measured["time"],
        "search_ms": measured["search"],
        "bloc_ms": measured["bloc"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="300,1500,5000", help="actor counts, comma-separated")
    parser.add_argument("--edges-per-actor", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=3, help="render_html runs (best is kept)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per page")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from kgraph.views.render import LAYOUT_THRESHOLD

    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    header = (
        f"{'actors':>7} {'relations':>9} {'statements':>10} {'layout':>7} {'annotate s':>10} "
        f"{'render s':>8} {'page MB':>7} {'ready s':>7} {'filter ms':>9} {'time ms':>7} "
        f"{'search ms':>9} {'bloc ms':>7}"
    )
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            headless=True,
        )
        print(header)
        for n in sizes:
            G = generate(n, edges_per_actor=args.edges_per_actor, seed=args.seed)
            statements = sum(d["count"] for _, _, d in G.edges(data=True))
            annotating, annotated = time_annotate(G, args.repeat)
            seconds, html = time_render(annotated, args.repeat)
            path = Path(tmp) / f"graph-{n}.html"
            path.write_text(html, encoding="utf-8")
            b = time_browser(browser, path, args.timeout)
            layout = "python" if n > LAYOUT_THRESHOLD else "physics"
            print(
                f"{n:>7} {G.number_of_edges():>9} {statements:>10} {layout:>7} "
                f"{annotating:>10.2f} {seconds:>8.2f} {len(html.encode()) / 1e6:>7.1f} "
                f"{b['ready_s']:>7.2f} {b['filter_ms']:>9.0f} {b['time_ms']:>7.0f} "
                f"{b['search_ms']:>9.0f} {b['bloc_ms']:>7.0f}",
                flush=True,
            )
        browser.close()


if __name__ == "__main__":
    main()
