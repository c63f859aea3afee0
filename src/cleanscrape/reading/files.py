"""Finding inputs, reading them as streams (gzip and zstd included), writing outputs atomically."""

from __future__ import annotations

import contextlib
import fnmatch
import gzip
import io
import os
import re
import stat
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, cast

import zstandard

from ..errors import InputError

Format = Literal["text", "html", "jsonl", "warc"]
Compression = Literal["gz", "zst"] | None
SUFFIX_FORMATS: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc",
}  # fmt: skip
COMPRESSIONS: dict[str, Compression] = {".gz": "gz", ".zst": "zst"}
STDIN = "-"
READ_BUFFER = 1 << 20  # long JSONL lines are read in few calls
MAX_BYTES = 64 << 20  # the default bound on one document once decompressed (``--max-bytes``)
READ_ERRORS = (OSError, EOFError, zlib.error, zstandard.ZstdError)


@dataclass(frozen=True)
class Source:
    """One input: a file (or stdin), its format, and its path relative to what was named."""

    path: Path | None
    relative: Path
    format: Format
    compression: Compression = None

    @property
    def label(self) -> str:
        """How messages and outputs name this input (``printable``)."""
        return "<stdin>" if self.path is None else printable(str(self.path))

    @property
    def size(self) -> int | None:
        """Bytes on disk, None for stdin or a file gone missing."""
        try:
            return None if self.path is None else self.path.stat().st_size
        except OSError:
            return None


_CONTROL_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(32), 127]}


def printable(name: str) -> str:
    r"""A file name as one field of a line of output: bytes that are not UTF-8 (which Python
    keeps as surrogate escapes) and control characters (a newline, a tab) as ``\xNN``.

    >>> printable("a\tb\n" + b"caf\xe9".decode("utf-8", "surrogateescape"))
    'a\\x09b\\x0acaf\\xe9'
    """
    decoded = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return decoded.translate(_CONTROL_ESCAPES)


def format_of(path: Path) -> tuple[Format, Compression] | None:
    """The format of a file by its suffixes, and its compression; None if unsupported.

    >>> format_of(Path("dump.jsonl.gz")), format_of(Path("crawl.warc.zst")), format_of(Path("a.png"))
    (('jsonl', 'gz'), ('warc', 'zst'), None)
    """
    suffixes = [s.lower() for s in path.suffixes]
    compression = COMPRESSIONS.get(suffixes[-1]) if suffixes else None
    if compression:
        suffixes = suffixes[:-1]
    fmt = SUFFIX_FORMATS.get(suffixes[-1]) if suffixes else None
    return None if fmt is None else (fmt, compression)


def compression_of(path: Path) -> Compression:
    """The compression a file's last suffix names, if any.

    >>> compression_of(Path("out.jsonl.zst")), compression_of(Path("out.txt"))
    ('zst', None)
    """
    return COMPRESSIONS.get(path.suffix.lower())


