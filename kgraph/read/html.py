"""HTML pages: the main text (menus, related links, comments and banners left out), the
headline, the publication date, the canonical URL and the author.

Every page is first read by a linear-time tokenizer of our own that keeps the visible text of
the body (scripts, styles, navigation and forms left out). A page whose visible text is at least
:data:`MAIN_TEXT_MIN_CHARS` long and whose markup is at most :data:`MAIN_TEXT_MAX_CHARS` long is
then read by ``trafilatura`` (main-text extraction; dates by ``htmldate``), and its main text is
kept when each of its paragraphs is visible text of the page; otherwise (a short page, a huge
one, no main text found, or text the page does not show) the tokenizer's text is kept. The
tokenizer's title, date, URL and author (``<meta name="author">``) fill in what
``trafilatura`` leaves empty.
"""

from __future__ import annotations

import html
import logging
import re
import string

from kgraph.read.dates import parse_date
from kgraph.read.text import Parsed, compose

__all__ = ["MAIN_TEXT_MAX_CHARS", "MAIN_TEXT_MIN_CHARS", "parse_html"]

MAIN_TEXT_MIN_CHARS = 400
"""Pages with less visible text than this are kept whole: there is little boilerplate to strip,
and main-text extraction drops lines of short fragments."""

MAIN_TEXT_MAX_CHARS = 1_000_000
"""Pages longer than this (in characters) skip main-text extraction, whose cost on adversarial
markup is not bounded linearly, and are read by the tokenizer alone."""

_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
     "nav"}
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)
_PARAGRAPH = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "table", "dl",
     "figure", "section", "article", "header", "footer", "main", "aside", "address", "hr",
     "div", "form", "fieldset", "details"}
)
_LINE = frozenset(
    {"br", "li", "tr", "dt", "dd", "figcaption", "caption", "summary", "td", "th", "body"}
)
_LINE_MARK, _PARA_MARK = "\x01", "\x02"
_BREAKS_RE = re.compile(r"[ \x01\x02]*[\x01\x02][ \x01\x02]*")
_HEAD_TAGS = frozenset(
    {"head", "title", "meta", "link", "style", "script", "base", "noscript", "template"}
)
_DATE_META = frozenset(
    {"date", "article:published_time", "datepublished", "dc.date", "dc.date.issued",
     "dcterms.date", "pubdate", "publishdate", "publish-date", "og:published_time",
     "sailthru.date", "parsely-pub-date"}
)


