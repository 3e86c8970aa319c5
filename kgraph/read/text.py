"""Plain-text articles: an optional header (a headline line, then ``Title:``, ``Published:``,
``Date:``, ``URL:`` or ``Author:`` lines) above the body; and :class:`Parsed`, what every reader
of one file returns."""

from __future__ import annotations

import re
from typing import NamedTuple

from kgraph.read.dates import parse_date

__all__ = ["Parsed", "compose", "parse_plain"]

_TITLE_MAX = 200
_HEADER_KEYS = {"title": "title", "published": "published", "date": "published", "url": "url",
                "author": "author"}


class Parsed(NamedTuple):
    """What a reader takes from one file: the text (headline first), the headline, the
    publication date (``YYYY-MM-DD``), the URL and the author; ``""`` for what it lacks."""

    text: str
    title: str
    published: str
    url: str
    author: str = ""
_HEADER_RE = re.compile(r"\s*([A-Za-z]+)\s*:(.*)")  # the value is stripped in Python: linear


def compose(body: str, title: str) -> str:
    """The text extraction runs on: the headline, a blank line, then the body."""
    body = body.strip()
    if not title or body.startswith(title):
        return body
    return f"{title}\n\n{body}" if body else title


def _is_title(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) < _TITLE_MAX and not s.endswith(".") and not _header_field(s)


def _header_field(line: str) -> tuple[str, str] | None:
    m = _HEADER_RE.fullmatch(line)
    if m and m[1].lower() in _HEADER_KEYS:
        return _HEADER_KEYS[m[1].lower()], m[2].strip()
    return None


def _split_header(text: str, *, title: str = "") -> tuple[dict[str, str], str]:
    """Split the header convention off the top of ``text``; return (fields, body)."""
    lines = text.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    fields: dict[str, str] = {"title": title} if title else {}
    start = i
    if not title and i < len(lines) and _is_title(lines[i]):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not nxt.strip() or _header_field(nxt):
            fields["title"] = lines[i].strip()
            i += 1
    while i < len(lines) and (field := _header_field(lines[i])):
        key, value = field
        fields.setdefault(key, value)
        i += 1
    if i == start:  # no header at all: the whole text is body
        return fields, text
    return fields, "\n".join(lines[i:])


def parse_plain(text: str, *, title: str = "") -> Parsed:
    """Return the text, title, date, URL and author of a .txt-style article.

    Examples:
        >>> parse_plain("Truce\\nAuthor: Jane Reporter\\n\\nHamas and Israel agreed a truce.")
        Parsed(text='Truce\\n\\nHamas and Israel agreed a truce.', title='Truce', published='', \
url='', author='Jane Reporter')
    """
    fields, body = _split_header(text, title=title)
    title = re.sub(r"\s+", " ", fields.get("title", "")).strip()
    return Parsed(compose(body, title), title, parse_date(fields.get("published", "")),
                  fields.get("url", "").strip(), " ".join(fields.get("author", "").split()))
