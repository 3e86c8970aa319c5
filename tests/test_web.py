"""Web inputs: saved news pages with boilerplate, RSS/Atom feeds and http(s) URLs (served on
127.0.0.1 by a thread of the test)."""

from __future__ import annotations

import hashlib
import html
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgraph.cli import app
from kgraph.errors import ArticleError
from kgraph.read import fetch as fetch_module
from kgraph.read.articles import iter_articles, read_article

_MENU = ["Home", "World", "Politics", "Subscribe now", "Sign in"]
_RELATED = "Related: Ten photos of the week you missed"
_COMMENT = "Great article, totally agree with the author!"
_COOKIES = "We use cookies to improve your experience. Accept all cookies"
_BODY = (
    "Hamas and Israel agreed a four-day truce on Wednesday after weeks of talks mediated by "
    "Qatar and Egypt. The agreement provides for the release of fifty hostages held in Gaza "
    "in exchange for Palestinian prisoners held in Israeli jails.",
    "Officials in Doha said the truce would begin on Thursday morning. The United States "
    "welcomed the deal and said it would press for its extension beyond four days.",
    "Hezbollah said it would respect the pause along the border with Lebanon, while Iran "
    "called the agreement a victory for the resistance.",
)


def news_page(title: str = "Hamas and Israel agree four-day truce", *,
              date: str = "2023-11-22") -> str:
    """A news page as a browser saves it: menus, a cookie banner, related links, comments."""
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in _MENU)
    paragraphs = "".join(f"<p>{p}</p>" for p in _BODY)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Daily Example</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T09:30:00Z">
<meta name="author" content="Jane Reporter">
<link rel="canonical" href="https://news.example.org/world/truce">
<script>var tracking = "pageview";</script>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>{_COOKIES}</p><button>Accept</button></div>
<header class="site-header"><ul class="menu">{menu}</ul></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By Jane Reporter</p>
{paragraphs}
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/x">{_RELATED}</a></li></ul></aside>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>{_COMMENT}</p></div></section>
</main>
<footer><ul class="menu">{menu}</ul><p>Copyright The Daily Example</p></footer>
</body></html>
"""


def _assert_article_only(text: str) -> None:
    for paragraph in _BODY:
        assert paragraph in text
    for noise in [*_MENU, _RELATED, _COMMENT, _COOKIES, "Copyright"]:
        assert noise not in text, noise


def test_saved_news_page_gives_the_article_without_boilerplate(tmp_path: Path) -> None:
    page = tmp_path / "truce.html"
    page.write_text(news_page(), encoding="utf-8")
    article = read_article(page)
    assert article.title == "Hamas and Israel agree four-day truce"
    assert article.published == "2023-11-22"
    assert article.url == "https://news.example.org/world/truce"
    assert article.text.startswith(article.title + "\n\n")
    assert (article.author, article.source) == ("Jane Reporter", str(page))
    _assert_article_only(article.text)


def test_the_author_comes_from_the_meta_tags_of_a_page(tmp_path: Path) -> None:
    page = tmp_path / "truce.html"
    page.write_text(news_page().replace('<p class="byline">By Jane Reporter</p>', "")
                    .replace("Jane Reporter", "Ali Hassan"), encoding="utf-8")
    assert read_article(page).author == "Ali Hassan"
    short = tmp_path / "short.html"  # too short for main-text extraction: the tokenizer's
    short.write_text('<html><head><meta name="author" content=" Ali  Hassan">'
                     "</head><body><p>Hamas fought Fatah.</p></body></html>")
    assert (read_article(short).author, read_article(short).text) == ("Ali Hassan",
                                                                      "Hamas fought Fatah.")


@pytest.mark.slow
def test_a_built_page_keeps_its_title_url_date_author_and_path(tmp_path: Path) -> None:
    from rdflib import Literal

    from kgraph.rdf.graph import load_graph
    from kgraph.rdf.namespace import KG, SCHEMA, article_iri
    from kgraph.rdf.validate import validate

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "truce.html").write_text(news_page(), encoding="utf-8")
    out = tmp_path / "out"
    assert app(["build", str(tmp_path / "pages"), "--out", str(out), "--quiet"]) == 0
    source = str(tmp_path / "pages" / "truce.html")
    records = [json.loads(line) for line in (out / "triples.jsonl").read_text().splitlines()]
    assert records
    assert {(r["title"], r["url"], r["published"], r["author"], r["source"])
            for r in records} == {("Hamas and Israel agree four-day truce",
                                   "https://news.example.org/world/truce", "2023-11-22",
                                   "Jane Reporter", source)}
    graph = load_graph(out / "graph.trig")
    node = article_iri(records[0]["doc_id"])
    assert graph.value(node, SCHEMA.author) == Literal("Jane Reporter")
    assert graph.value(node, KG.readFrom) == Literal(source)
    assert validate(graph).conforms


def test_a_page_main_text_extraction_finds_nothing_in_falls_back_to_the_tokenizer(
    tmp_path: Path,
) -> None:
    page = tmp_path / "short.html"
    page.write_text("<html><body><div>Hamas fought Fatah.</div></body></html>")
    assert [a.text for a in iter_articles([page])] == ["Hamas fought Fatah."]


def rss_feed(entries: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed of (title, link, description) items, the description HTML-escaped."""
    items = "".join(
        f"<item><title>{t}</title><link>{link}</link>"
        f"<pubDate>Wed, 22 Nov 2023 09:30:00 GMT</pubDate>"
        f"<description>{html.escape(d)}</description></item>"
        for t, link, d in entries
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>The Daily Example</title><link>https://news.example.org/</link>"
            f"{items}</channel></rss>")


