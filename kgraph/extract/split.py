"""Cut long texts into parts the parser can take, and batches of parts into bounded batches.

spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 characters), and below that its
memory grows with the length of the text parsed at once: about 2.7 KB a character with
``en_core_web_sm``, so 1.7 GB for a 600 KB text, whether or not it has sentence punctuation.
Two bounds keep a build's memory flat whatever it reads:

* :data:`MAX_PART_CHARS`: an article longer than this is parsed in parts, cut at paragraph
  breaks (blank lines); a paragraph still too long is cut after sentence-final punctuation, and
  a stretch with none (a 100,000-word "sentence") at the last whitespace before the limit, or
  at the limit itself when there is no whitespace. Parts are as long as the limit allows, so
  an ordinary article is one part, and every part starts where the previous one ended: the
  offsets of a part's sentences plus the part's start are offsets in the article's text.
  Pronouns are resolved within a part (an antecedent in the previous part is not seen).
* :data:`MAX_BATCH_CHARS`: the parts parsed together in one ``nlp.pipe`` batch hold at most
  this many characters (a single part may reach :data:`MAX_PART_CHARS` alone).

Everything here is linear in the length of the text.

Examples:
    >>> split_text("One. Two.\\n\\nThree.", limit=12)
    [(0, 11), (11, 17)]
    >>> text = "no full stop anywhere in here"
    >>> [text[start:end] for start, end in split_text(text, limit=10)]
    ['no full ', 'stop ', 'anywhere ', 'in here']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

__all__ = ["MAX_BATCH_CHARS", "MAX_PART_CHARS", "char_batches", "split_text"]

MAX_PART_CHARS = 50_000
"""The longest text handed to the parser at once, in characters (below ``nlp.max_length``)."""

MAX_BATCH_CHARS = 100_000
"""The most characters parsed in one ``nlp.pipe`` batch (besides the count of texts)."""

# a blank line ends a paragraph (the boundary is after the whitespace that follows it)
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
# whitespace after sentence-final punctuation, possibly closed by a quote or bracket; two
# fixed-width lookbehinds, so that a run of a million full stops is still scanned once
_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)\]]))\s+")
_WHITESPACE = re.compile(r"\s")

T = TypeVar("T")


def split_text(text: str, *, limit: int = MAX_PART_CHARS) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the parts to parse ``text`` in, covering it in order.

    Args:
        text: the article text.
        limit: the longest part, in characters (at least 1).

    Returns:
        One span ``(0, len(text))`` when the text is not longer than ``limit``; else spans of at
        most ``limit`` characters, cut at paragraph breaks, then sentence ends, then whitespace
        (see the module docstring).

    Examples:
        >>> split_text("short")
        [(0, 5)]
    """
    if limit < 1:
        raise ValueError(f"the part limit must be at least 1, not {limit}")
    if len(text) <= limit:
        return [(0, len(text))]
    pieces: list[tuple[int, int]] = []
    for paragraph in _cut(text, 0, len(text), _PARAGRAPH):
        if paragraph[1] - paragraph[0] <= limit:
            pieces.append(paragraph)
            continue
        for sentence in _cut(text, *paragraph, _SENTENCE_END):
            if sentence[1] - sentence[0] <= limit:
                pieces.append(sentence)
            else:
                pieces.extend(_hard_cut(text, *sentence, limit))
    return _pack(pieces, limit)


def _cut(text: str, start: int, end: int, boundary: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """Spans of ``text[start:end]`` ending where ``boundary`` matches end (tiling the range)."""
    for m in boundary.finditer(text, start, end):
        if m.end() < end:
            yield start, m.end()
            start = m.end()
    yield start, end


def _hard_cut(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """Spans of at most ``limit`` characters, each ending after its last whitespace if any."""
    while end - start > limit:
        stop = start + limit
        # the last whitespace in the window: search it backwards from the window's end
        window = text[start:stop]
        m = _WHITESPACE.search(window[::-1])
        cut = stop - m.start() if m is not None else stop
        yield start, cut
        start = cut
    yield start, end


def _pack(pieces: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Join consecutive pieces into parts as long as ``limit`` allows."""
    parts: list[tuple[int, int]] = []
    for start, end in pieces:
        if parts and end - parts[-1][0] <= limit:
            parts[-1] = (parts[-1][0], end)
        else:
            parts.append((start, end))
    return parts


def char_batches(items: Iterable[tuple[str, T]], *, size: int,
                 chars: int = MAX_BATCH_CHARS) -> Iterator[list[tuple[str, T]]]:
    """Group ``(text, context)`` pairs into lists of at most ``size`` items and ``chars``
    characters (an item longer than ``chars`` makes a list of its own), lazily.

    Examples:
        >>> [len(b) for b in char_batches([("ab", 1), ("cd", 2), ("efgh", 3)], size=5, chars=4)]
        [2, 1]
    """
    batch: list[tuple[str, T]] = []
    held = 0
    for item in items:
        if batch and (len(batch) >= size or held + len(item[0]) > chars):
            yield batch
            batch, held = [], 0
        batch.append(item)
        held += len(item[0])
    if batch:
        yield batch
