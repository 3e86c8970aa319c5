"""Tests of kgraph.views.render: a self-contained, offline, injection-proof viewer page."""

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

from kgraph.errors import QueryError
from kgraph.know.relations import FAMILIES
from kgraph.model import ACTOR_TYPES
from kgraph.views.render import LAYOUT_THRESHOLD, render_html, show, subgraph, write_html

SCRIPT_BREAK = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(1)"
QUOTES = "quotes \"double\" and 'single' \u2028 and \u2029 & more"
DATA_BLOB = re.compile(r'<script type="application/json" id="kgraph-data">(.*?)</script>', re.S)


ARTICLES = {
    "a1": ("Rival factions clash near the border", "https://example.org/a1", "2014-02-03"),
    "a2": ("Front lines shift in the north", "https://example.org/a2", "2014-07-15"),
    "a3": ("Old rivals announce a pact", "https://example.org/a3", "2014-11-13"),
}


def _sentence(text: str, article_id: str = "a1", **extra: Any) -> dict[str, Any]:
    title, url, date = ARTICLES.get(
        article_id, ("Border talks collapse", "https://example.org/x", "2015-03-02")
    )
    record = {
        "sentence": text,
        "article_id": article_id,
        "title": title,
        "url": url,
        "date": date,
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
    articles: tuple[str, ...] = ("a1",),
) -> dict[str, Any]:
    sentences = sentences or [
        _sentence(f"The two sides agreed to {relation} in the north.", a) for a in articles
    ]
    dates = sorted(s["date"] for s in sentences)
    return {
        "relation": relation,
        "family": family,
        "symmetric": symmetric,
        "count": len(sentences),
        "articles": len({s["article_id"] for s in sentences}),
        "first": dates[0],
        "last": dates[-1],
        "confidence": max(s["confidence"] for s in sentences),
        "modalities": ["actual"] if truthy else ["reported"],
        "truthy": truthy,
        "evidence": [
            f"https://kgraph.example/statement/{relation}/{i}" for i in range(len(sentences))
        ],
        "sentences": sentences,
    }


