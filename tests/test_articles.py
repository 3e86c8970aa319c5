"""Tests of kgraph.read.articles: formats, ids, dedupe, bad input, dates and the sample corpus."""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import sys
from pathlib import Path

import pytest

from kgraph.errors import ArticleError, MissingInputError
from kgraph.model import Article
from kgraph.read.articles import (
    article_from_text,
    content_id,
    dedupe,
    iter_articles,
    read_article,
)
from kgraph.read.dates import parse_date

CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"

BODY = "The militia and the army agreed to fight the rebels near the border."


def read_all(paths: list[str | Path], **kwargs: object) -> tuple[list[Article], list[ArticleError]]:
    errors: list[ArticleError] = []
    articles = list(iter_articles(paths, on_error=errors.append, **kwargs))  # type: ignore[arg-type]
    return articles, errors


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- .txt


def test_txt_header_convention(tmp_path: Path) -> None:
    p = write(tmp_path / "a.txt", f"Rebels lose ground\nPublished: 2019-03-23\n\n{BODY}\n")
    a = read_article(p)
    assert a.title == "Rebels lose ground"
    assert a.published == "2019-03-23"
    assert a.text == f"Rebels lose ground\n\n{BODY}"
    assert a.source == str(p)
    assert a.id == content_id(a.text)


def test_txt_title_followed_by_blank_line_only(tmp_path: Path) -> None:
    a = read_article(write(tmp_path / "a.txt", f"Army advances\n\n{BODY}"))
    assert (a.title, a.published) == ("Army advances", "")


def test_txt_header_keys_and_url(tmp_path: Path) -> None:
    text = f"Syria: the army advances\nDATE: Nov 16, 2014\nURL: https://example.org/x\n\n{BODY}"
    a = read_article(write(tmp_path / "a.txt", text))
    assert a.title == "Syria: the army advances"
    assert a.published == "2014-11-16"
    assert a.url == "https://example.org/x"


def test_the_author_is_read_from_a_txt_header_front_matter_and_json(tmp_path: Path) -> None:
    txt = read_article(write(tmp_path / "a.txt",
                             f"Army advances\nAuthor:  Jane   Reporter\n\n{BODY}"))
    assert (txt.title, txt.author, txt.text) == ("Army advances", "Jane Reporter",
                                                  f"Army advances\n\n{BODY}")
    md = read_article(write(tmp_path / "a.md", f"---\nauthor: 'Ali Hassan'\n---\n\n{BODY}\n"))
    assert md.author == "Ali Hassan"
    line = json.dumps({"id": "d1", "text": BODY, "author": "Staff"})
    [record] = iter_articles([write(tmp_path / "a.jsonl", line + "\n")])
    assert (record.author, record.source) == ("Staff", f"{tmp_path / 'a.jsonl'}:1")


def test_the_source_is_the_path_as_given_and_one_text_is_one_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "news" / "a.txt", BODY)
    write(tmp_path / "copy" / "b.txt", BODY)
    monkeypatch.chdir(tmp_path)
    [article] = iter_articles(["news", Path("copy/b.txt")])
    assert article.source == str(Path("news", "a.txt"))  # relative, as given; the first place
    [article] = iter_articles([tmp_path / "copy"])
    assert article.source == str(tmp_path / "copy" / "b.txt")


def test_txt_header_without_title(tmp_path: Path) -> None:
    a = read_article(write(tmp_path / "a.txt", f"Published: 16 November 2014\n\n{BODY}"))
    assert (a.title, a.published, a.text) == ("", "2014-11-16", BODY)


@pytest.mark.parametrize(
    "first",
    [
        "The army said on Monday that the rebels had withdrawn.",  # ends with a full stop
        "x" * 200,  # too long
    ],
)
def test_txt_first_line_that_is_not_a_title(tmp_path: Path, first: str) -> None:
    a = read_article(write(tmp_path / "a.txt", f"{first}\n\n{BODY}"))
    assert a.title == ""
    assert a.text == f"{first}\n\n{BODY}"


def test_txt_first_line_not_followed_by_blank_line_is_body(tmp_path: Path) -> None:
    text = f"The militia and the army\nagreed to fight the rebels\n\n{BODY}"
    a = read_article(write(tmp_path / "a.txt", text))
    assert a.title == ""
    assert a.text == text


