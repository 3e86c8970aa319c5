"""Read news articles from .txt, .md, .html, .jsonl and feed files (or stdin) as articles.

This module finds the files, bounds what is read, decodes it, reads JSON lines and standard
input, and hands each file's text to the reader of its type: :mod:`kgraph.read.text`,
:mod:`kgraph.read.markdown`, :mod:`kgraph.read.html` (the ``_PARSERS`` table maps suffixes to
them; dates are read by :mod:`kgraph.read.dates`).

Formats
-------
``.txt``
    Plain UTF-8 text with an optional header (the convention of ``data/articles``)::

        Title of the article
        Published: 2019-03-23
        URL: https://example.org/story
        Author: Jane Reporter

        Body text ...

    The header is read from the top of the file, and only there:

    * the first non-blank line is the **title** when it is short (under 200 characters), does not
      end with a full stop, and is followed by a blank line or by header lines;
    * **header lines** are ``Key: value`` lines right after the title (or at the very top when
      there is no title) with the keys ``Title``, ``Published``, ``Date``, ``URL`` or
      ``Author`` (case-insensitive); ``Published``/``Date`` set the publication date, which is
      normalised by :func:`~kgraph.read.dates.parse_date` (an unreadable date becomes ``""``).

    Everything after the header is the body. ``Article.text`` is ``title + "\\n\\n" + body`` so
    that claims made in a headline are extracted too; without a title it is the body alone.
``.md`` / ``.markdown``
    As ``.txt``; a leading ``# Heading`` is the title whatever its length, and a simple front
    matter block (``---`` / ``key: value`` lines / ``---``) may give ``title``, ``date`` or
    ``published``, ``url`` and ``author``. Markup is removed minimally: emphasis, inline code,
    links and images (their text is kept), heading, list and quote markers.
``.html`` / ``.htm``
    The main text (without menus, related links, comments, banners), headline, date,
    canonical URL and author (the byline) are taken by ``trafilatura`` (see
    :mod:`kgraph.read.html` for when it is not used); otherwise, and for what it leaves empty,
    text is taken by a small tokenizer of kgraph's own, tolerant like a browser and linear in
    the size of the page (Python's :mod:`html.parser` is quadratic on unclosed tags and fails
    on some marked sections): ``script``, ``style``, ``noscript``, ``template``, ``svg``,
    ``iframe``, ``nav`` and everything in ``head`` except ``title`` are dropped, and block
    elements become line breaks. The title is the first ``<h1>``, else ``<title>``; the date
    comes from ``<meta>`` (``date``, ``article:published_time``, ``datePublished``,
    ``dc.date``, ...) or the first ``<time datetime>``; the URL from ``<link rel="canonical">``
    or ``og:url``; the author from ``<meta name="author">``. As in a browser, a tag or comment
    left open at the end of the page ends the page.
``.jsonl`` / ``.jsonl.gz``
    One JSON object per line: ``{"id", "text", "title"?, "url"?, "published"?, "author"?}``
    (``"date"`` for ``"published"`` too). ``text`` is
    kept exactly as given (extraction offsets refer to it) and the title is *not* prepended.
``.xml`` / ``.rss`` / ``.atom``
    An RSS or Atom feed (:mod:`kgraph.read.feeds`): each entry is an article, its title, link
    (the URL), date and author from the entry and its text the entry's content or summary with the
    HTML markup taken out, headline first. Entries are named ``FEED:N`` in messages.
``-``
    Standard input: JSON lines when its first non-blank line is a JSON object, else one text
    article read like a ``.txt`` file.

Sources
-------
Each article keeps where it was read as :attr:`Article.source <kgraph.model.Article>`: the path
as given (not made absolute), the URL of a page, ``FILE:LINE`` for a JSON line, ``FEED:N`` for
a feed entry (the page of a link-only entry too) and ``<stdin>``.

Ids
---
An article read from a file gets a content hash as its id (:func:`content_id`), so the same
text read twice gets the same id. A JSON record that carries its own ``"id"`` keeps it, because
the caller expects results under that id.

Limits
------
Every input comes from outside, so every cost is bounded, and each bound is a constant here:

* only regular files are read: a FIFO, device or socket (also behind a symlink) is skipped
  before it is opened, and files are opened non-blocking, so a FIFO can never hang a batch;
* :data:`MAX_BYTES` (5 MB) per file or JSON line, enforced while reading: at most one byte
  more than the limit is ever read;
* :data:`MIN_LETTER_SHARE` (0.5): a text of more than a few hundred visible characters of
  which fewer than half are letters (a maze of symbols) is refused as no prose;
* an article's text may be as long as its bytes allow: extraction parses a long text in
  bounded parts and keeps offsets into the whole (:mod:`kgraph.extract.split`);
* :data:`MAX_ID_CHARS` (256) per JSON ``"id"``: a longer id (or an integer of more digits) is
  refused with a message, never truncated, because the caller expects results under its id;
* :data:`MAX_JSON_DEPTH` (64) levels of nesting in a JSON line, checked by a linear scan
  before the line is decoded;
* unpaired surrogates in JSON strings (``"\\ud800"``) are replaced by U+FFFD, one character
  for one, so offsets into the text still hold;
* Markdown and HTML are read in time linear in their size (`benchmarks/hostile_speed.py`
  measures 1 MB adversarial inputs of each kind).

Ids and repeats
---------------
An article read twice (same text, same id) is kept once. A JSON record whose ``"id"`` was
already given to an earlier article with a different text is kept under the id with ``~2``
(``~3``, ...) appended, with a warning on the ``kgraph.read.articles`` logger.

Bad input (empty, binary, not UTF-8, too large, HTML without text, no prose, a malformed or too deep
JSON line, an id too long, an unsupported file type, not a regular file) never stops a batch:
:func:`iter_articles` reports an :class:`~kgraph.errors.ArticleError` naming the file (and
line) and goes on; any error a file raises while it is read becomes such a report.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import itertools
import json
import logging
import os
import re
import stat
import sys
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from kgraph.errors import ArticleError, MissingInputError, printable
from kgraph.model import Article, content_id
from kgraph.read.dates import parse_date
from kgraph.read.feeds import parse_feed
from kgraph.read.fetch import Fetched, fetch, is_url
from kgraph.read.html import parse_html
from kgraph.read.markdown import parse_markdown
from kgraph.read.text import Parsed, compose, parse_plain

__all__ = [
    "MAX_BYTES",
    "MAX_ID_CHARS",
    "MAX_JSON_DEPTH",
    "MIN_LETTER_SHARE",
    "SUFFIXES",
    "article_from_text",
    "content_id",
    "dedupe",
    "iter_articles",
    "read_article",
]

log = logging.getLogger(__name__)

MAX_BYTES = 5_000_000
"""Default size limit of one article (a file, or one JSON line), in bytes."""

MAX_ID_CHARS = 256
"""Length limit of an id given by a JSON record; a longer one is refused."""

MIN_LETTER_SHARE = 0.5
"""Share of letters among the visible characters of an article's text; below it (a maze of
symbols, a table of numbers) the text is refused as no prose. News prose has about 0.8; the
parser spends a token on each symbol, so a megabyte of them would cost it minutes."""

_PROSE_SAMPLE = 500  # visible characters below which a text is too short to judge

MAX_JSON_DEPTH = 64
"""Nesting limit of one JSON line (a record is one level); a deeper line is refused."""

SUFFIXES = (".atom", ".htm", ".html", ".jsonl", ".jsonl.gz", ".markdown", ".md", ".rss", ".txt",
            ".xml")
"""The file types :func:`iter_articles` reads."""

_STDIN = "<stdin>"
_READMES = frozenset({"readme", "readme.md", "readme.txt"})


# --------------------------------------------------------------------------- ids and dates





# --------------------------------------------------------------------------- files

_Parser = Callable[[str], Parsed]
_PARSERS: dict[str, _Parser] = {
    ".txt": parse_plain,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
}


_FEEDS = frozenset({".atom", ".rss", ".xml"})
_MANY = _FEEDS | {".jsonl", ".jsonl.gz"}  # files of many articles


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return next((s for s in SUFFIXES if name.endswith(s)), path.suffix.lower())


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data:
        raise ArticleError(
            source, "binary data (NUL bytes); articles must be UTF-8 text (convert UTF-16 first)"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ArticleError(
            source, f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})"
        ) from e
    return _normalise(text)


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text.lstrip("\ufeff")).replace("\r\n", "\n").replace(
        "\r", "\n"
    )


def _too_large(size: int, max_bytes: int, *, exact: bool = True) -> str:
    amount = f"{size:,} bytes" if exact else f"more than {max_bytes:,} bytes"
    return f"too large ({amount}; the limit is {max_bytes:,} bytes per article)"


def _from_bytes(data: bytes, suffix: str, source: str) -> Article:
    return _from_text(_decode(data, source), suffix, source)


def _from_text(text: str, suffix: str, source: str) -> Article:
    if not text.strip():
        raise ArticleError(source, "empty")
    try:
        parsed = _PARSERS[suffix](text)
    except (ValueError, RecursionError) as e:  # none is known; still, one file stops nothing
        raise ArticleError(source, f"cannot parse: {type(e).__name__}: {e}") from e
    return _article(parsed, source, "HTML page" if suffix in {".html", ".htm"} else "article")


def _article(parsed: Parsed, source: str, what: str) -> Article:
    if not parsed.text.strip():
        raise ArticleError(source, f"{what} has no text")
    _check_prose(parsed.text, source)
    return Article(id=content_id(parsed.text), text=parsed.text, title=parsed.title,
                   url=parsed.url, published=parsed.published, author=parsed.author,
                   source=source)


def _check_prose(text: str, source: str) -> None:
    visible = len(text) - sum(map(str.isspace, text))
    if visible < _PROSE_SAMPLE:
        return
    letters = sum(map(str.isalpha, text))
    if letters < MIN_LETTER_SHARE * visible:
        raise ArticleError(source, f"no prose: {letters / visible:.0%} of its characters are "
                                   f"letters (at least {MIN_LETTER_SHARE:.0%} needed)")


def read_article(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Article:
    """Read one .txt, .md or .html article.

    Args:
        path: the file.
        max_bytes: files larger than this are refused.

    Returns:
        The article; its id is the content hash of its text.

    Raises:
        ArticleError: the file is missing, not a regular file, empty, binary, not UTF-8, too
            large, has no text, is JSONL (use :func:`iter_articles`) or of an unsupported type.

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = p.write_text("NATO summit\\nPublished: 9 July 2024\\n\\nNATO leaders met.\\n")
        >>> a = read_article(p)
        >>> a.title, a.published, a.text
        ('NATO summit', '2024-07-09', 'NATO summit\\n\\nNATO leaders met.')
    """
    path = Path(path)
    source = str(path)
    suffix = _suffix(path)
    if suffix in _MANY:
        kind = "a feed" if suffix in _FEEDS else "a JSONL file"
        raise ArticleError(source, f"{kind} holds many articles; read it with iter_articles")
    if suffix not in _PARSERS:
        raise ArticleError(source, _unsupported(suffix))
    return _from_bytes(_read_bytes(path, max_bytes), suffix, source)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; else an :class:`ArticleError`."""
    source = str(path)
    try:
        with _open_regular(path, max_bytes) as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise ArticleError(source, _os_reason(e)) from e
    if len(data) > max_bytes:  # the file grew after it was measured
        raise ArticleError(source, _too_large(len(data), max_bytes, exact=False))
    return data


