"""Generic agent nouns ("army", "riot police", "rebels"), loaded from ``data/actors/agents.csv``.

The file is generated from the Phoenix agent dictionary by ``scripts/make_agent_nouns.py``
(see data/actors/README.md); it is not edited by hand. Each noun has a role (military,
police, government, intelligence, rebels, militia, opposition, civilians). Extraction uses
the roles through the cue classes that :func:`kgraph.know.relations.load_cues` derives from them:
a state's forces ("Iraqi security forces", "the army"), armed descriptors ("Darfur rebels").
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kgraph._paths import data_path
from kgraph.errors import DataFileError
from kgraph.know.tables import data_rows

__all__ = ["AGENT_COLUMNS", "AGENT_ROLES", "AgentNoun", "load_agents"]

AGENT_COLUMNS = ("words", "plural", "code", "role", "person", "source")
AGENT_ROLES = ("military", "police", "government", "intelligence", "rebels", "militia",
               "opposition", "civilians")


@dataclass(frozen=True, slots=True)
class AgentNoun:
    """One generic agent noun: its words (lower case), plural forms, role and source row."""

    words: str
    plural: tuple[str, ...]
    role: str
    person: bool
    source: str


@functools.cache
def load_agents(path: Path | None = None) -> Mapping[str, AgentNoun]:
    """Load and validate the agent nouns: every form (singular and plural) -> its noun.

    Raises:
        DataFileError: a row is malformed; the message lists each ``path:line: problem``.

    Examples:
        >>> agents = load_agents()
        >>> agents["security forces"].role, agents["rebels"].role
        ('police', 'rebels')
    """
    path = path or data_path("actors", "agents.csv")
    problems: list[str] = []
    forms: dict[str, AgentNoun] = {}
    for line, row in data_rows(path, AGENT_COLUMNS):
        where = f"{path}:{line}"
        words = (row["words"] or "").strip()
        role = (row["role"] or "").strip()
        person = (row["person"] or "").strip()
        if not words or words != words.lower():
            problems.append(f"{where}: words {words!r} must be non-empty lower case")
            continue
        if role not in AGENT_ROLES:
            problems.append(f"{where}: role {role!r} is not one of {', '.join(AGENT_ROLES)}")
            continue
        if person not in ("yes", "no"):
            problems.append(f"{where}: person must be yes or no, not {person!r}")
            continue
        plural = tuple(p.strip() for p in (row["plural"] or "").split("|") if p.strip())
        noun = AgentNoun(words, plural, role, person == "yes", (row["source"] or "").strip())
        for form in (words, *plural):
            forms.setdefault(form, noun)  # the file's first reading of a form wins
    if problems:
        raise DataFileError(str(path), problems)
    return forms