class _TextParser:
    """Collects the readable text, title, date and URL of an HTML page from its tokens."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.skip = 0
        self.in_head = False
        self.in_title = False
        self.in_h1 = False
        self.title = ""
        self.h1 = ""
        self.h1_done = False
        self.meta_date = ""
        self.time_date = ""
        self.url = ""
        self.author = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        if self.in_head and tag not in _HEAD_TAGS:  # body content in an unclosed <head>
            self.in_head = False
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "title" and not self.skip:  # <title> inside <svg> is not the page title
            self.in_title = True
        elif tag == "meta":
            key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
            if key in _DATE_META and not self.meta_date:
                self.meta_date = a.get("content", "")
            elif key == "og:url" and not self.url:
                self.url = a.get("content", "")
            elif key == "author" and not self.author:
                self.author = a.get("content", "")
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.url = a.get("href", "") or self.url
        elif tag == "time" and not self.time_date:
            self.time_date = a.get("datetime", "")
        if tag in _SKIP and tag not in _VOID:
            self.skip += 1
        if tag == "h1" and not self.h1_done and not self.skip:
            self.in_h1 = True
        self._block(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        elif tag == "title":
            self.in_title = False
        elif tag == "h1" and self.in_h1:
            self.in_h1 = False
            self.h1_done = bool(self.h1.strip())
        if tag in _SKIP and self.skip:
            self.skip -= 1
        self._block(tag)

    def _block(self, tag: str) -> None:
        if tag in _PARAGRAPH:
            self.parts.append(_PARA_MARK)
        elif tag in _LINE:
            self.parts.append(_LINE_MARK)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.skip or self.in_head:
            return
        if self.in_h1:
            self.h1 += data
        self.parts.append(re.sub(r"[\s\x01\x02]+", " ", data))

    def text(self) -> str:
        # A run of break marks is one break: a paragraph break if any of them is one. Runs of
        # spaces are made single first, so that the break pattern never backtracks far.
        joined = re.sub(r" {2,}", " ", "".join(self.parts))
        raw = _BREAKS_RE.sub(lambda m: "\n\n" if _PARA_MARK in m[0] else "\n", joined)
        return "\n".join(re.sub(r" {2,}", " ", s).strip() for s in raw.split("\n")).strip()


_LETTERS = frozenset(string.ascii_letters)
_TAG_NAME_RE = re.compile(r"[^\s/>]+")
_ATTR_RE = re.compile(r"""([^\s/>=][^\s/>=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>][^\s>]*))?""")
_RAW_TEXT = {tag: re.compile(rf"</{tag}[\s/>]", re.IGNORECASE) for tag in ("script", "style")}


def _attrs(text: str, start: int, end: int) -> list[tuple[str, str | None]]:
    """The attributes of a tag whose name ends at ``start`` and whose ``>`` is at ``end``."""
    attrs: list[tuple[str, str | None]] = []
    for m in _ATTR_RE.finditer(text, start, end):
        value = m[2]
        if value is not None:
            value = html.unescape(value[1:-1] if value[0] in "\"'" else value)
        attrs.append((m[1].lower(), value))
    return attrs


def _tokenize(text: str, sink: _TextParser) -> None:
    """Pass the tags and text of an HTML page to ``sink``, in time linear in its length.

    Every construct ends at the first ``>`` (``-->`` for a comment) after its ``<``, so each
    character is looked at a bounded number of times: a quoted attribute value cannot hold a
    ``>``, and ``<a<a<a>`` is one tag, as browsers read it. A construct still open at the end
    of the page ends the page; a ``<`` that opens no construct is text. ``script`` and
    ``style`` hold raw text up to their end tag.
    """
    pos = scan = 0
    n = len(text)
    while True:
        lt = text.find("<", scan)
        if lt < 0:
            break
        first, second = text[lt + 1 : lt + 2], text[lt + 2 : lt + 3]
        opener = first in _LETTERS or first in ("!", "?") or (first == "/" and bool(second))
        if not opener:  # "a < b": text
            scan = lt + 1
            continue
        if lt > pos:
            sink.handle_data(html.unescape(text[pos:lt]))
        if text.startswith("<!--", lt):
            end = text.find("-->", lt + 4)
            pos = scan = end + 3
        else:
            end = text.find(">", lt + 1)
            pos = scan = end + 1
        if end < 0:
            return
        if first in _LETTERS or (first == "/" and second in _LETTERS):
            closing = first == "/"
            name_match = _TAG_NAME_RE.match(text, lt + 1 + closing, end)
            tag = name_match[0].lower() if name_match else ""
            if closing:
                sink.handle_endtag(tag)
                continue
            attrs = _attrs(text, name_match.end() if name_match else end, end)
            if text[end - 1] == "/":
                sink.handle_startendtag(tag, attrs)
                continue
            sink.handle_starttag(tag, attrs)
            if tag in _RAW_TEXT:  # raw text up to the end tag; unclosed, it ends the page
                close = _RAW_TEXT[tag].search(text, end + 1)
                if close is None:
                    return
                sink.handle_data(text[end + 1 : close.start()])
                pos = scan = close.start()
        # anything else ("<!DOCTYPE>", "<![CDATA[...]>", "<?xml ...>", "</ x>") is passed over
    if pos < n:
        sink.handle_data(html.unescape(text[pos:]))


_SPACES_RE = re.compile(r"\s+")
_NOTHING = Parsed("", "", "", "", "")


def _main_text(text: str) -> Parsed:
    """The body, title, date, URL and author ``trafilatura`` finds; ``""`` where it finds none."""
    import trafilatura  # lazy: 0.2 s to import, needed only when an HTML page is read

    # trafilatura and htmldate log every page they find no text or date in
    for name in ("trafilatura", "htmldate"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    doc = trafilatura.bare_extraction(
        text, favor_precision=True, include_comments=False, include_tables=False,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or isinstance(doc, dict):
        return _NOTHING
    title = re.sub(r"\s+", " ", doc.title or "").strip()
    lines = [line.strip() for line in (doc.text or "").splitlines()]
    if lines and lines[0] == title:  # the headline heads the text once, in compose()
        lines = lines[1:]
    # one paragraph a line, as the tokenizer's paragraphs: a blank line between them
    return Parsed("\n\n".join(filter(None, lines)), title, doc.date or "", doc.url or "",
                  doc.author or "")


def parse_html(text: str, *, main_text: bool = True) -> Parsed:
    """Return the text, title, date, URL and author of an HTML page.

    Args:
        text: the page.
        main_text: look for the main text (``False``: keep all visible text, as for a feed
            entry's content, which has no boilerplate).

    Returns:
        The main text (headline first), the headline, the publication date (``YYYY-MM-DD``),
        the canonical URL and the author (names joined by ``"; "``); ``""`` for what the page
        does not give.

    Examples:
        >>> page = ("<html><head><title>Truce</title></head><body><nav>Home | World</nav>"
        ...         "<h1>Truce</h1><p>Hamas and Israel agreed a truce.</p></body></html>")
        >>> parse_html(page)[:2]
        ('Truce\\n\\nHamas and Israel agreed a truce.', 'Truce')
    """
    parser = _TextParser()
    _tokenize(text, parser)
    body = parser.text()
    sized = len(body) >= MAIN_TEXT_MIN_CHARS and len(text) <= MAIN_TEXT_MAX_CHARS
    main, main_title, main_date, main_url, main_author = (
        _main_text(text) if main_text and sized else _NOTHING
    )
    visible = _SPACES_RE.sub(" ", body)
    if any(_SPACES_RE.sub(" ", p) not in visible for p in main.split("\n\n")):
        main = ""  # text the page does not show (a <template>, say): the tokenizer's is kept
    title = main_title or re.sub(r"\s+", " ", parser.h1 if parser.h1_done else parser.title)
    title = title.strip()
    body = main or body
    published = (parse_date(main_date) or parse_date(parser.meta_date)
                 or parse_date(parser.time_date))
    url = main_url.strip() or parser.url.strip()
    author = " ".join((main_author or parser.author).split())
    return Parsed(compose(body, title) if body else "", title, published, url, author)
