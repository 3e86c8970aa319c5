"""kgraph: knowledge graphs of geopolitical actors from news articles.

Importing kgraph loads nothing heavy: spaCy, rdflib, networkx and pyvis are imported by the
functions that need them.

Examples:
    >>> import kgraph
    >>> "build" in kgraph.__all__
    True
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Bind the subpackage under a private name first: the public name ``extract`` is the function below.
from kgraph import extract as _extract_package
from kgraph._version import __version__
from kgraph.know.actors import gazetteer_with
from kgraph.model import Actor, Article, Assertion, Evidence

if TYPE_CHECKING:
    from pyoxigraph import Store
    from rdflib import Graph

    from kgraph.errors import ArticleError
    from kgraph.know.actors import ActorFiles
    from kgraph.sparql.named import QueryResult

__all__ = [
    "Actor",
    "Article",
    "Assertion",
    "Evidence",
    "__version__",
    "build",
    "extract",
    "extract_text",
    "infer",
    "load_actors",
    "load_graph",
    "query",
    "save_graph",
    "show",
    "to_networkx",
    "write_export",
    "write_html",
]


# public name -> the module that defines it, imported on first use
_LAZY = {
    "build": "kgraph.run.build",
    "infer": "kgraph.rdf.graph",
    "load_actors": "kgraph.know.actors",
    "load_graph": "kgraph.rdf.graph",
    "save_graph": "kgraph.rdf.graph",
    "show": "kgraph.views.render",
    "to_networkx": "kgraph.views.network",
    "write_export": "kgraph.views.export",
    "write_html": "kgraph.views.render",
}


def extract_text(text: str, *, published: str = "", model: str | None = None,
                 actors: ActorFiles | None = None,
                 lexicon: Sequence[str] = ("hand", "cameo")) -> list[Assertion]:
    """Return the assertions found in one text.

    Args:
        text: the article text.
        published: the article's ISO date, used when a sentence gives no time.
        model: the spaCy pipeline (name or path); the default English model when None.
        actors: your own actor CSV files (one path or several, the columns of
            ``data/actors/actors.csv``): they add actors, and a row with a packaged actor's id
            replaces it (see :func:`kgraph.know.actors.load_actors`).
        lexicon: the lexicon sources to read with: ``hand`` (rows written for kgraph),
            ``cameo`` (rows converted from the CAMEO verb dictionary).
    """
    return _extract_package.extract_text(text, published=published, model=model, actors=actors,
                                         lexicon=tuple(lexicon))


def extract(
    inputs: Iterable[str | Path | Article],
    *,
    model: str | None = None,
    actors: ActorFiles | None = None,
    on_error: Callable[[ArticleError], None] | None = None,
    lexicon: Sequence[str] = ("hand", "cameo"),
) -> Iterator[Assertion]:
    """Yield the assertions found in articles, files or folders of articles, one at a time.

    Args:
        inputs: Article objects, or paths of files (.txt, .md, .html, .jsonl) and folders.
        model: the spaCy pipeline (name or path); the default English model when None.
        actors: your own actor CSV files (see :func:`extract_text`).
        on_error: called with each input that is not a readable article (it is skipped).
        lexicon: the lexicon sources to read with (``hand``, ``cameo``).
    """
    from kgraph.read.articles import iter_articles

    def articles() -> Iterator[Article]:
        for item in inputs:
            if isinstance(item, Article):
                yield item
            else:
                yield from iter_articles([item], on_error=on_error)

    gazetteer = gazetteer_with(actors)
    for _article, assertions in _extract_package.extract_articles(
            articles(), model=model, gazetteer=gazetteer, lexicon=tuple(lexicon)):
        yield from assertions


def query(graph: Graph | Store, name_or_sparql: str, **bindings: str) -> QueryResult:
    """Run a named query, or raw SPARQL, over a graph or an Oxigraph store.

    A graph or dataset runs it with rdflib (:func:`kgraph.sparql.named.query`), a store with
    Oxigraph (:func:`kgraph.store.oxigraph.query_store`): the same named queries, the same
    columns and rows.

    Args:
        graph: the graph or dataset (from :func:`load_graph` or a build), or an Oxigraph store
            (from :func:`kgraph.store.oxigraph.open_store`).
        name_or_sparql: a query name (``kgraph query --list``), or SPARQL text.
        bindings: the named query's parameters, as strings (an actor: a label, an alias or an
            id).

    Raises:
        QueryError: see :func:`kgraph.sparql.named.query`.
    """
    from rdflib import Graph  # lazy: import kgraph loads no rdflib

    if isinstance(graph, Graph):
        from kgraph.sparql.named import query as query_graph  # lazy: import kgraph stays light

        return query_graph(graph, name_or_sparql, **bindings)
    from kgraph.store.oxigraph import query_store  # lazy: import kgraph loads no pyoxigraph

    return query_store(graph, name_or_sparql, **bindings)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
