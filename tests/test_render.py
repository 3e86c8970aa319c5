"""Tests of kgraph.render: a self-contained, offline, injection-proof viewer page."""

from __future__ import annotations

import copy
import json
import math
import re
from collections import Counter
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kgraph.model import ACTOR_TYPES
from kgraph.relations import FAMILIES
from kgraph.render import LAYOUT_THRESHOLD, render_html, show, write_html

SCRIPT_BREAK = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(1)"
QUOTES = "quotes \"double\" and 'single' \u2028 and \u2029 & more"
DATA_BLOB = re.compile(r'<script type="application/json" id="kgraph-data">(.*?)</script>', re.S)


def _sentence(text: str, **extra: Any) -> dict[str, Any]:
    record = {
        "sentence": text,
        "article_id": "a1",
        "title": "Border talks collapse",
        "url": "https://example.org/a1",
        "date": "2015-03-02",
        "modality": "actual",
        "confidence": 0.8,
        "rule": "verb-frame",
    }
    record.update(extra)
    return record


def _edge(
    relation: str,
    family: str,
    *,
    symmetric: bool,
    truthy: bool = True,
    sentences: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    sentences = sentences or [_sentence(f"The two sides agreed to {relation} in the north.")]
    return {
        "relation": relation,
        "family": family,
        "symmetric": symmetric,
        "count": len(sentences),
        "articles": len({s["article_id"] for s in sentences}),
        "first": "2015-03-02",
        "last": "2016-01-09",
        "confidence": 0.8,
        "modalities": ["actual"] if truthy else ["reported"],
        "truthy": truthy,
        "evidence": [f"https://kgraph.example/statement/{relation}"],
        "sentences": sentences,
    }


def sample_graph() -> nx.MultiDiGraph:
    """Three actors, four relations of several families, one of them not an actual claim."""
    G = nx.MultiDiGraph()
    G.add_node(
        "isis",
        label="ISIS",
        type="ArmedGroup",
        aliases=["IS", "Daesh"],
        wikidata="Q2429253",
        iri="https://kgraph.example/actor/isis",
    )
    G.add_node(
        "al-nusra-front",
        label="al-Nusra Front",
        type="ArmedGroup",
        aliases=["Nusra"],
        wikidata="Q1128577",
        iri="https://kgraph.example/actor/n",
    )
    G.add_node("syria", label="Syria", type="State", aliases=[], wikidata="Q858", iri="")
    G.add_edge(
        "isis",
        "al-nusra-front",
        key="allied-with",
        **_edge("allied-with", "alliance", symmetric=True),
    )
    G.add_edge(
        "isis",
        "al-nusra-front",
        key="fights",
        **_edge("fights", "conflict", symmetric=True, truthy=False),
    )
    G.add_edge(
        "al-nusra-front", "syria", key="attacks", **_edge("attacks", "conflict", symmetric=False)
    )
    G.add_edge("isis", "syria", key="threatens", **_edge("threatens", "hostility", symmetric=False))
    return G


def xss_graph() -> nx.MultiDiGraph:
    """Every string a hostile article could plant in the page."""
    G = nx.MultiDiGraph()
    G.add_node(
        "evil",
        label=SCRIPT_BREAK,
        type="ArmedGroup",
        aliases=[IMG, QUOTES],
        wikidata=JS_URL,
        iri="",
        minted=True,
    )
    G.add_node(
        "other", label=IMG, type="Person", aliases=[JS_URL], wikidata="Q1' onclick='x", iri=""
    )
    sentences = [
        _sentence(SCRIPT_BREAK, title=IMG, url=JS_URL),
        _sentence(QUOTES, title=SCRIPT_BREAK, url="data:text/html,<script>alert(1)</script>"),
        _sentence(IMG, title=QUOTES, rule=SCRIPT_BREAK, modality=IMG),
    ]
    G.add_edge(
        "evil",
        "other",
        key="attacks",
        **_edge("attacks", "conflict", symmetric=False, sentences=sentences),
    )
    return G


def data_of(page: str) -> dict[str, Any]:
    blobs = DATA_BLOB.findall(page)
    assert len(blobs) == 1
    data: dict[str, Any] = json.loads(blobs[0])
    return data


def snapshot(G: nx.MultiDiGraph) -> Any:
    return (
        copy.deepcopy(dict(G.graph)),
        copy.deepcopy(list(G.nodes(data=True))),
        copy.deepcopy(list(G.edges(keys=True, data=True))),
    )


def test_page_loads_nothing_from_the_network() -> None:
    page = render_html(sample_graph())
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"""@import|url\(\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "sourceMappingURL" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_vis_network_is_inline() -> None:
    spec = find_spec("pyvis")
    assert spec is not None and spec.submodule_search_locations
    lib = Path(next(iter(spec.submodule_search_locations))) / "templates/lib/vis-9.1.2"
    page = render_html(sample_graph())
    js = (lib / "vis-network.min.js").read_text("utf-8")
    css = (lib / "vis-network.css").read_text("utf-8")
    assert js[:2000] in page and js[-2000:].split("//# sourceMappingURL")[0] in page
    assert css[:2000] in page
    assert len(page) > len(js) + len(css)


def test_blob_holds_every_node_and_edge() -> None:
    G = sample_graph()
    data = data_of(render_html(G))
    assert len(data["nodes"]) == G.number_of_nodes()
    assert {n["id"] for n in data["nodes"]} == set(G.nodes)
    assert len(data["edges"]) == G.number_of_edges()
    assert Counter((e["from"], e["to"], e["relation"]) for e in data["edges"]) == Counter(
        list(G.edges(keys=True))
    )
    assert len({e["id"] for e in data["edges"]}) == len(data["edges"])
    isis = next(n for n in data["nodes"] if n["id"] == "isis")
    assert (isis["label"], isis["type"], isis["aliases"], isis["wikidata"], isis["degree"]) == (
        "ISIS",
        "ArmedGroup",
        ["IS", "Daesh"],
        "Q2429253",
        3,
    )
    fights = next(e for e in data["edges"] if e["relation"] == "fights")
    assert fights["truthy"] is False and fights["symmetric"] is True
    assert fights["sentences"][0]["sentence"] == "The two sides agreed to fights in the north."
    assert data["fixed"] is False


def test_parallel_edges_are_told_apart() -> None:
    edges = data_of(render_html(sample_graph()))["edges"]
    pair = [e["smooth"] for e in edges if {e["from"], e["to"]} == {"isis", "al-nusra-front"}]
    assert pair[0] is False and pair[1]["type"] == "curvedCW"


def test_style_covers_every_type_and_family() -> None:
    style = data_of(render_html(nx.MultiDiGraph()))["style"]
    assert list(style["types"]) == list(ACTOR_TYPES)
    assert list(style["families"]) == list(FAMILIES)
    assert len(set(style["families"].values())) == len(FAMILIES)
    assert len({t["shape"] for t in style["types"].values()}) == len(ACTOR_TYPES)
    assert "allied-with" in style["relations"]["alliance"]


def test_hostile_text_cannot_break_out() -> None:
    G = xss_graph()
    page = render_html(G)
    for needle in ("<script>alert", "<img src=x", "\u2028", "\u2029"):
        assert needle not in page
    # exactly the page's own three script elements end
    assert page.count("</script>") == 3
    data = data_of(page)
    evil = next(n for n in data["nodes"] if n["id"] == "evil")
    assert evil["label"] == SCRIPT_BREAK
    assert evil["aliases"] == [IMG, QUOTES]
    assert evil["wikidata"] == JS_URL
    assert evil["minted"] is True
    sentences = data["edges"][0]["sentences"]
    original = G.edges["evil", "other", "attacks"]["sentences"]
    assert [s["sentence"] for s in sentences] == [s["sentence"] for s in original]
    assert [s["title"] for s in sentences] == [s["title"] for s in original]
    assert [s["url"] for s in sentences] == [s["url"] for s in original]
    assert sentences[2]["rule"] == SCRIPT_BREAK


def test_page_script_uses_no_html_sinks() -> None:
    page = render_html(nx.MultiDiGraph())
    own = page.split('id="kgraph-data">', 1)[1].rsplit("<script>", 1)[1]
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
    ):
        assert sink not in own


def test_title_is_escaped() -> None:
    title = '<b>"Syria"</b> & </title><script>alert(1)</script>'
    page = render_html(sample_graph(), title=title)
    escaped = "&lt;b&gt;&quot;Syria&quot;&lt;/b&gt; &amp; &lt;/title&gt;&lt;script&gt;alert(1)"
    assert f"<title>{escaped}" in page
    assert f"<h1>{escaped}" in page
    assert '<b>"Syria"' not in page and "<script>alert" not in page


def test_render_does_not_mutate_the_graph() -> None:
    for G in (sample_graph(), xss_graph()):
        before = snapshot(G)
        render_html(G)
        assert snapshot(G) == before


def test_missing_attributes_get_defaults() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="fights")
    data = data_of(render_html(G))
    assert [n["label"] for n in data["nodes"]] == ["a", "b"]
    edge = data["edges"][0]
    assert (edge["relation"], edge["truthy"], edge["sentences"]) == ("fights", True, [])


def test_write_html_writes_only_the_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "graph.html"
    assert write_html(sample_graph(), target, title="Syria") == target
    assert sorted(p.name for p in out.iterdir()) == ["graph.html"]
    assert list(cwd.iterdir()) == []
    assert not (cwd / "lib").exists()
    assert "<title>Syria</title>" in target.read_text("utf-8")
    write_html(xss_graph(), str(target))  # replaces the file in place
    assert sorted(p.name for p in out.iterdir()) == ["graph.html"]
    assert len(data_of(target.read_text("utf-8"))["nodes"]) == 2


def test_write_html_failure_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_html(sample_graph(), tmp_path / "missing" / "graph.html")
    assert list(tmp_path.iterdir()) == []


def test_write_html_rejects_other_objects(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="MultiDiGraph"):
        write_html(nx.Graph(), tmp_path / "g.html")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_write_html_projects_an_rdflib_graph(tmp_path: Path) -> None:
    graph_module = pytest.importorskip("kgraph.graph")
    from kgraph.model import Actor, Article, Assertion, Evidence

    iran = Actor("iran", "Iran", "State", wikidata="Q794")
    group = Actor("evil", SCRIPT_BREAK, "ArmedGroup", aliases=(IMG,), minted=True)
    text = f"Iran backs {SCRIPT_BREAK}. {QUOTES}"
    ev = Evidence("a1", text, 0, len(text), "demo")
    article = Article("a1", text, title=IMG, url=JS_URL, published="2016-05-01")
    ds = graph_module.build_graph([(article, [Assertion(iran, "backs", group, ev)])])
    target = write_html(ds, tmp_path / "g.html")
    assert [p.name for p in tmp_path.iterdir()] == ["g.html"]
    page = target.read_text("utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    data = data_of(page)
    assert {n["id"] for n in data["nodes"]} == {"iran", "evil"}
    (edge,) = data["edges"]
    assert (edge["from"], edge["to"], edge["relation"]) == ("evil", "iran", "backed-by")
    assert edge["sentences"][0]["sentence"] == text
    assert edge["sentences"][0]["title"] == IMG


def test_large_graphs_get_fixed_positions() -> None:
    G = nx.MultiDiGraph()
    n = LAYOUT_THRESHOLD + 100
    for i in range(n - 40):  # a few hubs with many leaves, and some small separate pieces
        G.add_node(f"a{i}", label=f"Actor {i}", type="ArmedGroup")
        if i:
            G.add_edge(f"a{i}", f"a{i % 37}", key="member-of", relation="member-of")
    for i in range(0, 40, 2):
        G.add_edge(f"p{i}", f"p{i + 1}", key="fights", relation="fights")
    page = render_html(G)
    data = data_of(page)
    assert data["fixed"] is True
    assert len(data["nodes"]) == n
    xy = [(node["x"], node["y"]) for node in data["nodes"]]
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in xy)
    assert len(set(xy)) == n
    assert render_html(G) == page  # deterministic
    assert data_of(render_html(sample_graph()))["nodes"][0].get("x") is None


def test_show_embeds_the_page_in_a_sandboxed_frame() -> None:
    viewer = show(xss_graph(), title="<i>x</i>")
    frame = viewer._repr_html_()
    assert frame.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts' in frame
    srcdoc = frame.split('srcdoc="', 1)[1].split('" style=', 1)[0]
    assert "<" not in srcdoc and '"' not in srcdoc
    assert str(viewer).startswith("<!DOCTYPE html>")
