"""Frozen value objects passed between the stages of kgraph: Article, Actor, Evidence, Assertion;
and the content hash of an article's text (:func:`content_id`), its id and the mark of a resumed
build."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["ACTOR_TYPES", "Actor", "Article", "Assertion", "Evidence", "Modality", "Polarity",
           "content_id"]

ACTOR_TYPES = (
    "State",
    "ArmedGroup",
    "PoliticalParty",
    "InternationalOrganization",
    "Person",
    "Organization",
    "DescriptorGroup",
)

Polarity = Literal["asserted", "negated"]
Modality = Literal["actual", "past", "intended", "hedged", "reported", "disputed"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article. ``id`` is a hash of its content, so reading it twice gives one article.

    ``source`` is where kgraph read it: the file path as it was given (a file found in a given
    folder: the folder joined with the file's path in it, so the same command in the same
    folder always writes the same graph; never made absolute, which would put the machine's
    layout into shared outputs), the URL of a page, ``FILE:LINE`` for a JSON line and
    ``FEED:N`` for the N-th entry of a feed (whose link is its ``url``), ``<stdin>`` for
    standard input. The same text read from two places is one article, with the first place
    as its source.

    Examples:
        >>> Article(id="a1", text="NATO met.", title="Summit").title
        'Summit'
    """

    id: str
    text: str
    title: str = ""
    url: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD) or "" when unknown
    source: str = ""  # where it was read (see above)
    author: str = ""  # the byline; several names joined by "; "

    def provenance(self) -> dict[str, str]:
        """The fields that trace a record back to its article: title, URL, date, author and
        source (the keys each line of ``triples.jsonl`` and of ``kgraph extract`` carries).

        Examples:
            >>> Article(id="a1", text="NATO met.", source="news/a.txt").provenance()["source"]
            'news/a.txt'
        """
        return {"title": self.title, "url": self.url, "published": self.published,
                "author": self.author, "source": self.source}


@dataclass(frozen=True, slots=True)
class Actor:
    """A geopolitical actor: a state, armed group, party, organisation or person.

    ``id`` is a stable slug (``isis``, ``united-states``); ``minted`` is true for actors that
    are not in the gazetteer and were named by spaCy's entity recogniser.

    Examples:
        >>> Actor(id="nato", label="NATO", type="InternationalOrganization").minted
        False
    """

    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str = ""  # Q-id, only when verified
    country: str = ""  # ISO 3166-1 alpha-3 code of the actor's home state, when known
    minted: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where an assertion was read: the article, the sentence, character offsets and the rule."""

    article_id: str
    sentence: str
    start: int  # offset of the sentence in the article text
    end: int
    rule: str
    subject_text: str = ""
    object_text: str = ""
    reported_by: str = ""  # who the sentence attributes the claim to ("Reuters", "officials")


@dataclass(frozen=True, slots=True)
class Assertion:
    """One extracted claim: ``subject relation object`` with its qualifiers and evidence.

    ``relation`` is a kebab-case name from the vocabulary in :mod:`kgraph.know.relations`.
    ``time`` is an ISO date or year when the text gives one, else the article's date.
    """

    subject: Actor
    relation: str
    object: Actor
    evidence: Evidence
    polarity: Polarity = "asserted"
    modality: Modality = "actual"
    time: str = ""
    confidence: float = 0.5

    def to_json(self) -> dict[str, Any]:
        """Return the JSON record of ``kgraph extract --format jsonl`` for this assertion."""
        ev = self.evidence
        return {
            "doc_id": ev.article_id,
            "subject": self.subject.label,
            "subject_id": self.subject.id,
            "subject_text": ev.subject_text,
            "subject_type": self.subject.type,
            "relation": self.relation,
            "object": self.object.label,
            "object_id": self.object.id,
            "object_text": ev.object_text,
            "object_type": self.object.type,
            "polarity": self.polarity,
            "modality": self.modality,
            "time": self.time,
            "confidence": round(self.confidence, 3),
            "sentence": ev.sentence,
            "start": ev.start,
            "end": ev.end,
            "rule": ev.rule,
            "reported_by": ev.reported_by,
        }


def _normalise(text: str) -> str:
    """NFC, ``\\n`` line ends, no BOM, stripped: the form ids are computed over."""
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def content_id(text: str) -> str:
    """Return the content hash used as an article id: 16 hex digits of SHA-256.

    The hash is taken over the normalised text (Unicode NFC, ``\\n`` line ends, stripped), so
    the same article read from different files or platforms gets the same id.

    Args:
        text: the article text.

    Returns:
        16 lowercase hexadecimal characters.

    Examples:
        >>> content_id("NATO met.") == content_id("  NATO met.\\r\\n")
        True
        >>> len(content_id("NATO met."))
        16
    """
    # surrogatepass: text from Python callers may hold unpaired surrogates (readers replace them)
    return hashlib.sha256(_normalise(text).encode("utf-8", "surrogatepass")).hexdigest()[:16]
