"""The relation vocabulary of kgraph, loaded from ``data/relations/relations.csv``.

Relation names are kebab-case in JSON and on the command line (``allied-with``) and camelCase
in RDF (``kg:alliedWith``). ``backs`` is accepted everywhere as the inverse of ``backed-by``.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from kgraph._paths import data_path
from kgraph.errors import DataFileError

__all__ = ["FAMILIES", "Relation", "camel", "canonical", "load_relations"]

FAMILIES = (
    "alliance",
    "conflict",
    "support",
    "membership",
    "split",
    "leadership",
    "diplomacy",
    "hostility",
)
_LAYERS = ("standing", "event")
_COLUMNS = ("name", "layer", "symmetric", "inverse", "family", "cameo", "plover", "wikidata",
            "definition")


@dataclass(frozen=True, slots=True)
class Relation:
    """One relation of the vocabulary."""

    name: str
    layer: str
    symmetric: bool
    inverse: str
    family: str
    cameo: tuple[str, ...]
    plover: str
    wikidata: tuple[str, ...]
    definition: str

    @property
    def rdf_name(self) -> str:
        """The local name of the relation's RDF property (``alliedWith``)."""
        return camel(self.name)


def camel(name: str) -> str:
    """Return the camelCase form of a kebab-case name.

    Examples:
        >>> camel("pledges-allegiance-to")
        'pledgesAllegianceTo'
    """
    head, *rest = name.split("-")
    return head + "".join(w.capitalize() for w in rest)


@functools.cache
def load_relations(path: Path | None = None) -> dict[str, Relation]:
    """Load and validate the relation vocabulary; every problem is reported at once.

    Raises:
        DataFileError: a row is malformed; the message lists each ``path:line: problem``.

    Examples:
        >>> load_relations()["fights"].family
        'conflict'
    """
    path = path or data_path("relations", "relations.csv")
    problems: list[str] = []
    out: dict[str, Relation] = {}
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != _COLUMNS:
            raise DataFileError(str(path), [f"{path}:1: columns must be {', '.join(_COLUMNS)}"])
        for line, row in enumerate(reader, start=2):
            where = f"{path}:{line}"
            name = row["name"].strip()
            if not name or name != name.lower() or " " in name:
                problems.append(f"{where}: relation name {name!r} must be kebab-case")
            if name in out:
                problems.append(f"{where}: duplicate relation {name!r}")
            if row["layer"] not in _LAYERS:
                problems.append(f"{where}: layer {row['layer']!r} is not one of {', '.join(_LAYERS)}")
            if row["family"] not in FAMILIES:
                problems.append(
                    f"{where}: family {row['family']!r} is not one of {', '.join(FAMILIES)}")
            if row["symmetric"] not in ("yes", "no"):
                problems.append(f"{where}: symmetric must be yes or no, not {row['symmetric']!r}")
            if not row["definition"].strip():
                problems.append(f"{where}: definition is empty")
            out[name] = Relation(
                name=name,
                layer=row["layer"],
                symmetric=row["symmetric"] == "yes",
                inverse=row["inverse"].strip(),
                family=row["family"],
                cameo=tuple(c for c in row["cameo"].split(";") if c),
                plover=row["plover"].strip(),
                wikidata=tuple(c for c in row["wikidata"].split(";") if c),
                definition=row["definition"].strip(),
            )
    inverses = {r.inverse for r in out.values() if r.inverse}
    for clash in sorted(inverses & set(out)):
        problems.append(f"{path}: inverse name {clash!r} is also a relation name")
    if problems:
        raise DataFileError(str(path), problems)
    return out


def canonical(name: str) -> tuple[str, bool]:
    """Return ``(relation, swapped)`` for a relation name or an inverse name.

    Raises:
        KeyError: the name is not in the vocabulary; the message lists the valid names.

    Examples:
        >>> canonical("backs")
        ('backed-by', True)
        >>> canonical("fights")
        ('fights', False)
    """
    relations = load_relations()
    if name in relations:
        return name, False
    for rel in relations.values():
        if rel.inverse and rel.inverse == name:
            return rel.name, True
    valid = sorted([*relations, *(r.inverse for r in relations.values() if r.inverse)])
    raise KeyError(f"unknown relation {name!r}; valid relations: {', '.join(valid)}")
