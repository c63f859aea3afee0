"""Running a command over many inputs: documents read in order, cleaned in workers, written in order.

The main process reads the inputs and turns them into jobs (a file's
content, a JSONL line, a WARC page); workers clean each job and format what
the command prints for it; the main process writes the results in input
order, one atomic output file per input. A document that fails is reported
and the run goes on; an input that cannot be read to its end leaves no
output behind.
"""

from __future__ import annotations

import contextlib
import io
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from ..api import Kind, clean_page, hinted_kind, read_input, site_lines
from ..core.types import Cleaned, SiteLines
from ..crawl.warc import WARC_ERRORS, WarcTally, read_pages
from ..errors import CleanscrapeError, WorkersFailed
from ..html.page import Page
from ..pipeline import Pipeline
from ..reading.files import (
    MAX_BYTES,
    READ_ERRORS,
    Compression,
    CountingReader,
    Source,
    bounded_lines,
    open_input,
    read_bounded,
    read_error,
    too_large,
)
from ..stream import ordered_map
from .explain import render
from .outputs import AtomicFile
from .progress import ProgressBar, Tally
from .report import report_section

Command = Literal["clean", "explain", "score", "report", "observe"]
InputShape = Literal["plain", "jsonl", "warc"]
OutputFormat = Literal["txt", "json", "jsonl"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("txt", "json", "jsonl")
JSON_FIELDS = ("text", "html")
METADATA = ("title", "author", "date", "url", "description", "page_type")
ENCODED_PART_CHARS = 1 << 20  # a long output text is encoded this many characters at a time
# The default seconds one document may take (``--time-limit``): twice the slowest input
# of docs/reliability.md's first table that is cleaned in full (a million short lines).
TIME_LIMIT = 120.0


@dataclass(frozen=True)
class Settings:
    """What every worker needs to know, sent to each once."""

    command: Command
    pipeline: Pipeline
    kind: Kind = "auto"
    json_field: str | None = None
    with_removals: bool = False
    color: bool = False
    site_template: Mapping[str, SiteLines] | None = None
    output_format: OutputFormat = "txt"  # of a text or HTML input's clean result; records stay JSONL
    with_metadata: bool = False
    keep_html: bool = False
    separator: str = ""  # after each text document, where several share one stream
    min_purity: float = 0.0  # "clean": a document below it is dropped, not written
    max_bytes: int = MAX_BYTES  # a document (file, JSONL line, WARC payload) decompressed past it fails
    time_limit: float = TIME_LIMIT  # seconds a document may take before it fails alone; 0: no limit


@dataclass
class Job:
    """One document to process: where it came from, its content, and how it is shaped."""

    source: int
    where: str
    payload: bytes | str
    shape: InputShape
    html: bool = False
    position: int = 0
    warc: tuple[str, str, str] | None = None  # record id, target URI, capture date
    error: str | None = None  # why the document could not be read (it fails alone)

    def take_payload(self) -> bytes | str:
        """The content, which the job gives up: the reader that takes it then holds the only
        reference, and a big file's bytes are freed once decoded, not kept while cleaning."""
        payload, self.payload = self.payload, b""
        return payload


@dataclass(frozen=True)
class EndOfSource:
    """Marks that a source has no more jobs; ``error`` says why its output is dropped."""

    source: int
    position: int
    error: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What a worker made of a job: bytes to write (in pieces, so that a huge text is never
    copied to join them), or the failure, and what to count."""

    source: int
    position: int
    where: str
    data: tuple[bytes, ...] = ()
    failure: str | None = None
    copied: str | None = None  # why a record was written as it came (a warning, not a failure)
    purity: float | None = None
    reasons: tuple[tuple[str, int], ...] = ()
    fatal: bool = False  # the whole source's output is dropped
    dropped: bool = False  # cleaned, but below ``Settings.min_purity``: not written
    title: str | None = None  # what an HTML page called itself (the report's index shows it)
    site: tuple[str | None, frozenset[int]] | None = None  # what site memory counts ("observe")


def process(settings: Settings, job: Job | EndOfSource) -> Outcome | EndOfSource:
    """Clean one job (in a worker) and format it for the command, within its time limit."""
    if isinstance(job, EndOfSource):
        return job
    if job.error is not None:
        return _failed(job, job.error)
    try:
        with time_limit(settings.time_limit):
            return _process(settings, job)
    except OverTime:
        return _failed(job, f"took more than {settings.time_limit:g} s (the --time-limit); not cleaned")


class OverTime(BaseException):
    """A document ran past its time limit (no ``Exception``, so that no ``except Exception``
    in a library on the way swallows it)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``OverTime`` where the code runs once ``seconds`` have passed (a timer signal:
    in the main thread of a POSIX process only, elsewhere or with 0 no limit). Python code
    and the ``regex`` module are stopped where they are; one call into lxml finishes first."""
    if (
        seconds <= 0
        or threading.current_thread() is not threading.main_thread()
        or not hasattr(signal, "setitimer")
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise OverTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _process(settings: Settings, job: Job) -> Outcome:
    try:
        if job.shape == "jsonl":
            return _process_record(settings, job)
        kind = hinted_kind(settings.kind, job.html or job.shape == "warc")
        url = job.warc[1] if job.warc else None
        if settings.command == "observe":
            return _observed(job, job.payload, kind, url)
        result = _clean(settings, read_input(job.take_payload(), kind, settings.pipeline.selectors), url)
        label = url or job.where
        if settings.command == "clean" and job.warc:
            return _outcome(
                job, result, _record_line(settings, _warc_fields(job), result), settings.min_purity
            )
        return _outcome(job, result, _formatted(settings, label, result), settings.min_purity)
    except CleanscrapeError as exc:
        return _failed(job, str(exc))
    except Exception as exc:  # a bug must not end a run of a million documents
        return _failed(job, f"internal error {type(exc).__name__}: {exc} (please report it)")


def _process_record(settings: Settings, job: Job) -> Outcome:
    raw = job.payload if isinstance(job.payload, bytes) else job.payload.encode()
    try:
        data = json.loads(raw.rstrip(b"\r\n"))  # the line's own break is no part of the record
    except (ValueError, UnicodeDecodeError) as exc:
        return _failed(job, f"not a JSON record ({exc}); skipped")
    if not isinstance(data, dict):
        return _failed(job, "a JSON value but not an object; skipped")
    name = settings.json_field or next((f for f in JSON_FIELDS if f in data), None)
    if name is None or not isinstance(data.get(name), str):
        wanted = settings.json_field or " or ".join(JSON_FIELDS)
        if settings.command != "clean":
            return _failed(job, f"no string field {wanted}; skipped")
        copy = (raw,) if raw.endswith(b"\n") else (raw, b"\n")
        return Outcome(
            job.source, job.position, job.where, copy, copied=f"{job.where}: no string field {wanted}"
        )
    kind = hinted_kind(settings.kind, name == "html")
    url = data.get("url") if isinstance(data.get("url"), str) else None
    if settings.command == "observe":
        return _observed(job, data[name], kind, url)
    result = _clean(settings, read_input(data[name], kind, settings.pipeline.selectors), url)
    if name != "text" and not (name == "html" and settings.keep_html):
        del data[name]
    if settings.command == "clean":
        return _outcome(job, result, _record_line(settings, data, result), settings.min_purity)
    return _outcome(job, result, _formatted(settings, job.where, result))


def _clean(settings: Settings, page: Page, url: str | None) -> Cleaned:
    """``clean`` with the settings' pipeline, on a page read by ``read_input``."""
    return clean_page(page, settings.pipeline, settings.site_template, url)


def _observed(job: Job, payload: bytes | str, kind: Kind, url: str | None) -> Outcome:
    """The first pass of ``--site-memory``: the page's host and line keys, nothing written."""
    return Outcome(job.source, job.position, job.where, site=site_lines(payload, kind=kind, url=url))


def _failed(job: Job, message: str, data: bytes = b"") -> Outcome:
    """A job that failed; a whole-file document takes its file's output with it."""
    where, fatal = job.where, job.shape == "plain"
    chunks = (data,) if data else ()
    return Outcome(job.source, job.position, where, chunks, failure=f"{where}: {message}", fatal=fatal)


def _warc_fields(job: Job) -> dict[str, Any]:
    assert job.warc is not None
    record_id, uri, captured = job.warc
    return {"id": record_id, "url": uri, "warc_date": captured}


def _record_line(settings: Settings, fields: dict[str, Any], result: Cleaned) -> tuple[bytes, ...]:
    record = result.to_record(fields, removals=settings.with_removals)
    return (json_line(record),)


def json_line(record: Mapping[str, Any], indent: int | None = None) -> bytes:
    r"""``record`` as UTF-8 JSON and a line break. A lone surrogate (an escape such as
    ``\ud83d`` in the input record) cannot be UTF-8: such a record is written with ASCII
    escapes instead, every character kept.

    >>> json_line({"text": "Köln " + chr(0xD83D)})
    b'{"text": "K\\u00f6ln \\ud83d"}\n'
    """
    try:
        return (json.dumps(record, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record, ensure_ascii=True, indent=indent) + "\n").encode("ascii")


def _formatted(settings: Settings, label: str, result: Cleaned) -> tuple[bytes, ...]:
    if settings.command == "clean":
        return _clean_output(settings, label, result)
    if settings.command == "score":
        return (f"{result.purity:.3f}\t{label}\n".encode(),)
    if settings.command == "report":
        return (report_section(label, result).encode("utf-8", "backslashreplace"),)
    header = f"== {label}  purity {result.purity:.3f}  removals {len(result.removals)}"
    if result.rescued:
        header += f"  (safety net kept {len(result.rescued)} removals back: they would gut the article)"
    shown = f"{header}\n{render(result, color=settings.color).rstrip(chr(10))}\n"
    return (shown.encode("utf-8", "backslashreplace"),)  # a lone surrogate of a JSONL escape shows as such


def _clean_output(settings: Settings, label: str, result: Cleaned) -> tuple[bytes, ...]:
    """A text or HTML input's clean result in the output format: the text (after a front
    matter of its metadata, with ``with_metadata``), a JSON object, or a JSONL record."""
    if settings.output_format != "txt":
        record = result.to_record({"source": label}, removals=settings.with_removals)
        return (json_line(record, 2 if settings.output_format == "json" else None),)
    text = result.text
    head = ""
    if settings.with_metadata:
        known = [(key, getattr(result, key)) for key in METADATA if getattr(result, key)]
        header = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in known)
        head = f"---\n{header}---\n"
    tail = ("\n" if text and not text.endswith("\n") else "") + settings.separator
    return tuple(part for piece in (head, text, tail) for part in _utf8_parts(piece))


