"""The exceptions kgraph raises.

Each class also subclasses the builtin that callers would catch without knowing kgraph::

    KGraphError
     ├── DataFileError (ValueError)      a data file (gazetteer, lexicon, query) is invalid
     ├── ArticleError (ValueError)       an input file is not a readable article
     │    └── MissingInputError          an input path names no file or folder
     ├── ModelError (RuntimeError)       the spaCy pipeline cannot be loaded
     ├── GraphError (ValueError)         a graph file cannot be read or is not a kgraph graph
     ├── QueryError (ValueError)         an unknown named query, a missing binding or bad SPARQL
     └── AnalysisError (ValueError)      a malformed date window or an unknown actor

File names and ids come from outside and may hold terminal escape sequences; every message that
names one passes it through :func:`printable` first.
"""

from __future__ import annotations

__all__ = [
    "AnalysisError",
    "ArticleError",
    "DataFileError",
    "GraphError",
    "KGraphError",
    "MissingInputError",
    "ModelError",
    "QueryError",
    "printable",
]


def printable(name: str) -> str:
    """Return ``name`` safe to print on a terminal: control characters escaped as in ``repr``.

    Escape sequences, newlines, bidirectional overrides, zero-width characters and unpaired
    surrogates (undecodable bytes of a file name) become backslash escapes; a name without
    them comes back unchanged.

    Args:
        name: a file name, id or any other text from outside.

    Returns:
        The text with every non-printable character written as ``\\xNN``, ``\\uNNNN``, ...

    Examples:
        >>> print(printable("\\x1b[31mred.txt"))
        \\x1b[31mred.txt
        >>> printable("news/2014-11-16.txt")
        'news/2014-11-16.txt'
    """
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)


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
    """An input file cannot be read as an article (empty, binary, undecodable, malformed).

    ``path`` is kept as given; the message shows it through :func:`printable`.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{printable(path)}: {reason}")


class MissingInputError(ArticleError):
    """An input path names no file or folder; the message reads ``no such file or folder: PATH``."""

    def __init__(self, path: str) -> None:
        super().__init__(path, "no such file or folder")
        self.args = (f"no such file or folder: {printable(path)}",)

    def __str__(self) -> str:
        return str(self.args[0])


class ModelError(KGraphError, RuntimeError):
    """The spaCy pipeline named by ``--model`` cannot be loaded."""


class GraphError(KGraphError, ValueError):
    """A graph file cannot be read, or holds no kgraph data."""


class QueryError(KGraphError, ValueError):
    """A named query is unknown, a binding is missing, or the SPARQL is malformed."""


class AnalysisError(KGraphError, ValueError):
    """An analysis of the actor network was given a malformed date window or an unknown actor."""
