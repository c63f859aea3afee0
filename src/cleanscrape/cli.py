"""The ``cleanscrape`` command: clean, explain and score raw dumps."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import __version__
from .cleaner import KINDS, Kind, clean, default_pipeline
from .errors import CleanscrapeError
from .explain import render
from .files import STDIN, Source, atomic_writer, discover, iter_lines, output_name, read_bytes
from .pipeline import Pipeline

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
JSON_FIELDS = ("text", "html")


@dataclass
class Run:
    """Settings of one command run, and the failures it has met."""

    kind: Kind
    json_field: str | None
    with_removals: bool
    stdin: IO[bytes]
    pipeline: Pipeline
    failures: list[str] = field(default_factory=list)

    def fail(self, message: str) -> None:
        self.failures.append(message)
        print(f"cleanscrape: {message}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleanscrape",
        description="Strip boilerplate from scraped web text, explain every removal, score purity.",
        epilog="Inputs: .txt, .html, .jsonl files (each optionally .gz), folders, or - for stdin.",
    )
    parser.add_argument("--version", action="version", version=f"cleanscrape {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or - for stdin")
        inputs = sub.add_argument_group("input")
        inputs.add_argument("--kind", choices=KINDS, default="auto", help="text or HTML (default: detect)")
        inputs.add_argument("--field", help="JSONL field to clean (default: text, else html)")
        inputs.add_argument(
            "--rules", action="append", metavar="FILE", help="JSONL user rules or a line model (repeatable)"
        )
        return sub

    sub = add("clean", "Write the clean text of each input.")
    sub.add_argument("-o", "--output", help="output file, or folder mirroring the inputs (default: stdout)")
    sub.add_argument("--explain", action="store_true", help="JSONL: add each record's removals")
    sub = add("explain", "Show each input with removed spans marked and their reasons.")
    sub.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    add("score", "Print the purity of each document: the share of it that is article content.")
    sub = commands.add_parser("learn", help="Learn a line model from annotated corpora.")
    sub.add_argument("corpora", nargs="+", metavar="CORPUS", help="corpus/ folder, aeb-dev or teval-dev half")
    sub.add_argument("-o", "--output", required=True, help="model file (JSON) to write")
    sub = commands.add_parser("bench", help="Measure cleanscrape and its peers on the shared benchmarks.")
    sub.add_argument("--bench", metavar="DIR", help="benchmark folder (default: ../shared/bench)")
    sub.add_argument("-o", "--output", default="docs/benchmarks.md", help="Markdown report to write")
    sub.add_argument("--quick", action="store_true", help="skip jusText, teval, cross-validation, speed")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "bench":
        return _bench(args.bench, Path(args.output), args.quick)
    if args.command == "learn":
        return _learn([Path(c) for c in args.corpora], Path(args.output))
    sources, errors = discover(args.paths)
    if args.paths.count(STDIN) > 1:
        return _usage("stdin (-) can be named only once")
    try:
        pipeline = default_pipeline(args.rules)
    except CleanscrapeError as exc:
        return _usage(str(exc))
    run = Run(args.kind, args.field, getattr(args, "explain", False), sys.stdin.buffer, pipeline)
    for message in errors:
        run.fail(message)
    try:
        if args.command == "clean":
            code = _clean(run, sources, args.output)
            if code == EXIT_USAGE:
                return code
        elif args.command == "explain":
            color = args.color == "always" or (
                args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
            )
            _explain(run, sources, color)
        else:
            _score(run, sources)
    except KeyboardInterrupt:
        print("cleanscrape: interrupted; finished outputs are complete, none is partial", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    return EXIT_FAILED if run.failures else EXIT_OK


def _bench(folder: str | None, output: Path, quick: bool) -> int:
    from .bench.datasets import bench_root
    from .bench.report import render

    try:
        report = render(bench_root(folder), quick=quick)
    except CleanscrapeError as exc:
        return _usage(str(exc))
    with atomic_writer(output, gzipped=False) as fh:
        fh.write(report.encode("utf-8"))
    print(report)
    return EXIT_OK


def _learn(corpora: list[Path], output: Path) -> int:
    from .learn import load_corpora, train

    if any(output.resolve() == c.resolve() for c in corpora):
        return _usage(f"{output} would overwrite a corpus; choose another --output")
    try:
        examples = load_corpora(corpora)
        model = train(examples)
    except (CleanscrapeError, ValueError, OSError) as exc:
        return _usage(str(exc))
    with atomic_writer(output, gzipped=False) as fh:
        fh.write(model.to_json().encode("utf-8"))
    lines = sum(1 for ex in examples for label in ex.labels if label is not None)
    print(f"learned from {len(examples)} dumps, {lines} labelled lines; digest {model.digest[:12]}")
    print(f"wrote {output}")
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"cleanscrape: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _clean(run: Run, sources: list[Source], output: str | None) -> int:
    if output is None:
        for source in sources:
            _emit(run, source, sys.stdout.buffer)
        return EXIT_OK
    out = Path(output)
    single_file = len(sources) == 1 and not out.is_dir() and not output.endswith(os.sep)
    plan = {s: (out if single_file else out / output_name(s)) for s in sources}
    inputs = {s.path.resolve() for s in sources if s.path is not None}
    for target in plan.values():
        if target.resolve() in inputs:
            return _usage(f"{target} would overwrite an input; choose another --output")
    if len(set(plan.values())) < len(plan):
        return _usage("two inputs map to the same output file; clean them into separate folders")
    for source, target in plan.items():
        try:
            with atomic_writer(target, gzipped=source.gzipped and not single_file) as fh:
                _emit(run, source, fh)
        except OSError as exc:
            run.fail(f"{target}: cannot write ({exc.strerror or exc})")
    return EXIT_OK


def _emit(run: Run, source: Source, out: IO[bytes]) -> None:
    """Clean one source into ``out``: text for text and HTML, records for JSONL."""
    try:
        if source.format == "jsonl" or (source.path is None and _looks_like_jsonl(run)):
            for line in _records(run, source):
                out.write(line)
            return
        data = read_bytes(source, run.stdin)
        text = clean(data, kind=_kind(run, source.format == "html"), pipeline=run.pipeline).text
        out.write(text.encode("utf-8"))
        if text and not text.endswith("\n"):
            out.write(b"\n")
    except CleanscrapeError as exc:
        run.fail(str(exc))


def _looks_like_jsonl(run: Run) -> bool:
    """Peek at stdin: a first line that is a JSON object means JSONL."""
    peek = getattr(run.stdin, "peek", None)
    head = peek(4096) if peek else b""
    return head.lstrip().startswith(b"{")


@dataclass(frozen=True)
class Record:
    """One parsed JSONL record; ``name`` is the field to clean, None if it has none."""

    where: str
    raw: bytes
    data: dict[str, Any]
    name: str | None


def _read_records(run: Run, source: Source) -> Iterator[Record]:
    """Parse JSONL records; a line that is not a JSON object is reported and skipped."""
    for number, raw in enumerate(iter_lines(source, run.stdin), start=1):
        where = f"{source.label}:{number}"
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            run.fail(f"{where}: not a JSON record ({exc}); skipped")
            continue
        if not isinstance(data, dict):
            run.fail(f"{where}: a JSON value but not an object; skipped")
            continue
        name = run.json_field or next((f for f in JSON_FIELDS if f in data), None)
        yield Record(where, raw, data, name if name and isinstance(data.get(name), str) else None)


def _missing_field(run: Run, record: Record) -> str:
    return f"{record.where}: no string field {run.json_field or ' or '.join(JSON_FIELDS)}"


def _kind(run: Run, is_html: bool) -> Kind:
    """The kind to clean with: HTML by file suffix or field name unless --kind says otherwise."""
    return "html" if is_html and run.kind == "auto" else run.kind


def _records(run: Run, source: Source) -> Iterator[bytes]:
    """Yield cleaned JSONL lines; a record without the field is copied unchanged."""
    for record in _read_records(run, source):
        if record.name is None:
            run.fail(_missing_field(run, record) + "; record copied unchanged")
            yield record.raw if record.raw.endswith(b"\n") else record.raw + b"\n"
            continue
        data = dict(record.data)
        result = clean(data.pop(record.name), kind=_kind(run, record.name == "html"), pipeline=run.pipeline)
        data["text"] = result.text
        data["purity"] = round(result.purity, 4)
        for key in ("title", "author", "date", "url"):  # what an HTML page states about itself
            value = getattr(result, key)
            if value is not None:
                data.setdefault(key, value)
        if run.with_removals:
            data["removals"] = [r.to_dict(result.source) for r in result.removals]
        yield (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")


def _explain(run: Run, sources: list[Source], color: bool) -> None:
    for source in sources:
        try:
            for label, text, kind in _documents(run, source):
                result = clean(text, kind=kind, pipeline=run.pipeline)
                header = f"== {label}  purity {result.purity:.3f}  removals {len(result.removals)}"
                print(header)
                print(render(result, color=color).rstrip("\n"))
        except CleanscrapeError as exc:
            run.fail(str(exc))


def _score(run: Run, sources: list[Source]) -> None:
    for source in sources:
        try:
            for label, text, kind in _documents(run, source):
                print(f"{clean(text, kind=kind, pipeline=run.pipeline).purity:.3f}\t{label}")
        except CleanscrapeError as exc:
            run.fail(str(exc))


def _documents(run: Run, source: Source) -> Iterator[tuple[str, str | bytes, Kind]]:
    """Yield (label, content, kind) for each document in a source: one, or one per record."""
    if source.format != "jsonl":
        yield source.label, read_bytes(source, run.stdin), _kind(run, source.format == "html")
        return
    for record in _read_records(run, source):
        if record.name is None:
            run.fail(_missing_field(run, record) + "; skipped")
            continue
        yield record.where, record.data[record.name], _kind(run, record.name == "html")


if __name__ == "__main__":
    raise SystemExit(main())
