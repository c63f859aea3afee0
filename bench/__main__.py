"""``python -m bench``: measure cleanscrape and its peers on the shared benchmarks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from cleanscrape.cli.outputs import atomic_writer
from cleanscrape.errors import CleanscrapeError
from cleanscrape.learned.training.datasets import bench_root

from .adversarial import adversarial_report
from .report import render
from .scale import scale_report


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Measure cleanscrape and its peers.")
    parser.add_argument("--bench", metavar="DIR", help="benchmark folder (default: ../shared/bench)")
    parser.add_argument("-o", "--output", help="report to write (default: docs/benchmarks.md; docs/scale.md)")
    parser.add_argument("--quick", action="store_true", help="skip jusText, teval, cross-validation, speed")
    parser.add_argument("--scale", action="store_true", help="the 1k/10k-document crawl with 1 and 2 workers")
    parser.add_argument("--adversarial", action="store_true", help="hostile inputs: time, memory, result")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.adversarial:
        target = Path(args.output or "docs/reliability.md")
        report = adversarial_report(target.read_text("utf-8") if target.is_file() else None)
    else:
        try:
            root = bench_root(args.bench)
        except CleanscrapeError as exc:
            print(f"bench: error: {exc}", file=sys.stderr)
            return 2
        target = Path(args.output or ("docs/scale.md" if args.scale else "docs/benchmarks.md"))
        report = scale_report(root) if args.scale else render(root, quick=args.quick)
    with atomic_writer(target) as fh:
        fh.write(report.encode("utf-8"))
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
