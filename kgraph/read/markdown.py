"""Markdown articles: YAML-style front matter and a first ``#`` heading give the title, date,
URL and author; markup is stripped line by line, keeping the words of links, images and emphasis."""

from __future__ import annotations

import re

from kgraph.read.dates import parse_date
from kgraph.read.text import Parsed, parse_plain

__all__ = ["parse_markdown"]

# Each span stops at the next character that could open or close another one, so that a
# span that never closes is scanned once, not once per opener: linear time on any line.
_MD_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\([^()]*\)")
_MD_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_MD_CODE = re.compile(r"`([^`]*)`")
_MD_STRONG = re.compile(r"\*\*(?=[^\s*])([^*]+)(?<=\S)\*\*|__(?=[^\s_])([^_]+)(?<=\S)__")
_MD_EM = re.compile(
    r"(?<![\w*])\*(?=[^\s*])([^*]+)(?<=\S)\*(?![\w*])|(?<![\w*])_(?=[^\s_])([^_]+)(?<=\S)_(?![\w*])"
)
_MD_BLOCK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_LINKDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s")


def _strip_markdown_line(line: str) -> str:
    if _MD_RULE.match(line) or _MD_LINKDEF.match(line):
        return ""
    if line.lstrip().startswith("#"):  # closing hashes of an ATX heading: "## Title ##"
        line = line.rstrip().rstrip("#")
    line = _MD_BLOCK.sub("", line)
    line = _MD_IMAGE.sub(r"\1", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_REF_LINK.sub(r"\1", line)
    line = _MD_CODE.sub(r"\1", line)
    line = _MD_STRONG.sub(_either, line)
    return _MD_EM.sub(_either, line)


def _either(m: re.Match[str]) -> str:
    """The text of a span matched by one of two alternatives (``*`` or ``_``)."""
    return m[1] if m[1] is not None else m[2]


def parse_markdown(text: str) -> Parsed:
    """Return the text, title, date, URL and author of a Markdown article."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    if lines and lines[0].strip() == "---" and "---" in (s.strip() for s in lines[1:]):
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        for line in lines[1:end]:
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip().strip("\"'")
        lines = lines[end + 1 :]
    title = meta.get("title", "")
    first = next((i for i, s in enumerate(lines) if s.strip()), None)
    if not title and first is not None and re.match(r"^\s{0,3}#\s+\S", lines[first]):
        title = _strip_markdown_line(lines[first]).strip()
        lines = lines[first + 1 :]
    plain = "\n".join(_strip_markdown_line(s) for s in lines)
    parsed = parse_plain(plain, title=title)
    return parsed._replace(
        published=parsed.published or parse_date(meta.get("published") or meta.get("date") or ""),
        url=parsed.url or meta.get("url", ""),
        author=parsed.author or " ".join(meta.get("author", "").split()),
    )
