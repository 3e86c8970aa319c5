"""Cut long texts into parts the parser can take, and batches of parts into bounded batches.

spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 characters), and below that its
memory grows with the number of tokens parsed at once: about 15 KB a token with
``en_core_web_sm``, so 1.7 GB for a 600 KB text of 100,000 words, whether or not it has
sentence punctuation, and a text of punctuation has a token per character. Its tokenizer also
takes time quadratic in the length of a run without whitespace (20,000 ``&`` take 50 s). Three
bounds keep a build's time linear and its memory flat whatever it reads:

* :data:`MAX_PART_CHARS`: an article longer than this is parsed in parts, cut at paragraph
  breaks (blank lines); a paragraph still too long is cut after sentence-final punctuation, and
  a stretch with none (a 100,000-word "sentence") at the last whitespace before the limit.
  Parts are as long as the limit allows, so an ordinary article is one part. Pronouns are
  resolved within a part (an antecedent in the previous part is not seen);
* :data:`MAX_WORD_CHARS`: a run of non-whitespace characters longer than this (no word is) is
  cut into parts of its own of that length;
* :data:`MAX_BATCH_CHARS`: the parts parsed together in one ``nlp.pipe`` batch hold at most
  this many characters (a single part may reach :data:`MAX_PART_CHARS` alone).

Every part starts where the previous one ended: the offsets of a part's sentences plus the
part's start are offsets in the article's text. Everything here is linear in the length of the
text.

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

__all__ = ["MAX_BATCH_CHARS", "MAX_PART_CHARS", "MAX_WORD_CHARS", "char_batches", "split_text"]

MAX_PART_CHARS = 20_000
"""The longest text handed to the parser at once, in characters (below ``nlp.max_length``)."""

MAX_BATCH_CHARS = 20_000
"""The most characters parsed in one ``nlp.pipe`` batch (besides the count of texts)."""

MAX_WORD_CHARS = 100
"""The longest run of non-whitespace characters handed to the parser; longer runs are cut."""

# a blank line ends a paragraph (the boundary is after the whitespace that follows it)
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
# whitespace after sentence-final punctuation, possibly closed by a quote or bracket; two
# fixed-width lookbehinds, so that a run of a million full stops is still scanned once
_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)\]]))\s+")
_WHITESPACE = re.compile(r"\s")

T = TypeVar("T")


def split_text(text: str, *, limit: int = MAX_PART_CHARS,
               word: int = MAX_WORD_CHARS) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the parts to parse ``text`` in, covering it in order.

    Args:
        text: the article text.
        limit: the longest part, in characters (at least 1).
        word: the longest run of non-whitespace characters parsed as it is (at least 1).

    Returns:
        One span ``(0, len(text))`` when the text is not longer than ``limit`` and has no run
        longer than ``word``; else spans of at most ``limit`` characters, cut at paragraph
        breaks, then sentence ends, then whitespace, and each longer run in parts of its own
        of ``word`` characters (see the module docstring).

    Raises:
        ValueError: a limit is below 1.

    Examples:
        >>> split_text("short")
        [(0, 5)]
        >>> split_text("a " + "&" * 5 + " b", word=2)
        [(0, 2), (2, 4), (4, 6), (6, 7), (7, 9)]
    """
    if limit < 1 or word < 1:
        raise ValueError(f"the limits must be at least 1, not {limit} and {word}")
    # a run starts after whitespace (or at the start): each run is scanned once
    runs = [m.span() for m in re.finditer(rf"(?<!\S)\S{{{word + 1},}}", text)]
    if len(text) <= limit and not runs:
        return [(0, len(text))]
    parts: list[tuple[int, int]] = []
    start = 0
    for run_start, run_end in [*runs, (len(text), len(text))]:
        if run_start > start:
            parts += _pack(list(_pieces(text, start, run_start, limit)), limit)
        parts += [(a, min(a + word, run_end)) for a in range(run_start, run_end, word)]
        start = run_end
    return parts


def _pieces(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """Paragraphs of ``text[start:end]``, those too long cut after sentence ends, sentences too
    long cut at whitespace."""
    for paragraph in _cut(text, start, end, _PARAGRAPH):
        if paragraph[1] - paragraph[0] <= limit:
            yield paragraph
            continue
        for sentence in _cut(text, *paragraph, _SENTENCE_END):
            if sentence[1] - sentence[0] <= limit:
                yield sentence
            else:
                yield from _hard_cut(text, *sentence, limit)


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