def sample_graph() -> nx.MultiDiGraph:
    """Three actors, four relations of several families, one of them not an actual claim.

    ISIS and al-Nusra fight in February and July 2014 and are allied from November 2014.
    """
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
        **_edge("allied-with", "alliance", symmetric=True, articles=("a3",)),
    )
    G.add_edge(
        "isis",
        "al-nusra-front",
        key="fights",
        **_edge("fights", "conflict", symmetric=True, truthy=False, articles=("a1", "a2")),
    )
    G.add_edge(
        "al-nusra-front",
        "syria",
        key="attacks",
        **_edge("attacks", "conflict", symmetric=False, articles=("a2",)),
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
        _sentence(SCRIPT_BREAK, "x1", title=IMG, url=JS_URL),
        _sentence(QUOTES, "x2", title=SCRIPT_BREAK, url="data:text/html,<script>alert(1)</script>"),
        _sentence(IMG, SCRIPT_BREAK, title=QUOTES, rule=SCRIPT_BREAK, modality=IMG, date=IMG),
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
    assert [s["text"] for s in fights["sentences"]] == [
        "The two sides agreed to fights in the north."
    ] * 2
    assert [(s["article"], s["date"]) for s in fights["sentences"]] == [
        ("a1", "2014-02-03"),
        ("a2", "2014-07-15"),
    ]
    assert data["fixed"] is False
    assert data["dates"] == ["2014-02-03", "2014-07-15", "2014-11-13"]


def test_articles_are_listed_once() -> None:
    data = data_of(render_html(sample_graph()))
    assert data["articles"] == {
        key: {"title": title, "url": url, "date": date}
        for key, (title, url, date) in ARTICLES.items()
    }
    for edge in data["edges"]:
        for s in edge["sentences"]:
            assert set(s) == {"text", "article", "date", "modality", "confidence", "rule",
                              "reported_by"}


def test_the_network_article_table_and_claim_times_are_used() -> None:
    G = sample_graph()
    G.graph["articles"] = {"a1": {"title": "Renamed", "url": "https://example.org/r", "date": ""}}
    threatens = G.edges["isis", "syria", "threatens"]
    G.graph["times"] = {threatens["evidence"][0]: "2013-06"}
    G.graph["minted"] = ["syria"]
    data = data_of(render_html(G))
    assert data["articles"]["a1"]["title"] == "Renamed"
    assert data["articles"]["a2"]["title"] == ARTICLES["a2"][0]
    edge = next(e for e in data["edges"] if e["relation"] == "threatens")
    assert edge["sentences"][0]["date"] == "2013-06"
    assert "2013-06" in data["dates"]
    assert next(n for n in data["nodes"] if n["id"] == "syria")["minted"] is True


def test_evidence_without_article_ids_still_has_one_table_row_per_article() -> None:
    G = nx.MultiDiGraph()
    sentences = [
        {"sentence": "One.", "title": "T", "url": "https://example.org/t", "date": "2020"},
        {"sentence": "Two.", "title": "T", "url": "https://example.org/t", "date": "2020"},
        {"sentence": "Three.", "title": "U", "url": "", "date": "not a date"},
    ]
    G.add_edge("a", "b", key="fights", sentences=sentences)
    data = data_of(render_html(G))
    keys = [s["article"] for s in data["edges"][0]["sentences"]]
    assert keys[0] == keys[1] != keys[2]
    assert data["articles"][keys[2]]["title"] == "U"
    assert data["dates"] == ["2020"]
    assert data["edges"][0]["sentences"][2]["date"] == ""


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
    assert [s["text"] for s in sentences] == [s["sentence"] for s in original]
    articles = data["articles"]
    assert [articles[s["article"]]["title"] for s in sentences] == [s["title"] for s in original]
    assert [articles[s["article"]]["url"] for s in sentences] == [s["url"] for s in original]
    assert sentences[2]["rule"] == SCRIPT_BREAK


def test_without_analysis_the_page_has_no_blocs_and_no_timelines() -> None:
    data = data_of(render_html(sample_graph()))
    assert data["blocs"] is None and data["timelines"] == []
    assert all("bloc" not in n for n in data["nodes"])
    assert all("timeline" not in e for e in data["edges"])


def test_blocs_are_numbered_by_size_on_the_page() -> None:
    G = sample_graph()
    G.add_node("loner", label="Loner", type="Person")
    G.graph["blocs"] = [
        {"name": "ISIS", "members": ["isis"]},
        {"name": "Nusra", "members": ["al-nusra-front", "syria", "gone"]},  # gone: not drawn
        {"name": "Elsewhere", "members": ["gone"]},  # no member on the page: left out
        "junk",
    ]
    data = data_of(render_html(G))
    assert data["blocs"] == [
        {"name": "Nusra", "size": 2, "color": "#1f77b4"},
        {"name": "ISIS", "size": 1, "color": "#d62728"},
    ]
    assert {n["id"]: n["bloc"] for n in data["nodes"]} == {
        "isis": 1, "al-nusra-front": 0, "syria": 0, "loner": -1}
    assert data["style"]["no_bloc"] != data["style"]["other_blocs"]


def test_blocs_past_the_palette_share_one_colour() -> None:
    G = nx.MultiDiGraph()
    G.add_nodes_from(f"a{i:02d}" for i in range(20))
    G.graph["blocs"] = [{"name": f"a{i:02d}", "members": [f"a{i:02d}"]} for i in range(20)]
    colours = [b["color"] for b in data_of(render_html(G))["blocs"]]
    assert len(set(colours[:12])) == 12
    assert set(colours[12:]) == {data_of(render_html(G))["style"]["other_blocs"]}
    G.graph["blocs"] = []  # an analysis that found no bloc: nothing to switch to
    assert data_of(render_html(G))["blocs"] is None


def test_the_edges_of_a_pair_share_its_timeline() -> None:
    G = sample_graph()
    G.graph["pair_timelines"] = {
        "al-nusra-front|isis": {
            "summary": f"fights until 2014-07, {SCRIPT_BREAK} from 2014-11",
            "periods": [{"period": "2014-07", "state": "fights", "statements": 2,
                         "first": "2014-07-01", "last": "2014-07-15", "sign": -1}, "junk"],
        },
        "isis|nobody": {"summary": "not on the page", "periods": []},
    }
    page = render_html(G)
    assert "<script>alert" not in page and page.count("</script>") == 3
    data = data_of(page)
    assert data["timelines"] == [{
        "summary": f"fights until 2014-07, {SCRIPT_BREAK} from 2014-11",
        "periods": [{"period": "2014-07", "state": "fights", "statements": 2,
                     "first": "2014-07-01", "last": "2014-07-15", "sign": -1}],
    }]
    pairs = {e["relation"]: e.get("timeline") for e in data["edges"]}
    assert pairs == {"allied-with": 0, "fights": 0, "attacks": None, "threatens": None}


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


def test_write_html_creates_the_folder(tmp_path: Path) -> None:
    target = write_html(sample_graph(), tmp_path / "new" / "graph.html")
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]