def test_txt_unparsable_date_is_empty(tmp_path: Path) -> None:
    a = read_article(write(tmp_path / "a.txt", f"Title\nPublished: last Tuesday\n\n{BODY}"))
    assert a.title == "Title"
    assert a.published == ""


def test_txt_crlf_bom_and_nfc(tmp_path: Path) -> None:
    data = "\ufeffTitle\r\nPublished: 2014-11-16\r\n\r\nCafe\u0301 talks.\r\n".encode()
    a = read_article(write(tmp_path / "a.txt", data))
    assert a.text == "Title\n\nCaf\u00e9 talks."
    assert a.published == "2014-11-16"


# --------------------------------------------------------------------------- .md


def test_markdown(tmp_path: Path) -> None:
    md = (
        "# Rebels *lose* ground\n\n"
        "Published: 2019-03-23\n\n"
        "The **militia** and the [army](https://example.org) agreed to fight the `rebels`.\n\n"
        "- ![map](map.png) Fighting spread.\n"
        "> A quoted line.\n"
    )
    a = read_article(write(tmp_path / "a.md", md))
    assert a.title == "Rebels lose ground"
    assert a.published == "2019-03-23"
    assert a.text == (
        "Rebels lose ground\n\n"
        "The militia and the army agreed to fight the rebels.\n\n"
        "map Fighting spread.\nA quoted line."
    )


def test_markdown_front_matter(tmp_path: Path) -> None:
    md = "---\ntitle: \"Talks resume\"\ndate: 2022-04-02\n---\n\nThe two sides met.\n"
    a = read_article(write(tmp_path / "a.markdown", md))
    assert (a.title, a.published, a.text) == ("Talks resume", "2022-04-02",
                                               "Talks resume\n\nThe two sides met.")


def test_markdown_keeps_underscores_inside_words(tmp_path: Path) -> None:
    a = read_article(write(tmp_path / "a.md", "Group snake_case_name met _the_ others."))
    assert a.text == "Group snake_case_name met the others."


# --------------------------------------------------------------------------- .html

HTML = """<!DOCTYPE html>
<html><head><title>Rebels lose ground | Example News</title>
<meta name="article:published_time" content="2019-03-23T08:00:00Z">
<link rel="canonical" href="https://example.org/rebels">
<style>p { color: red }</style><script>var secret = "SCRIPT-TEXT";</script>
</head><body>
<nav>Home | World | NAV-TEXT</nav>
<h1>Rebels lose ground</h1>
<p>The militia and the army<br>agreed to fight the rebels.</p>
<noscript>NOSCRIPT-TEXT</noscript>
<template>TEMPLATE-TEXT</template>
<ul><li>First point</li><li>Second &amp; last point</li></ul>
<script type="text/javascript">document.write("SCRIPT-TEXT-2")</script>
</body></html>"""


def test_html(tmp_path: Path) -> None:
    a = read_article(write(tmp_path / "a.html", HTML))
    assert a.title == "Rebels lose ground"
    assert a.published == "2019-03-23"
    assert a.url == "https://example.org/rebels"
    assert a.text == (
        "Rebels lose ground\n\nThe militia and the army\nagreed to fight the rebels.\n\n"
        "First point\nSecond & last point"
    )
    for dropped in ("SCRIPT", "NAV-TEXT", "NOSCRIPT", "TEMPLATE", "color", "Example News"):
        assert dropped not in a.text


def test_html_title_falls_back_to_title_and_time(tmp_path: Path) -> None:
    page = ("<html><head><title> Talks  resume </title></head><body>"
            "<time datetime='2022-04-02'>2 April</time><p>The two sides met.</p></body></html>")
    a = read_article(write(tmp_path / "a.htm", page))
    assert (a.title, a.published) == ("Talks resume", "2022-04-02")
    assert a.text == "Talks resume\n\n2 April\n\nThe two sides met."


