"""Adversarial inputs through the command line: time, peak memory and result for each.

Every input is run at its full size and at half of it, so the table shows
how time grows (about 2x for linear). ``cleanscrape bench --adversarial``
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

from .scale import measure

MB = 1_000_000


@dataclass(frozen=True)
class Adversary:
    """One hostile input: its name, file suffix, and how to make it at a size in bytes."""

    name: str
    suffix: str
    size: int
    make: Callable[[int], bytes]


def _repeat(unit: bytes, size: int) -> bytes:
    return (unit * (size // len(unit) + 1))[:size]


def _random(size: int) -> bytes:
    return random.Random(size).randbytes(size)


def _nested(size: int) -> bytes:
    depth = size // 11
    tail = b"<p>After.</p></body></html>"
    return b"<html><body>" + b"<div>" * depth + b"deep text" + b"</div>" * depth + tail


ADVERSARIES = (
    Adversary("a 50 MB single line", ".txt", 50 * MB, lambda n: _repeat(b"word ", n)),
    Adversary("a million short lines", ".txt", 7 * MB,
              lambda n: b"".join(b"line %d\n" % i for i in range(n // 7))[:n]),
    Adversary("100,000-level nested tags", ".html", 1_100_000, _nested),
    Adversary("a 10 MB attribute", ".html", 10 * MB,
              lambda n: b'<html><body><p title="' + b"a" * n + b'">Body text of the page.</p></body></html>'),
    Adversary("NUL bytes in text", ".txt", 10 * MB, lambda n: _repeat(b"An article line\x00 with NUL.\n", n)),
    Adversary("lone surrogates (WTF-8)", ".txt", 10 * MB, lambda n: _repeat(b"Text \xed\xa0\x80 here.\n", n)),
    Adversary("invalid UTF-8 (random bytes)", ".txt", 2 * MB, _random),
    Adversary("invalid UTF-16 (BOM, odd length, lone surrogate)", ".txt", 10 * MB,
              lambda n: b"\xff\xfe" + _repeat("Text line.\n".encode("utf-16-le") + b"\x00\xd8", n) + b"\x41"),
    Adversary("entity flood", ".html", 10 * MB,
              lambda n: b"<html><body><p>" + _repeat(b"&amp;&#x41;&lt;", n) + b"</p></body></html>"),
    Adversary("comment flood", ".html", 10 * MB,
              lambda n: b"<html><body>" + _repeat(b"<!-- c -->", n) + b"<p>Body text.</p></body></html>"),
    Adversary("a PNG named .html", ".html", 1 * MB, lambda n: b"\x89PNG\r\n\x1a\n" + _random(n)),
    Adversary("a PDF named .txt", ".txt", 1 * MB, lambda n: b"%PDF-1.7\n" + _random(n)),
    Adversary("an empty file", ".txt", 0, lambda n: b""),
)  # fmt: skip


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


def adversarial_report() -> str:
    """The Markdown page ``cleanscrape bench --adversarial`` writes."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="cleanscrape-adversarial-") as tmp:
        for adversary in ADVERSARIES:
            half = run_one(adversary, adversary.size // 2, Path(tmp))[0] if adversary.size else 0.0
            seconds, rss, result = run_one(adversary, adversary.size, Path(tmp))
            growth = f"{seconds / half:.1f}x" if half > 0.05 else "-"
            rows.append(f"| {adversary.name} | {adversary.size / MB:,.1f} MB | {seconds:.2f} s | {growth} | "
                        f"{rss / 2**20:,.0f} MiB | {result} |")  # fmt: skip
    return "\n".join(
        [
            "# Reliability: adversarial inputs",
            "",
            f"Measured {time.strftime('%Y-%m-%d')} by `cleanscrape bench --adversarial` on this machine "
            f"({os.cpu_count()} cores): each input written to a file and cleaned with "
            "`cleanscrape clean FILE -o OUT`, once at full size and once at half size. *Growth* is "
            "the time at full size over the time at half size (2x is linear; '-' where both are "
            "too short to compare). Peak RSS is that of the process, which includes about 60 MiB "
            "for Python, lxml and the model. The result is the output written, or the error "
            "reported (exit 1, no output file).",
            "",
            "| input | size | time | growth | peak RSS | result |",
            "| --- | --- | --- | --- | --- | --- |",
            *rows,
            "",
        ]
    )
