"""Tests of kgraph.sparql.relation_sets: relation sets of named queries from relations.csv."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import DataFileError, QueryError
from kgraph.know.relations import load_relations
from kgraph.sparql.named import load_queries
from kgraph.sparql.relation_sets import fill_relation_sets


def test_sets_are_the_rows_with_the_value() -> None:
    relations = load_relations()
    enemies = [f"kg:{r.rdf_name}" for r in relations.values() if r.stance == "enemy"]
    assert fill_relation_sets("VALUES ?p { {{stance=enemy}} }") == (
        "VALUES ?p { " + " ".join(enemies) + " }")
    symmetric = [f"kg:{r.rdf_name}" for r in relations.values() if r.symmetric]
    assert fill_relation_sets("?p IN ({{symmetric=yes|,}})") == f"?p IN ({', '.join(symmetric)})"
    assert fill_relation_sets("no sets { here }") == "no sets { here }"


def test_unknown_columns_and_values_name_the_line_and_the_choices() -> None:
    with pytest.raises(QueryError, match=r"^2: \{\{colour=red\}\} names no column .*stance"):
        fill_relation_sets("SELECT * WHERE {\n VALUES ?p { {{colour=red}} } }")
    with pytest.raises(QueryError, match=r"^1: no relation has stance 'friend'.*'ally'"):
        fill_relation_sets("{{stance=friend}}")


def test_a_query_file_with_a_bad_set_is_reported(tmp_path: Path) -> None:
    (tmp_path / "odd.rq").write_text(
        "# description: odd\nPREFIX kg: <https://kgraph.dev/ontology#>\n"
        "SELECT ?p WHERE { VALUES ?p { {{stance=friend}} } }\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"odd\.rq:3: no relation has stance 'friend'"):
        load_queries(tmp_path)


def test_shipped_queries_are_filled_in() -> None:
    for named in load_queries().values():
        assert "{{" not in named.text, named.name
