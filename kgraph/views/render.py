"""The HTML viewer: one self-contained page that draws a kgraph network with vis-network.

The page carries vis-network's code and stylesheet inline (from the copy shipped with pyvis), so
it works offline and makes no network request. Article text is untrusted: every value goes into
the page as one JSON blob with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and the page's own
script reads it with ``JSON.parse`` and builds the DOM with ``textContent`` only.

A network whose graph attributes carry ``blocs`` and ``pair_timelines`` (as
:func:`kgraph.analysis.annotate.annotate` sets them) gets a "colour by bloc" switch with a
legend of the blocs, and the timeline of a pair in the panel of its relations; without them the
page has neither. ``kgraph.show`` and ``kgraph.write_html`` annotate before drawing; the
functions here draw what they are given.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import json
import math
import re
from collections import Counter, deque
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph._io import atomic_writer
from kgraph.errors import QueryError
from kgraph.know.relations import FAMILIES, load_relations
from kgraph.model import ACTOR_TYPES
from kgraph.views.network import to_networkx

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

__all__ = ["LAYOUT_THRESHOLD", "Viewer", "iso_date", "match_actors", "overlaps", "render_html",
           "show", "subgraph", "window_days", "write_html"]

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
    # people described by role and origin ("Darfur rebels"): the armed groups' colour, paler
    "DescriptorGroup": ("#f0a9aa", "#8f2f30", "star", "\u2605"),
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
# Bloc colours, largest bloc first; smaller blocs share _OTHER_BLOCS, actors in none are grey.
_BLOC_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf", "#e377c2",
                 "#bcbd22", "#8c564b", "#393b79", "#637939", "#843c39")
_OTHER_BLOCS = "#e7cb94"
_NO_BLOC = "#c7c7c7"
_LAYOUT_SEED = 7
_LAYOUT_CORE = 400  # hubs placed by spring_layout; networkx needs scipy from 500 nodes on
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_VIS_DIR = ("templates", "lib", "vis-9.1.2")
_ISO_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
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
    """Return the viewer page of a network projected by :func:`kgraph.views.network.to_networkx`.

    Nodes are coloured and shaped by actor type and sized by degree; edges are coloured by
    relation family, arrowed when directed, dashed when no statement is an actual claim and as
    wide as the number of supporting articles. ``G`` is not modified.

    Args:
        G: the network; node and edge attributes as documented in :mod:`kgraph.views.network`
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
        graph: the rdflib graph (projected with :func:`kgraph.views.network.to_networkx`) or an
            already projected networkx MultiDiGraph.
        path: the HTML file to write; its folder is created if missing.
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

        network = to_networkx(graph)
    page = render_html(network, title=title)
    with atomic_writer(path) as f:
        f.write(page.encode("utf-8"))
    return Path(path)


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

        network = to_networkx(graph)
    return Viewer(render_html(network, title=title), height=height)


# --- subgraphs ------------------------------------------------------------------------------