def _utf8_parts(text: str) -> list[bytes]:
    """``text`` in UTF-8, a part for each ``ENCODED_PART_CHARS`` characters: Python makes
    room for the longest UTF-8 a text could take before it encodes it, three times the
    length of a long text beyond Latin-1, where the parts take their own size."""
    return [
        text[at : at + ENCODED_PART_CHARS].encode("utf-8") for at in range(0, len(text), ENCODED_PART_CHARS)
    ]


def _outcome(job: Job, result: Cleaned, data: tuple[bytes, ...], min_purity: float = 0.0) -> Outcome:
    reasons = result.reason_counts
    counts = tuple(reasons.items())
    if result.purity < min_purity:  # a whole-file document takes its file with it
        where, fatal = job.where, job.shape == "plain"
        return Outcome(
            job.source, job.position, where, purity=result.purity, reasons=counts, fatal=fatal, dropped=True
        )
    return Outcome(job.source, job.position, job.where, data, purity=result.purity, reasons=counts,
                   title=result.title)  # fmt: skip


def read_jobs(
    sources: Sequence[Source], stdin: IO[bytes], warc_tally: WarcTally, max_bytes: int = MAX_BYTES
) -> Iterator[Job | EndOfSource]:
    """Every document of every source, in order, each source closed by an ``EndOfSource``;
    no document is read past ``max_bytes``."""
    for index, source in enumerate(sources):
        counter = CountingReader(io.BytesIO())
        try:
            with open_input(source, stdin) as (stream, counter):
                yield from _source_jobs(index, source, stream, counter, warc_tally, max_bytes)
        except CleanscrapeError as exc:
            yield EndOfSource(index, counter.consumed, str(exc))
            continue
        except (*READ_ERRORS, *WARC_ERRORS) as exc:
            yield EndOfSource(index, counter.consumed, str(read_error(source, exc)))
            continue
        except MemoryError:
            yield EndOfSource(index, counter.consumed, f"{source.label}: out of memory reading it")
            continue
        yield EndOfSource(index, counter.consumed)


