"""``python -m bench.calibrate``: learn what a text is (page dump or extracted, page type)
from the bench halves, then how sure each removal is, and the operating points; writes the
provenance model and the calibration table the package ships."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from cleanscrape.cli.outputs import atomic_writer
from cleanscrape.errors import CleanscrapeError
from cleanscrape.learned.line_model import default_model
from cleanscrape.learned.training.datasets import bench_root
from cleanscrape.learned.training.train import provenance_examples, train_provenance

from .heldout import DATASETS, corpus_cases, fit_calibration, load_cases, observe, ungated


def build_parser() -> argparse.ArgumentParser:
    description = "Fit the provenance model and the calibration table the package ships."
    parser = argparse.ArgumentParser(prog="python -m bench.calibrate", description=description)
    parser.add_argument("--bench", metavar="DIR", help="benchmark folder (default: ../shared/bench)")
    parser.add_argument("--corpus", metavar="DIR", default="corpus", help="project corpus (default: corpus)")
    parser.add_argument(
        "--provenance", metavar="FILE", required=True, help="provenance model (JSON) to write"
    )
    parser.add_argument("-o", "--output", required=True, help="calibration table (JSON) to write")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    corpus, provenance_path, output = Path(args.corpus), Path(args.provenance), Path(args.output)
    try:
        root = bench_root(args.bench)
        provenance = train_provenance(provenance_examples(root))
        with atomic_writer(provenance_path) as fh:
            fh.write(provenance.to_json().encode("utf-8"))
        cases = load_cases(root) + corpus_cases(corpus)
        outcomes = observe(cases, ungated(default_model(), provenance))
        table = fit_calibration(outcomes, (*DATASETS, corpus.name))
    except (CleanscrapeError, OSError) as exc:
        print(f"bench.calibrate: error: {exc}", file=sys.stderr)
        return 2
    with atomic_writer(output) as fh:
        fh.write(table.to_json().encode("utf-8"))
    points = ", ".join(f"{favor} {t:.2f}" for favor, t in table.thresholds.items())
    print(f"calibrated {len(table.cells)} cells on {len(outcomes)} inputs; operating points {points}")
    print(f"wrote {provenance_path} and {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
