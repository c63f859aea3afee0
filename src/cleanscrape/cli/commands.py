"""The ``cleanscrape`` command: clean, explain and score raw dumps."""

from __future__ import annotations

import argparse
import io
import os
import signal
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, Any, cast

from .. import __version__
from ..api import INPUT_KINDS, default_pipeline
from ..core.text import plural
from ..core.types import SiteLines
from ..crawl.site_memory import MIN_PAGES, MIN_SHARE, SiteMemory
from ..errors import CleanscrapeError, WorkersFailed
from ..filters import Headline
from ..learned.calibration import FAVORS
from ..reading.files import (
    MAX_BYTES,
    STDIN,
    Compression,
    Source,
    byte_size,
    compression_of,
    discover,
    parse_byte_size,
)
from .jobs import (
    OUTPUT_FORMATS,
    TIME_LIMIT,
    Command,
    Interrupted,
    Outcome,
    OutputFormat,
    Outputs,
    Settings,
    StdoutClosed,
    interrupts_raised,
    run_jobs,
)
from .outputs import atomic_writer, output_name, sweep_stale_parts
from .progress import Tally
from .report import Entry, report_page

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
TEXT_SEPARATOR = "\f\n"  # after each text document where several go to stdout: a form feed line


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleanscrape",
        description="Strip boilerplate from scraped web text, explain every removal, score purity.",
        epilog="Inputs: .txt, .html, .jsonl, .warc files (each may be .gz or .zst), folders, - for stdin.",
    )
    parser.add_argument("--version", action="version", version=f"cleanscrape {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="file, folder, or - for stdin (default: stdin, when piped)",
        )
        inputs = sub.add_argument_group("input")
        inputs.add_argument(
            "--kind",
            choices=INPUT_KINDS,
            default="auto",
            help="text or HTML (default: detect); extracted: text an extractor already cut from its page",
        )
        inputs.add_argument("--field", help="JSONL field to clean (default: text, else html)")
        inputs.add_argument(
            "--rules", action="append", metavar="FILE", help="JSONL user rules or a line model (repeatable)"
        )
        inputs.add_argument(
            "--favor", choices=FAVORS, default="balanced",
            help="operating point: precision leaves less noise, recall keeps more article "
            "(default: balanced)",
        )  # fmt: skip
        for flag, what in (("--include", "only files matching"), ("--exclude", "no files matching")):
            inputs.add_argument(flag, action="append", default=[], metavar="GLOB", help=f"in folders: {what}")
        running = sub.add_argument_group("running")
        running.add_argument("-j", "--jobs", type=_positive, default=1, help="worker processes (default: 1)")
        running.add_argument(
            "--max-bytes", type=_byte_size, default=MAX_BYTES, metavar="SIZE",
            help="a document (a file, a JSONL line, a WARC payload) larger than this once decompressed "
            f"fails alone (K, M, G; default {byte_size(MAX_BYTES).replace(' MiB', 'M')})",
        )  # fmt: skip
        running.add_argument(
            "--time-limit", type=_seconds, default=TIME_LIMIT, metavar="SECONDS",
            help=f"a document that takes longer fails alone (0: no limit; default {TIME_LIMIT:g})",
        )  # fmt: skip
        running.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
        site = sub.add_argument_group("site memory (reads the inputs twice)")
        site.add_argument("--site-memory", action="store_true", help="drop lines recurring on a site's pages")
        at_least = f"a template line is on at least N pages (default {MIN_PAGES})"
        site.add_argument("--site-min-pages", type=int, default=MIN_PAGES, metavar="N", help=at_least)
        share_help = f"and on at least this share of its site's pages (default {MIN_SHARE})"
        site.add_argument("--site-share", type=float, default=MIN_SHARE, metavar="F", help=share_help)
        return sub

    sub = add("clean", "Write the clean text of each input.")
    out_help = "output file, or folder mirroring the inputs (default, or -: stdout)"
    sub.add_argument("-o", "--output", help=out_help)
    sub.add_argument(
        "--format", choices=OUTPUT_FORMATS,
        help="txt, json (an object per input) or jsonl (a record per input); JSONL and WARC inputs are "
        "always written as JSONL (default: by the -o suffix, else txt)",
    )  # fmt: skip
    sub.add_argument("--with-metadata", action="store_true", help="txt: a front matter of title, url, …")
    sub.add_argument("--explain", action="store_true", help="JSON and JSONL: add each removal")
    sub.add_argument("--keep-html", action="store_true", help="JSONL inputs: keep the html field")
    sub.add_argument(
        "--min-purity", type=_unit_interval, default=0.0, metavar="P",
        help="drop documents whose purity is below P (0 to 1; default 0: keep all)",
    )  # fmt: skip
    sub.add_argument(
        "--keep-headline", action="store_true", help="HTML: leave the page's headline in the text"
    )
    sub.add_argument("--force", action="store_true", help="redo inputs whose output is already there")
    sub = add("explain", "Show each input with removed spans marked and their reasons.")
    sub.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto",
        help="mark removals in colour (default: auto, on a terminal unless NO_COLOR is set)",
    )  # fmt: skip
    sub.add_argument("--html", metavar="FILE", help="write a self-contained HTML report instead")
    add("score", "Print the purity of each document: the share of it that is article content.")
    learn_help = "Learn a line model from annotated corpora."
    sub = commands.add_parser("learn", help=learn_help, description=learn_help)
    sub.add_argument(
        "corpora", nargs="+", metavar="CORPUS", help="corpus/ folder, aeb-dev, teval-dev or wcxb-dev"
    )
    sub.add_argument("-o", "--output", required=True, help="model file (JSON) to write")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (128 + the signal's number when interrupted)."""
    with interrupts_raised():
        try:
            return _command(argv)
        except KeyboardInterrupt as exc:
            signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
            print(f"cleanscrape: interrupted ({signal.Signals(signum).name}); finished outputs are complete, "
                  "none is partial", file=sys.stderr)  # fmt: skip
            return 128 + signum
        except StdoutClosed:  # `cleanscrape clean ... | head`: what was asked for was written
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
            return EXIT_OK


def _command(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    if not (sys.argv[1:] if argv is None else argv):
        parser.print_help()
        return EXIT_OK
    args = parser.parse_args(argv)
    if args.command == "learn":
        return _learn([Path(c) for c in args.corpora], Path(args.output))
    if getattr(args, "output", None) == STDIN:  # `-o -`, as a PATH of - is stdin
        args.output = None
    if not args.paths:
        if sys.stdin.isatty():
            return _usage(f"name a PATH, or pipe the input in (cleanscrape {args.command} < FILE)")
        args.paths = [STDIN]
    if args.paths.count(STDIN) > 1:
        return _usage("stdin (-) can be named only once")
    try:
        pipeline = default_pipeline(args.rules, favor=args.favor)
    except CleanscrapeError as exc:
        return _usage(str(exc))
    if getattr(args, "keep_headline", False):
        pipeline = replace(pipeline, filters=[f for f in pipeline.filters if not isinstance(f, Headline)])
    sources, errors = discover(args.paths, args.include, args.exclude)
    failures: list[str] = []

    def fail(message: str) -> None:
        failures.append(message)
        print(f"cleanscrape: {message}", file=sys.stderr)

    for message in errors:
        fail(message)
    stdin = sys.stdin.buffer
    sources = [_stdin_format(s, stdin) for s in sources]
    command: Command = "report" if getattr(args, "html", None) else args.command
    color = getattr(args, "color", "never") == "always" or (
        getattr(args, "color", "never") == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    )
    settings = Settings(command, pipeline, args.kind, args.field, getattr(args, "explain", False), color,
                        max_bytes=args.max_bytes, time_limit=args.time_limit)  # fmt: skip
    if command == "clean":
        chosen = _output_format(args.format, args.output, args.explain, sources)
        if chosen not in OUTPUT_FORMATS:
            return _usage(chosen)
        several = args.output is None and (len(sources) > 1 or any(Path(p).is_dir() for p in args.paths))
        settings = replace(
            settings, output_format=chosen, with_metadata=args.with_metadata, keep_html=args.keep_html,
            separator=TEXT_SEPARATOR if several else "", min_purity=args.min_purity,
        )  # fmt: skip
    progress = not args.quiet and sys.stderr.isatty()
    running: dict[str, Any] = {"jobs": args.jobs, "progress": progress, "fail": fail}
    if args.site_memory:
        if any(s.path is None for s in sources):
            return _usage("--site-memory reads its inputs twice, so it takes files, not stdin")
        try:  # SiteMemory checks its own settings
            memory = SiteMemory(args.site_min_pages, args.site_share)
        except CleanscrapeError as exc:
            return _usage(str(exc))
        template = _learn_sites(settings, sources, memory, running, args.quiet)
        settings = replace(settings, site_template=template)
    try:
        if command == "clean" and args.output is not None:
            one_file = len(args.paths) == 1 and not Path(args.paths[0]).is_dir()
            if not one_file:
                kept = _outside_output(sources, args.paths, Path(args.output))
                if isinstance(kept, str):
                    return _usage(kept)
                sources = kept
            plan = _plan(sources, args.output, args.force, one_file, settings.output_format)
            if isinstance(plan, str):
                return _usage(plan)
            todo, targets = plan
            for stale in sweep_stale_parts(target for target, _ in targets.values()):
                print(f"cleanscrape: removed {stale}, left by a run that was killed", file=sys.stderr)
            tally = run_jobs(settings, todo, Outputs(targets, None), stdin=stdin, **running)
            tally.skipped_files = len(sources) - len(todo)
        elif command == "report":
            tally = _report(settings, sources, Path(args.html), running)
        else:
            tally = run_jobs(settings, sources, Outputs(None, sys.stdout.buffer), stdin=stdin, **running)
    except WorkersFailed as exc:
        print(f"cleanscrape: {exc}; finished outputs are complete, none is partial; re-run to resume",
              file=sys.stderr)  # fmt: skip
        return EXIT_FAILED
    if not args.quiet and (args.output is not None if command == "clean" else command == "report"):
        print(tally.summary(), file=sys.stderr)
    return EXIT_FAILED if failures else EXIT_OK


def _learn_sites(
    settings: Settings, sources: list[Source], memory: SiteMemory, running: dict[str, Any], quiet: bool
) -> dict[str, SiteLines]:
    """The first pass of ``--site-memory``: count each site's lines; failures wait for the second."""

    def count(outcome: Outcome) -> None:
        if outcome.site is not None:
            memory.observe(*outcome.site)

    first = {**running, "fail": lambda message: None}
    observing = replace(settings, command="observe")
    run_jobs(observing, sources, Outputs(None, io.BytesIO()), stdin=sys.stdin.buffer, observe=count, **first)
    template = memory.template()
    if not quiet:
        lines = sum(len(t.lines) for t in template.values())
        sites = f"{len(template)} of {len(memory.pages)} sites"
        print(f"cleanscrape: site memory: {lines} template lines on {sites}", file=sys.stderr)
    return template


def _unit_interval(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def _byte_size(text: str) -> int:
    try:
        return parse_byte_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _seconds(text: str) -> float:
    value = float(text)
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} is no number of seconds (0 or more)")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _stdin_format(source: Source, stdin: IO[bytes]) -> Source:
    """Stdin is JSONL when its first line is a JSON object, else text."""
    if source.path is not None:
        return source
    peek = getattr(stdin, "peek", None)
    head = peek(4096) if peek else b""
    return replace(source, format="jsonl") if head.lstrip().startswith(b"{") else source


def _output_format(
    explicit: OutputFormat | None, output: str | None, explain: bool, sources: list[Source]
) -> OutputFormat | str:
    """The output format of text and HTML inputs (``OUTPUT_FORMATS``), or why the request is
    refused: ``--format``, else the suffix of a one-file ``-o``, else JSON where ``--explain``
    asks for removals, else txt. JSONL and WARC inputs are always written as JSONL."""
    named = _format_of_name(output) if output and not Path(output).is_dir() else None
    if explicit and named and explicit != named:
        return f"-o {output} names a .{named} file but --format is {explicit}; choose one"
    chosen = explicit or named or ("json" if explain else "txt")
    if explain and chosen == "txt":
        return (
            "--explain adds the removals to JSON output: use --format json or jsonl, or cleanscrape explain"
        )
    if (explicit or named) and chosen != "jsonl" and any(s.format in ("jsonl", "warc") for s in sources):
        return f"JSONL and WARC inputs are written as JSONL records, not {chosen}"
    return chosen


def _format_of_name(name: str) -> OutputFormat | None:
    """The output format a file name asks for by its suffix (compression aside), if any.

    >>> _format_of_name("out.jsonl.gz"), _format_of_name("page.json"), _format_of_name("out/")
    ('jsonl', 'json', None)
    """
    suffixes = [s.lower().lstrip(".") for s in Path(name).suffixes if s.lower() not in (".gz", ".zst")]
    last = suffixes[-1] if suffixes else ""
    by_suffix: dict[str, OutputFormat] = {"txt": "txt", "text": "txt", "json": "json", "jsonl": "jsonl"}
    return by_suffix.get(last)


def _plan(
    sources: list[Source], output: str, force: bool, one_file: bool, output_format: OutputFormat
) -> tuple[list[Source], dict[int, tuple[Path, Compression]]] | str:
    """The sources still to do and each one's output file; or why the plan is refused.

    One named file goes to ``output`` as a file unless that is a folder;
    otherwise ``output`` is a folder mirroring the inputs. An output newer
    than its input is finished work, skipped unless ``force``.
    """
    out = Path(output)
    single_file = one_file and len(sources) == 1 and not out.is_dir() and not output.endswith(os.sep)
    root = out.resolve()
    plan = {s: (out if single_file else out / output_name(s, output_format)) for s in sources}
    inputs = {s.path.resolve() for s in sources if s.path is not None}
    for target in plan.values():
        if target.resolve() in inputs:
            return f"{target} would overwrite an input; choose another --output"
        if not single_file and not target.parent.resolve().is_relative_to(root):
            return f"{target} would be written outside {out} (through a symlink); choose another --output"
    if len(set(plan.values())) < len(plan):
        return "two inputs map to the same output file; clean them into separate folders"
    todo = [s for s in sources if force or not _finished(s, plan[s])]
    targets = {}
    for index, source in enumerate(todo):
        compression = source.compression if not single_file else compression_of(plan[source])
        targets[index] = (plan[source], compression)
    return todo, targets


def _outside_output(sources: list[Source], named: list[str], output: Path) -> list[Source] | str:
    """The sources, less the files of an output folder inside a named input folder (the
    outputs of an earlier run); or why an output folder that is an input folder is refused."""
    root = output.resolve()
    folders = [Path(p).resolve() for p in named if p != STDIN and Path(p).is_dir()]
    if root in folders:
        return f"{output} is an input folder: its outputs would mix with its inputs; choose another --output"
    if not any(root.is_relative_to(folder) for folder in folders):
        return sources
    return [s for s in sources if s.path is None or not s.path.resolve().is_relative_to(root)]


def _finished(source: Source, target: Path) -> bool:
    try:
        return source.path is not None and target.stat().st_mtime >= source.path.stat().st_mtime
    except OSError:
        return False


def _report(settings: Settings, sources: list[Source], target: Path, running: dict[str, Any]) -> Tally:
    """Write the HTML report of ``sources`` to ``target``."""
    if any(s.path is not None and s.path.resolve() == target.resolve() for s in sources):
        raise SystemExit(_usage(f"{target} would overwrite an input; choose another --html file"))
    sections: list[bytes] = []
    entries: list[Entry] = []

    def keep(outcome: Outcome) -> None:
        if outcome.purity is not None:
            entries.append(
                Entry(outcome.where, outcome.purity, Counter(dict(outcome.reasons)), outcome.title)
            )

    outputs = Outputs(None, cast(IO[bytes], _Collector(sections)))
    tally = run_jobs(settings, sources, outputs, stdin=sys.stdin.buffer, observe=keep, **running)
    page = report_page(entries, (s.decode("utf-8") for s in sections))
    with atomic_writer(target) as fh:
        fh.write(page.encode("utf-8"))
    print(f"cleanscrape: wrote {target} ({plural(len(entries), 'document')})", file=sys.stderr)
    return tally


class _Collector(io.RawIOBase):
    """A binary sink that keeps each write (one report section) as an item of a list."""

    def __init__(self, items: list[bytes]) -> None:
        self.items = items

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.items.append(bytes(data))
        return len(data)


def _learn(corpora: list[Path], output: Path) -> int:
    from ..learned.training.train import load_corpora, train

    if any(output.resolve() == c.resolve() for c in corpora):
        return _usage(f"{output} would overwrite a corpus; choose another --output")
    try:
        examples = load_corpora(corpora)
        model = train(examples)
    except (CleanscrapeError, ValueError, OSError) as exc:
        return _usage(str(exc))
    with atomic_writer(output) as fh:
        fh.write(model.to_json().encode("utf-8"))
    lines = sum(1 for ex in examples for label in ex.labels if label is not None)
    print(f"learned from {len(examples)} dumps, {lines} labelled lines; digest {model.digest[:12]}")
    print(f"wrote {output}")
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"cleanscrape: error: {message}", file=sys.stderr)
    return EXIT_USAGE