def discover(
    names: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> tuple[list[Source], list[str]]:
    """Expand files and folders (recursively) into Sources; also return error messages.

    In folders, ``include`` globs (any of them) pick files by their path
    relative to the folder, and ``exclude`` globs drop them; named files are
    always taken.
    """
    sources: list[Source] = []
    errors: list[str] = []
    for name in names:
        if name == STDIN:
            sources.append(Source(None, Path("stdin.txt"), "text"))
            continue
        path = Path(name)
        if path.is_dir():
            found = [
                p for p in _walk(path) if format_of(p) and _selected(p.relative_to(path), include, exclude)
            ]
            if not found:
                errors.append(f"{name}: no .txt, .html, .jsonl or .warc files (.gz/.zst too) selected")
            for p in found:
                if problem := not_a_regular_file(p):
                    errors.append(f"{printable(str(p))}: {problem}; skipped")
                    continue
                fmt, compression = format_of(p) or ("text", None)
                sources.append(Source(p, p.relative_to(path), fmt, compression))
        elif problem := not_a_regular_file(path):
            errors.append(f"{printable(name)}: {problem}")
        else:
            fmt, compression = format_of(path) or ("text", compression_of(path))
            sources.append(Source(path, Path(path.name), fmt, compression))
    return sources, errors


def not_a_regular_file(path: Path) -> str | None:
    """Why ``path`` is no input (a FIFO would block a run, ``/dev/zero`` never end, a symlink
    loop leads nowhere); None for a regular file, or a symlink to one."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file or folder" if not os.path.islink(path) else "a symlink to nothing"
    except OSError as exc:  # ELOOP, EACCES, ...
        return f"cannot read ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    kind = (
        "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
    )
    return f"not a regular file ({kind})"


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` in sorted order, read one directory at a time."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        yield from (Path(root) / name for name in sorted(files))


def _selected(relative: Path, include: Sequence[str], exclude: Sequence[str]) -> bool:
    text = relative.as_posix()

    def hit(pattern: str) -> bool:
        return fnmatch.fnmatch(text, pattern) or fnmatch.fnmatch(relative.name, pattern)

    return (not include or any(map(hit, include))) and not any(map(hit, exclude))


class CountingReader(io.RawIOBase):
    """A raw reader that counts the bytes taken from the file below it (for progress)."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self.raw = raw
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        into = getattr(self.raw, "readinto", None)
        if into is not None:
            n = into(buffer) or 0  # straight into the caller's buffer: no copy of a big read
        else:
            data = self.raw.read(len(buffer))
            n = len(data)
            buffer[:n] = data
        self.consumed += n
        return n


@contextlib.contextmanager
def open_input(source: Source, stdin: IO[bytes]) -> Iterator[tuple[IO[bytes], CountingReader]]:
    """The decompressed stream of ``source`` (lines iterate), and the counter of raw bytes read."""
    file = stdin if source.path is None else _open_file(source)
    counter = CountingReader(file)
    try:
        if source.compression == "gz":
            with gzip.GzipFile(fileobj=cast(IO[bytes], counter), mode="rb") as gz:
                yield cast(IO[bytes], gz), counter
        elif source.compression == "zst":
            decompressor = zstandard.ZstdDecompressor()
            zst = decompressor.stream_reader(cast(IO[bytes], counter), read_across_frames=True)
            yield cast(IO[bytes], io.BufferedReader(cast(Any, zst), READ_BUFFER)), counter
        else:
            yield cast(IO[bytes], io.BufferedReader(counter, READ_BUFFER)), counter
    finally:
        if source.path is not None:
            file.close()


def _open_file(source: Source) -> IO[bytes]:
    assert source.path is not None
    try:
        return source.path.open("rb")
    except OSError as exc:
        raise InputError(f"{source.label}: cannot read ({exc.strerror or exc})") from exc


def read_bounded(stream: IO[bytes], limit: int, where: str) -> bytes:
    """All of ``stream``, or an ``InputError`` naming ``where`` once it passes ``limit`` bytes
    (a decompression bomb is read no further than that)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(too_large(where, limit))
    return data


def bounded_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The lines of ``stream``, each read at most ``limit`` bytes at a time; a longer line
    comes as None, and the rest of it is read in pieces and dropped."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(READ_BUFFER)) and not rest.endswith(b"\n"):
            pass
        yield None


def too_large(where: str, limit: int) -> str:
    """The message for a document over the ``--max-bytes`` limit.

    >>> too_large("a.txt.zst", 64 << 20)
    'a.txt.zst: more than 64 MiB once decompressed (the --max-bytes limit); not cleaned'
    """
    return f"{where}: more than {byte_size(limit)} once decompressed (the --max-bytes limit); not cleaned"


_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
_SIZE = re.compile(r"\A\s*(\d+)\s*([kmg]?)\s*\Z", re.I)


def parse_byte_size(text: str) -> int:
    """A size such as ``65536``, ``512K``, ``64M`` or ``2G`` (powers of 1024) in bytes.

    >>> parse_byte_size("64M"), parse_byte_size("1g"), parse_byte_size("4096")
    (67108864, 1073741824, 4096)
    """
    match = _SIZE.fullmatch(text)
    if match is None or int(match.group(1)) < 1:
        raise ValueError(f"not a size: {text!r} (a whole number, optionally followed by K, M or G)")
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def byte_size(size: int) -> str:
    """``size`` in the largest unit of 1024 it reaches, else in bytes.

    >>> byte_size(64 << 20), byte_size(1536), byte_size(1000)
    ('64 MiB', '1.5 KiB', '1,000 bytes')
    """
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:g} {unit}"
    return f"{size:,} bytes"


def read_error(source: Source, exc: BaseException) -> InputError:
    """The message for a source that failed part way through."""
    return InputError(f"{source.label}: cannot read ({exc}); check the file is complete")
