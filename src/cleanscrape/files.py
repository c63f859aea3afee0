"""Finding inputs, reading them (gzip included), and writing outputs atomically."""

from __future__ import annotations

import contextlib
import gzip
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal, cast

from .errors import InputError

Format = Literal["text", "html", "jsonl"]
SUFFIX_FORMATS: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}  # fmt: skip
STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One input: a file (or stdin), its format, and its path relative to what was named."""

    path: Path | None
    relative: Path
    format: Format
    gzipped: bool

    @property
    def label(self) -> str:
        """How messages name this input."""
        return "<stdin>" if self.path is None else str(self.path)


def format_of(path: Path) -> tuple[Format, bool] | None:
    """The format of a file by its suffixes, and whether it is gzipped; None if unsupported.

    >>> format_of(Path("dump.jsonl.gz")), format_of(Path("a.png"))
    (('jsonl', True), None)
    """
    suffixes = [s.lower() for s in path.suffixes]
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    if gzipped:
        suffixes = suffixes[:-1]
    fmt = SUFFIX_FORMATS.get(suffixes[-1]) if suffixes else None
    return None if fmt is None else (fmt, gzipped)


def discover(names: list[str]) -> tuple[list[Source], list[str]]:
    """Expand files and folders (recursively) into Sources; also return error messages."""
    sources: list[Source] = []
    errors: list[str] = []
    for name in names:
        if name == STDIN:
            sources.append(Source(None, Path("stdin.txt"), "text", False))
            continue
        path = Path(name)
        if path.is_dir():
            found = [p for p in sorted(path.rglob("*")) if p.is_file() and format_of(p)]
            if not found:
                errors.append(f"{name}: no .txt, .html or .jsonl files (optionally .gz) in this folder")
            for p in found:
                fmt, gz = format_of(p) or ("text", False)
                sources.append(Source(p, p.relative_to(path), fmt, gz))
        elif path.is_file():
            fmt, gz = format_of(path) or ("text", path.suffix.lower() == ".gz")
            sources.append(Source(path, Path(path.name), fmt, gz))
        else:
            errors.append(f"{name}: no such file or folder")
    return sources, errors


def read_bytes(source: Source, stdin: IO[bytes]) -> bytes:
    """The whole content of ``source``, decompressed."""
    try:
        if source.path is None:
            return stdin.read()
        if source.gzipped:
            with gzip.open(source.path, "rb") as fh:
                return fh.read()
        return source.path.read_bytes()
    except (OSError, EOFError) as exc:
        raise InputError(f"{source.label}: cannot read ({exc}); check the file is complete") from exc


def iter_lines(source: Source, stdin: IO[bytes]) -> Iterator[bytes]:
    """The lines of a JSONL input, streamed."""
    try:
        if source.path is None:
            yield from stdin
        elif source.gzipped:
            with gzip.open(source.path, "rb") as fh:
                yield from fh
        else:
            with source.path.open("rb") as fh:
                yield from fh
    except (OSError, EOFError) as exc:
        raise InputError(f"{source.label}: cannot read ({exc}); check the file is complete") from exc


def output_name(source: Source) -> Path:
    """Where a source's result goes inside an output folder, mirroring the input tree.

    >>> output_name(Source(Path("in/a/page.html.gz"), Path("a/page.html.gz"), "html", True))
    PosixPath('a/page.txt.gz')
    """
    rel = source.relative
    name = rel.name[: -len(".gz")] if source.gzipped and rel.name.lower().endswith(".gz") else rel.name
    if source.format == "html":
        name = Path(name).stem + ".txt"
    return rel.with_name(name + (".gz" if source.gzipped else ""))


@contextlib.contextmanager
def atomic_writer(target: Path, gzipped: bool) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``target`` and move it into place only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as raw:
            if gzipped:
                with gzip.GzipFile(fileobj=raw, mode="wb", filename="") as gz:
                    yield cast(IO[bytes], gz)
            else:
                yield raw
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