def test_write_html_rejects_other_objects(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="MultiDiGraph"):
        write_html(nx.Graph(), tmp_path / "g.html")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_write_html_projects_an_rdflib_graph(tmp_path: Path) -> None:
    graph_module = pytest.importorskip("kgraph.rdf.graph")
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
    assert edge["sentences"][0]["text"] == text
    assert data["articles"][edge["sentences"][0]["article"]]["title"] == IMG
    assert edge["sentences"][0]["date"] == "2016-05-01"


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


# --- subgraphs ------------------------------------------------------------------------------


def edge_keys(G: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    return sorted(G.edges(keys=True))


def test_subgraph_of_a_period_keeps_the_evidence_inside_it() -> None:
    G = sample_graph()
    before = snapshot(G)
    late = subgraph(G, since="2014-09")
    assert edge_keys(late) == [("isis", "al-nusra-front", "allied-with")]
    assert sorted(late) == ["al-nusra-front", "isis"]  # Syria has no relation left
    early = subgraph(G, until="2014-08-31")
    assert [k for _, _, k in edge_keys(early)] == ["attacks", "fights", "threatens"]
    july = subgraph(G, since="2014-07", until="2014-07")
    fights = july.edges["isis", "al-nusra-front", "fights"]
    assert (fights["count"], fights["articles"], fights["first"], fights["last"]) == (
        1,
        1,
        "2014-07-15",
        "2014-07-15",
    )
    assert [s["article_id"] for s in fights["sentences"]] == ["a2"]
    assert fights["evidence"] == ["https://kgraph.example/statement/fights/1"]
    assert edge_keys(subgraph(G, since="2014", until="2014")) == edge_keys(G)
    assert snapshot(G) == before


def test_subgraph_uses_the_time_of_the_claim() -> None:
    G = sample_graph()
    threatens = G.edges["isis", "syria", "threatens"]
    G.graph["times"] = {threatens["evidence"][0]: "2013"}
    assert [k for _, _, k in edge_keys(subgraph(G, until="2013-12"))] == ["threatens"]
    assert "threatens" not in {k for _, _, k in edge_keys(subgraph(G, since="2014"))}


def test_subgraph_by_relation_and_family() -> None:
    G = sample_graph()
    assert [k for _, _, k in edge_keys(subgraph(G, relations=["conflict"]))] == [
        "attacks",
        "fights",
    ]
    kept = subgraph(G, relations=["threatens", "alliance"])
    assert [k for _, _, k in edge_keys(kept)] == ["allied-with", "threatens"]


def test_subgraph_around_actors() -> None:
    G = sample_graph()
    G.add_node("iraq", label="Iraq", type="State", aliases=["Republic of Iraq"])
    G.add_node("kurds", label="Kurds", type="ArmedGroup")
    G.add_edge("iraq", "kurds", key="allied-with", relation="allied-with")
    G.add_edge("iraq", "syria", key="allied-with", relation="allied-with")
    around = subgraph(G, actors=["REPUBLIC OF IRAQ"])
    assert sorted(around) == ["iraq", "kurds", "syria"]
    assert edge_keys(around) == [("iraq", "kurds", "allied-with"), ("iraq", "syria", "allied-with")]
    both = subgraph(G, actors=["daesh", "kurds"])  # neighbours and the relations among them
    assert sorted(both) == ["al-nusra-front", "iraq", "isis", "kurds", "syria"]
    assert ("al-nusra-front", "syria", "attacks") in both.edges(keys=True)
    alone = subgraph(G, actors=["kurds"], relations=["fights"])
    assert list(alone) == ["kurds"]  # an actor asked for stays, even with no relation left


def test_subgraph_by_confidence() -> None:
    G = sample_graph()
    G.edges["isis", "al-nusra-front", "fights"]["sentences"][0]["confidence"] = 0.95
    strong = subgraph(G, min_confidence=0.9)
    assert edge_keys(strong) == [("isis", "al-nusra-front", "fights")]
    fights = strong.edges["isis", "al-nusra-front", "fights"]
    assert (fights["count"], fights["confidence"], fights["modalities"]) == (1, 0.95, ["actual"])
    assert edge_keys(subgraph(G, min_confidence=0.8)) == edge_keys(G)


def test_subgraph_of_edges_without_evidence() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="fights", relation="fights", confidence=0.0, sentences=[])
    assert edge_keys(subgraph(G, relations=["fights"])) == [("a", "b", "fights")]
    assert edge_keys(subgraph(G, since="2000")) == []
    assert edge_keys(subgraph(G, min_confidence=0.5)) == []