def test_rss_feed_entries_are_articles(tmp_path: Path) -> None:
    feed = tmp_path / "news.rss"
    feed.write_text(rss_feed([
        ("Truce agreed", "https://news.example.org/truce",
         "<p>Hamas and <b>Israel</b> agreed a truce.</p><p>Qatar mediated.</p>"),
        ("Talks resume", "https://news.example.org/talks", "NATO and Russia met in Geneva."),
    ]), encoding="utf-8")
    articles = list(iter_articles([feed]))
    assert [(a.title, a.url, a.published, a.source) for a in articles] == [
        ("Truce agreed", "https://news.example.org/truce", "2023-11-22", f"{feed}:1"),
        ("Talks resume", "https://news.example.org/talks", "2023-11-22", f"{feed}:2"),
    ]
    assert articles[0].text == "Truce agreed\n\nHamas and Israel agreed a truce.\n\nQatar mediated."
    assert articles[1].text == "Talks resume\n\nNATO and Russia met in Geneva."


def test_atom_feed_content_is_read_and_markup_stripped(tmp_path: Path) -> None:
    feed = tmp_path / "news.atom"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>News</title><id>urn:x</id><updated>2024-07-09T00:00:00Z</updated>"
        "<entry><title>NATO summit</title><id>urn:1</id>"
        '<link href="https://example.org/nato"/><updated>2024-07-09T10:00:00Z</updated>'
        "<summary>Short.</summary>"
        '<content type="html">&lt;p&gt;NATO leaders met in Washington.&lt;/p&gt;</content>'
        "</entry></feed>", encoding="utf-8")
    [article] = iter_articles([feed])
    assert (article.title, article.url, article.published) == (
        "NATO summit", "https://example.org/nato", "2024-07-09")
    assert article.text == "NATO summit\n\nNATO leaders met in Washington."


def test_an_xml_file_that_is_no_feed_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "data.xml"
    bad.write_text("<notes><note>Hamas fought Fatah.</note>", encoding="utf-8")
    errors: list[ArticleError] = []
    assert list(iter_articles([bad], on_error=errors.append)) == []
    assert [e.path for e in errors] == [str(bad)]
    assert "not an RSS or Atom feed" in errors[0].reason