def subgraph(
    G: nx.MultiDiGraph,
    *,
    relations: Iterable[str] = (),
    actors: Iterable[str] = (),
    since: str = "",
    until: str = "",
    min_confidence: float = 0.0,
) -> nx.MultiDiGraph:
    """Return the part of a network asked for, as a new graph; ``G`` is not changed.

    Each edge keeps only the evidence dated within ``since`` .. ``until`` (a claim's own time
    when the text gave one, else its article's date; partial dates such as ``2014`` count when
    they overlap the period) and at least ``min_confidence`` confident; an edge with no
    evidence left is dropped, and the ``count``, ``articles``, ``first``, ``last``,
    ``confidence``, ``modalities``, ``evidence`` and ``sentences`` of the others describe what
    is left. An edge with no recorded evidence at all (read from truthy triples alone) stays
    only when no period is given and its own confidence is high enough. When any filter is
    given, actors left with no relation are dropped, except those named in ``actors``.

    Args:
        G: a network from :func:`kgraph.views.network.to_networkx`.
        relations: relation names (``fights``) or family names (``conflict``) to keep; all when
            empty.
        actors: actor ids, labels or aliases (any case); keeps these actors, their neighbours
            and the relations among them. All actors when empty.
        since: the first day of the period: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
        until: the last day of the period, in the same forms.
        min_confidence: the lowest confidence (0..1) of the evidence kept.

    Returns:
        A new MultiDiGraph with the same attributes as ``G`` (copied, never shared).

    Raises:
        QueryError: an unknown relation or family, an actor no node matches, a malformed date,
            ``since`` after ``until``, or a confidence outside 0..1.

    Examples:
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph()
        >>> def ev(date):
        ...     return {"sentence": "...", "article_id": date, "date": date, "confidence": 0.9}
        >>> G.add_edge("isis", "nusra", key="fights", relation="fights", sentences=[ev("2014-02")])
        'fights'
        >>> G.add_edge("isis", "nusra", key="allied-with", relation="allied-with",
        ...            sentences=[ev("2014-11-13")])
        'allied-with'
        >>> sorted(subgraph(G, since="2014-09").edges(keys=True))
        [('isis', 'nusra', 'allied-with')]
        >>> sorted(subgraph(G, relations=["conflict"], actors=["ISIS"]).edges(keys=True))
        [('isis', 'nusra', 'fights')]
    """
    import copy

    import networkx as nx

    wanted = _relation_names(relations)
    start, end = window_days(since, until)
    if not 0.0 <= min_confidence <= 1.0:
        raise QueryError(f"the minimum confidence must be between 0 and 1, not {min_confidence}")
    timed = bool(start or end)
    filtered = bool(wanted) or timed or min_confidence > 0
    claim_times = G.graph.get("times")
    claim_times = claim_times if isinstance(claim_times, dict) else {}

    H = nx.MultiDiGraph()
    H.graph.update(copy.deepcopy(G.graph))
    H.add_nodes_from((n, copy.deepcopy(d)) for n, d in G.nodes(data=True))
    for u, v, key, attrs in G.edges(keys=True, data=True):
        relation = _text(attrs.get("relation")) or _text(key)
        if wanted and relation not in wanted:
            continue
        kept = _kept_evidence(attrs, claim_times, start, end, min_confidence)
        if kept is None:
            continue
        H.add_edge(u, v, key=key, **kept)

    queries = list(actors)
    if queries:
        focus = match_actors(H, queries)
        near = set(focus)
        for node in focus:
            near.update(H.successors(node))
            near.update(H.predecessors(node))
        H.remove_nodes_from([n for n in list(H) if n not in near])
    else:
        focus = set()
    if filtered:
        H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0 and n not in focus])
    return H


def _relation_names(names: Iterable[str]) -> set[str]:
    """Return the relations named, expanding family names; every unknown name is reported."""
    vocabulary = load_relations()
    out: set[str] = set()
    unknown = []
    for name in names:
        if name in vocabulary:
            out.add(name)
        elif name in FAMILIES:
            out.update(r.name for r in vocabulary.values() if r.family == name)
        else:
            unknown.append(name)
    if unknown:
        raise QueryError(
            f"unknown relation or family: {', '.join(map(repr, unknown))}; "
            f"relations: {', '.join(sorted(vocabulary))}; families: {', '.join(FAMILIES)}"
        )
    return out


def window_days(since: str, until: str) -> tuple[str, str]:
    """Return the first and last day of the period from ``since`` to ``until`` as
    ``YYYY-MM-DD`` ("" where open; ``2014`` ends on 2014-12-31).

    Raises:
        QueryError: a bound that is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or ``since``
            after ``until``.

    Examples:
        >>> window_days("2014-06", "2014")
        ('2014-06-01', '2014-12-31')
    """
    for name, value in (("since", since), ("until", until)):
        if value and _ISO_DATE.fullmatch(value) is None:
            raise QueryError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    start = _first_day(since) if since else ""
    end = _last_day(until) if until else ""
    if start and end and start > end:
        raise QueryError(f"since ({since}) is after until ({until})")
    return start, end