def _source_jobs(
    index: int,
    source: Source,
    stream: IO[bytes],
    counter: CountingReader,
    warc_tally: WarcTally,
    max_bytes: int,
) -> Iterator[Job]:
    if source.format == "warc":
        for page in read_pages(stream, warc_tally, max_bytes):
            where = f"{source.label}:{page.record_id}"
            warc = (page.record_id, page.uri, page.date)
            error = too_large(where, max_bytes) if page.payload is None else None
            yield Job(index, where, page.payload or b"", "warc", True, counter.consumed, warc, error)
    elif source.format == "jsonl":
        for number, line in enumerate(bounded_lines(stream, max_bytes), start=1):
            where = f"{source.label}:{number}"
            if line is None:
                yield Job(
                    index, where, b"", "jsonl", position=counter.consumed, error=too_large(where, max_bytes)
                )
            elif line.strip():
                yield Job(index, where, line, "jsonl", position=counter.consumed)
    else:
        is_html = source.format == "html"  # the content goes straight into the job, its one holder
        yield Job(index, source.label, read_bounded(stream, max_bytes, source.label), "plain", is_html,
                  counter.consumed)  # fmt: skip


class Outputs:
    """Where each source's results go: one atomic file per source, or one shared stream."""

    def __init__(self, targets: dict[int, tuple[Path, Compression]] | None, shared: IO[bytes] | None) -> None:
        self.targets, self.shared = targets, shared
        self._open: tuple[int, AtomicFile] | None = None

    def write(self, source: int, data: tuple[bytes, ...]) -> None:
        if self.shared is not None:
            try:
                for chunk in data:
                    self.shared.write(chunk)
            except BrokenPipeError as exc:
                raise StdoutClosed from exc
            return
        stream = self._file(source).stream
        for chunk in data:
            stream.write(chunk)

    def finish(self, source: int, keep: bool) -> str | None:
        """Commit (or drop) the source's file; a message if it could not be written."""
        if self.shared is not None:
            return None
        if not keep:  # drop what was written, if anything; never open a file just to drop it
            if self._open is not None and self._open[0] == source:
                self.abort()
            return None
        try:
            out = self._file(source)
            self._open = None
            out.commit()
        except OSError as exc:
            return f"{self.name(source)}: cannot write ({exc.strerror or exc})"
        return None

    def abort(self) -> None:
        """Drop whatever file is half written (on an interrupt)."""
        if self._open is not None:
            self._open[1].abort()
            self._open = None

    def name(self, source: int) -> str:
        """How messages name a source's output."""
        return "<stdout>" if self.targets is None else str(self.targets[source][0])

    def _file(self, source: int) -> AtomicFile:
        if self._open is None or self._open[0] != source:
            assert self.targets is not None
            self._open = (source, AtomicFile(*self.targets[source]))
        return self._open[1]


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (SIGINT) or SIGTERM, raised where it is safe to stop; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class StdoutClosed(Exception):
    """The reader of standard output went away (``| head``): the run stops, and that is no failure."""


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def interrupts_raised() -> Iterator[None]:
    """SIGTERM, like Ctrl-C, raises ``Interrupted``, so that a run stopped either way
    cleans up (outputs, worker processes) before it exits."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def deferred_interrupts() -> Iterator[Callable[[], None]]:
    """Note Ctrl-C or SIGTERM and raise it only where the caller checks (between documents),
    never while an output file is created, written or moved; a second one stops at once."""
    if threading.current_thread() is not threading.main_thread():
        yield lambda: None
        return
    requested: int | None = None

    def note(signum: int, frame: object) -> None:
        nonlocal requested
        if requested is not None:
            raise Interrupted(signum)
        requested = signum

    def check() -> None:
        if requested is not None:
            raise Interrupted(requested)

    previous = {signum: signal.signal(signum, note) for signum in STOP_SIGNALS}
    try:
        yield check
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run_jobs(
    settings: Settings,
    sources: Sequence[Source],
    outputs: Outputs,
    *,
    stdin: IO[bytes],
    jobs: int,
    progress: bool,
    fail: Callable[[str], None],
    observe: Callable[[Outcome], None] | None = None,
) -> Tally:
    """Process every document of ``sources`` and write the results; return the run's counts.

    ``fail`` is told of each failure; ``observe`` sees each document's outcome.
    """
    tally = Tally()
    warc_tally = WarcTally()
    sizes = [s.size for s in sources]
    total = None if None in sizes else sum(s or 0 for s in sizes)
    bar = ProgressBar(sys.stderr, total, progress)
    done_bytes = 0  # of finished sources
    broken: set[int] = set()  # sources whose output is dropped
    below: set[int] = set()  # of them, whole-file documents under --min-purity (counted as dropped)
    jobs_read = read_jobs(sources, stdin, warc_tally, settings.max_bytes)
    with deferred_interrupts() as stop_if_interrupted:
        try:
            for item in ordered_map(process, settings, jobs_read, jobs):
                stop_if_interrupted()
                tally.bytes_read = done_bytes + item.position
                if isinstance(item, EndOfSource):
                    done_bytes += item.position
                    if item.error:
                        fail(item.error + "; its output is not written")
                    keep = item.error is None and item.source not in broken
                    message = outputs.finish(item.source, keep=keep)
                    if message:
                        fail(message)
                    if outputs.shared is None and (message or not keep) and item.source not in below:
                        tally.unwritten += 1
                    continue
                if item.failure:
                    fail(item.failure)
                    if item.fatal:
                        broken.add(item.source)
                if item.copied:
                    print(f"cleanscrape: {item.copied}; record copied unchanged", file=sys.stderr)
                if item.dropped:
                    tally.dropped += 1
                    if item.fatal:
                        broken.add(item.source)
                        below.add(item.source)
                if item.data and item.source not in broken:
                    try:
                        outputs.write(item.source, item.data)
                    except OSError as exc:
                        where = outputs.name(item.source)
                        fail(f"{where}: cannot write ({exc.strerror or exc}); not written")
                        broken.add(item.source)
                        outputs.abort()
                if observe is not None:
                    observe(item)
                if item.copied:
                    tally.copied += 1
                else:
                    tally.add(item.purity, dict(item.reasons))
                bar.update(tally)
        except WorkersFailed:
            outputs.abort()
            stop_if_interrupted()  # the interrupt reached the workers too: it is what stopped them
            raise
        except BaseException:
            outputs.abort()
            raise
        finally:
            bar.close()
    skipped = warc_tally.not_html + warc_tally.not_ok
    if skipped:
        print(f"cleanscrape: skipped {skipped} WARC responses that are not 2xx HTML pages", file=sys.stderr)
    return tally