_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_regular(mode: int, source: str) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _FILE_KINDS if test(mode)), "of an unknown kind")
        raise ArticleError(source, f"not a regular file but {kind}; only regular files are read")


def _open_regular(path: Path, max_bytes: int | None = None) -> io.BufferedReader:
    """Open a regular file for reading, refusing anything else before it is opened.

    The file is checked with ``stat`` (through symlinks) before it is opened, opened
    non-blocking (so that a FIFO put in its place meanwhile cannot block) and checked again
    once open. When ``max_bytes`` is given, a larger file is refused before any byte is read.

    Raises:
        ArticleError: not a regular file, or larger than ``max_bytes``.
        OSError: it cannot be opened.
    """
    source = str(path)
    _check_regular(path.stat().st_mode, source)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    f = os.fdopen(fd, "rb")
    try:
        info = os.fstat(fd)
        _check_regular(info.st_mode, source)
        if max_bytes is not None and info.st_size > max_bytes:
            raise ArticleError(source, _too_large(info.st_size, max_bytes))
    except BaseException:
        f.close()
        raise
    return f


def _unsupported(suffix: str) -> str:
    return f"unsupported file type {suffix!r} (supported: {', '.join(SUFFIXES)})"


def _os_reason(e: Exception) -> str:
    reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
    return str(reason)


