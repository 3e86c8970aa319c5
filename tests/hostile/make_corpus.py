"""Write a corpus of hostile inputs beside ten good articles, and say what reading it must give.

Nothing here is committed as data: the files are made at test time (a few MB, well under a
second). Run it by hand to look at the files::

    python tests/hostile/make_corpus.py /tmp/hostile

:func:`write_corpus` returns an :class:`Expected`: the inputs to give ``iter_articles`` or
``kgraph build``, the ids of the good articles, the one skip message each bad file or JSON line
must give (by source, with a word of its reason) and how many articles each hostile but
readable file gives. Entries the reader passes over without a word (hidden files, other file
types inside a folder, a folder named like a file) are listed too.
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kgraph.read.articles import content_id

__all__ = ["Expected", "write_corpus"]

GOOD = [
    ("Hezbollah fights ISIS", "Hezbollah fought ISIS near the Syrian border on Monday."),
    ("Turkey backs the rebels", "Turkey backed the Free Syrian Army against the Syrian army."),
    ("NATO meets", "NATO and Ukraine agreed to hold talks in Brussels."),
    ("Iran and Hamas", "Iran supported Hamas with weapons and money, officials said."),
    ("Russia in Syria", "Russia sent troops to support the Syrian government."),
    ("Al-Nusra splits", "Al-Nusra split from al-Qaeda in July."),
    ("Kurdish forces", "The YPG fought ISIS around Kobani for months."),
    ("Sanctions", "The United States imposed sanctions on Iran."),
    ("Truce", "Israel and Hamas agreed to a ceasefire after talks in Cairo."),
    ("Alliance", "Saudi Arabia and the United Arab Emirates allied against the Houthis."),
]
"""Ten short articles: seven files (.txt, .md, .html) and three JSON records."""


@dataclass
class Expected:
    """What reading the corpus must give.

    Attributes:
        inputs: what to read: the folder of files, the JSONL file, and files named explicitly.
        good: the ids of the ten good articles, each of which must be read.
        skipped: one entry per bad file or JSON line (``path`` or ``path:line``): a word of the
            reason its single skip message must give.
        read: hostile inputs that are nevertheless articles: source -> how many articles.
        renamed: ids that repeated ids are kept under.
        silent: entries passed over without a message.
    """

    inputs: list[Path]
    good: set[str] = field(default_factory=set)
    skipped: dict[str, str] = field(default_factory=dict)
    read: dict[str, int] = field(default_factory=dict)
    renamed: set[str] = field(default_factory=set)
    silent: list[Path] = field(default_factory=list)


def _good_files(folder: Path, expected: Expected) -> None:
    for i, (title, body) in enumerate(GOOD[:7], start=1):
        if i <= 3:
            path = folder / f"good-{i}.txt"
            path.write_text(f"{title}\nPublished: 2015-0{i}-01\n\n{body}\n", encoding="utf-8")
        elif i <= 5:
            path = folder / f"good-{i}.md"
            path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
        else:
            path = folder / f"good-{i}.html"
            path.write_text(f"<html><head><title>{title}</title></head>"
                            f"<body><h1>{title}</h1><p>{body}</p></body></html>",
                            encoding="utf-8")
        expected.good.add(content_id(f"{title}\n\n{body}"))


def _bad_files(folder: Path, expected: Expected) -> None:
    """Files that must each give one skip message."""
    utf16 = "Hamas and Israel agreed a truce.".encode("utf-16")  # with its BOM
    nested_html = "<div>" * 100_000 + "</div>" * 100_000  # deep, and no text at all
    bad: dict[str, tuple[bytes, str]] = {
        "empty.txt": (b"", "empty"),
        "blank.md": (b" \n\t\n\n", "empty"),
        "bom-only.txt": (b"\xef\xbb\xbf", "empty"),
        "binary.txt": (bytes(range(256)) * 64, "binary"),
        "nul-bytes.txt": (b"NATO met.\x00\x00 Russia objected.", "binary"),
        "utf-16.txt": (utf16, "binary"),
        "latin-1.txt": ("Caf\u00e9 talks in Bogot\u00e1.".encode("latin-1"), "UTF-8"),
        "cp1252.md": (b"\x93Quoted\x94 talks.", "UTF-8"),
        "gzip-as-text.txt": (gzip.compress(b"NATO met."), "UTF-8"),
        "no-text.html": (b"<html><head><title></title></head><body> </body></html>", "no text"),
        "only-script.html": (b"<script>while(1){}</script><style>p{}</style>", "no text"),
        "repeated-a.html": (b"<a" * 200_000, "no text"),  # 400 KB of unclosed tags
        "deep-nesting.html": (nested_html.encode(), "no text"),
        "front-matter-only.md": (b"---\n---\n", "no text"),
        "\x1b[31mred\x1b[0m.txt": (b"", "empty"),  # a name with terminal escape sequences
        "not-gzip.jsonl.gz": (b'{"id": "x", "text": "not compressed"}\n', "gzip"),
        "empty.jsonl": (b"", "empty"),
        "binary.jsonl": (b"\x00\x01\x02\x03", "binary"),
    }
    for name, (data, reason) in bad.items():
        (folder / name).write_bytes(data)
        expected.skipped[str(folder / name)] = reason
    huge = folder / "huge.txt"  # over 5 MB; sparse, and refused before any byte is read
    with huge.open("wb") as f:
        f.truncate(6_000_000)
    expected.skipped[str(huge)] = "too large"
    record = json.dumps({"id": "cut", "text": "NATO met. " * 2_000}).encode() + b"\n"
    packed = gzip.compress(record * 3)
    (folder / "truncated.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    expected.skipped[str(folder / "truncated.jsonl.gz")] = "cannot read"


def _special_files(folder: Path, expected: Expected) -> None:
    """A FIFO, a device, a socket, broken symlinks, an unreadable file: one message each."""
    os.mkfifo(folder / "fifo.txt")
    expected.skipped[str(folder / "fifo.txt")] = "FIFO"
    (folder / "zero.txt").symlink_to("/dev/zero")
    expected.skipped[str(folder / "zero.txt")] = "device"
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    expected.skipped[str(folder / "loop.txt")] = "symbolic links"
    (folder / "dangling.md").symlink_to(folder / "missing.md")
    expected.skipped[str(folder / "dangling.md")] = "No such file"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(folder / "socket.txt"))
        expected.skipped[str(folder / "socket.txt")] = "socket"
    except OSError:  # the path is too long for a socket address: this entry is left out
        pass
    finally:
        sock.close()
    locked = folder / "unreadable.txt"
    locked.write_text("Unreadable\n\nThe army withdrew.", encoding="utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root reads anything: then it is an article
        expected.read[str(locked)] = 1
    else:
        expected.skipped[str(locked)] = "Permission denied"


def _readable_files(folder: Path, expected: Expected) -> None:
    """Hostile files: those that are still articles are read as one; symbol mazes are refused."""
    markdown_line = ("**a " + "[" * 8 + "_b " + "](" + "`c ") * 6_400  # 128 KB, one line
    long_text = "".join(f"{i:06d}" + "x" * 93 + " " for i in range(11_000))  # 1.1 M characters
    readable: dict[str, str] = {
        "cdata.html": "<p>Talks resumed.</p><![ CDATA[ x ]]><p>NATO met.</p>",
        "comment-open.html": "<p>NATO met in Brussels.</p><!-- never closed",
        "script.html": "<p>Russia objected.</p><script>alert(1)</script><script>x",
        "long-text.txt": long_text,
        "rtl-zero-width.txt": "\u202eNATO\u200b met \u2067Russia\u2069.\u200d",
        "crlf.txt": "Title\r\rPublished: 2015\r\n\r\nNATO met.\r",
        "long-title.txt": "T" * 150_000 + "\n\nNATO met.",
        "long-date.txt": "Title\nPublished: " + "9" * 100_000 + "\n\nNATO met.",
        "front-matter-open.md": "---\ntitle: x\n\nNATO met.",
        "\x1b]0;pwned\x07title.txt": "Escapes\n\nNATO met.",
    }
    for name, text in readable.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
        expected.read[str(folder / name)] = 1
    # text, but no prose: the parser would spend a token on each symbol
    symbols = {
        "entities.html": "<p>" + "&amp;" * 20_000 + " NATO met.</p>",
        "markdown-line.md": markdown_line,
        "long-sentence.txt": " ".join(f"w{i}" for i in range(100_000)),  # 100,000 tokens
    }
    for name, text in symbols.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
        expected.skipped[str(folder / name)] = "no prose"


def _silent_entries(folder: Path, expected: Expected) -> None:
    """Entries a folder walk passes over without a message."""
    (folder / "folder.txt").mkdir()
    (folder / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (folder / "README.md").write_text("About this folder.", encoding="utf-8")
    (folder / "paper.pdf").write_bytes(b"%PDF-1.4 not an article")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    expected.silent += [folder / n for n in ("folder.txt", ".hidden.txt", "README.md",
                                             "paper.pdf", "notes.docx")]


def _jsonl(path: Path, expected: Expected) -> None:
    """Good and hostile records in one JSONL file."""
    deep = "[" * 100_000 + "]" * 100_000
    lines: list[tuple[str, str | None]] = [  # (line, the skip reason or None when read)
        (json.dumps({"id": "good-8", "text": GOOD[7][1], "title": GOOD[7][0]}), None),
        ('{"id": ' + "9" * 5_000 + ', "text": "NATO met."}', "invalid JSON"),
        (json.dumps({"id": "i" * 1_000_000, "text": "NATO met."}), "too long"),
        (json.dumps({"id": 10**300, "text": "NATO met again."}), "too long"),
        ('{"id": "deep", "text": "NATO met.", "x": ' + deep + "}", "nested"),
        (deep, "nested"),
        ('{"id": "surrogate", "text": "NATO \\ud800 met \\udfff."}', None),
        (json.dumps({"id": "dup", "text": "NATO met in May."}), None),
        (json.dumps({"id": "dup", "text": "NATO met in June."}), None),  # kept as dup~2
        (json.dumps({"id": "dup", "text": "NATO met in May."}), None),  # a repeat: dropped
        (json.dumps({"id": "good-9", "text": GOOD[8][1], "title": GOOD[8][0]}), None),
        ("[1, 2, 3]", "not a JSON object"),
        ('"a string"', "not a JSON object"),
        ("42", "not a JSON object"),
        ("null", "not a JSON object"),
        ('{"id": "no-text", "title": "Nothing"}', 'no "text"'),
        ('{"id": "int-text", "text": 42}', "must be a string"),
        ('{"id": ["a"], "text": "NATO met."}', "string or an integer"),
        ('{"id": 1e400, "text": "NATO met."}', "string or an integer"),
        ('{"id": "blank", "text": "   "}', "empty"),
        ('{"id": "broken", "text": "NATO', "invalid JSON"),
        ("", None),  # a blank line is passed over
        (json.dumps({"id": "\x1b[2J", "text": "Clear the screen, NATO said."}), None),
        (json.dumps({"id": "good-10", "text": GOOD[9][1], "title": GOOD[9][0]}), None),
    ]
    with path.open("wb") as f:
        for n, (line, reason) in enumerate(lines, start=1):
            f.write(line.encode("utf-8") + b"\n")
            if reason is not None:
                expected.skipped[f"{path}:{n}"] = reason
        f.write(b'{"id": "bad-bytes", "text": "caf\xe9"}\n')
        expected.skipped[f"{path}:{len(lines) + 1}"] = "UTF-8"
        f.write(b'{"id": "huge", "text": "' + b"x" * 5_000_001 + b'"}\n')
        expected.skipped[f"{path}:{len(lines) + 2}"] = "too large"
        f.write(json.dumps({"id": "after", "text": "The last record is read."}).encode())
    expected.good |= {"good-8", "good-9", "good-10"}
    expected.read[str(path)] = 8  # 3 good, surrogate, dup, dup~2, the escape id, the last
    expected.renamed.add("dup~2")


def write_corpus(folder: str | Path) -> Expected:
    """Write the hostile corpus into ``folder`` (created if needed).

    Args:
        folder: an empty or new folder.

    Returns:
        What reading the corpus must give.
    """
    root = Path(folder)
    articles = root / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    named = root / "named.pdf"  # an unsupported file named explicitly is an error
    named.write_bytes(b"%PDF-1.4")
    records = root / "records.jsonl"
    expected = Expected(inputs=[articles, records, named])
    expected.skipped[str(named)] = "unsupported file type"
    _good_files(articles, expected)
    _bad_files(articles, expected)
    _special_files(articles, expected)
    _readable_files(articles, expected)
    _silent_entries(articles, expected)
    _jsonl(records, expected)
    return expected


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile/make_corpus.py FOLDER")
    made = write_corpus(sys.argv[1])
    sys.stdout.write(f"{len(made.skipped)} bad entries, {len(made.read)} hostile but readable, "
                     f"{len(made.silent)} passed over, {len(made.good)} good articles\n")
