"""Fetch web pages and feeds for reading, with an on-disk cache.

A URL is fetched with a timeout (:data:`TIMEOUT`), a size limit (the caller's, checked on the
announced length and while reading), the user agent ``kgraph/VERSION``, and retries after a
connection error, a timeout or an HTTP 429/5xx answer, waiting :data:`RETRY_DELAYS` seconds
in turn. What was fetched is kept in the cache folder (``$KGRAPH_CACHE``, else
``$XDG_CACHE_HOME/kgraph``, else ``~/.cache/kgraph``), one body and one small JSON file per URL,
named by the URL's hash, with the answer's ``ETag`` and ``Last-Modified``.

A cached answer is fresh for the ``max-age`` of its ``Cache-Control`` header (none with
``no-cache``), else for :data:`FRESH_FOR` seconds: a rerun within that time makes no request.
Past it, the URL is asked for again with ``If-None-Match`` / ``If-Modified-Since`` (when the
answer had them), and a ``304 Not Modified`` reuses the cached body, so an unchanged page or
feed is never downloaded twice; a new answer replaces the cached one. Delete the folder (or the
URL's files) to fetch anew.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import logging
import os
import re
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from email.message import Message
from importlib import metadata
from pathlib import Path

from kgraph.errors import ArticleError

__all__ = ["FRESH_FOR", "RETRY_DELAYS", "TIMEOUT", "Fetched", "cache_dir", "fetch", "is_url",
           "user_agent"]

log = logging.getLogger(__name__)

TIMEOUT = 20.0
"""Seconds to wait for a connection or for the next bytes of an answer."""

RETRY_DELAYS = (1.0, 2.0, 4.0)
"""Seconds to wait before each new try after a failure that may pass (so at most four tries)."""

_RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})

FRESH_FOR = 3600.0
"""Seconds a cached answer is used without asking the server, when its ``Cache-Control`` gives
no ``max-age``."""

_MAX_AGE_RE = re.compile(r"(?:^|[,\s])(?:max-age\s*=\s*\"?(\d+)|no-cache\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Fetched:
    """A fetched document: its bytes, its media type (``text/html``, ...; ``""`` when not
    given), its character set (``""`` when not given) and the URL it came from after
    redirects."""

    data: bytes
    media_type: str
    charset: str
    url: str


def is_url(name: str) -> bool:
    """Whether an input name is an ``http://`` or ``https://`` URL.

    Examples:
        >>> is_url("https://example.org/feed.xml"), is_url("data/articles")
        (True, False)
    """
    return name.lower().startswith(("http://", "https://"))


def user_agent() -> str:
    """``kgraph/VERSION``, the user agent of every request."""
    try:
        version = metadata.version("kgraph")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        version = "0"
    return f"kgraph/{version}"


def cache_dir() -> Path:
    """The cache folder: ``$KGRAPH_CACHE``, else ``$XDG_CACHE_HOME/kgraph``, else
    ``~/.cache/kgraph``."""
    if given := os.environ.get("KGRAPH_CACHE"):
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kgraph"


@dataclass(frozen=True)
class _Entry:
    """A cached answer: the document, its validators (``""`` when the server gave none), when
    it was fetched or last confirmed (seconds since the epoch) and the ``max-age`` the server
    gave (``None``: :data:`FRESH_FOR` applies)."""

    fetched: Fetched
    etag: str = ""
    last_modified: str = ""
    stored_at: float = 0.0
    max_age: float | None = None

    def is_fresh(self) -> bool:
        fresh_for = FRESH_FOR if self.max_age is None else self.max_age
        return 0.0 <= time.time() - self.stored_at < fresh_for

    def conditions(self) -> dict[str, str]:
        """The headers that ask the server to answer 304 when the document is unchanged."""
        headers = {"If-None-Match": self.etag} if self.etag else {}
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def _entry(fetched: Fetched, headers: Message) -> _Entry:
    """The cache entry of an answer with ``headers``, fetched now."""
    max_age = _MAX_AGE_RE.search(headers.get("Cache-Control", ""))  # no-cache: max-age 0
    return _Entry(fetched, etag=headers.get("ETag", "").strip(),
                  last_modified=headers.get("Last-Modified", "").strip(), stored_at=time.time(),
                  max_age=float(max_age[1] or 0) if max_age else None)


def _cached(key: str, url: str) -> _Entry | None:
    folder = cache_dir()
    try:
        meta = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        data = (folder / f"{key}.body").read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("url") != url:
        return None
    fetched = Fetched(data, str(meta.get("media_type", "")), str(meta.get("charset", "")),
                      str(meta.get("final_url", url)))

    def number(name: str) -> float | None:
        value = meta.get(name)
        return float(value) if isinstance(value, int | float) else None

    # an entry of an older cache, without these fields, is stale and has no validators
    return _Entry(fetched, etag=str(meta.get("etag", "")),
                  last_modified=str(meta.get("last_modified", "")),
                  stored_at=number("stored_at") or 0.0, max_age=number("max_age"))


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _store(key: str, url: str, entry: _Entry, *, body: bool = True) -> None:
    """Keep ``entry`` in the cache; ``body=False`` rewrites only its metadata (after a 304)."""
    folder = cache_dir()
    fetched = entry.fetched
    meta = {"url": url, "final_url": fetched.url, "media_type": fetched.media_type,
            "charset": fetched.charset, "etag": entry.etag, "last_modified": entry.last_modified,
            "stored_at": entry.stored_at, "max_age": entry.max_age}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if body:  # the body first: the metadata marks it whole
            _write_atomic(folder / f"{key}.body", fetched.data)
        _write_atomic(folder / f"{key}.json", json.dumps(meta).encode("utf-8"))
    except OSError as e:
        log.warning("cannot cache %s in %s: %s", url, folder, e.strerror or e)


def _too_large(url: str, max_bytes: int) -> ArticleError:
    return ArticleError(url, f"too large (more than {max_bytes:,} bytes; the limit is "
                             f"{max_bytes:,} bytes per article)")


def _get(url: str, max_bytes: int, conditions: dict[str, str]) -> _Entry:
    """One request. Raises ``urllib.error.URLError`` (an ``HTTPError`` for a 304 too),
    ``OSError`` or :class:`ArticleError`."""
    # fetch() lets only http(s) URLs through; redirects go to http(s) or ftp only
    headers = {"User-Agent": user_agent(), "Accept-Encoding": "identity", **conditions}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise _too_large(url, max_bytes)
        data = response.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _too_large(url, max_bytes)
        fetched = Fetched(data, response.headers.get_content_type() if
                          response.headers.get("Content-Type") else "",
                          response.headers.get_content_charset() or "", response.geturl())
        return _entry(fetched, response.headers)


def _confirmed(entry: _Entry, headers: Message) -> _Entry:
    """``entry`` after a 304: fresh again, with the validators the 304 gave (else its own)."""
    renewed = _entry(entry.fetched, headers)
    return replace(renewed, etag=renewed.etag or entry.etag,
                   last_modified=renewed.last_modified or entry.last_modified)


def fetch(url: str, *, max_bytes: int) -> Fetched:
    """Fetch a URL, from the cache while the cached answer is fresh; past that, revalidated
    with the server (a 304 reuses the cached body).

    Args:
        url: an ``http://`` or ``https://`` URL.
        max_bytes: a larger document is refused.

    Returns:
        The document.

    Raises:
        ArticleError: it cannot be fetched (an HTTP error, a refused connection, a timeout
            after the retries), or it is too large.
    """
    if not is_url(url):
        raise ArticleError(url, "only http:// and https:// URLs are fetched")
    key = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    cached = _cached(key, url)
    if cached is not None and cached.is_fresh():
        return cached.fetched
    conditions = cached.conditions() if cached is not None else {}
    for attempt, delay in enumerate((*RETRY_DELAYS, None)):
        try:
            entry = _get(url, max_bytes, conditions)
        except urllib.error.HTTPError as e:
            e.close()  # it holds the connection
            if e.code == 304 and cached is not None and conditions:
                _store(key, url, _confirmed(cached, e.headers), body=False)
                return cached.fetched
            if e.code not in _RETRY_STATUS or delay is None:
                raise ArticleError(url, f"HTTP {e.code} {e.reason}") from e
            reason = f"HTTP {e.code}"
        except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
            cause = getattr(e, "reason", None) or e
            if delay is None:
                raise ArticleError(url, f"cannot fetch: {cause}") from e
            reason = str(cause)
        else:
            _store(key, url, entry)
            return entry.fetched
        log.info("fetching %s failed (%s); try %d in %.1f s", url, reason, attempt + 2, delay)
        time.sleep(delay)
    raise AssertionError("unreachable")  # the last try returns or raises
