"""Write N synthetic news-like articles for scale benchmarks, from templates over the gazetteer.

Every sentence comes from the templates below (written for kgraph) with actor names, places
and dates filled in from kgraph's own gazetteer; no third-party text is used. Articles are
about 150 words: a headline, a dateline sentence, relation sentences (alliances, attacks,
backing, membership, splits, talks, truces, sanctions, leadership, some negated or hedged) and
background sentences that name no relation. The same seed gives the same corpus.

    .venv/bin/python benchmarks/make_corpus.py 1000 -o corpus.jsonl          # JSON lines
    .venv/bin/python benchmarks/make_corpus.py 1000 -o corpus/ --format txt  # one .txt each
    .venv/bin/python benchmarks/make_corpus.py 16000 -o big.jsonl.gz --seed 7
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

TARGET_WORDS = 135  # body words; with the headline and the dateline about 150

HEADLINES = (
    "{a} and {b} trade accusations over {place}",
    "Fighting flares near {place}",
    "{a} steps up pressure on {b}",
    "Talks on {place} stall as {a} hardens its position",
    "New alliances take shape around {place}",
    "{a} under scrutiny after clashes in {place}",
)

# {a}, {b}: armed groups or parties; {s}, {t}: states; {io}: an international organisation;
# {p}: a person; {place}: a state's name used as a place.
RELATION_SENTENCES = (
    "{a} and {b} agreed to cooperate against {c}, officials said.",
    "{a} attacked positions held by {b} near the border on {day}.",
    "Fighters from {a} clashed with {b} in {place} last week.",
    "{s} has backed {a} since {year}, according to diplomats.",
    "{a} split from {b} in {year} after a dispute over leadership.",
    "{a} pledged allegiance to {b} in a statement released on {day}.",
    "{s} imposed sanctions on {t} over its support for {a}.",
    "{s} and {t} began negotiations on a truce in {place}.",
    "{a} and {b} announced a ceasefire in {place} on {day}.",
    "{p} leads {a}, the group confirmed in a video.",
    "{s} is a member of {io}, which met in {place} this month.",
    "{a} denied that it had allied with {b}.",
    "{s} criticized {t} for its role in the conflict.",
    "{a} threatened to attack {b} if the talks failed.",
    "Analysts said {a} may have received weapons from {s}.",
    "{s} bombed {a} strongholds in {place} overnight.",
    "{a} merged into {b} in {year}, a spokesman said.",
    "{a} is an affiliate of {b} and shares its commanders.",
)

BACKGROUND_SENTENCES = (
    "Residents described long queues for bread and fuel in the city.",
    "Aid agencies said thousands of families had left their homes since the spring.",
    "The road to the capital has been closed for most of the month.",
    "Prices for food and medicine have doubled since the start of the year.",
    "Local officials said schools would stay closed until further notice.",
    "The region has seen repeated outbreaks of violence over the past decade.",
    "Observers expect the dispute to dominate the next round of regional talks.",
    "A spokesman declined to comment on the reports when reached by phone.",
    "Satellite images showed damage to several buildings near the main square.",
    "Humanitarian groups called for safe passage for civilians leaving the area.",
    "Electricity returned to parts of the city for a few hours each day.",
    "The ministry said it was investigating the circumstances of the incident.",
    "Diplomats said a statement could be issued after the meeting ends.",
    "Farmers said the fighting had kept them from their fields during the harvest.",
)

_GROUP_TYPES = ("ArmedGroup", "PoliticalParty")


def _pools() -> dict[str, list[str]]:
    from kgraph.know.actors import load_actors

    pools: dict[str, list[str]] = {"group": [], "state": [], "io": [], "person": []}
    key = {"ArmedGroup": "group", "PoliticalParty": "group", "State": "state",
           "InternationalOrganization": "io", "Person": "person"}
    for actor in load_actors():
        pool = key.get(actor.type)
        if pool is not None and actor.label:
            pools[pool].append(actor.label)
    for names in pools.values():
        names.sort()
    return pools


def _fill(template: str, rng: random.Random, pools: dict[str, list[str]], when: date) -> str:
    groups = rng.sample(pools["group"], 3)
    states = rng.sample(pools["state"], 3)
    day = when - timedelta(days=rng.randrange(1, 20))
    return template.format(
        a=groups[0], b=groups[1], c=groups[2], s=states[0], t=states[1], place=states[2],
        io=rng.choice(pools["io"]), p=rng.choice(pools["person"]),
        day=f"{day.day} {day:%B} {day.year}", year=rng.randrange(2005, when.year + 1))


def make_articles(n: int, *, seed: int = 0, words: int = TARGET_WORDS) -> Iterator[dict[str, Any]]:
    """Yield ``n`` synthetic articles as JSON records ``{"id", "title", "published", "text"}``.

    Args:
        n: how many articles.
        seed: the random seed; the same seed gives the same articles.
        words: the approximate length of each article body, in words.
    """
    rng = random.Random(seed)
    pools = _pools()
    start = date(2010, 1, 1)
    for i in range(n):
        when = start + timedelta(days=rng.randrange(0, 15 * 365))
        title = _fill(rng.choice(HEADLINES), rng, pools, when)
        sentences = [f"{when.day} {when:%B} {when.year}."]
        count = 0
        while count < words:
            pool = RELATION_SENTENCES if rng.random() < 0.45 else BACKGROUND_SENTENCES
            sentence = _fill(rng.choice(pool), rng, pools, when)
            sentences.append(sentence)
            count += len(sentence.split())
        paragraphs = [" ".join(sentences[k:k + 3]) for k in range(0, len(sentences), 3)]
        yield {"id": f"synthetic-{seed}-{i:07d}", "title": title, "published": when.isoformat(),
               "text": title + "\n\n" + "\n\n".join(paragraphs)}


def write_corpus(path: Path, n: int, *, seed: int = 0, format: str = "jsonl") -> Path:
    """Write ``n`` articles to ``path``: one JSON line each (``.jsonl``, ``.jsonl.gz``), or one
    ``.txt`` file each in the folder ``path`` (``format="txt"``). Return ``path``."""
    if format == "txt":
        path.mkdir(parents=True, exist_ok=True)
        for record in make_articles(n, seed=seed):
            body = record["text"].split("\n\n", 1)[1]
            (path / f"{record['id']}.txt").write_text(
                f"{record['title']}\nPublished: {record['published']}\n\n{body}\n",
                encoding="utf-8")
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as f:
        for record in make_articles(n, seed=seed):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("-o", "--output", type=Path, required=True,
                        help="a .jsonl / .jsonl.gz file, or a folder with --format txt")
    parser.add_argument("--format", choices=("jsonl", "txt"), default="jsonl")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(write_corpus(args.output, args.n, seed=args.seed, format=args.format))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
