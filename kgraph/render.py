"""The HTML viewer: one self-contained page that draws a kgraph network with vis-network.

The page carries vis-network's code and stylesheet inline (from the copy shipped with pyvis), so
it works offline and makes no network request. Article text is untrusted: every value goes into
the page as one JSON blob with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and the page's own
script reads it with ``JSON.parse`` and builds the DOM with ``textContent`` only.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import json
import math
import os
import re
import tempfile
from collections import Counter, deque
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.model import ACTOR_TYPES
from kgraph.relations import FAMILIES, load_relations

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

__all__ = ["LAYOUT_THRESHOLD", "Viewer", "render_html", "show", "write_html"]

#: Above this many nodes the positions are computed in Python and the browser runs no physics.
LAYOUT_THRESHOLD = 1500

# Actor type -> (fill, border, vis-network shape, legend glyph).
_TYPE_STYLE = {
    "State": ("#4e79a7", "#2f4a66", "square", "\u25a0"),
    "ArmedGroup": ("#e15759", "#8f2f30", "triangle", "\u25b2"),
    "PoliticalParty": ("#f28e2b", "#9a5514", "diamond", "\u25c6"),
    "InternationalOrganization": ("#59a14f", "#356230", "hexagon", "\u2b22"),
    "Person": ("#b07aa1", "#6d4a63", "dot", "\u25cf"),
    "Organization": ("#9c755f", "#5e4638", "triangleDown", "\u25bc"),
}
_UNKNOWN_TYPE = ("#bab0ac", "#6f6966", "dot", "\u25cf")
_FAMILY_COLOURS = {
    "alliance": "#2ca02c",
    "conflict": "#d62728",
    "support": "#1f77b4",
    "membership": "#9467bd",
    "split": "#ff7f0e",
    "leadership": "#17becf",
    "diplomacy": "#bcbd22",
    "hostility": "#e377c2",
}
_UNKNOWN_FAMILY = "#999999"
_LAYOUT_SEED = 7
_LAYOUT_CORE = 400  # hubs placed by spring_layout; networkx needs scipy from 500 nodes on
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_VIS_DIR = ("templates", "lib", "vis-9.1.2")
_PLACEHOLDER = re.compile(r"@@(TITLE|VIS_CSS|VIS_JS|DATA)@@")
# Characters that could end the <script> element or a JavaScript line if left raw in the blob.
_JSON_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def render_html(G: nx.MultiDiGraph, *, title: str = "kgraph") -> str:
    """Return the viewer page of a network projected by :func:`kgraph.network.to_networkx`.

    Nodes are coloured and shaped by actor type and sized by degree; edges are coloured by
    relation family, arrowed when directed, dashed when no statement is an actual claim and as
    wide as the number of supporting articles. ``G`` is not modified.

    Args:
        G: the network; node and edge attributes as documented in :mod:`kgraph.network`
            (missing attributes get neutral defaults).
        title: the page title and heading (plain text; it is escaped).

    Returns:
        The complete HTML page.

    Examples:
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("isis", label="ISIS", type="ArmedGroup")
        >>> page = render_html(G, title="ISIS & friends")
        >>> "<title>ISIS &amp; friends</title>" in page and 'id="kgraph-data"' in page
        True
    """
    payload = _payload(G)
    values = {
        "TITLE": html.escape(title),
        "VIS_CSS": _vis_asset("vis-network.css"),
        "VIS_JS": _vis_asset("vis-network.min.js"),
        "DATA": _script_json(payload),
    }
    # One pass, so that nothing substituted is ever read as a placeholder.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _template())


def write_html(
    graph: rdflib.Graph | rdflib.Dataset | nx.MultiDiGraph,
    path: str | Path,
    *,
    title: str = "kgraph",
) -> Path:
    """Write the viewer page of a graph to ``path``, atomically; nothing else is written.

    Args:
        graph: the rdflib graph (projected with :func:`kgraph.network.to_networkx`) or an
            already projected networkx MultiDiGraph.
        path: the HTML file to write; its folder must exist.
        title: the page title and heading.

    Returns:
        The path written.

    Raises:
        TypeError: ``graph`` is neither an rdflib graph nor a networkx MultiDiGraph.
        OSError: the file cannot be written (an existing file is then left as it was).

    Examples:
        >>> import networkx as nx, tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     write_html(nx.MultiDiGraph(), Path(d) / "g.html").name
        'g.html'
    """
    import networkx as nx

    if isinstance(graph, nx.MultiDiGraph):
        network = graph
    else:
        import rdflib

        if not isinstance(graph, rdflib.Graph):  # a Dataset is an rdflib Graph too
            raise TypeError(
                f"write_html needs an rdflib Graph or a networkx MultiDiGraph, not "
                f"{type(graph).__name__}"
            )
        from kgraph.network import to_networkx

        network = to_networkx(graph)
    page = render_html(network, title=title)
    return _write_atomically(Path(path), page)


@dataclass(frozen=True, slots=True)
class Viewer:
    """The viewer page, shown inline by Jupyter (in a sandboxed iframe) and printable as HTML."""

    page: str
    height: int = 640

    def _repr_html_(self) -> str:
        # srcdoc keeps the page self-contained; the sandbox keeps it away from the notebook.
        return (
            f'<iframe srcdoc="{html.escape(self.page)}" style="width:100%;height:{self.height}px;'
            'border:1px solid #ddd" sandbox="allow-scripts allow-popups '
            'allow-popups-to-escape-sandbox"></iframe>'
        )

    def __str__(self) -> str:
        return self.page


def show(
    graph: rdflib.Graph | rdflib.Dataset | nx.MultiDiGraph,
    *,
    title: str = "kgraph",
    height: int = 640,
) -> Viewer:
    """Return the viewer of a graph for display in a notebook (nothing is written to disk).

    Args:
        graph: the rdflib graph or an already projected networkx MultiDiGraph.
        title: the page title and heading.
        height: the height of the inline frame in pixels.

    Returns:
        A :class:`Viewer`; Jupyter displays it, ``str()`` gives the page.

    Raises:
        TypeError: ``graph`` is neither an rdflib graph nor a networkx MultiDiGraph.

    Examples:
        >>> import networkx as nx
        >>> show(nx.MultiDiGraph())._repr_html_().startswith("<iframe srcdoc=")
        True
    """
    import networkx as nx

    if isinstance(graph, nx.MultiDiGraph):
        network = graph
    else:
        import rdflib

        if not isinstance(graph, rdflib.Graph):
            raise TypeError(
                f"show needs an rdflib Graph or a networkx MultiDiGraph, not {type(graph).__name__}"
            )
        from kgraph.network import to_networkx

        network = to_networkx(graph)
    return Viewer(render_html(network, title=title), height=height)


# --- the data blob --------------------------------------------------------------------------


def _payload(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Return the JSON-ready description of the network and its styles."""
    ids = {node: str(node) for node in G.nodes}
    fixed = len(G) > LAYOUT_THRESHOLD
    positions = _positions(G) if fixed else {}
    nodes = []
    for node, attrs in G.nodes(data=True):
        degree = int(G.degree(node))
        record: dict[str, Any] = {
            "id": ids[node],
            "label": _text(attrs.get("label")) or ids[node],
            "type": _text(attrs.get("type")),
            "aliases": _texts(attrs.get("aliases")),
            "wikidata": _text(attrs.get("wikidata")),
            "minted": bool(attrs.get("minted", False)),
            "degree": degree,
            "size": round(min(45.0, 10.0 + 3.0 * math.sqrt(degree)), 1),
        }
        if fixed:
            record["x"], record["y"] = positions[node]
        nodes.append(record)
    parallel: Counter[tuple[str, str]] = Counter()
    edges = []
    for i, (u, v, key, attrs) in enumerate(G.edges(keys=True, data=True)):
        pair = (min(ids[u], ids[v]), max(ids[u], ids[v]))
        k = parallel[pair]
        parallel[pair] += 1
        articles = _int(attrs.get("articles"))
        edges.append(
            {
                "id": f"e{i}",
                "from": ids[u],
                "to": ids[v],
                "relation": _text(attrs.get("relation")) or _text(key),
                "family": _text(attrs.get("family")),
                "symmetric": bool(attrs.get("symmetric", False)),
                "count": _int(attrs.get("count", 1)),
                "articles": articles,
                "first": _text(attrs.get("first")),
                "last": _text(attrs.get("last")),
                "confidence": _float(attrs.get("confidence")),
                "modalities": _texts(attrs.get("modalities")),
                "truthy": bool(attrs.get("truthy", True)),
                "sentences": [_sentence(s) for s in attrs.get("sentences") or ()],
                "width": round(min(8.0, 1.0 + 1.5 * math.log2(max(1, articles))), 2),
                "smooth": False if k == 0 else {"type": "curvedCW", "roundness": round(0.2 * k, 2)},
            }
        )
    relations_by_family: dict[str, list[str]] = {family: [] for family in FAMILIES}
    for relation in load_relations().values():
        relations_by_family.setdefault(relation.family, []).append(relation.name)
    return {
        "nodes": nodes,
        "edges": edges,
        "fixed": fixed,
        # bounded: a browser spends about 1 s per 100 iterations on 1,000 actors
        "stabilization_iterations": 400 if len(G) <= 300 else 200,
        "style": {
            "types": {t: _type_style(_TYPE_STYLE[t]) for t in ACTOR_TYPES},
            "unknown_type": _type_style(_UNKNOWN_TYPE),
            "families": {f: _FAMILY_COLOURS[f] for f in FAMILIES},
            "unknown_family": _UNKNOWN_FAMILY,
            "relations": relations_by_family,
        },
    }