def _kept_evidence(
    attrs: dict[str, Any],
    claim_times: dict[Any, Any],
    start: str,
    end: str,
    min_confidence: float,
) -> dict[str, Any] | None:
    """Return an edge's attributes restricted to the evidence that passes, None if none does."""
    import copy

    sentences = list(attrs.get("sentences") or ())
    if not sentences:
        if start or end or _float(attrs.get("confidence")) < min_confidence:
            return None
        return copy.deepcopy(attrs)
    statements = _texts(attrs.get("evidence"))
    keep: list[int] = []
    dates: list[str] = []
    for i, value in enumerate(sentences):
        s = value if isinstance(value, dict) else {"sentence": value}
        iri = statements[i] if i < len(statements) else ""
        date = iso_date(claim_times.get(iri)) or iso_date(s.get("date"))
        if (start or end) and not overlaps(date, start, end):
            continue
        if _float(s.get("confidence")) < min_confidence:
            continue
        keep.append(i)
        if date:
            dates.append(date)
    if not keep:
        return None
    out = copy.deepcopy(attrs)
    if len(keep) == len(sentences):
        return out
    chosen = [out["sentences"][i] for i in keep]
    chosen_dicts = [s for s in chosen if isinstance(s, dict)]
    out["sentences"] = chosen
    if statements:
        out["evidence"] = [statements[i] for i in keep if i < len(statements)]
    out["count"] = len(keep)
    out["articles"] = len({_text(s.get("article_id")) for s in chosen_dicts}) or 1
    out["first"], out["last"] = (min(dates), max(dates)) if dates else ("", "")
    out["confidence"] = max((_float(s.get("confidence")) for s in chosen_dicts), default=0.0)
    out["modalities"] = sorted({_text(s.get("modality")) for s in chosen_dicts} - {""})
    return out


