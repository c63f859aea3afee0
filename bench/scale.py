"""The scale benchmark: a JSONL crawl made from the bench pages, cleaned with 1 and 2 workers.

For each size it reports wall time, documents per second, the speed-up
from ``--jobs 2``, and the peak resident memory of the largest process
(the main one or a worker), which must not grow with the corpus.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleanscrape.learned.training.datasets import Aeb, Teval
from cleanscrape.reading.decode import decode

from .sites import PAGES_PER_SITE, SITES, site_rows

SIZES = (1_000, 10_000)
JOBS = (1, 2)
# Runs one command and prints its wall time, the peak RSS (KiB) of its largest process,
# its exit code and the last line of its stderr, as JSON.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stderr=subprocess.PIPE, text=True, errors="replace")
lines = done.stderr.strip().splitlines()
print(json.dumps([time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  done.returncode, lines[-1] if lines else ""]))
"""


@dataclass(frozen=True)
class Measured:
    """Wall seconds, peak RSS in bytes (largest process), exit code, last line of stderr."""

    seconds: float
    rss: int
    code: int
    message: str


def bench_pages(root: Path) -> list[tuple[str, str]]:
    """(url, html) of every raw page of both benchmark halves."""
    aeb, teval = Aeb(root), Teval(root)
    pages = [(p.url, decode(aeb.html(p.id))) for p in aeb.pages]
    return pages + [(p.url, decode(teval.html(p))) for p in teval.pages]


def write_crawl(path: Path, pages: Sequence[tuple[str, str]], n: int) -> int:
    """``n`` JSONL records (id, url, html) cycling through ``pages``; returns the file's size."""
    with path.open("w", encoding="utf-8") as fh:
        for i, (url, html) in zip(range(n), itertools.cycle(pages), strict=False):
            fh.write(json.dumps({"id": i, "url": url, "html": html}, ensure_ascii=False) + "\n")
    return path.stat().st_size


def measure(args: Sequence[str]) -> Measured:
    """Run a command in a fresh process and measure it."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True, check=True)
    seconds, kib, code, message = json.loads(out.stdout)
    return Measured(seconds, kib * 1024, code, message)


def scale_rows(root: Path, sizes: Sequence[int] = SIZES) -> Iterator[list[str]]:
    """One table row per (size, jobs): seconds, documents/s, speed-up, peak RSS, identical output."""
    pages = bench_pages(root)
    command = [sys.executable, "-m", "cleanscrape.cli", "clean", "-q"]
    with tempfile.TemporaryDirectory(prefix="cleanscrape-scale-") as tmp:
        for n in sizes:
            crawl = Path(tmp) / f"crawl-{n}.jsonl"
            size = write_crawl(crawl, pages, n)
            outputs, base = [], 0.0
            for jobs in JOBS:
                out = Path(tmp) / f"out-{n}-{jobs}.jsonl"
                run = measure([*command, str(crawl), "-o", str(out), "--jobs", str(jobs), "--force"])
                if run.code != 0:
                    raise RuntimeError(f"the scale run failed: {run.message}")
                seconds, rss = run.seconds, run.rss
                base = base or seconds
                outputs.append(out.read_bytes())
                same = "yes" if outputs[0] == outputs[-1] else "NO"
                yield [f"{n:,}", f"{size / 1e6:,.0f} MB", str(jobs), f"{seconds:.1f}", f"{n / seconds:.1f}",
                       f"{base / seconds:.2f}x", f"{rss / 2**20:.0f} MiB", same]  # fmt: skip
                out.unlink()
            crawl.unlink()


def scale_report(root: Path) -> str:
    """The Markdown page ``python -m bench --scale`` writes."""
    started = time.strftime("%Y-%m-%d")
    header = ["documents", "input", "jobs", "seconds", "docs/s", "speed-up", "peak RSS", "same output"]
    sites_header = ["cleaning", "pages", "template lines removed", "article lines kept", "once-only removed"]
    sites = _table(sites_header, list(site_rows(Aeb(root))))
    table = _table(header, list(scale_rows(root)))
    return "\n".join(
        [
            "# Scale: a crawl cleaned with 1 and 2 workers, and site memory",
            "",
            f"Measured {started} by `python -m bench --scale` on this machine. The crawl is made "
            "of the raw HTML pages of both benchmark halves (aeb-dev and teval-dev), cycled to the "
            "size, one JSONL record (`id`, `url`, `html`) each; the command is "
            "`cleanscrape clean crawl.jsonl -o out.jsonl --jobs N -q`. Peak RSS is that of the "
            "largest process (the main one or a worker); it does not grow with the corpus because "
            "records are read as they are cleaned.",
            "",
            *table,
            "",
            "## Site memory on a synthetic crawl",
            "",
            f"{SITES} sites of {PAGES_PER_SITE} pages each. A site's template is 4 header and 4 footer "
            "lines taken from the noise of one real aeb-dev page (lines of its html-text dump that are "
            "not in its article); each page puts that template around a true article body (10 "
            "different ones per site) and adds one noise line no other page of the site has. "
            "Cleaning uses the Python API (`SiteMemory`, `clean(site_template=...)`), as "
            "`--site-memory` does. The last column counts pages whose "
            "once-only line was removed as `site_template`: it must be 0.",
            "",
            *sites,
            "",
        ]
    )


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + " --- |" * len(header),
        *("| " + " | ".join(r) + " |" for r in rows),
    ]
