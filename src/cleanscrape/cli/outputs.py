"""Writing outputs: where each input's result goes, written atomically."""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, cast

import zstandard

from ..reading.files import Compression, Source


def output_name(source: Source, output_format: str = "txt") -> Path:
    """Where a source's result goes inside an output folder, mirroring the input tree: a
    text or HTML input's name takes the suffix of ``output_format``, a WARC's ``.jsonl``.

    >>> output_name(Source(Path("in/a/page.html.gz"), Path("a/page.html.gz"), "html", "gz"))
    PosixPath('a/page.txt.gz')
    >>> output_name(Source(Path("crawl.warc.gz"), Path("crawl.warc.gz"), "warc", "gz"))
    PosixPath('crawl.jsonl.gz')
    >>> output_name(Source(Path("dump.txt"), Path("dump.txt"), "text"), "json")
    PosixPath('dump.json')
    """
    rel = source.relative
    name = rel.name
    suffix = f".{source.compression}" if source.compression else ""
    if suffix and name.lower().endswith(suffix):
        name = name[: -len(suffix)]
    if source.format == "warc":
        name = Path(name).stem + ".jsonl"
    elif source.format != "jsonl" and (source.format == "html" or output_format != "txt"):
        name = Path(name).stem + f".{output_format}"
    return rel.with_name(name + suffix)


class AtomicFile:
    """An output written to a temporary file beside ``target``, moved into place on ``commit``.

    The temporary file is ``.NAME.PID.XXXXXXXX.part``: a run killed outright leaves it
    behind, and ``sweep_stale_parts`` knows it by the process that is gone.
    """

    def __init__(self, target: Path, compression: Compression) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent)
        self.target, self.tmp = target, Path(tmp)
        self._raw = os.fdopen(fd, "wb")
        self._compressor: IO[bytes] | None = None
        if compression == "gz":
            self._compressor = cast(IO[bytes], gzip.GzipFile(fileobj=self._raw, mode="wb", filename=""))
        elif compression == "zst":
            writer = zstandard.ZstdCompressor().stream_writer(self._raw, closefd=False)
            self._compressor = cast(IO[bytes], writer)
        self.stream: IO[bytes] = self._compressor or self._raw

    def commit(self) -> None:
        """Finish the file and move it over ``target``."""
        try:
            if self._compressor is not None:
                self._compressor.close()
            self._raw.close()
            os.chmod(self.tmp, 0o666 & ~_umask())
            os.replace(self.tmp, self.target)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Drop the temporary file; ``target`` is left as it was."""
        with contextlib.suppress(OSError, ValueError):
            self._raw.close()
        with contextlib.suppress(FileNotFoundError):
            self.tmp.unlink()


_PART = re.compile(r"\A\.(?P<name>.+)\.(?P<pid>\d+)\.[a-z0-9_]{8}\.part\Z")


def sweep_stale_parts(targets: Iterable[Path]) -> list[Path]:
    """Remove the temporary files that killed runs left beside ``targets``; return them.

    Only an ``AtomicFile`` of one of these targets whose process no longer runs is
    removed; each folder is listed once.
    """
    names: dict[Path, set[str]] = {}
    for target in targets:
        names.setdefault(target.parent, set()).add(target.name)
    removed = []
    for folder, wanted in names.items():
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                part = _PART.fullmatch(entry.name)
                if part and part["name"] in wanted and not _running(int(part["pid"])):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.path)
                        removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or no pid at all: not ours to judge
    return True


@contextlib.contextmanager
def atomic_writer(target: Path, compression: Compression = None) -> Iterator[IO[bytes]]:
    """Write ``target`` whole or not at all (see ``AtomicFile``)."""
    out = AtomicFile(target, compression)
    try:
        yield out.stream
    except BaseException:
        out.abort()
        raise
    out.commit()


def _umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
