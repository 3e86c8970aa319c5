"""Make docs/viewer.png, the README's screenshot, and docs/viewer.json, the counts it shows.

Builds the graph of the sample articles (data/articles), writes its viewer, opens it in headless
Chromium (Debian's, at /usr/bin/chromium, through playwright) at 1280x720, waits until the
layout has settled and frozen, and saves the picture. The header's counts ("68 of 76 actors ·
103 of 103 relations") and the page's totals go into docs/viewer.json, which tests/test_docs.py
checks against a fresh build of the sample: when they differ, run this script again.

    python docs/make_screenshot.py [--out docs/viewer.png]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import kgraph

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
CHROMIUM = "/usr/bin/chromium"
WIDTH, HEIGHT = 1280, 720


def sample_network() -> Any:
    """The networkx projection of the sample articles' graph, as the viewer draws it."""
    return kgraph.to_networkx(kgraph.build([ARTICLES]))


def sample_counts(network: Any) -> dict[str, int]:
    """The totals the viewer's header gives for a network: its actors and its relations."""
    return {"actors": network.number_of_nodes(), "relations": network.number_of_edges()}


def screenshot(page_path: Path, png: Path) -> dict[str, Any]:
    """Open the viewer page, wait for the frozen layout, save ``png``; return what it shows."""
    from playwright.sync_api import sync_playwright  # lazy: a test extra, needed only here

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_path.as_uri())
            page.wait_for_function("() => window.kgraph && window.kgraph.ready", timeout=120_000)
            page.wait_for_timeout(1000)  # the frozen layout's last frames are drawn
            png.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(png))
            shown: dict[str, Any] = page.evaluate(
                """() => ({
                    header: document.getElementById("kg-counts").textContent,
                    actors: window.kgraph.data.nodes.length,
                    relations: window.kgraph.data.edges.length,
                    shown_actors: window.kgraph.view.shownNodes.size,
                    shown_relations: window.kgraph.view.shownEdges.size,
                })"""
            )
        finally:
            browser.close()
    if errors:
        raise RuntimeError(f"the viewer raised: {errors[0]}")
    return shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "viewer.png",
                        help="the PNG to write; the counts go beside it, as .json")
    args = parser.parse_args(argv)
    network = sample_network()
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "graph.html"
        kgraph.write_html(network, page_path, title="kgraph: the sample articles")
        shown = screenshot(page_path, args.out)
    expected = sample_counts(network)
    if {k: shown[k] for k in expected} != expected:
        raise RuntimeError(f"the page shows {shown}, the build gives {expected}")
    record = {"png": args.out.name, "viewport": [WIDTH, HEIGHT], **shown}
    json_path = args.out.with_suffix(".json")
    json_path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stderr.write(f"{args.out.name}: {shown['header']} (counts in {json_path.name})\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
