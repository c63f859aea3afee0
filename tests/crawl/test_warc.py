"""Reading a WARC's pages: whatever damage a file has, the reader yields pages or raises one of
``WARC_ERRORS`` (which the command reports for that input alone), never anything else."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleanscrape.crawl.warc import WARC_ERRORS, WarcError, WarcTally, read_pages
from conftest import run_cli

PAGE = b"<html><body><p>The council approved the new budget on Tuesday after a long debate.</p></body></html>"


def warc(n_pages: int, gzip: bool = False) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for n in range(n_pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://news.example.org/{n}", "response", payload=io.BytesIO(PAGE), http_headers=http
        )
        writer.write_record(record)
    return out.getvalue()


NO_URI = (b"WARC-Target-URI: https://news.example.org/1\r\n", b"")  # the second page's URI dropped
SOUND = {gzip: warc(3, gzip) for gzip in (False, True)}  # made once: record ids and dates vary


def pages(data: bytes) -> list[str]:
    return [page.uri for page in read_pages(io.BytesIO(data), WarcTally(), 1 << 20)]


def test_a_sound_warc_gives_every_page() -> None:
    assert pages(warc(3)) == [f"https://news.example.org/{n}" for n in range(3)]


def test_a_response_without_a_target_uri_is_a_warc_error() -> None:
    damaged = warc(2).replace(*NO_URI, 1)
    with pytest.raises(WarcError, match="cannot parse"):
        pages(damaged)


@pytest.mark.parametrize(
    "text",
    [b"The council met on Tuesday night.\nMore news.\n", b"a b c d e\n", b"Hello world\n"],
)
def test_text_that_is_no_warc_is_a_warc_error(text: bytes) -> None:
    """warcio reads a first line of five words or more as an old ARC record's header, and
    gave such a text no page and no error."""
    with pytest.raises(WarcError):
        pages(text)


def test_an_empty_warc_has_no_pages() -> None:
    assert pages(b"") == []


@settings(max_examples=300, deadline=None)
@given(st.booleans(), st.data())
def test_a_damaged_warc_gives_pages_or_a_warc_error(gzip: bool, data: st.DataObject) -> None:
    raw = bytearray(SOUND[gzip])
    cut = data.draw(st.integers(0, len(raw)))
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(raw) - 1), st.integers(0, 255)), max_size=4))
    for at, byte in flips:
        raw[at] = byte
    dropped = data.draw(st.integers(0, len(raw)))
    damaged = bytes(raw[:dropped] + raw[dropped + data.draw(st.integers(0, 60)) :])[:cut]
    with contextlib.suppress(WARC_ERRORS):
        pages(damaged)


def test_the_command_reports_a_text_named_warc_and_writes_the_other_inputs(tmp_path: Path) -> None:
    (tmp_path / "notes.warc").write_text("The council met on Tuesday night to vote.\n")
    (tmp_path / "a.txt").write_text("The mayor said the bridge would open in the spring.\n")
    out = tmp_path / "out"
    proc = run_cli("clean", str(tmp_path / "notes.warc"), str(tmp_path / "a.txt"), "-o", str(out) + os.sep)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert b"notes.warc: cannot read (not a WARC file" in proc.stderr
    assert not (out / "notes.jsonl").exists() and (out / "a.txt").read_text().startswith("The mayor said")


def test_the_command_reports_an_unreadable_warc_and_writes_the_other_inputs(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc").write_bytes(warc(2).replace(*NO_URI, 1))
    (tmp_path / "a.txt").write_text("The mayor said the bridge would open in the spring.\n")
    out = tmp_path / "out"
    proc = run_cli("clean", str(tmp_path / "crawl.warc"), str(tmp_path / "a.txt"), "-o", str(out) + os.sep)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert b"crawl.warc: cannot read (a record warcio cannot parse" in proc.stderr
    assert (out / "a.txt").read_text().startswith("The mayor said")
