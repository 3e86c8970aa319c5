"""The viewer page in a real browser (headless Chromium): it draws, works offline, and no article
text ever runs as code."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from test_render import IMG, JS_URL, SCRIPT_BREAK, sample_graph, xss_graph

from kgraph.render import LAYOUT_THRESHOLD, write_html

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


@dataclass
class Visit:
    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.dialogs == []
        assert [u for u in self.requests if not u.startswith(LOCAL_SCHEMES)] == []


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing at /usr/bin/chromium; CI must install it")
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            headless=True,
        )
        yield browser
        browser.close()


@pytest.fixture
def visit(browser: Any, tmp_path: Path) -> Iterator[Any]:
    contexts = []

    def open_graph(G: nx.MultiDiGraph) -> Visit:
        path = write_html(G, tmp_path / "graph.html", title="Test graph")
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(context)
        page = context.new_page()
        v = Visit(page)
        page.on("console", lambda m: v.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: v.page_errors.append(str(e)))
        page.on("request", lambda r: v.requests.append(r.url))

        def on_dialog(dialog: Any) -> None:
            v.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.as_uri())
        page.wait_for_function("() => window.kgraph !== undefined && window.kgraph.ready === true")
        return v

    yield open_graph
    for context in contexts:
        context.close()


def click_node(page: Any, node_id: str) -> None:
    x, y = page.evaluate(
        """(id) => {
            const net = window.kgraph.network;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById("kg-network").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        node_id,
    )
    page.mouse.click(x, y)


def test_draws_every_node_and_edge_offline(visit: Any) -> None:
    G = sample_graph()
    v = visit(G)
    counts = v.page.evaluate("[window.kgraph.nodes.length, window.kgraph.edges.length]")
    assert counts == [G.number_of_nodes(), G.number_of_edges()]
    assert v.page.evaluate("window.kgraph.network.physics.physicsEnabled") is False
    assert v.page.title() == "Test graph"
    assert any(u.startswith("file:") for u in v.requests)
    v.assert_clean()


def test_clicking_a_node_shows_its_evidence(visit: Any) -> None:
    v = visit(sample_graph())
    click_node(v.page, "isis")
    details = v.page.locator("#kg-details")
    details.get_by_text("The two sides agreed to threatens in the north.").wait_for()
    assert "ISIS" in details.locator("h2").inner_text()
    link = details.locator("a[href^='https://www.wikidata.org/wiki/']")
    assert link.get_attribute("href") == "https://www.wikidata.org/wiki/Q2429253"
    assert link.get_attribute("rel") == "noopener noreferrer"
    # a relation in the node's list opens the relation with all of its evidence
    details.get_by_role("button", name="ISIS allied-with al-Nusra Front").click()
    assert details.locator("h2").inner_text() == "ISIS allied-with al-Nusra Front"
    v.assert_clean()


def test_tooltips_are_elements(visit: Any) -> None:
    v = visit(sample_graph())
    texts = v.page.evaluate(
        """() => window.kgraph.edges.get().map(
            (e) => e.title instanceof HTMLElement ? e.title.textContent : null)"""
    )
    assert all(t is not None and "The two sides agreed to" in t for t in texts)
    assert (
        v.page.evaluate("window.kgraph.nodes.get().every((n) => n.title instanceof HTMLElement)")
        is True
    )
    v.assert_clean()


def test_search_and_family_filter(visit: Any) -> None:
    v = visit(sample_graph())
    search = v.page.locator("#kg-search")
    search.fill("daesh")
    search.press("Enter")
    v.page.locator("#kg-details h2", has_text="ISIS").wait_for()
    assert v.page.evaluate("window.kgraph.network.getSelectedNodes()") == ["isis"]
    v.page.get_by_label("show conflict").uncheck()
    hidden = v.page.evaluate(
        "window.kgraph.edges.get().filter((e) => e.hidden).map((e) => e.id).length"
    )
    assert hidden == 2  # fights and attacks
    v.page.get_by_label("show conflict").check()
    assert v.page.evaluate("window.kgraph.edges.get().filter((e) => e.hidden).length") == 0
    v.assert_clean()


def test_hostile_text_stays_text(visit: Any) -> None:
    v = visit(xss_graph())
    page = v.page
    assert page.evaluate("[window.kgraph.nodes.length, window.kgraph.edges.length]") == [2, 1]
    click_node(page, "evil")
    details = page.locator("#kg-details")
    details.locator("h2").wait_for()
    assert details.locator("h2").inner_text() == SCRIPT_BREAK
    page.evaluate("window.kgraph.network.selectEdges(['e0'])")
    details.get_by_role("button").first.click()
    text = details.inner_text()
    assert SCRIPT_BREAK in text and IMG in text
    click_node(page, "other")
    assert details.locator("h2").inner_text() == IMG
    # hover tooltips are built from the same text
    for selector in (
        "img",
        "[onerror]",
        "a[href^='javascript:']",
        "a[href^='data:']",
        "#kg-details script",
        ".vis-tooltip *:not(div):not(p)",
    ):
        assert page.locator(selector).count() == 0, selector
    assert page.locator("#kg-details a[href*='wikidata']").count() == 0  # ids failed ^Q\d+$
    hrefs = page.eval_on_selector_all("a", "(links) => links.map((a) => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("https://") for h in hrefs) and JS_URL not in hrefs
    page.wait_for_timeout(200)  # let any injected handler fire, if one had got in
    v.assert_clean()


def test_large_graph_uses_fixed_positions(visit: Any) -> None:
    G = nx.MultiDiGraph()
    for i in range(LAYOUT_THRESHOLD + 50):
        G.add_node(f"a{i}", label=f"Actor {i}", type="State")
        if i:
            G.add_edge(
                f"a{i}", f"a{i // 9}", key="member-of", relation="member-of", family="membership"
            )
    v = visit(G)
    counts = v.page.evaluate("[window.kgraph.nodes.length, window.kgraph.edges.length]")
    assert counts == [G.number_of_nodes(), G.number_of_edges()]
    assert v.page.evaluate("window.kgraph.data.fixed") is True
    v.assert_clean()