def article_from_text(
    text: str, *, title: str = "", url: str = "", published: str = "", author: str = "",
    source: str = "",
) -> Article:
    """Make an article from a string; the text is kept as given.

    Only unpaired surrogates (which no file can encode) are replaced, each by U+FFFD, so
    offsets into the text still hold.

    Args:
        text: the article text (evidence offsets will refer to it).
        title: the headline; it is not prepended to ``text``.
        url: where the article was published.
        published: its date in any form :func:`~kgraph.read.dates.parse_date` reads.
        author: who wrote it.
        source: where the text came from (see :class:`~kgraph.model.Article`).

    Returns:
        The article, with the content hash of ``text`` as its id.

    Raises:
        ArticleError: the text is empty.

    Examples:
        >>> a = article_from_text("ISIS fought al-Nusra.", published="Nov 16, 2014")
        >>> a.published, a.id == content_id("ISIS fought al-Nusra.")
        ('2014-11-16', True)
    """
    if not text.strip():
        raise ArticleError(source or "<text>", "empty")
    _check_prose(text, source or "<text>")
    text = _without_surrogates(text)
    return Article(id=content_id(text), text=text, title=_without_surrogates(title.strip()),
                   url=_without_surrogates(url.strip()), published=parse_date(published),
                   author=_without_surrogates(" ".join(author.split())), source=source)


