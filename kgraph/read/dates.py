"""Dates as articles write them ("16 November 2014", "Nov. 16, 2014", "2014-11-16", "November
2014"), read into ISO 8601 dates of the precision given."""

from __future__ import annotations

import re
from datetime import date

__all__ = ["parse_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ISO_RE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[t\s].*)?$")
_DMY_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"\s+(\d{4})\b")
_MDY_RE = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s+(\d{4})\b")
_MY_RE = re.compile(r"\b" + _MONTH + r"\s+(\d{4})\b")


def _iso(year: int, month: int = 0, day: int = 0) -> str:
    """Format a date at the precision given, or ``""`` when it is not a real date."""
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return ""
    if not month:
        return f"{year:04d}"
    if not day:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(text: str) -> str:
    """Normalise a publication date to ISO ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.

    Accepted: ISO dates and timestamps (``2014-11-16``, ``2014-11-16T08:00:00Z``,
    ``2014/11/16``, ``2014-11``, ``2014``), ``16 November 2014``, ``16th Nov. 2014``,
    ``Nov 16, 2014``, ``Sunday, November 16, 2014``, RFC 2822 dates and ``November 2014``.
    All-numeric day/month orders such as ``11/16/2014`` are ambiguous and not accepted.

    Args:
        text: the date as written.

    Returns:
        The ISO date, or ``""`` when the text is not a date kgraph can read.

    Examples:
        >>> parse_date("16 November 2014"), parse_date("Nov 16, 2014"), parse_date("2014-11-16")
        ('2014-11-16', '2014-11-16', '2014-11-16')
        >>> parse_date("March 2015"), parse_date("sometime soon")
        ('2015-03', '')
    """
    s = re.sub(r"[,\s]+", " ", text.strip().lower()).strip()
    if m := _ISO_RE.match(s):
        return _iso(*(int(g) for g in m.groups() if g))
    if m := _DMY_RE.search(s):
        return _iso(int(m[3]), _MONTHS[m[2]], int(m[1]))
    if m := _MDY_RE.search(s):
        return _iso(int(m[3]), _MONTHS[m[1]], int(m[2]))
    if m := _MY_RE.search(s):
        return _iso(int(m[2]), _MONTHS[m[1]])
    return ""
