"""The user's own actors for the tests of ``--actors`` / ``actors=``: a CSV file with a made-up
armed group (known under an alias no model would take for a name) and an override of a packaged
actor, and an article that names both by their new aliases."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

USER_ACTORS = """id,label,type,country,wikidata,aliases
kivu-lake-front,Kivu Lake Front,ArmedGroup,COD,Q999999991,KLF|Front du Lac Kivu
hezbollah,Hezbollah Movement,PoliticalParty,LBN,,Party of God
"""

USER_TEXT = """Fighting near the lake
Published: 2023-05-04

Rwanda has backed the KLF since 2021. Congolese troops fought the KLF near Goma.
Iran has funded the Party of God for decades.
"""

USER_IDS = frozenset({"kivu-lake-front", "hezbollah"})


def write_user_actors(folder: Path) -> tuple[Path, Path]:
    """Write the actor file and a folder holding the article; return both paths."""
    csv_file = folder / "my_actors.csv"
    csv_file.write_text(USER_ACTORS, encoding="utf-8")
    articles = folder / "lake"
    articles.mkdir()
    (articles / "lake.txt").write_text(USER_TEXT, encoding="utf-8")
    return csv_file, articles


def user_actor_facts(ds: Dataset) -> set[tuple[str, str, str]]:
    """(subject id, relation, object id) of the graph's statements that involve a user actor."""
    from kgraph.rdf.graph import statement_records

    return {(r.assertion.subject.id, r.assertion.relation, r.assertion.object.id)
            for r in statement_records(ds)
            if USER_IDS & {r.assertion.subject.id, r.assertion.object.id}}