def _record(line: bytes, source: str, max_bytes: int) -> Article | None:
    """Read one JSON line; ``None`` for a blank line."""
    if len(line) > max_bytes:
        raise ArticleError(source, _too_large(len(line), max_bytes, exact=False))
    try:
        raw = line.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ArticleError(source, f"not valid UTF-8 (byte 0x{line[e.start]:02x})") from e
    if not raw.strip():
        return None
    obj = _loads(raw, source)
    if not isinstance(obj, dict):
        raise ArticleError(source, f"not a JSON object but {type(obj).__name__}")
    if "text" not in obj:
        raise ArticleError(source, 'record has no "text" field')
    fields: dict[str, str] = {}
    for key in ("text", "title", "url", "published", "date", "author"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise ArticleError(source, f'"{key}" must be a string, not {type(value).__name__}')
        fields[key] = value or ""
    if not fields["text"].strip():
        raise ArticleError(source, '"text" is empty')
    given = obj.get("id")
    if given is not None and (isinstance(given, bool) or not isinstance(given, str | int)):
        raise ArticleError(
            source, f'"id" must be a string or an integer, not {type(given).__name__}'
        )
    article = article_from_text(
        fields["text"], title=fields["title"], url=fields["url"],
        published=fields["published"] or fields["date"], author=fields["author"], source=source,
    )
    given_id = _without_surrogates(str(given).strip()) if given is not None else ""
    if len(given_id) > MAX_ID_CHARS:
        raise ArticleError(
            source, f'"id" too long ({len(given_id):,} characters; the limit is {MAX_ID_CHARS})'
        )
    return replace(article, id=given_id) if given_id else article


_JSON_SYNTAX_RE = re.compile(r'[\[\]{}"\\]')


def _too_deep(raw: str, limit: int) -> bool:
    """Whether the JSON text ``raw`` nests deeper than ``limit``: one scan, no recursion."""
    if raw.count("[") + raw.count("{") <= limit:  # the usual case, at C speed
        return False
    depth = 0
    in_string = False
    escaped_at = -1
    for m in _JSON_SYNTAX_RE.finditer(raw):
        c, at = m[0], m.start()
        if at == escaped_at:
            continue
        if in_string:
            if c == "\\":
                escaped_at = at + 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
            if depth > limit:
                return True
        elif c in "]}":
            depth -= 1
    return False


def _loads(raw: str, source: str) -> Any:
    """Decode one JSON line, refusing one nested deeper than :data:`MAX_JSON_DEPTH`.

    Raises:
        ArticleError: invalid or too deep JSON, or a number Python refuses to convert.
    """
    if _too_deep(raw, MAX_JSON_DEPTH):
        raise ArticleError(source, f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        return json.loads(raw)
    except json.JSONDecodeError as e:
        raise ArticleError(source, f"invalid JSON ({e.msg} at column {e.colno})") from e
    except (ValueError, RecursionError) as e:  # an integer of more than 4,300 digits, ...
        reason = str(e).split(":")[0] or type(e).__name__
        raise ArticleError(source, f"invalid JSON ({reason})") from e


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str) -> str:
    """``text`` with each unpaired surrogate (from a JSON ``\\ud800`` escape) made U+FFFD."""
    if text.isascii():
        return text
    return _SURROGATE_RE.sub("\ufffd", text)


def _read_lines(f: _Binary, source: str, max_bytes: int) -> Iterator[bytes]:
    """Yield the lines of ``f``, holding at most ``max_bytes + 1`` bytes of one line in memory.

    A longer line is yielded cut at ``max_bytes + 1`` bytes (so that it is reported as too
    large) and the rest of it is skipped. Read errors become an :class:`ArticleError`.
    """
    try:
        while line := f.readline(max_bytes + 1):
            tail = line
            while not tail.endswith(b"\n") and len(tail) > max_bytes:
                tail = f.readline(max_bytes + 1)
            yield line
    except (OSError, EOFError, zlib.error) as e:
        raise ArticleError(source, f"cannot read: {_os_reason(e)}") from e


def _jsonl(
    lines: Iterator[bytes],
    source: str,
    max_bytes: int,
    on_error: Callable[[ArticleError], None],
) -> Iterator[Article]:
    """Read JSON lines; a bad line is reported and skipped, a read error ends the file."""
    n = 0
    while True:
        try:
            line = next(lines)
        except StopIteration:
            break
        except ArticleError as err:
            on_error(err)
            return
        n += 1
        if n == 1 and b"\x00" in line:
            on_error(ArticleError(source, "binary data (NUL bytes); JSONL must be UTF-8 text"))
            return
        try:
            article = _record(line, f"{source}:{n}", max_bytes)
        except ArticleError as err:
            on_error(err)
            continue
        if article is not None:
            yield article
    if n == 0:
        on_error(ArticleError(source, "empty"))


class _Binary(Protocol):
    """What the readers need of a binary file: ``readline`` and ``read`` with a size."""

    def readline(self, size: int = -1, /) -> bytes: ...
    def read(self, size: int = -1, /) -> bytes: ...


def _read_jsonl_file(
    path: Path, max_bytes: int, on_error: Callable[[ArticleError], None]
) -> Iterator[Article]:
    source = str(path)
    try:
        f = _open_regular(path)
    except ArticleError as err:
        on_error(err)
        return
    except OSError as e:
        on_error(ArticleError(source, _os_reason(e)))
        return
    gz = path.name.lower().endswith(".gz")
    # closing the GzipFile leaves the file under it open: both are closed
    with f, (gzip.GzipFile(fileobj=f, mode="rb") if gz else f) as stream:
        yield from _jsonl(_read_lines(stream, source, max_bytes), source, max_bytes, on_error)


def _stdin_bytes() -> _Binary:
    buffer: _Binary | None = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer
    return io.BytesIO(sys.stdin.read().encode("utf-8"))


def _read_stdin(max_bytes: int, on_error: Callable[[ArticleError], None]) -> Iterator[Article]:
    f = _stdin_bytes()
    lines = _read_lines(f, _STDIN, max_bytes)
    head: list[bytes] = []
    try:
        for line in lines:
            head.append(line)
            if line.strip():
                break
    except ArticleError as err:
        on_error(err)
        return
    first = head[-1] if head else b""
    try:
        is_json = isinstance(_loads(first.decode("utf-8"), _STDIN), dict)
    except ValueError:  # not UTF-8, or not JSON (ArticleError is a ValueError)
        is_json = False
    if is_json:
        yield from _jsonl(itertools.chain(head, lines), _STDIN, max_bytes, on_error)
        return
    try:
        data = b"".join(head) + f.read(max_bytes + 1 - sum(map(len, head)))
        if len(data) > max_bytes:
            raise ArticleError(_STDIN, _too_large(len(data), max_bytes, exact=False))
        if not data.strip():
            raise ArticleError(_STDIN, "empty")
        yield _from_bytes(data, ".txt", _STDIN)
    except ArticleError as err:
        on_error(err)
    except OSError as e:
        on_error(ArticleError(_STDIN, f"cannot read: {_os_reason(e)}"))


def _walk(root: Path, on_error: Callable[[ArticleError], None]) -> Iterator[Path]:
    """Supported files under ``root``, sorted, without hidden files and READMEs."""

    def report(e: OSError) -> None:
        on_error(ArticleError(str(e.filename or root), _os_reason(e)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=report):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.lower() in _READMES:
                continue
            path = Path(dirpath, name)
            if _suffix(path) in SUFFIXES:
                yield path


def _log_error(err: ArticleError) -> None:
    log.warning("skipped %s", err)


def _feed_articles(
    data: bytes, source: str, max_bytes: int, on_error: Callable[[ArticleError], None]
) -> Iterator[Article]:
    """The entries of a feed as articles, each with ``FEED:N`` as its source; an entry with
    only a link is the page it links to (fetched); an entry without text or link is reported
    and skipped."""
    try:
        entries = parse_feed(data)
    except ValueError as e:
        on_error(ArticleError(source, str(e)))
        return
    if not entries:
        on_error(ArticleError(source, "feed has no entries"))
    for n, entry in enumerate(entries, 1):
        where = f"{source}:{n}"
        try:
            if not entry.text and is_url(entry.url):  # a link only: the page is the article
                page = _page(fetch(entry.url, max_bytes=max_bytes), entry.url)
                yield replace(page, title=page.title or entry.title,
                              published=page.published or entry.published,
                              author=page.author or entry.author, source=where)
                continue
            parsed = Parsed(compose(entry.text, entry.title), entry.title, entry.published,
                            entry.url, entry.author)
            yield _article(parsed, where, "feed entry")
        except ArticleError as err:
            on_error(err)


_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                         "application/xml", "text/xml"})
_FEED_MARKS = (b"<rss", b"<feed", b"<rdf:RDF")