@pytest.mark.parametrize(
    "page",
    [
        "<p>Fighting <b>resumed <i>near</b> the city</p></div></span>",
        "<html><head><title>T</title><p>Fighting resumed near the city",
        "<div><p>Fighting resumed near the city<script>never closed",
        "<<p>>Fighting resumed near the city<!-- unterminated comment",
        "<svg><title>icon</title></svg><p>Fighting resumed near the city</p>",
    ],
)
def test_html_malformed_does_not_crash(tmp_path: Path, page: str) -> None:
    a = read_article(write(tmp_path / "a.html", page))
    assert "Fighting" in a.text
    assert "never closed" not in a.text
    assert "icon" not in a.title


# --------------------------------------------------------------------------- .jsonl


def test_jsonl_keeps_given_ids_and_text(tmp_path: Path) -> None:
    lines = [
        {"id": "doc-1", "text": "  The army advanced.\r\n", "title": "T", "url": "u",
         "published": "Nov 16, 2014"},
        {"id": 7, "text": "Rebels retreated."},
        {"text": "No id here."},
    ]
    p = write(tmp_path / "a.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    articles, errors = read_all([p])
    assert errors == []
    assert [a.id for a in articles] == ["doc-1", "7", content_id("No id here.")]
    first = articles[0]
    assert first.text == "  The army advanced.\r\n"  # verbatim: offsets refer to it
    assert (first.title, first.url, first.published) == ("T", "u", "2014-11-16")
    assert first.source == f"{p}:1"


def test_jsonl_gz(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "g1", "text": "Zipped."}) + "\n")
    articles, errors = read_all([p])
    assert [a.id for a in articles] == ["g1"] and errors == []


def test_jsonl_bad_lines_are_reported_and_skipped(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "ok1", "text": "Fine."}),
        "[1, 2]",
        json.dumps({"id": "x", "title": "no text"}),
        "{not json",
        json.dumps({"id": "y", "text": "   "}),
        json.dumps({"id": "z", "text": 5}),
        json.dumps({"id": "ok2", "text": "Also fine."}),
    ]
    p = write(tmp_path / "a.jsonl", "\n".join(lines))
    articles, errors = read_all([p])
    assert [a.id for a in articles] == ["ok1", "ok2"]
    assert [e.path for e in errors] == [f"{p}:{n}" for n in (2, 3, 4, 5, 6)]
    reasons = [e.reason for e in errors]
    assert "not a JSON object" in reasons[0]
    assert '"text"' in reasons[1]
    assert "invalid JSON" in reasons[2]
    assert "empty" in reasons[3]
    assert "must be a string" in reasons[4]


def test_jsonl_line_too_large(tmp_path: Path) -> None:
    big = json.dumps({"id": "big", "text": "x" * 500})
    p = write(tmp_path / "a.jsonl", big + "\n" + json.dumps({"id": "s", "text": "small"}) + "\n")
    articles, errors = read_all([p], max_bytes=100)
    assert [a.id for a in articles] == ["s"]
    assert len(errors) == 1 and errors[0].path == f"{p}:1" and "too large" in errors[0].reason


def test_jsonl_not_gzip(tmp_path: Path) -> None:
    p = write(tmp_path / "a.jsonl.gz", b'{"text": "plain, not gzip"}\n')
    articles, errors = read_all([p])
    assert articles == [] and len(errors) == 1 and errors[0].path == str(p)


def test_read_article_refuses_jsonl(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="iter_articles"):
        read_article(write(tmp_path / "a.jsonl", '{"text": "x"}'))


# --------------------------------------------------------------------------- ids and dedupe


def test_same_text_from_txt_and_jsonl_has_one_id(tmp_path: Path) -> None:
    txt = write(tmp_path / "a.txt", f"{BODY}\n")
    jl = write(tmp_path / "b.jsonl", json.dumps({"text": BODY}) + "\n")
    a, b = (next(iter_articles([p], unique=False)) for p in (txt, jl))
    assert a.id == b.id == content_id(BODY)
    articles, _ = read_all([txt, jl])
    assert len(articles) == 1


def test_ids_are_content_based(tmp_path: Path) -> None:
    a = read_article(write(tmp_path / "a.txt", "One text."))
    b = read_article(write(tmp_path / "sub" / "b.txt", "One text.\n\n"))
    c = read_article(write(tmp_path / "c.txt", "Another text."))
    assert a.id == b.id != c.id
    assert len(a.id) == 16 and int(a.id, 16) >= 0


