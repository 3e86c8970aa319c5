"""Extracting one batch of articles in the current process, each article isolated from the
others: the unit of work of the local process pool (:mod:`kgraph.run.parallel`) and of Dask
(:mod:`kgraph.run.distributed`)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kgraph.errors import ArticleError, KGraphError
from kgraph.extract import extract_articles, load_pipeline
from kgraph.know.relations import LEXICON_SOURCES
from kgraph.model import Article, Assertion

if TYPE_CHECKING:
    from spacy.language import Language

    from kgraph.know.actors import Gazetteer

__all__ = ["WORKER_DIED", "BatchResult", "Extracted", "Outcome", "Results", "batches",
           "extract_batch", "extract_here", "extract_isolated", "pipeline_name", "skip_error"]

Extracted = tuple[Article, list[Assertion], str]
"""An article, the assertions read in it and the pipeline that read them (``name-version``)."""

Outcome = list[Assertion] | str
"""What extracting one article gave: its assertions, or the one-line reason it was skipped."""

Results = Iterator[tuple[Article, Outcome, str]]
"""Articles with their outcome and the pipeline that read them, as an engine yields them."""

WORKER_DIED = "its worker process died (killed, out of memory or crashed)"
"""The reason given for an article whose worker process died while extracting it alone."""

BatchResult = tuple[str, list[Outcome]]
"""A batch's pipeline name and the outcome of each of its articles."""

_MAX_REASON = 200  # characters of an exception's message kept in a skip reason


def pipeline_name(nlp: Language) -> str:
    """Return the name and version of a spaCy pipeline, as the graph records it.

    Examples:
        >>> import spacy
        >>> pipeline_name(spacy.blank("en"))
        'en_pipeline-0.0.0'
    """
    meta = nlp.meta
    name = f"{meta.get('lang', '')}_{meta.get('name', '')}".strip("_")
    version = str(meta.get("version", ""))
    return f"{name}-{version}" if version else name


def batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Split a stream into lists of ``size`` items (the last may be shorter), lazily.

    Examples:
        >>> [len(b) for b in batches([Article(str(i), "x") for i in range(5)], 2)]
        [2, 2, 1]
    """
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def skip_error(article: Article, reason: str) -> ArticleError:
    """The error that reports a skipped article: its file (and line), else its id.

    Examples:
        >>> str(skip_error(Article("a1", "x", source="news.jsonl:3"), "too odd"))
        'news.jsonl:3: too odd'
        >>> str(skip_error(Article("9" * 100, "x"), "too odd"))
        'article 9999999999999999999999999999999999999...: too odd'
    """
    where = article.source or f"article {_shorten(article.id, 40)}"
    return ArticleError(where, reason)


def _shorten(text: str, size: int) -> str:
    return text if len(text) <= size else text[:size - 3] + "..."


def extract_here(
    articles: Iterable[Article],
    *,
    model: str | None,
    nlp: Language | None,
    gazetteer: Gazetteer | None,
    batch_size: int,
    lexicon: tuple[str, ...],
) -> Results:
    """Extract articles in this process, batch by batch, each article isolated (see
    :func:`extract_isolated`); the pipeline is ``nlp``, else loaded from ``model``."""
    pipe = nlp if nlp is not None else load_pipeline(model, gazetteer=gazetteer)
    name = pipeline_name(pipe)
    for batch in batches(articles, batch_size):
        outcomes = extract_isolated(batch, nlp=pipe, gazetteer=gazetteer, lexicon=lexicon)
        for article, outcome in zip(batch, outcomes, strict=True):
            yield article, outcome, name


def extract_isolated(
    batch: list[Article], *, nlp: Language, gazetteer: Gazetteer | None = None,
    lexicon: tuple[str, ...] = tuple(LEXICON_SOURCES),
) -> list[Outcome]:
    """Extract a batch so that an article that fails is skipped alone, with its reason.

    The batch is parsed at once; when that raises, each article is parsed again on its own,
    and the ones that raise get the reason as their outcome.

    Args:
        batch: the articles.
        nlp: the loaded pipeline.
        gazetteer: the actors to recognise; the packaged gazetteer when None.
        lexicon: the lexicon sources to read with.

    Returns:
        For each article, in batch order, its assertions or the reason it was skipped.

    Raises:
        KGraphError: kgraph's own errors (an invalid data file, say), which no article causes.
        MemoryError: the process ran out of memory.
    """
    found = _extract_guarded(batch, nlp, gazetteer, lexicon)
    if not isinstance(found, str):
        return list(found)
    if len(batch) == 1:
        return [found]
    outcomes: list[Outcome] = []
    for article in batch:
        alone = _extract_guarded([article], nlp, gazetteer, lexicon)
        outcomes.append(alone if isinstance(alone, str) else alone[0])
    return outcomes


def _extract_guarded(
    batch: list[Article], nlp: Language, gazetteer: Gazetteer | None, lexicon: tuple[str, ...]
) -> list[list[Assertion]] | str:
    """The assertions of each article of ``batch``, or the reason extracting it failed."""
    try:
        return [found for _, found in extract_articles(batch, nlp=nlp, gazetteer=gazetteer,
                                                       batch_size=len(batch), lexicon=lexicon)]
    except (KGraphError, MemoryError):
        raise
    # The per-article isolation boundary, and the only broad catch of a build: what spaCy, thinc
    # and the extraction rules may raise on a hostile text is open-ended (ValueError,
    # IndexError, RecursionError, AssertionError from C extensions ...), and any of them must
    # cost one article, not the batch. kgraph's own errors and MemoryError are re-raised above;
    # KeyboardInterrupt and SystemExit are not Exceptions and pass through.
    except Exception as e:  # noqa: BLE001
        return _reason(e)


def _reason(error: BaseException) -> str:
    """A one-line skip reason for an exception: its type and the start of its message.

    Examples:
        >>> _reason(ValueError("bad\\nthing"))
        'extraction failed: ValueError: bad'
    """
    lines = str(error).strip().splitlines()
    message = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
    return "extraction failed: " + _shorten(message, _MAX_REASON)


def extract_batch(
    batch: list[Article], model: str | None = None, gazetteer: Gazetteer | None = None,
    lexicon: tuple[str, ...] = tuple(LEXICON_SOURCES),
) -> BatchResult:
    """Extract one batch in the current process with the cached pipeline (a worker task).

    Only the assertions go back to the caller, which still holds the articles; an article whose
    extraction fails gets the reason instead (see :func:`extract_isolated`).

    Args:
        batch: the articles.
        model: the spaCy pipeline name or path.
        gazetteer: the actors to recognise; the packaged gazetteer when None.
        lexicon: the lexicon sources to read with.

    Returns:
        The pipeline name and the outcome of each article, in batch order.

    Raises:
        ModelError: the model cannot be loaded.
    """
    nlp = load_pipeline(model, gazetteer=gazetteer)  # cached per process after the first call
    return pipeline_name(nlp), extract_isolated(batch, nlp=nlp, gazetteer=gazetteer,
                                                lexicon=lexicon)