def _is_feed(fetched: Fetched) -> bool:
    """Whether a fetched document is a feed: by its media type, else by its first tag."""
    if fetched.media_type in _FEED_TYPES:
        return True
    if fetched.media_type in {"text/html", "application/xhtml+xml"}:
        return False
    head = fetched.data[:2048]
    return any(mark in head for mark in _FEED_MARKS)


def _page(fetched: Fetched, url: str) -> Article:
    """The article of a fetched web page, decoded by its announced character set."""
    charset = fetched.charset or "utf-8"
    try:
        text = fetched.data.decode(charset, errors="replace")
    except LookupError:  # an unknown character set
        text = fetched.data.decode("utf-8", errors="replace")
    article = _from_text(_normalise(text), ".html", url)
    return article if article.url else replace(article, url=fetched.url)


def _read_url(
    url: str, max_bytes: int, on_error: Callable[[ArticleError], None]
) -> Iterator[Article]:
    try:
        fetched = fetch(url, max_bytes=max_bytes)
        if _is_feed(fetched):
            yield from _feed_articles(fetched.data, url, max_bytes, on_error)
        else:
            yield _page(fetched, url)
    except ArticleError as err:
        on_error(err)


def _read_feed_file(
    path: Path, max_bytes: int, on_error: Callable[[ArticleError], None]
) -> Iterator[Article]:
    try:
        data = _read_bytes(path, max_bytes)
    except ArticleError as err:
        on_error(err)
        return
    yield from _feed_articles(data, str(path), max_bytes, on_error)


