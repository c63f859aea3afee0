"""Adversarial inputs through the command line: time, peak memory and result for each.

Every input is run at its full size and at half of it, so the table shows
how time grows (about 2x for linear). ``python -m bench --adversarial``
writes the table to ``docs/reliability.md``.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import zstandard

from .scale import measure

MB = 1_000_000
TINY_BLOCK = b"<div><span>x</span><b>y</b></div>"  # once quadratic in trafilatura's jusText rescue
MILLION_LINES_BYTES = sum(len(b"line %d\n" % i) for i in range(1_000_000))  # "line 0" to "line 999999"


@dataclass(frozen=True)
class Adversary:
    """One hostile input: its name, file suffix, and how to make it at a size in bytes."""

    name: str
    suffix: str
    size: int
    make: Callable[[int], bytes]


def _repeat(unit: bytes, size: int) -> bytes:
    return (unit * (size // len(unit) + 1))[:size]


def _numbered(line: Callable[[int], bytes], size: int) -> bytes:
    """Lines ``line(0)``, ``line(1)``, … up to ``size`` bytes: all different, as an
    article's are, so what is kept shows in the output's size."""
    out = bytearray()
    number = 0
    while len(out) < size:
        out += line(number)
        number += 1
    return bytes(out[:size])


def _utf16_line(number: int) -> bytes:
    """A numbered UTF-16 line followed by a lone surrogate."""
    return f"Line {number} of the article, in UTF-16.\n".encode("utf-16-le") + b"\x00\xd8"


def _random(size: int) -> bytes:
    return random.Random(size).randbytes(size)


def _zstd_bomb(size: int) -> bytes:
    """A ``.zst`` of ``size`` zero bytes, compressed a MiB at a time (a few KB on disk)."""
    compressor = zstandard.ZstdCompressor().compressobj()
    block = bytes(1 << 20)
    packed = [
        compressor.compress(block[: min(len(block), size - done)]) for done in range(0, size, len(block))
    ]
    return b"".join(packed) + compressor.flush()


def _nested(size: int) -> bytes:
    depth = size // 11
    tail = b"<p>After.</p></body></html>"
    return b"<html><body>" + b"<div>" * depth + b"deep text" + b"</div>" * depth + tail


ADVERSARIES = (
    Adversary("a 50 MB single line", ".txt", 50 * MB, lambda n: _repeat(b"word ", n)),
    Adversary("a million short lines", ".txt", MILLION_LINES_BYTES,
              lambda n: _numbered(lambda i: b"line %d\n" % i, n)),
    Adversary("100,000-level nested tags", ".html", 1_100_000, _nested),
    Adversary("a 10 MB attribute", ".html", 10 * MB,
              lambda n: b'<html><body><p title="' + b"a" * n + b'">Body text of the page.</p></body></html>'),
    Adversary("NUL bytes in text", ".txt", 10 * MB,
              lambda n: _numbered(lambda i: b"Line %d of the article,\x00 with a NUL byte in it.\n" % i, n)),
    Adversary("lone surrogates (WTF-8)", ".txt", 10 * MB,
              lambda n: _numbered(lambda i: b"Line %d of the text \xed\xa0\x80 with a surrogate.\n" % i, n)),
    Adversary("invalid UTF-8 (random bytes)", ".txt", 10 * MB, _random),
    Adversary("invalid UTF-16 (BOM, odd length, lone surrogate)", ".txt", 10 * MB,
              lambda n: b"\xff\xfe" + _numbered(_utf16_line, n) + b"\x41"),
    Adversary("entity flood", ".html", 10 * MB,
              lambda n: b"<html><body><p>" + _repeat(b"&amp;&#x41;&lt;", n) + b"</p></body></html>"),
    Adversary("comment flood", ".html", 10 * MB,
              lambda n: b"<html><body>" + _repeat(b"<!-- c -->", n) + b"<p>Body text.</p></body></html>"),
    Adversary("20,000 tiny blocks (`<div><span>x</span><b>y</b></div>`)", ".html", 660_000,
              lambda n: b"<html><body>" + _repeat(TINY_BLOCK, n) + b"</body></html>"),
    Adversary("a zstd bomb (its size once decompressed)", ".txt.zst", 2 << 30, _zstd_bomb),
    Adversary("a PNG named .html", ".html", 1 * MB, lambda n: b"\x89PNG\r\n\x1a\n" + _random(n)),
    Adversary("a PDF named .txt", ".txt", 1 * MB, lambda n: b"%PDF-1.7\n" + _random(n)),
    Adversary("an empty file", ".txt", 0, lambda n: b""),
)  # fmt: skip


# What the extractor HTML mode wraps takes alone, called as HTML mode calls it.
TRAFILATURA_ALONE = (
    "import sys, trafilatura; "
    "trafilatura.extract(open(sys.argv[1], 'rb').read(), include_comments=False, include_tables=True)"
)
SMALL_PAGE = b"<html><body><p>Body text of the page.</p></body></html>"
SMALL_HTML = Adversary("a one-paragraph page", ".html", 0, lambda n: SMALL_PAGE)


def run_one(adversary: Adversary, size: int, folder: Path) -> tuple[float, int, str]:
    """Seconds, peak RSS and the result of ``cleanscrape clean`` on the input at ``size``."""
    path = folder / f"input{adversary.suffix}"
    path.write_bytes(adversary.make(size))
    out = folder / "out.txt"
    command = [sys.executable, "-m", "cleanscrape.cli", "clean", str(path), "-o", str(out), "-q", "--force"]
    run = measure(command)
    if out.exists():
        result = f"exit {run.code}, {out.stat().st_size:,} bytes of text"
    else:
        result = f"exit {run.code}: {run.message.replace(str(path), 'FILE')}"
    for leftover in (out, path):
        leftover.unlink(missing_ok=True)
    return run.seconds, run.rss, result.replace("|", "/")


def extractor_rss(page: bytes, folder: Path) -> int:
    """The peak RSS of a process that only runs trafilatura.extract on ``page``."""
    path = folder / "page.html"
    path.write_bytes(page)
    try:
        return measure([sys.executable, "-c", TRAFILATURA_ALONE, str(path)]).rss
    finally:
        path.unlink()


BEGIN, END = "<!-- adversarial:begin -->", "<!-- adversarial:end -->"


def adversarial_report(previous: str | None = None) -> str:
    """The Markdown page ``python -m bench --adversarial`` writes: the measured table
    replaces what stands between the markers of ``previous`` (the page as it is, whose
    prose is written by hand), or makes a page of its own."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="cleanscrape-adversarial-") as tmp:
        text_baseline = run_one(ADVERSARIES[-1], 0, Path(tmp))[1]  # the empty file: Python, the models
        html_baseline = run_one(SMALL_HTML, 0, Path(tmp))[1]  # and lxml, trafilatura, HTML mode's path
        extractor_baseline = extractor_rss(SMALL_PAGE, Path(tmp))
        for adversary in ADVERSARIES:
            half, half_rss, _ = run_one(adversary, adversary.size // 2, Path(tmp))
            seconds, rss, result = run_one(adversary, adversary.size, Path(tmp))
            growth = f"{seconds / half:.1f}x" if half > 0.05 else "-"
            size = adversary.size
            baseline = html_baseline if adversary.suffix == ".html" else text_baseline
            multiple = f"{max(rss - baseline, 0) / size:.1f}x" if size else "-"
            marginal = f"{max(rss - half_rss, 0) / (size - size // 2):.1f}x" if size else "-"
            alone = "-"
            if adversary.suffix == ".html" and result.startswith("exit 0"):
                extractor = extractor_rss(adversary.make(size), Path(tmp))
                alone = f"{max(extractor - extractor_baseline, 0) / size:.1f}x"
            cells = [adversary.name, f"{size / MB:,.1f} MB", f"{seconds:.2f} s", growth,
                     f"{rss / 2**20:,.0f} MiB", multiple, marginal, alone, result]  # fmt: skip
            rows.append("| " + " | ".join(cells) + " |")
    table = "\n".join(
        [
            BEGIN,
            f"Measured {time.strftime('%Y-%m-%d')} by `python -m bench --adversarial` on this machine "
            f"({os.cpu_count()} cores): each input written to a file and cleaned with "
            "`cleanscrape clean FILE -o OUT`, once at full size and once at half size. *Growth* is "
            "the time at full size over the time at half size (2x is linear; '-' where both are "
            "too short to compare). Peak RSS is that of the process, which includes "
            f"{text_baseline / 2**20:.0f} MiB for Python and the models (the peak on an empty file) "
            f"and, for an HTML input, {html_baseline / 2**20:.0f} MiB with lxml, trafilatura and HTML "
            "mode's path loaded (the peak on a one-paragraph page); *memory / size* is the peak "
            "above the one of its kind, over the input's size; it includes what "
            "does not grow with the input (a cache of at most 8,192 results of the line test "
            "left in Python, one window of lines being judged). *Memory growth* is what "
            "the second half of the input added: "
            "the peak at full size less the peak at half size, over half the size. *trafilatura "
            "alone* is, for an HTML input HTML mode cleans, the same memory / size of a process "
            "that only runs `trafilatura.extract` on it (above that process's peak on a small "
            "page): the extractor HTML mode wraps, and its floor. The result is "
            "the output written, or the error reported (exit 1, no output file).",
            "",
            "| input | size | time | growth | peak RSS | memory / size | memory growth | trafilatura alone "
            "| result |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
            *rows,
            END,
        ]
    )
    if previous is not None and BEGIN in previous and END in previous:
        before, rest = previous.split(BEGIN, 1)
        return before + table + rest.split(END, 1)[1]
    return f"# Reliability: adversarial inputs\n\n{table}\n"
