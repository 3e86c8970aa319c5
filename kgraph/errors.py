"""The exceptions kgraph raises.

Each class also subclasses the builtin that callers would catch without knowing kgraph::

    KGraphError
     ├── DataFileError (ValueError)      a data file (gazetteer, lexicon, query) is invalid
     ├── ArticleError (ValueError)       an input file is not a readable article
     ├── ModelError (RuntimeError)       the spaCy pipeline cannot be loaded
     ├── GraphError (ValueError)         a graph file cannot be read or is not a kgraph graph
     └── QueryError (ValueError)         an unknown named query, a missing binding or bad SPARQL
"""

from __future__ import annotations

__all__ = ["ArticleError", "DataFileError", "GraphError", "KGraphError", "ModelError", "QueryError"]


class KGraphError(Exception):
    """Base class of every error kgraph raises on purpose."""


class DataFileError(KGraphError, ValueError):
    """A data file is invalid; the message lists every problem as ``path:line: message``."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        listing = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{path}: {len(problems)} problem(s)\n{listing}")


class ArticleError(KGraphError, ValueError):
    """An input file cannot be read as an article (empty, binary, undecodable, malformed)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ModelError(KGraphError, RuntimeError):
    """The spaCy pipeline named by ``--model`` cannot be loaded."""


class GraphError(KGraphError, ValueError):
    """A graph file cannot be read, or holds no kgraph data."""


class QueryError(KGraphError, ValueError):
    """A named query is unknown, a binding is missing, or the SPARQL is malformed."""