def _read_path(
    path: Path, max_bytes: int, on_error: Callable[[ArticleError], None]
) -> Iterator[Article]:
    if _suffix(path) in {".jsonl", ".jsonl.gz"}:
        yield from _read_jsonl_file(path, max_bytes, on_error)
        return
    if _suffix(path) in _FEEDS:
        yield from _read_feed_file(path, max_bytes, on_error)
        return
    try:
        article = read_article(path, max_bytes=max_bytes)
    except ArticleError as err:
        on_error(err)
        return
    yield article


def iter_articles(
    paths: Iterable[str | Path],
    *,
    on_error: Callable[[ArticleError], None] | None = None,
    max_bytes: int = MAX_BYTES,
    unique: bool = True,
) -> Iterator[Article]:
    """Read articles lazily from files, directories and stdin (``"-"``).

    Directories are walked recursively in sorted order; hidden files and folders, README
    files and files of other types are passed over. A file named explicitly is always read,
    and an unsupported type is an error. Only regular files are read. Every path is checked
    when this is called, before any is read: a path that names nothing is a typo to fix, not
    an article to skip.

    Args:
        paths: files, directories, or ``"-"`` for standard input.
        on_error: called with an :class:`ArticleError` for each file (or JSON line) that
            cannot be read, after which reading goes on; by default the error is logged as a
            warning on the ``kgraph.read.articles`` logger.
        max_bytes: size limit of one article (a file, or one JSON line).
        unique: skip an article already read, and give a repeated id a suffix (see
            :func:`dedupe`).

    Yields:
        Articles, in the order of ``paths``.

    Raises:
        MissingInputError: a path names no file or folder (raised by this call, not later).

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "a.txt").write_text("Hamas and Israel agreed a truce.")
        >>> _ = (d / "b.md").write_text("Hamas and Israel agreed a truce.")
        >>> [a.text for a in iter_articles([d])]
        ['Hamas and Israel agreed a truce.']
    """
    report = on_error or _log_error
    paths = list(paths)
    for p in paths:
        if str(p) != "-" and not (isinstance(p, str) and is_url(p)) and not os.path.lexists(p):
            raise MissingInputError(str(p))

    def read_all() -> Iterator[Article]:
        for p in paths:
            if str(p) == "-":
                yield from _read_stdin(max_bytes, report)
                continue
            if isinstance(p, str) and is_url(p):
                yield from _read_url(p, max_bytes, report)
                continue
            path = Path(p)
            try:
                is_dir = path.is_dir()
            except OSError as e:
                report(ArticleError(str(path), _os_reason(e)))
                continue
            files = _walk(path, report) if is_dir else (path,)
            for f in files:
                yield from _read_path(f, max_bytes, report)

    return dedupe(read_all()) if unique else read_all()


