"""Where kgraph's runtime data lives: inside the wheel, or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_path(*parts: str) -> Path:
    """Return the path of a runtime data file or folder.

    An installed wheel carries ``data/actors``, ``data/relations`` and ``ontology`` under
    ``kgraph/_data``; an editable install reads them from the checkout.

    Examples:
        >>> data_path("actors", "actors.csv").name
        'actors.csv'
    """
    packaged = _PACKAGE / "_data"
    if packaged.is_dir():
        return packaged.joinpath(*parts)
    if parts and parts[0] == "ontology":
        return _PACKAGE.parent.joinpath(*parts)
    return _PACKAGE.parent.joinpath("data", *parts)
