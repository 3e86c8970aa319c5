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
from kgraph.extract import explain
from kgraph.know.actors import gazetteer_with, load_actors, load_user_actors
from kgraph.know.relations import LEXICON_SOURCES, parse_sources
from kgraph.model import Actor, Article, Assertion, Evidence
from kgraph.read.articles import iter_articles

if TYPE_CHECKING:
    # what the lazy names below are, for type checkers
    from kgraph.analysis.annotate import annotate, show, write_html
    from kgraph.analysis.balance import BalanceReport, balance
    from kgraph.analysis.blocs import BlocPartition, blocs
    from kgraph.analysis.roles import backers, brokers, paths
    from kgraph.analysis.signed import projection_from_claims, signed_graph
    from kgraph.analysis.timeline import PairTimeline, changes, pair_timeline
    from kgraph.errors import ArticleError
    from kgraph.know.actors import ActorFiles
    from kgraph.rdf.graph import infer, load_graph, save_graph
    from kgraph.rdf.validate import check_consistency, format_report, validate
    from kgraph.run.build import build
    from kgraph.server.endpoint import ServerOptions, SparqlServer, serve
    from kgraph.sparql.named import QueryResult, format_rows, list_queries, truthy_only
    from kgraph.store import open_backend, query
    from kgraph.views.export import EXPORT_FORMATS, export, export_format, write_export
    from kgraph.views.network import to_networkx, with_actors
    from kgraph.views.render import subgraph

__all__ = [
    "EXPORT_FORMATS",
    "LEXICON_SOURCES",
    "Actor",
    "Article",
    "Assertion",
    "BalanceReport",
    "BlocPartition",
    "Evidence",
    "PairTimeline",
    "QueryResult",
    "ServerOptions",
    "SparqlServer",
    "__version__",
    "annotate",
    "backers",
    "balance",
    "blocs",
    "brokers",
    "build",
    "changes",
    "check_consistency",
    "explain",
    "export",
    "export_format",
    "extract",
    "extract_text",
    "format_report",
    "format_rows",
    "gazetteer_with",
    "infer",
    "iter_articles",
    "list_queries",
    "load_actors",
    "load_graph",
    "load_user_actors",
    "open_backend",
    "pair_timeline",
    "parse_sources",
    "paths",
    "projection_from_claims",
    "query",
    "save_graph",
    "serve",
    "show",
    "signed_graph",
    "subgraph",
    "to_networkx",
    "truthy_only",
    "validate",
    "with_actors",
    "write_export",
    "write_html",
]


# public name -> the module that defines it, imported on first use
_LAZY = {
    "EXPORT_FORMATS": "kgraph.views.export",
    "BalanceReport": "kgraph.analysis.balance",
    "BlocPartition": "kgraph.analysis.blocs",
    "PairTimeline": "kgraph.analysis.timeline",
    "QueryResult": "kgraph.sparql.named",
    "ServerOptions": "kgraph.server.endpoint",
    "SparqlServer": "kgraph.server.endpoint",
    "annotate": "kgraph.analysis.annotate",
    "backers": "kgraph.analysis.roles",
    "balance": "kgraph.analysis.balance",
    "blocs": "kgraph.analysis.blocs",
    "brokers": "kgraph.analysis.roles",
    "changes": "kgraph.analysis.timeline",
    "pair_timeline": "kgraph.analysis.timeline",
    "paths": "kgraph.analysis.roles",
    "build": "kgraph.run.build",
    "check_consistency": "kgraph.rdf.validate",
    "export": "kgraph.views.export",
    "export_format": "kgraph.views.export",
    "format_report": "kgraph.rdf.validate",
    "format_rows": "kgraph.sparql.named",
    "truthy_only": "kgraph.sparql.named",
    "infer": "kgraph.rdf.graph",
    "list_queries": "kgraph.sparql.named",
    "load_graph": "kgraph.rdf.graph",
    "open_backend": "kgraph.store",
    "projection_from_claims": "kgraph.analysis.signed",
    "query": "kgraph.store",
    "save_graph": "kgraph.rdf.graph",
    "serve": "kgraph.server.endpoint",
    "show": "kgraph.analysis.annotate",
    "signed_graph": "kgraph.analysis.signed",
    "subgraph": "kgraph.views.render",
    "to_networkx": "kgraph.views.network",
    "validate": "kgraph.rdf.validate",
    "with_actors": "kgraph.views.network",
    "write_export": "kgraph.views.export",
    "write_html": "kgraph.analysis.annotate",
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

    Raises:
        MissingInputError: a path names no file or folder (an :class:`ArticleError`).
    """
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


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
