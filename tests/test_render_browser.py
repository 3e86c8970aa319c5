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
from test_analysis_annotate import camps
from test_render import IMG, JS_URL, SCRIPT_BREAK, sample_graph, xss_graph

from kgraph.analysis.annotate import annotate
from kgraph.analysis.signed import projection_from_claims
from kgraph.views.render import LAYOUT_THRESHOLD, write_html

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


def screen_point(page: Any, node_ids: list[str]) -> tuple[float, float]:
    """Return the page coordinates of a node, or of the middle point between two nodes."""
    x, y = page.evaluate(
        """(ids) => {
            const net = window.kgraph.network;
            const pos = net.getPositions(ids);
            const xs = ids.map((id) => pos[id].x), ys = ids.map((id) => pos[id].y);
            const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
            const p = net.canvasToDOM({ x: mean(xs), y: mean(ys) });
            const box = document.getElementById("kg-network").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        node_ids,
    )
    return x, y


def click_node(page: Any, node_id: str) -> None:
    page.mouse.click(*screen_point(page, [node_id]))


def set_range(page: Any, selector: str, value: float) -> None:
    page.eval_on_selector(
        selector,
        """(input, value) => {
            input.value = String(value);
            input.dispatchEvent(new Event("input", { bubbles: true }));
        }""",
        value,
    )
    page.wait_for_function("() => window.kgraph.pending === false")  # filtered on the next frame


def shown_relations(page: Any) -> list[str]:
    """The relations vis-network draws now (hidden edges are not drawn)."""
    relations: list[str] = page.evaluate(
        """() => {
            const k = window.kgraph;
            const byId = new Map(k.data.edges.map((e) => [e.id, e.relation]));
            return k.network.body.edgeIndices.map((id) => byId.get(id)).sort();
        }"""
    )
    return relations


def drawn_counts(page: Any) -> list[int]:
    counts: list[int] = page.evaluate(
        """() => [window.kgraph.network.body.nodeIndices.length,
                  window.kgraph.network.body.edgeIndices.length]"""
    )
    return counts


def test_draws_every_node_and_edge_offline(visit: Any) -> None:
    G = sample_graph()
    v = visit(G)
    counts = v.page.evaluate("[window.kgraph.nodes.length, window.kgraph.edges.length]")
    assert counts == [G.number_of_nodes(), G.number_of_edges()]
    assert drawn_counts(v.page) == [G.number_of_nodes(), G.number_of_edges()]
    assert v.page.locator("#kg-counts").inner_text() == "3 of 3 actors · 4 of 4 relations"
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
    assert details.locator("h3.kg-group").all_inner_texts() == [
        "allied-with (1)",
        "fights (1)",
        "threatens (1)",
    ]
    link = details.locator("a[href^='https://www.wikidata.org/wiki/']")
    assert link.get_attribute("href") == "https://www.wikidata.org/wiki/Q2429253"
    assert link.get_attribute("rel") == "noopener noreferrer"
    article = details.get_by_role("link", name="Old rivals announce a pact")
    assert article.get_attribute("href") == "https://example.org/a3"
    # a relation in the node's list opens the relation with all of its evidence
    details.get_by_role("button", name="ISIS allied-with al-Nusra Front").click()
    assert details.locator("h2").inner_text() == "ISIS allied-with al-Nusra Front"
    v.assert_clean()


def test_clicking_an_edge_shows_its_evidence(visit: Any) -> None:
    v = visit(sample_graph())
    v.page.mouse.click(*screen_point(v.page, ["isis", "syria"]))  # a straight edge's middle
    details = v.page.locator("#kg-details")
    details.locator("h2").wait_for()
    assert details.locator("h2").inner_text() == "ISIS threatens Syria"
    threatens = v.page.evaluate(
        "window.kgraph.data.edges.filter((e) => e.relation === 'threatens').map((e) => e.id)"
    )
    assert v.page.evaluate("window.kgraph.network.getSelectedEdges()") == threatens
    text = details.inner_text()
    assert "The two sides agreed to threatens in the north." in text
    assert "2014-02-03" in text and "hostility" in text
    link = details.get_by_role("link", name="Rival factions clash near the border")
    assert link.get_attribute("href") == "https://example.org/a1"
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


def test_search_focuses_the_actor(visit: Any) -> None:
    G = sample_graph()
    G.add_node("iraq", label="Iraq", type="State", aliases=["Republic of Iraq"])
    G.add_edge("iraq", "syria", key="allied-with", relation="allied-with", family="alliance")
    v = visit(G)
    search = v.page.locator("#kg-search")
    search.fill("daesh")
    search.press("Enter")
    v.page.locator("#kg-details h2", has_text="ISIS").wait_for()
    selected = v.page.evaluate("window.kgraph.network.getSelection()")
    assert sorted(selected["nodes"]) == ["al-nusra-front", "isis", "syria"]  # with its neighbours
    assert len(selected["edges"]) == 3 and "iraq" not in selected["nodes"]
    # the camera moves onto the actor
    v.page.wait_for_function(
        """() => {
            const net = window.kgraph.network;
            const p = net.getPositions(["isis"]).isis, c = net.getViewPosition();
            return Math.hypot(p.x - c.x, p.y - c.y) < 1;
        }"""
    )
    search.fill("republic of")
    search.press("Enter")
    v.page.locator("#kg-details h2", has_text="Iraq").wait_for()
    assert sorted(v.page.evaluate("window.kgraph.network.getSelectedNodes()")) == ["iraq", "syria"]
    search.fill("nobody at all")
    search.press("Enter")
    assert v.page.locator("#kg-status").inner_text() == "no actor matches"
    v.assert_clean()


def test_relation_and_family_filters(visit: Any) -> None:
    v = visit(sample_graph())
    page = v.page
    page.get_by_label("show conflict").uncheck()
    assert shown_relations(page) == ["allied-with", "threatens"]  # fights and attacks hidden
    page.get_by_label("show conflict").check()
    assert shown_relations(page) == ["allied-with", "attacks", "fights", "threatens"]
    page.get_by_label("show relation fights").uncheck()
    assert shown_relations(page) == ["allied-with", "attacks", "threatens"]
    assert page.get_by_label("show conflict").evaluate("(box) => box.indeterminate") is True
    page.get_by_label("show relation allied-with").uncheck()
    page.get_by_label("show relation threatens").uncheck()
    assert shown_relations(page) == ["attacks"]
    assert drawn_counts(page) == [2, 1]  # ISIS has no relation left and is hidden
    page.get_by_label("hide actors left without relations").uncheck()
    assert drawn_counts(page) == [3, 1]
    assert page.locator("#kg-counts").inner_text() == "3 of 3 actors · 1 of 4 relations"
    v.assert_clean()


def test_time_range_shows_the_graph_of_a_period(visit: Any) -> None:
    v = visit(sample_graph())
    page = v.page
    dates = page.evaluate("window.kgraph.data.dates")
    assert dates == ["2014-02-03", "2014-07-15", "2014-11-13"]
    # from late 2014 on, ISIS and al-Nusra are allies and no longer fight
    set_range(page, "#kg-from", dates.index("2014-11-13"))
    assert shown_relations(page) == ["allied-with"]
    assert drawn_counts(page) == [2, 1]
    assert "2014-11-13" in page.locator("#kg-time").inner_text()
    # up to summer 2014 they fight
    set_range(page, "#kg-from", 0)
    set_range(page, "#kg-until", dates.index("2014-07-15"))
    assert shown_relations(page) == ["attacks", "fights", "threatens"]
    # a period keeps only the evidence inside it
    set_range(page, "#kg-from", dates.index("2014-07-15"))
    assert shown_relations(page) == ["attacks", "fights"]
    page.mouse.click(*screen_point(page, ["isis"]))
    details = page.locator("#kg-details")
    details.get_by_role("button", name="ISIS fights al-Nusra Front").click()
    text = details.inner_text()
    assert text.count("The two sides agreed to fights") == 1 and "2014-07-15" in text
    assert "1 statement outside the filters" in text
    # "as of" a date: everything up to it
    page.get_by_label("as of the date (everything before it)").check()
    assert page.locator("#kg-from").is_disabled()
    assert shown_relations(page) == ["attacks", "fights", "threatens"]
    page.get_by_role("button", name="all time").click()
    assert shown_relations(page) == ["allied-with", "attacks", "fights", "threatens"]
    v.assert_clean()


def test_evidence_type_and_size_controls(visit: Any) -> None:
    G = sample_graph()
    G.edges["isis", "syria", "threatens"]["sentences"][0]["confidence"] = 0.3
    v = visit(G)
    page = v.page
    set_range(page, "#kg-min-evidence", 2)
    assert shown_relations(page) == ["fights"]
    set_range(page, "#kg-min-evidence", 1)
    set_range(page, "#kg-min-confidence", 0.5)
    assert shown_relations(page) == ["allied-with", "attacks", "fights"]
    set_range(page, "#kg-min-confidence", 0)
    page.get_by_label("show type State").uncheck()
    assert shown_relations(page) == ["allied-with", "fights"]
    assert drawn_counts(page) == [2, 2]
    page.get_by_label("show type State").check()

    def size(node: str) -> float:
        value: float = page.evaluate("(id) => window.kgraph.nodes.get(id).size", node)
        return value

    by_degree = size("isis")
    page.get_by_label("size by statements").check()
    assert size("isis") > by_degree  # 3 relations, 4 statements
    assert size("syria") < size("isis")
    v.assert_clean()


def test_hostile_text_stays_text(visit: Any) -> None:
    v = visit(xss_graph())
    page = v.page
    assert page.evaluate("[window.kgraph.nodes.length, window.kgraph.edges.length]") == [2, 1]
    click_node(page, "evil")
    details = page.locator("#kg-details")
    details.locator("h2").wait_for()
    assert details.locator("h2").inner_text() == SCRIPT_BREAK
    details.get_by_role("button").first.click()
    text = details.inner_text()
    assert SCRIPT_BREAK in text and IMG in text
    click_node(page, "other")
    assert details.locator("h2").inner_text() == IMG
    page.mouse.click(*screen_point(page, ["evil", "other"]))
    assert details.locator("h2").inner_text() == f"{SCRIPT_BREAK} attacks {IMG}"
    search = page.locator("#kg-search")
    search.fill(IMG)
    search.press("Enter")
    assert_no_injected_markup(page)
    v.assert_clean()


def test_hostile_article_from_a_built_graph(visit: Any) -> None:
    graph_module = pytest.importorskip("kgraph.rdf.graph")
    from kgraph.model import Actor, Article, Assertion, Evidence
    from kgraph.views.network import to_networkx

    iran = Actor("iran", "Iran", "State", wikidata="Q794")
    group = Actor("evil", SCRIPT_BREAK, "ArmedGroup", aliases=(IMG, JS_URL), minted=True)
    text = f"Iran backs {SCRIPT_BREAK} and {IMG}."
    ev = Evidence("a1", text, 0, len(text), "demo")
    article = Article("a1", text, title=IMG, url=JS_URL, published="2016-05-01")
    G = to_networkx(graph_module.build_graph([(article, [Assertion(iran, "backs", group, ev)])]))
    v = visit(G)
    page = v.page
    click_node(page, "evil")
    details = page.locator("#kg-details")
    details.get_by_text(text).wait_for()
    assert "not in the gazetteer" in details.inner_text()
    assert details.get_by_text(IMG, exact=True).count() >= 1  # the title, as text, not a link
    assert_no_injected_markup(page)
    v.assert_clean()


def assert_no_injected_markup(page: Any) -> None:
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
    assert all(h.startswith("https://") for h in hrefs) and JS_URL not in hrefs
    page.wait_for_timeout(200)  # let any injected handler fire, if one had got in


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
    assert drawn_counts(v.page) == counts
    assert v.page.evaluate("window.kgraph.data.fixed") is True
    v.page.get_by_label("show membership").uncheck()
    assert drawn_counts(v.page) == [0, 0]
    v.assert_clean()


def framed(page: Any) -> float:
    """How much of the canvas the drawn actors span (0 when one is off screen)."""
    share: float = page.evaluate(
        """() => {
            const net = window.kgraph.network;
            const ids = net.body.nodeIndices;
            const box = document.getElementById("kg-network").getBoundingClientRect();
            const pos = net.getPositions(ids);
            const xs = [], ys = [];
            for (const id of ids) {
                const p = net.canvasToDOM(pos[id]);
                if (p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height) return 0;
                xs.push(p.x); ys.push(p.y);
            }
            const span = Math.max((Math.max(...xs) - Math.min(...xs)) / box.width,
                                  (Math.max(...ys) - Math.min(...ys)) / box.height);
            return span;
        }"""
    )
    return share


def look_away(page: Any) -> None:
    page.evaluate("window.kgraph.network.moveTo({ position: { x: 5000, y: 5000 }, scale: 0.2 })")
    assert framed(page) == 0


def test_fit_button_filters_and_resizing_frame_the_graph(visit: Any) -> None:
    v = visit(sample_graph())
    page = v.page
    look_away(page)
    page.get_by_role("button", name="fit").click()
    assert framed(page) > 0.2
    look_away(page)
    page.get_by_label("show relation threatens").uncheck()  # a filter change frames what is left
    assert framed(page) > 0.2
    look_away(page)
    page.set_viewport_size({"width": 1000, "height": 700})
    page.wait_for_timeout(300)  # the page frames the graph once resizing has stopped
    assert framed(page) > 0.2
    v.assert_clean()


def test_actors_without_any_relation_are_hidden(visit: Any) -> None:
    G = sample_graph()
    G.add_node("loner", label="Lone Group", type="ArmedGroup")
    v = visit(G)
    page = v.page
    assert drawn_counts(page) == [3, 4]
    assert page.locator("#kg-counts").inner_text() == "3 of 4 actors · 4 of 4 relations"
    page.get_by_label("hide actors left without relations").uncheck()
    assert drawn_counts(page) == [4, 4]
    page.get_by_label("hide actors left without relations").check()
    assert drawn_counts(page) == [3, 4]
    v.assert_clean()


def test_legend_counts_follow_the_filters(visit: Any) -> None:
    v = visit(sample_graph())
    page = v.page

    def legend() -> list[str]:
        selector = "#kg-types label > span:last-child, .kg-relations label > span"
        texts: list[str] = page.locator(selector).all_inner_texts()
        return sorted(t.strip() for t in texts if not t.strip().endswith("(0)"))

    assert legend() == [
        "ArmedGroup (2)",
        "State (1)",
        "allied-with (1)",
        "attacks (1)",
        "fights (1)",
        "threatens (1)",
    ]
    page.get_by_label("show conflict").uncheck()
    assert legend() == [
        "ArmedGroup (2)",
        "State (1)",
        "allied-with (1)",
        "attacks (0 of 1)",
        "fights (0 of 1)",
        "threatens (1)",
    ]
    page.get_by_label("show relation allied-with").uncheck()
    page.get_by_label("show relation threatens").uncheck()
    assert legend()[:2] == ["ArmedGroup (0 of 2)", "State (0 of 1)"]
    v.assert_clean()


def test_searching_the_same_name_again_centres_again(visit: Any) -> None:
    v = visit(sample_graph())
    page = v.page
    centred = """() => {
        const net = window.kgraph.network;
        const p = net.getPositions(["isis"]).isis, c = net.getViewPosition();
        return Math.hypot(p.x - c.x, p.y - c.y) < 1;
    }"""
    search = page.locator("#kg-search")
    for _ in range(2):
        search.fill("ISIS")
        search.press("Enter")
        page.wait_for_function(centred, timeout=3000)
        page.wait_for_timeout(500)  # the camera's move is over
        page.evaluate("window.kgraph.network.moveTo({ position: { x: 4000, y: 4000 } })")
        assert page.evaluate(centred) is False
    v.assert_clean()


def labels_drawn(page: Any, scale: float | None = None) -> list[str]:
    """The actor labels the canvas draws at a zoom level (by default the current one)."""
    drawn: list[str] = page.evaluate(
        """(scale) => {
            const k = window.kgraph, labels = new Set(k.data.nodes.map((n) => n.label));
            const seen = new Set(), proto = CanvasRenderingContext2D.prototype;
            const fillText = proto.fillText;
            proto.fillText = function (text) {
                if (labels.has(text)) seen.add(text);
                return fillText.apply(this, arguments);
            };
            try {
                if (scale !== null) k.network.moveTo({ scale: scale });
                k.network.redraw();
            } finally {
                proto.fillText = fillText;
            }
            return [...seen].sort();
        }""",
        scale,
    )
    return drawn


def test_small_labels_are_hidden_and_hubs_keep_theirs(visit: Any) -> None:
    G = sample_graph()
    for i in range(12):
        G.add_node(f"m{i}", label=f"Militia {i}", type="ArmedGroup")
        G.add_edge(f"m{i}", "syria", key="fights", relation="fights", family="conflict")
    v = visit(G)
    page = v.page
    assert len(labels_drawn(page, 1.0)) == G.number_of_nodes()
    # zoomed out, 13 px labels would be 6 px of noise: only the hub's larger label is drawn
    assert labels_drawn(page, 0.45) == ["Syria"]
    assert labels_drawn(page, 0.1) == []
    v.assert_clean()


def test_a_large_graph_opens_on_its_largest_groups_with_hub_labels(visit: Any) -> None:
    G = nx.MultiDiGraph()
    for i in range(220):  # one group of 220: four hubs and their members
        G.add_node(f"g{i}", label=f"Group {i}", type="ArmedGroup")
        if i >= 4:
            G.add_edge(
                f"g{i}", f"g{i % 4}", key="member-of", relation="member-of", family="membership"
            )
    for i in range(3):
        G.add_edge(
            f"g{i}", f"g{i + 1}", key="allied-with", relation="allied-with", family="alliance"
        )
    for i in range(70):  # 70 pairs
        G.add_node(f"p{i}", label=f"Party {i}", type="Organization")
        G.add_node(f"q{i}", label=f"Faction {i}", type="ArmedGroup")
        G.add_edge(f"p{i}", f"q{i}", key="fights", relation="fights", family="conflict")
    v = visit(G)
    page = v.page
    assert G.number_of_nodes() == 360
    assert drawn_counts(page) == [300, 216 + 3 + 40]  # the big group and 40 pairs
    largest = page.get_by_label("only the largest connected groups (300 actors)")
    assert largest.is_checked()
    assert page.evaluate("window.kgraph.network.getScale()") < 0.6  # 13 px labels not drawn
    assert labels_drawn(page) == [f"Group {i}" for i in range(4)]  # the hubs are named
    largest.uncheck()
    assert drawn_counts(page) == [360, G.number_of_edges()]
    v.assert_clean()


def test_an_empty_graph_opens_cleanly(visit: Any) -> None:
    v = visit(nx.MultiDiGraph())
    assert v.page.locator("#kg-counts").inner_text() == "0 of 0 actors · 0 of 0 relations"
    v.assert_clean()


def node_fills(page: Any, ids: list[str]) -> list[str]:
    fills: list[str] = page.evaluate(
        "(ids) => ids.map((id) => window.kgraph.nodes.get(id).color.background)", ids
    )
    return fills


def test_colour_by_bloc_recolours_the_actors_and_shows_the_blocs(visit: Any) -> None:
    v = visit(annotate(camps()))
    page = v.page
    switch = page.get_by_label("colour by bloc")
    assert switch.is_visible() and not switch.is_checked()  # type colours by default
    legend = page.locator("#kg-bloc-legend")
    assert legend.is_hidden()
    actors = ["iran", "houthis", "saudi-arabia", "uae", "oman"]
    by_type = node_fills(page, actors)
    assert len(set(by_type)) == 1  # the claims give no types: one colour for all
    switch.check()
    iran, houthis, saudi, uae, oman = node_fills(page, actors)
    assert iran == houthis and saudi == uae and iran != saudi
    assert oman == page.evaluate("window.kgraph.data.style.no_bloc")  # unaligned: grey
    assert legend.is_visible()
    assert legend.locator(".kg-legend-row > span:last-child").all_inner_texts() == [
        "houthis (2)",
        "saudi-arabia (2)",
        "isis (1)",
        "nusra (1)",
        "in no bloc (2)",
    ]
    swatches = legend.locator(".kg-swatch").evaluate_all("(s) => s.map((x) => x.style.color)")
    assert len(set(swatches)) == 5
    click_node(page, "oman")
    details = page.locator("#kg-details")
    details.get_by_text("in no bloc").wait_for()
    click_node(page, "uae")
    details.get_by_text("bloc: saudi-arabia").wait_for()
    switch.uncheck()
    assert node_fills(page, actors) == by_type and legend.is_hidden()
    v.assert_clean()


def test_blocs_past_the_palette_share_one_legend_row(visit: Any) -> None:
    pairs = projection_from_claims([(f"a{i:02d}", "allied-with", f"b{i:02d}", "2014", 0.9)
                                    for i in range(14)])
    v = visit(annotate(pairs))
    v.page.get_by_label("colour by bloc").check()
    rows = v.page.locator("#kg-bloc-legend .kg-legend-row > span:last-child").all_inner_texts()
    assert len(rows) == 13 and rows[0] == "a00 (2)"
    assert rows[-1] == "2 smaller blocs (4 actors)"
    v.assert_clean()


def test_no_bloc_switch_without_bloc_data(visit: Any) -> None:
    v = visit(sample_graph())
    assert v.page.locator("#kg-bloc-box").is_hidden()
    assert v.page.locator("#kg-bloc-legend").is_hidden()
    v.assert_clean()


def test_a_truce_after_fighting_shows_its_turning_point(visit: Any) -> None:
    v = visit(annotate(camps()))
    details = v.page.locator("#kg-details")
    v.page.mouse.click(*screen_point(v.page, ["isis", "nusra"]))  # the straight edge's middle
    details.locator(".kg-timeline-summary").wait_for()
    assert details.locator("h2").inner_text() == "isis fights nusra"
    summary = details.locator(".kg-timeline-summary").inner_text()
    assert summary == "fights until 2014-07, truce-with from 2014-11"
    assert details.locator(".kg-periods li").all_inner_texts() == [
        "2014-02 \u00b7 fights \u00b7 1 statement \u00b7 2014-02-03",
        "2014-07 \u00b7 fights \u00b7 1 statement \u00b7 2014-07-15",
        "2014-11 \u00b7 truce-with \u00b7 1 statement \u00b7 2014-11-13",
    ]
    # a pair in one state shows its evidence and nothing more
    v.page.mouse.click(*screen_point(v.page, ["iran", "houthis"]))
    details.get_by_text("Iran backs the Houthis.").wait_for()
    assert details.locator(".kg-timeline").count() == 0
    v.assert_clean()