def _type_style(style: tuple[str, str, str, str]) -> dict[str, str]:
    color, border, shape, glyph = style
    return {"color": color, "border": border, "shape": shape, "glyph": glyph}


def _sentence(value: Any) -> dict[str, Any]:
    s = value if isinstance(value, dict) else {"sentence": value}
    return {
        "sentence": _text(s.get("sentence")),
        "article_id": _text(s.get("article_id")),
        "title": _text(s.get("title")),
        "url": _text(s.get("url")),
        "date": _text(s.get("date")),
        "modality": _text(s.get("modality")),
        "confidence": _float(s.get("confidence")),
        "rule": _text(s.get("rule")),
    }


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _float(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return round(number, 3) if math.isfinite(number) else 0.0


def _script_json(payload: dict[str, Any]) -> str:
    """Return JSON that is safe inside a ``<script>`` element: no ``</script>``, no raw U+2028.

    Examples:
        >>> _script_json({"s": "</script>&\\u2028"})
        '{"s":"\\\\u003c/script\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _JSON_ESCAPES:
        text = text.replace(char, escape)
    return text


# --- layout of large networks ---------------------------------------------------------------


def _positions(G: nx.MultiDiGraph) -> dict[Hashable, tuple[float, float]]:
    """Return fixed pixel positions: hubs by spring_layout, every other node around a neighbour.

    Force-directed layout of the whole network is quadratic; here only the best connected
    ``_LAYOUT_CORE`` nodes go through ``spring_layout`` (fixed seed) and the rest are placed on
    a sunflower spiral around the neighbour that reached them first, breadth first. Components
    with no hub are set on a spiral around the core. Deterministic and linear in the edges.
    """
    import networkx as nx

    U = nx.Graph()
    U.add_nodes_from(G)
    U.add_edges_from((u, v) for u, v in G.edges() if u != v)
    order = sorted(U, key=lambda n: (-U.degree(n), str(n)))
    core = order[:_LAYOUT_CORE]
    raw = nx.spring_layout(U.subgraph(core), seed=_LAYOUT_SEED, iterations=50, method="force")
    # spring_layout packs a dense core into a small blob and flings weakly tied hubs far out;
    # spreading the radii evenly over the unit disc (keeping angles and radial order) keeps both
    # readable.
    cx = sum(float(xy[0]) for xy in raw.values()) / max(1, len(raw))
    cy = sum(float(xy[1]) for xy in raw.values()) / max(1, len(raw))
    polar = sorted(
        (math.hypot(float(x) - cx, float(y) - cy), math.atan2(float(y) - cy, float(x) - cx), i, n)
        for i, (n, (x, y)) in enumerate(raw.items())
    )
    pos: dict[Hashable, tuple[float, float]] = {}
    for rank, (_r, angle, _i, node) in enumerate(polar):
        r = math.sqrt((rank + 0.5) / len(polar))
        pos[node] = (r * math.cos(angle), r * math.sin(angle))
    scale = 30.0 * math.sqrt(len(U))  # pixels per layout unit
    step = 24.0 / scale  # distance of a first child from its parent
    children: Counter[Hashable] = Counter()

    def spread(start: Iterable[Hashable]) -> None:
        queue = deque(start)
        while queue:
            parent = queue.popleft()
            px, py = pos[parent]
            for node in U[parent]:
                if node in pos:
                    continue
                k = children[parent]
                children[parent] += 1
                r, angle = step * math.sqrt(k + 1), k * _GOLDEN_ANGLE
                pos[node] = (px + r * math.cos(angle), py + r * math.sin(angle))
                queue.append(node)

    spread(core)
    outer = 0
    for node in order:
        if node not in pos:
            r = 1.3 + 4 * step * math.sqrt(outer)
            angle = outer * _GOLDEN_ANGLE
            pos[node] = (r * math.cos(angle), r * math.sin(angle))
            outer += 1
            spread([node])
    return {n: (round(x * scale, 1), round(y * scale, 1)) for n, (x, y) in pos.items()}


# --- files ----------------------------------------------------------------------------------


@functools.cache
def _template() -> str:
    return resources.files("kgraph").joinpath("templates", "viewer.html").read_text("utf-8")


@functools.cache
def _vis_asset(name: str) -> str:
    """Return vis-network's code or stylesheet from the pyvis package, without importing pyvis."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the viewer needs pyvis: pip install 'pyvis>=0.3.2,<0.4'")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*_VIS_DIR, name)
    text = path.read_text("utf-8")
    # The browser would try to fetch the source map; the page makes no requests.
    text = re.sub(r"/[/*]# sourceMappingURL=\S*", "", text)
    # Defence in depth: nothing in the inlined code may close its element early.
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


def _write_atomically(path: Path, text: str) -> Path:
    """Write ``text`` to a temporary file beside ``path`` and move it into place."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    done = False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        tmp.chmod(0o644)  # mkstemp makes the file private; the page is an ordinary output
        tmp.replace(path)
        done = True
    finally:
        if not done:
            tmp.unlink(missing_ok=True)
    return path