def test_same_article_twice_is_read_once(tmp_path: Path) -> None:
    p = write(tmp_path / "a.txt", BODY)
    articles, _ = read_all([p, p, tmp_path])
    assert len(articles) == 1
    articles, _ = read_all([p, p], unique=False)
    assert len(articles) == 2


def test_dedupe_keeps_records_with_distinct_given_ids() -> None:
    a = article_from_text("Same text.")
    b = Article(id="doc-2", text="Same text.")
    assert list(dedupe([a, b, a, b])) == [a, b]


def test_article_from_text() -> None:
    a = article_from_text(" Text.\r\n", title=" T ", url="u", published="16 Nov 2014", source="s")
    assert (a.text, a.title, a.url, a.published, a.source) == (" Text.\r\n", "T", "u",
                                                               "2014-11-16", "s")
    assert a.id == content_id("Text.")
    with pytest.raises(ArticleError, match="empty"):
        article_from_text("  \n")


# --------------------------------------------------------------------------- directories, stdin


def test_directory_walk_sorted_recursive_skipping(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Bravo.")
    write(tmp_path / "a.md", "Alpha.")
    write(tmp_path / "sub" / "c.html", "<p>Charlie.</p>")
    write(tmp_path / "sub" / "README.md", "Not an article.")
    write(tmp_path / ".hidden.txt", "Hidden.")
    write(tmp_path / ".git" / "x.txt", "Hidden folder.")
    write(tmp_path / "notes.csv", "a,b")
    write(tmp_path / "d.jsonl", json.dumps({"id": "d", "text": "Delta."}))
    articles, errors = read_all([tmp_path])
    assert [a.text for a in articles] == ["Alpha.", "Bravo.", "Delta.", "Charlie."]
    assert errors == []


def test_explicit_readme_is_read(tmp_path: Path) -> None:
    p = write(tmp_path / "README.md", "Read me anyway.")
    articles, _ = read_all([p])
    assert [a.text for a in articles] == ["Read me anyway."]


def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, f"\nTitle\nPublished: 2015-03-26\n\n{BODY}\n".encode())
    articles, errors = read_all(["-"])
    assert errors == []
    assert [(a.title, a.published, a.text, a.source) for a in articles] == [
        ("Title", "2015-03-26", f"Title\n\n{BODY}", "<stdin>")
    ]


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, b'\n{"id": "s1", "text": "One."}\n[]\n{"id": "s2", "text": "Two."}\n')
    articles, errors = read_all(["-"])
    assert [a.id for a in articles] == ["s1", "s2"]
    assert [e.path for e in errors] == ["<stdin>:3"]


def test_stdin_without_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Plain text."))
    articles, _ = read_all(["-"])
    assert [a.text for a in articles] == ["Plain text."]


def test_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, b"  \n\n")
    articles, errors = read_all(["-"])
    assert articles == [] and [(e.path, e.reason) for e in errors] == [("<stdin>", "empty")]


# --------------------------------------------------------------------------- bad input