def match_actors(G: nx.MultiDiGraph, queries: Iterable[str]) -> set[Hashable]:
    """Return the nodes named by ids, labels or aliases (any case); report every miss.

    Args:
        G: a network from :func:`kgraph.views.network.to_networkx`.
        queries: actor ids, labels or aliases.

    Returns:
        The nodes matched by any of them (a name shared by several actors matches them all).

    Raises:
        QueryError: a name matches no node; the message suggests close names.

    Examples:
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("isis", label="Islamic State", aliases=["ISIL"])
        >>> sorted(match_actors(G, ["isil"]))
        ['isis']
        >>> match_actors(G, ["Islamic Stat"])
        Traceback (most recent call last):
        ...
        kgraph.errors.QueryError: no actor matches 'Islamic Stat' (did you mean islamic state?)
    """
    import difflib

    index: dict[str, set[Hashable]] = {}
    for node, attrs in G.nodes(data=True):
        for name in (str(node), _text(attrs.get("label")), *_texts(attrs.get("aliases"))):
            if name:
                index.setdefault(name.casefold(), set()).add(node)
    found: set[Hashable] = set()
    missing = []
    for query in queries:
        nodes = index.get(query.strip().casefold())
        if nodes:
            found.update(nodes)
        else:
            close = difflib.get_close_matches(query.casefold(), list(index), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            missing.append(f"{query!r}{hint}")
    if missing:
        raise QueryError(f"no actor matches {'; '.join(missing)}")
    return found


def iso_date(value: Any) -> str:
    """Return the ``YYYY[-MM[-DD]]`` start of a date value, or "" when it has none.

    Examples:
        >>> iso_date("2014-06-01T10:00:00"), iso_date("2014"), iso_date("last spring")
        ('2014-06-01', '2014', '')
    """
    match = _ISO_DATE.match(_text(value))
    return match.group(0) if match else ""


def overlaps(date: str, start: str, end: str) -> bool:
    """Whether a (possibly partial) date overlaps the period from ``start`` to ``end`` (days
    from :func:`window_days`); an empty date overlaps nothing.

    Examples:
        >>> overlaps("2014", "2014-06-01", ""), overlaps("2014-05-31", "2014-06-01", "")
        (True, False)
    """
    if not date:
        return False
    return not (start and _last_day(date) < start) and not (end and _first_day(date) > end)


def _first_day(date: str) -> str:
    return date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date


def _last_day(date: str) -> str:
    return date + "-12-31"[len(date) - 4 :] if len(date) < 10 else date


# --- the data blob --------------------------------------------------------------------------


def _payload(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Return the JSON-ready description of the network, its articles and its styles.

    Evidence sentences name their article by id; titles, links and dates are in one table.
    """
    ids = {node: str(node) for node in G.nodes}
    fixed = len(G) > LAYOUT_THRESHOLD
    positions = _positions(G) if fixed else {}
    minted = set(_texts(G.graph.get("minted")))
    claim_times = G.graph.get("times")
    claim_times = claim_times if isinstance(claim_times, dict) else {}
    articles = _article_table(G.graph.get("articles"))
    bloc_of, blocs = _bloc_table(G.graph.get("blocs"), ids)
    known_timelines = G.graph.get("pair_timelines")
    known_timelines = known_timelines if isinstance(known_timelines, dict) else {}
    timelines: list[dict[str, Any]] = []
    timeline_of: dict[str, int] = {}
    by_source: dict[tuple[str, str, str], str] = {}  # evidence that names no article id
    nodes = []
    for node, attrs in G.nodes(data=True):
        record: dict[str, Any] = {
            "id": ids[node],
            "label": _text(attrs.get("label")) or ids[node],
            "type": _text(attrs.get("type")),
            "aliases": _texts(attrs.get("aliases")),
            "wikidata": _text(attrs.get("wikidata")),
            "minted": bool(attrs.get("minted", False)) or node in minted,
            "degree": int(G.degree(node)),
        }
        if blocs is not None:
            record["bloc"] = bloc_of.get(ids[node], -1)
        if fixed:
            record["x"], record["y"] = positions[node]
        nodes.append(record)
    parallel: Counter[tuple[str, str]] = Counter()
    edges = []
    dates: set[str] = set()
    for i, (u, v, key, attrs) in enumerate(G.edges(keys=True, data=True)):
        pair = (min(ids[u], ids[v]), max(ids[u], ids[v]))
        k = parallel[pair]
        parallel[pair] += 1
        statements = _texts(attrs.get("evidence"))
        sentences = []
        for j, value in enumerate(attrs.get("sentences") or ()):
            s = value if isinstance(value, dict) else {"sentence": value}
            article = _text(s.get("article_id"))
            source = (_text(s.get("title")), _text(s.get("url")), _text(s.get("date")))
            if not article:
                article = by_source.setdefault(source, f"~{len(by_source)}")
            if article not in articles:
                articles[article] = {"title": source[0], "url": source[1], "date": source[2]}
            iri = statements[j] if j < len(statements) else ""
            date = iso_date(claim_times.get(iri)) or iso_date(s.get("date"))
            if date:
                dates.add(date)
            sentences.append(
                {
                    "text": _text(s.get("sentence")),
                    "article": article,
                    "date": date,
                    "modality": _text(s.get("modality")),
                    "confidence": _float(s.get("confidence")),
                    "rule": _text(s.get("rule")),
                    "reported_by": _text(s.get("reported_by")),
                }
            )
        edge: dict[str, Any] = {
            "id": f"e{i}",
            "from": ids[u],
            "to": ids[v],
            "relation": _text(attrs.get("relation")) or _text(key),
            "family": _text(attrs.get("family")),
            "symmetric": bool(attrs.get("symmetric", False)),
            "count": _int(attrs.get("count", len(sentences) or 1)),
            "articles": _int(attrs.get("articles", 1)),
            "first": _text(attrs.get("first")),
            "last": _text(attrs.get("last")),
            "confidence": _float(attrs.get("confidence")),
            "modalities": _texts(attrs.get("modalities")),
            "truthy": bool(attrs.get("truthy", True)),
            "sentences": sentences,
            "smooth": False if k == 0 else {"type": "curvedCW", "roundness": round(0.2 * k, 2)},
        }
        pair_key = f"{pair[0]}|{pair[1]}"
        if pair_key in known_timelines:
            if pair_key not in timeline_of:
                timeline_of[pair_key] = len(timelines)
                timelines.append(_timeline(known_timelines[pair_key]))
            edge["timeline"] = timeline_of[pair_key]
        edges.append(edge)
    relations_by_family: dict[str, list[str]] = {family: [] for family in FAMILIES}
    for relation in load_relations().values():
        relations_by_family.setdefault(relation.family, []).append(relation.name)
    return {
        "nodes": nodes,
        "edges": edges,
        "articles": articles,
        "dates": sorted(dates),
        "blocs": blocs,
        "timelines": timelines,
        "fixed": fixed,
        # bounded: a browser spends about 1 s per 100 iterations on 1,000 actors
        "stabilization_iterations": 400 if len(G) <= 300 else 200,
        "style": {
            "types": {t: _type_style(_TYPE_STYLE[t]) for t in ACTOR_TYPES},
            "unknown_type": _type_style(_UNKNOWN_TYPE),
            "families": {f: _FAMILY_COLOURS[f] for f in FAMILIES},
            "unknown_family": _UNKNOWN_FAMILY,
            "relations": relations_by_family,
            "other_blocs": _OTHER_BLOCS,
            "no_bloc": _NO_BLOC,
        },
    }


def _article_table(value: Any) -> dict[str, dict[str, str]]:
    """Return a copy of a network's article table (id -> title, url, date), tolerating junk."""
    table: dict[str, dict[str, str]] = {}
    if isinstance(value, dict):
        for article, row in value.items():
            if isinstance(row, dict):
                table[str(article)] = {
                    "title": _text(row.get("title")),
                    "url": _text(row.get("url")),
                    "date": _text(row.get("date")),
                }
    return table


def _bloc_table(
    value: Any, ids: dict[Hashable, str]
) -> tuple[dict[str, int], list[dict[str, Any]] | None]:
    """Return each actor's bloc number and the blocs (name, size on the page, colour).

    ``value`` is the ``blocs`` attribute :func:`kgraph.analysis.annotate.annotate` sets; None
    (no blocs on the page) when the network has none. Blocs with no actor on the page are left
    out, the others numbered largest first; the blocs past the palette share one colour.
    """
    if not isinstance(value, list):
        return {}, None
    present = set(ids.values())
    found = []
    for bloc in value:
        if isinstance(bloc, dict):
            members = [m for m in _texts(bloc.get("members")) if m in present]
            if members:
                found.append((_text(bloc.get("name")), members))
    found.sort(key=lambda b: -len(b[1]))  # stable: the analysis order among equals
    bloc_of = {m: i for i, (_name, members) in enumerate(found) for m in members}
    table = [{"name": name, "size": len(members),
              "color": _BLOC_COLOURS[i] if i < len(_BLOC_COLOURS) else _OTHER_BLOCS}
             for i, (name, members) in enumerate(found)]
    return bloc_of, table or None


def _timeline(value: Any) -> dict[str, Any]:
    """Return a pair timeline as the page shows it, tolerating junk (see ``annotate``)."""
    value = value if isinstance(value, dict) else {}
    periods = [{"period": _text(p.get("period")), "state": _text(p.get("state")),
                "statements": _int(p.get("statements")), "first": _text(p.get("first")),
                "last": _text(p.get("last")), "sign": _int(p.get("sign"))}
               for p in value.get("periods") or () if isinstance(p, dict)]
    return {"summary": _text(value.get("summary")), "periods": periods}


def _type_style(style: tuple[str, str, str, str]) -> dict[str, str]:
    color, border, shape, glyph = style
    return {"color": color, "border": border, "shape": shape, "glyph": glyph}


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
    return resources.files("kgraph.views").joinpath("templates", "viewer.html").read_text("utf-8")


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