def test_subgraph_copies_everything() -> None:
    G = sample_graph()
    G.graph["articles"] = {"a1": {"title": "T", "url": "", "date": ""}}
    before = snapshot(G)
    H = subgraph(G)
    assert snapshot(H) == before
    H.graph["articles"]["a1"]["title"] = "changed"
    H.nodes["isis"]["aliases"].append("changed")
    H.edges["isis", "syria", "threatens"]["sentences"][0]["sentence"] = "changed"
    assert snapshot(G) == before


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"relations": ["conflicts"]}, "unknown relation or family: 'conflicts'"),
        ({"actors": ["Daeshh"]}, "no actor matches 'Daeshh' (did you mean daesh"),
        ({"since": "2014-13"}, "since must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"until": "14 July 2014"}, "until must be YYYY"),
        ({"since": "2015", "until": "2014"}, "since (2015) is after until (2014)"),
        ({"min_confidence": 1.5}, "between 0 and 1"),
    ],
)
def test_subgraph_rejects_bad_filters(options: dict[str, Any], message: str) -> None:
    with pytest.raises(QueryError) as info:
        subgraph(sample_graph(), **options)
    assert message in str(info.value)


def test_render_command_writes_a_subgraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph_module = pytest.importorskip("kgraph.rdf.graph")
    from kgraph.cli import app
    from kgraph.model import Actor, Article, Assertion, Evidence

    isis = Actor("isis", "ISIS", "ArmedGroup", aliases=("Daesh",))
    nusra = Actor("al-nusra-front", "al-Nusra Front", "ArmedGroup")
    iran = Actor("iran", "Iran", "State")
    pairs = []
    for i, (date, relation, other) in enumerate(
        [
            ("2014-02-03", "fights", nusra),
            ("2014-11-13", "allied-with", nusra),
            ("2014-12-01", "threatens", iran),
        ]
    ):
        text = f"Sentence number {i} about two rivals."
        ev = Evidence(f"a{i}", text, 0, len(text), "demo")
        article = Article(f"a{i}", text, title=f"Article {i}", published=date)
        pairs.append((article, [Assertion(isis, relation, other, ev, confidence=0.9)]))
    source = graph_module.save_graph(graph_module.build_graph(pairs), tmp_path / "g.trig")
    page = tmp_path / "page.html"
    argv = [
        "render",
        str(source),
        "-o",
        str(page),
        "--actor",
        "daesh",
        "--since",
        "2014-09",
        "--relation",
        "alliance,fights",
    ]
    assert app(argv) == 0
    assert capsys.readouterr().out.strip() == str(page)
    data = data_of(page.read_text("utf-8"))
    assert [(e["relation"], e["sentences"][0]["date"]) for e in data["edges"]] == [
        ("allied-with", "2014-11-13")
    ]
    assert sorted(n["id"] for n in data["nodes"]) == ["al-nusra-front", "isis"]
    # blocs and timelines are those of the whole graph, before the cut
    assert data["timelines"] == [{"summary": "fights until 2014-02, allied-with from 2014-11",
                                  "periods": data["timelines"][0]["periods"]}]
    assert data["edges"][0]["timeline"] == 0
    assert [(b["name"], b["size"]) for b in data["blocs"]] == [("ISIS", 1)]
    assert app(["render", str(source), "-o", str(page), "--since", "autumn"]) == 2
    assert "since must be" in capsys.readouterr().err