def test_missing_path_is_an_error_before_anything_is_read(tmp_path: Path) -> None:
    before = write(tmp_path / "before.txt", "Before.")
    seen: list[ArticleError] = []
    with pytest.raises(MissingInputError, match=r"no such file or folder: .*artciles"):
        iter_articles([before, tmp_path / "artciles"], on_error=seen.append)
    assert seen == []


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n \t\n", "empty"),
        ("binary.txt", b"GIF89a\x00\x01\x02", "binary"),
        ("utf16.txt", "Hello".encode("utf-16"), "binary"),
        ("latin1.txt", "Caf\u00e9 talks".encode("latin-1"), "not valid UTF-8"),
        ("huge.txt", b"x" * 101, "too large"),
        ("notext.html", b"<html><script>var x = 1;</script><p> </p></html>", "no text"),
        ("doc.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("binary.jsonl", b'{"text": "a\x00"}\n', "binary"),
        ("empty.jsonl", b"", "empty"),
    ],
)
def test_bad_input_is_reported_and_batch_goes_on(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    bad = tmp_path / name
    if content is not None:
        write(bad, content)
    before = write(tmp_path / "before.txt", "Before.")
    after = write(tmp_path / "after.txt", "After.")
    articles, errors = read_all([before, bad, after], max_bytes=100)
    assert [a.text for a in articles] == ["Before.", "After."]
    assert len(errors) == 1
    assert errors[0].path == str(bad)
    assert reason in errors[0].reason
    assert str(bad) in str(errors[0])


def test_read_article_raises(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="empty"):
        read_article(write(tmp_path / "a.txt", ""))
    with pytest.raises(ValueError, match="too large"):  # ArticleError is a ValueError
        read_article(write(tmp_path / "b.txt", "x" * 20), max_bytes=10)


def test_default_on_error_logs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    p = write(tmp_path / "a.txt", b"")
    with caplog.at_level(logging.WARNING, logger="kgraph.read.articles"):
        assert [a.text for a in iter_articles([p, write(tmp_path / "b.txt", "Ok.")])] == ["Ok."]
    assert [r.getMessage() for r in caplog.records] == [f"skipped {p}: empty"]


def test_iter_articles_is_lazy(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "A.")
    write(tmp_path / "later.txt", "Not read yet.")  # paths must exist; their texts are read late
    it = iter_articles([tmp_path / "a.txt", tmp_path / "later.txt"])
    assert next(it).text == "A."
    write(tmp_path / "later.txt", "Written after the first article was read.")
    assert next(it).text.startswith("Written after")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2014-11-16", "2014-11-16"),
        ("2014-11-16T08:30:00+00:00", "2014-11-16"),
        ("2014/1/6", "2014-01-06"),
        ("2014-11", "2014-11"),
        ("2014", "2014"),
        ("16 November 2014", "2014-11-16"),
        ("16th Nov. 2014", "2014-11-16"),
        ("Nov 16, 2014", "2014-11-16"),
        ("November 16 2014", "2014-11-16"),
        ("Sunday, 16 November 2014", "2014-11-16"),
        ("Sun, 16 Nov 2014 08:30:00 GMT", "2014-11-16"),
        ("Sept 3, 2017", "2017-09-03"),
        ("March 2015", "2015-03"),
        ("  ", ""),
        ("2014-13-01", ""),
        ("30 February 2014", ""),
        ("11/16/2014", ""),
        ("yesterday", ""),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


# --------------------------------------------------------------------------- the sample corpus


def test_sample_corpus_reads_cleanly() -> None:
    errors: list[ArticleError] = []
    articles = list(iter_articles([CORPUS], on_error=errors.append))
    assert errors == []
    files = sorted(p for p in CORPUS.iterdir() if p.name != "README.md")
    assert len(articles) == len(files) >= 16
    dated = [a for a in articles if a.title and len(a.published) == 10]
    assert len(dated) >= 15
    for a in articles:
        words = len(a.text.split())
        assert 150 <= words <= 400, (a.source, words)


def test_sample_corpus_readme_lists_every_file() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for p in CORPUS.iterdir():
        if p.name != "README.md":
            assert f"`{p.name}`" in readme, p.name


def test_sample_file_names_match_their_dates() -> None:
    for p in CORPUS.glob("*.txt"):
        a = read_article(p)
        assert p.name.startswith(a.published[:7]), (p.name, a.published)


# --------------------------------------------------------------------------- hostile input


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    with pytest.raises(ArticleError, match="not a regular file but a FIFO"):
        read_article(fifo)  # refused before it is opened: never hangs
    articles, errors = read_all([tmp_path])
    assert articles == []
    assert {e.path: e.reason for e in errors} == {
        str(fifo): "not a regular file but a FIFO; only regular files are read",
        str(zero): "not a regular file but a character device; only regular files are read",
    }


def test_file_names_are_escaped_in_messages(tmp_path: Path) -> None:
    bad = write(tmp_path / "\x1b[31mred.txt", b"")
    _, errors = read_all([bad])
    assert errors[0].path == str(bad)
    assert str(errors[0]) == f"{tmp_path}/\\x1b[31mred.txt: empty"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": ' + "9" * 5_000 + ', "text": "x"}', "invalid JSON (Exceeds the limit"),
        (json.dumps({"id": "i" * 257, "text": "x"}), '"id" too long (257 characters'),
        ("[" * 65 + "]" * 65, "JSON nested deeper than 64 levels"),
        ('{"text": "x", "a": ' + "[" * 100_000 + "]" * 100_000 + "}", "JSON nested deeper"),
    ],
)
def test_jsonl_limits(tmp_path: Path, line: str, reason: str) -> None:
    p = write(tmp_path / "a.jsonl", f"{line}\n" + json.dumps({"id": "ok", "text": "Ok."}))
    articles, errors = read_all([p])
    assert [a.id for a in articles] == ["ok"]
    assert len(errors) == 1 and errors[0].reason.startswith(reason), errors[0].reason