def dedupe(articles: Iterable[Article]) -> Iterator[Article]:
    """Skip articles already seen, and give an id already used by another text a suffix.

    Two articles are the same when their texts have the same content hash and they carry the
    same id. Articles read from files have the content hash as id, so a repeated text is
    dropped; JSON records with ids of their own are kept under each id, because the caller
    expects results for every id it sent. A record whose id was already given to an article
    with a different text is kept as ``ID~2`` (``~3``, ... the first free one), with a
    warning on the ``kgraph.read.articles`` logger: one id never names two texts.

    Args:
        articles: any iterable of articles.

    Yields:
        The articles, without repeats and with unique ids, in their order.

    Examples:
        >>> a = article_from_text("ISIS split from al-Qaeda.")
        >>> len(list(dedupe([a, a])))
        1
        >>> b = Article(id="n1", text="One."), Article(id="n1", text="Two.")
        >>> [x.id for x in dedupe(b)]
        ['n1', 'n1~2']
    """
    # 16 bytes of hash per key (about 90 with the set's slot, against about 230 for the two
    # strings): a corpus of a million articles keeps some 140 MB less in memory
    seen: set[bytes] = set()
    ids: set[bytes] = set()
    next_suffix: dict[str, int] = {}  # only ids used twice: the next suffix to try
    for article in articles:
        h = content_id(article.text)
        key = _digest(f"{h}\x1f{'' if article.id == h else article.id}")
        if key in seen:
            continue
        seen.add(key)
        new_id = article.id
        if _digest(new_id) in ids:
            k = next_suffix.get(article.id, 2)
            while _digest(new_id := f"{article.id}~{k}") in ids:
                k += 1
            next_suffix[article.id] = k + 1
            log.warning("%s: id %s was given to an earlier article; this one is kept as %s",
                        printable(article.source or "<articles>"), printable(article.id[:80]),
                        printable(new_id[:80]))
            article = replace(article, id=new_id)
        ids.add(_digest(new_id))
        yield article


def _digest(key: str) -> bytes:
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()
