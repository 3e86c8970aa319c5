"""RSS and Atom feeds: each entry is an article (its title, its link as URL, its date, its
author, and the text of its content or summary with the HTML markup taken out), read by
``feedparser``.

An entry that carries no text but a link is returned with an empty text: the caller may fetch
the page it links to (:mod:`kgraph.read.articles` does for feeds read from the web).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kgraph.read.dates import parse_date
from kgraph.read.html import parse_html

__all__ = ["FeedEntry", "parse_feed"]


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: its text (the content or summary as plain text), title, link,
    publication date (``YYYY-MM-DD`` or ``""``) and author (``""`` when not given)."""

    text: str
    title: str
    url: str
    published: str
    author: str = ""


def _value(entry: Any, key: str) -> str:
    value = entry.get(key)
    return value.strip() if isinstance(value, str) else ""


def _text(entry: Any) -> str:
    """The longest of the entry's contents and its summary, markup taken out."""
    candidates = [c.get("value", "") for c in entry.get("content") or []]
    candidates.append(_value(entry, "summary"))
    markup = max((c for c in candidates if isinstance(c, str)), key=len, default="")
    return parse_html(markup, main_text=False)[0] if markup.strip() else ""


def parse_feed(data: bytes) -> list[FeedEntry]:
    """Read the entries of an RSS or Atom feed.

    The feed is parsed from its bytes only: nothing is fetched, relative links are not
    resolved and no entity outside the document is read.

    Args:
        data: the feed document.

    Returns:
        Its entries, in the feed's order.

    Raises:
        ValueError: the document is not a feed (no entries, and not well-formed).

    Examples:
        >>> rss = (b'<rss version="2.0"><channel><title>News</title><item>'
        ...        b'<title>Truce agreed</title><link>https://example.org/truce</link>'
        ...        b'<pubDate>Wed, 22 Nov 2023 09:30:00 GMT</pubDate>'
        ...        b'<description>&lt;p&gt;Hamas and Israel agreed a truce.&lt;/p&gt;</description>'
        ...        b'</item></channel></rss>')
        >>> parse_feed(rss)
        [FeedEntry(text='Hamas and Israel agreed a truce.', title='Truce agreed', \
url='https://example.org/truce', published='2023-11-22', author='')]
    """
    import feedparser  # lazy: 0.1 s to import, needed only when a feed is read

    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = parsed.get("bozo_exception")
        raise ValueError(f"not an RSS or Atom feed ({reason})" if reason else
                         "not an RSS or Atom feed")
    return [
        FeedEntry(
            text=_text(entry),
            title=" ".join(_value(entry, "title").split()),
            url=_value(entry, "link"),
            published=parse_date(_value(entry, "published") or _value(entry, "updated")),
            author=" ".join(_value(entry, "author").split()),
        )
        for entry in parsed.entries
    ]