def test_json_depth_scan_ignores_brackets_in_strings(tmp_path: Path) -> None:
    text = "[{" * 100 + '\\" ]}'
    p = write(tmp_path / "a.jsonl", json.dumps({"id": "a", "text": text, "x": [[1]]}))
    articles, errors = read_all([p])
    assert errors == [] and articles[0].text == text


def test_lone_surrogates_are_replaced_one_for_one(tmp_path: Path) -> None:
    p = write(tmp_path / "a.jsonl", '{"id": "s", "text": "NATO \\ud800 met\\udfff.", '
                                    '"title": "\\udc00"}')
    (a,), errors = read_all([p])
    assert errors == []
    assert (a.text, a.title) == ("NATO \ufffd met\ufffd.", "\ufffd")
    assert a.id == "s" and content_id("NATO \ud800") != content_id("NATO \ufffd")


def test_repeated_ids_are_suffixed_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    records = [("a", "One."), ("a", "Two."), ("a", "One."), ("a~2", "Three."), ("a", "Four.")]
    p = write(tmp_path / "a.jsonl", "\n".join(json.dumps({"id": i, "text": t})
                                              for i, t in records))
    with caplog.at_level(logging.WARNING, logger="kgraph.read.articles"):
        articles, errors = read_all([p])
    assert errors == []
    assert [(a.id, a.text) for a in articles] == [
        ("a", "One."), ("a~2", "Two."), ("a~2~2", "Three."), ("a~3", "Four.")
    ]
    assert [r.getMessage() for r in caplog.records] == [
        f"{p}:2: id a was given to an earlier article; this one is kept as a~2",
        f"{p}:4: id a~2 was given to an earlier article; this one is kept as a~2~2",
        f"{p}:5: id a was given to an earlier article; this one is kept as a~3",
    ]


def test_long_text_is_read_whole(tmp_path: Path) -> None:
    text = "\n\n".join(f"Paragraph {i}" + " word" * 30 for i in range(4_000))
    articles, _ = read_all([write(tmp_path / "a.txt", text)])
    assert [a.text for a in articles] == [text]  # extraction parses it in parts


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Talks.</p><![ CDATA[ x ]]><p>NATO met.</p>", "Talks.\n\nNATO met."),
        ("<p>NATO met.</p>" + "<a" * 3, "NATO met."),
        ("<p>A &amp; B</p><!-- open", "A & B"),
        ('<p title="a>b">x</p>', 'b">x'),  # a quoted value holds no ">", as in the tokenizer
        ("<p>a < b</p><script>if (a < b) {}</script>", "a < b"),
        ("<P CLASS=x>Up</P><br/>Down", "Up\n\nDown"),
    ],
)
def test_html_tokenizer_edge_cases(tmp_path: Path, html: str, text: str) -> None:
    assert read_article(write(tmp_path / "a.html", html)).text == text


def test_a_maze_of_symbols_is_no_prose(tmp_path: Path) -> None:
    maze = write(tmp_path / "maze.md", "**a [[[[_b ](`c " * 200)
    tally = "Casualties by province, 2014: " + " ".join(f"{n:,}" for n in range(40)) + "."
    prose = "The army fought the rebels near the border in 2014, losing 1,200 men. " * 50
    articles, errors = read_all([maze, write(tmp_path / "tally.txt", tally),
                                 write(tmp_path / "prose.txt", prose)])
    assert [e.path for e in errors] == [str(maze)]
    assert "no prose" in errors[0].reason and "letters" in errors[0].reason
    assert len(articles) == 2  # a short table of figures and prose with numbers are read
