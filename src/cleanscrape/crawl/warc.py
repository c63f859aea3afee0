"""The HTML pages of a WARC file: each response record's payload, with its id and URI.

warcio reads the records (gzipped per record or whole), undoes chunked
transfer and content encodings, and parses the HTTP headers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from ..reading.decode import browser_encoding, decode

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


class WarcError(Exception):
    """A WARC stream warcio cannot read on."""


WARC_ERRORS = (WarcError, ValueError)


@dataclass(frozen=True)
class WarcPage:
    """One HTML response: the record's id, the page's URI, the capture date, the payload."""

    record_id: str
    uri: str
    date: str
    payload: bytes | str | None  # None: larger than the bound it was read with


@dataclass
class WarcTally:
    """HTTP responses of a WARC that were not HTML pages, by why (requests and metadata are no pages)."""

    not_html: int = 0
    not_ok: int = 0


def read_pages(stream: IO[bytes], tally: WarcTally, max_bytes: int) -> Iterator[WarcPage]:
    """The HTML pages (2xx responses) of a WARC stream, in order; other records are tallied.
    A payload is read no further than ``max_bytes`` once its encodings are undone: a longer
    one comes as None, and the reader skips the rest of its record undecoded. A stream warcio
    cannot read on raises WarcError."""
    for record in _records(stream):
        if record.rec_type != "response" or record.http_headers is None:
            continue
        content_type = record.http_headers.get_header("Content-Type") or ""
        if not content_type.lower().startswith(HTML_TYPES):
            tally.not_html += 1
            continue
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            tally.not_ok += 1
            continue
        headers = record.rec_headers
        payload = record.content_stream().read(max_bytes + 1)
        yield WarcPage(
            record_id=headers.get_header("WARC-Record-ID") or "",
            uri=headers.get_header("WARC-Target-URI") or "",
            date=headers.get_header("WARC-Date") or "",
            payload=None if len(payload) > max_bytes else _decoded(payload, content_type),
        )


def _records(stream: IO[bytes]) -> Iterator[Any]:
    """warcio's records of ``stream``; its failures to read one as WarcError, and so a stream
    that does not open with a WARC record (warcio reads a line of five words or more as the
    header of an ARC record, the WARC's predecessor: a text file named .warc gave no page
    and no error)."""
    # warcio (0.1 s to import) loads with the first WARC, not with every command.
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = iter(ArchiveIterator(stream))
    first = True
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except ArchiveLoadFailed as exc:
            raise WarcError(str(exc)) from exc
        except AttributeError as exc:  # warcio on a response record without a target URI
            raise WarcError(f"a record warcio cannot parse: {exc}") from exc
        if first and record.format != "warc":
            raise WarcError("not a WARC file: it does not open with a WARC record")
        first = False
        yield record


def _decoded(payload: bytes, content_type: str) -> bytes | str:
    """The payload as text where the HTTP header names a charset (``decode`` reads it as
    browsers do, before the page's ``<meta>``), else bytes."""
    match = _CHARSET.search(content_type)
    return decode(payload, match.group(1)) if match and browser_encoding(match.group(1)) else payload