class _Site:
    """Pages served on 127.0.0.1 by a thread: path -> (media type, body). Every request is
    counted, with its user agent, and so are full answers and 304s. Answers carry the
    validators named in ``validators`` (an ETag, the body's hash; a Last-Modified date) and
    ``cache_control`` when set; a request whose condition holds gets a 304."""

    LAST_MODIFIED = "Wed, 22 Nov 2023 09:30:00 GMT"

    def __init__(self, pages: dict[str, tuple[str, bytes]]) -> None:
        self.pages = pages
        self.requests: list[tuple[str, str]] = []
        self.conditions: list[tuple[str, str]] = []  # (If-None-Match, If-Modified-Since)
        self.full = self.not_modified = 0
        self.validators = {"etag", "last-modified"}
        self.cache_control = ""
        self.fail_first: dict[str, int] = {}  # path -> how many 503 answers before the page
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append((self.path, self.headers.get("User-Agent", "")))
                if site.fail_first.get(self.path, 0) > 0:
                    site.fail_first[self.path] -= 1
                    self.send_error(503)
                    return
                if self.path not in site.pages:
                    self.send_error(404)
                    return
                media_type, body = site.pages[self.path]
                etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
                asked = (self.headers.get("If-None-Match", ""),
                         self.headers.get("If-Modified-Since", ""))
                if any(asked):
                    site.conditions.append(asked)
                unchanged = (asked[0] == etag if asked[0] and "etag" in site.validators
                             else bool(asked[1]) and asked[1] == site.LAST_MODIFIED
                             and "last-modified" in site.validators)
                self.send_response(304 if unchanged else 200)
                if "etag" in site.validators:
                    self.send_header("ETag", etag)
                if "last-modified" in site.validators:
                    self.send_header("Last-Modified", site.LAST_MODIFIED)
                if site.cache_control:
                    self.send_header("Cache-Control", site.cache_control)
                if unchanged:
                    site.not_modified += 1
                    self.end_headers()
                    return
                site.full += 1
                self.send_header("Content-Type", media_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[_Site]:
    monkeypatch.setenv("KGRAPH_CACHE", str(tmp_path / "cache"))
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(fetch_module, "RETRY_DELAYS", (0.01, 0.01))
    s = _Site({})
    s.pages = {
        "/world/truce.html": ("text/html; charset=utf-8", news_page().encode()),
        "/story.html": ("text/html", news_page("Qatar mediates truce", date="2023-11-24")
                        .replace("/world/truce", "/story").encode()),
        "/feed.xml": ("application/rss+xml", rss_feed([
            ("Talks resume", f"{s.base}/talks", "<p>NATO and Russia met in Geneva.</p>"),
            ("Qatar mediates truce", f"{s.base}/story.html", ""),
        ]).encode()),
    }
    yield s
    s.close()


def test_urls_of_pages_and_feeds_are_read_and_cached(site: _Site) -> None:
    inputs = [f"{site.base}/world/truce.html", f"{site.base}/feed.xml"]
    articles = list(iter_articles(inputs))
    assert [(a.title, a.published, a.url) for a in articles] == [
        ("Hamas and Israel agree four-day truce", "2023-11-22",
         "https://news.example.org/world/truce"),
        ("Talks resume", "2023-11-22", f"{site.base}/talks"),
        ("Qatar mediates truce", "2023-11-24", "https://news.example.org/story"),
    ]
    _assert_article_only(articles[0].text)
    _assert_article_only(articles[2].text)  # the entry had only a link: its page was fetched
    assert articles[1].text == "Talks resume\n\nNATO and Russia met in Geneva."
    feed = f"{site.base}/feed.xml"
    assert [a.source for a in articles] == [inputs[0], f"{feed}:1", f"{feed}:2"]
    assert sorted(path for path, _ in site.requests) == [
        "/feed.xml", "/story.html", "/world/truce.html"]
    assert {agent for _, agent in site.requests} == {fetch_module.user_agent()}
    assert fetch_module.user_agent().startswith("kgraph/")

    again = list(iter_articles(inputs))  # a rerun is read from the cache
    assert again == articles
    assert len(site.requests) == 3


def test_a_failing_server_is_tried_again(site: _Site) -> None:
    site.fail_first["/world/truce.html"] = 2
    [article] = iter_articles([f"{site.base}/world/truce.html"])
    assert article.published == "2023-11-22"
    assert len(site.requests) == 3


def test_unreadable_urls_are_reported_and_the_batch_goes_on(site: _Site) -> None:
    site.fail_first["/world/truce.html"] = 9
    errors: list[ArticleError] = []
    missing, failing = f"{site.base}/missing.html", f"{site.base}/world/truce.html"
    articles = list(iter_articles([missing, failing, f"{site.base}/feed.xml"],
                                  on_error=errors.append, max_bytes=1_500))
    assert [a.title for a in articles] == ["Talks resume"]
    assert [(e.path, e.reason) for e in errors] == [
        (missing, "HTTP 404 Not Found"),
        (failing, "HTTP 503 Service Unavailable"),
        (f"{site.base}/story.html", "too large (more than 1,500 bytes; the limit is 1,500 "
                                    "bytes per article)"),
    ]
    assert len(site.requests) == 1 + 3 + 2  # the 503 page is tried three times


def test_a_stale_cached_answer_is_revalidated_and_a_304_reuses_its_body(
    site: _Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"{site.base}/world/truce.html"
    [first] = iter_articles([url])
    assert (site.full, site.not_modified) == (1, 0)
    [again] = iter_articles([url])  # fresh: no request
    assert again == first and len(site.requests) == 1

    monkeypatch.setattr(fetch_module, "FRESH_FOR", 0.0)  # every cached answer is stale
    [again] = iter_articles([url])
    assert again == first
    assert (site.full, site.not_modified) == (1, 1)  # asked, and the body was not sent again
    etag = f'"{hashlib.sha256(news_page().encode()).hexdigest()[:16]}"'
    assert site.conditions == [(etag, site.LAST_MODIFIED)]

    site.pages["/world/truce.html"] = ("text/html", news_page("Truce extended").encode())
    [changed] = iter_articles([url])  # the ETag no longer holds: the new page is read
    assert changed.title == "Truce extended"
    assert (site.full, site.not_modified) == (2, 1)
    [cached] = iter_articles([url])  # and it is the body the cache keeps now
    assert cached == changed and (site.full, site.not_modified) == (2, 2)

    monkeypatch.setattr(fetch_module, "FRESH_FOR", 3600.0)  # a 304 made the answer fresh again
    assert list(iter_articles([url])) == [changed] and len(site.requests) == 4


def test_last_modified_alone_revalidates(site: _Site, monkeypatch: pytest.MonkeyPatch) -> None:
    site.validators = {"last-modified"}
    monkeypatch.setattr(fetch_module, "FRESH_FOR", 0.0)
    url = f"{site.base}/feed.xml"
    first = list(iter_articles([url]))
    assert list(iter_articles([url])) == first
    assert site.conditions == [("", site.LAST_MODIFIED)] * 2
    assert (site.full, site.not_modified) == (2, 2)  # the feed and the page an entry links to


def test_an_answer_without_validators_is_fetched_again_once_stale(
    site: _Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.validators = set()
    monkeypatch.setattr(fetch_module, "FRESH_FOR", 0.0)
    url = f"{site.base}/world/truce.html"
    first = list(iter_articles([url]))
    assert list(iter_articles([url])) == first
    assert site.conditions == [] and (site.full, site.not_modified) == (2, 0)


def test_the_cache_control_of_the_server_sets_how_long_an_answer_is_fresh(
    site: _Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.cache_control = "public, max-age=600"
    monkeypatch.setattr(fetch_module, "FRESH_FOR", 0.0)
    first = list(iter_articles([f"{site.base}/world/truce.html"]))
    assert list(iter_articles([f"{site.base}/world/truce.html"])) == first
    assert len(site.requests) == 1

    site.cache_control = "no-cache"  # asked again at every read, even within FRESH_FOR
    monkeypatch.setattr(fetch_module, "FRESH_FOR", 3600.0)
    [story] = iter_articles([f"{site.base}/story.html"])
    assert list(iter_articles([f"{site.base}/story.html"])) == [story]
    assert (site.full, site.not_modified) == (2, 1)



def test_kgraph_build_reads_a_feed_url(site: _Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert app(["build", f"{site.base}/feed.xml", "--out", str(out), "--quiet"]) == 0
    records = [json.loads(line) for line in (out / "triples.jsonl").read_text().splitlines()]
    ids = {a.id for a in iter_articles([f"{site.base}/feed.xml"])}  # from the cache
    assert records and {r["doc_id"] for r in records} <= ids
    assert any(r["sentence"] in " ".join(_BODY) for r in records)
    story = {(r["title"], r["url"], r["published"], r["author"], r["source"]) for r in records
             if r["sentence"] in " ".join(_BODY)}
    assert story == {("Qatar mediates truce", "https://news.example.org/story", "2023-11-24",
                      "Jane Reporter", f"{site.base}/feed.xml:2")}
    assert len(site.requests) == 2  # the feed and the page of its link-only entry
