"""Many documents: clean_many, --jobs, WARC, zstd, globs, resumable runs, the end-of-run summary."""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import io
import json
import multiprocessing
import os
import pty
import struct
import subprocess
import sys
import termios
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleanscrape import InputError, clean
from cleanscrape.stream import SERIAL_BELOW, _stop_now, clean_many
from conftest import SEEDS, run_cli

SITE = "https://news.example.org"
ARTICLE = (
    "<html><head><title>Council passes the budget</title></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>Council passes the budget</h1><p>Advertisement</p>"
    "<p>The council approved the budget on Tuesday after a debate that ran for most of the night.</p>"
    "<p>Members said the plan would fund new schools, and the vote was nine to two.</p></article>"
    "</body></html>"
)


def seed_texts() -> list[str]:
    return [p.read_text() for p in sorted(SEEDS.glob("*.txt"))]


def test_clean_many_in_order_and_same_as_one_by_one() -> None:
    docs = seed_texts() * (SERIAL_BELOW // 4) + ["Share\nThe vote passed on Monday evening.\n"]
    expected = [clean(d).text for d in docs]
    assert [r.text for r in clean_many(docs)] == expected
    assert [r.text for r in clean_many(iter(docs), jobs=2)] == expected


def test_clean_many_errors_stay_aligned_or_raise() -> None:
    docs = ["Advertisement\nThe vote passed.\n", 42, "Share\nIt rained all day.\n"] * SERIAL_BELOW
    results = list(clean_many(docs, jobs=2, errors="return"))
    assert isinstance(results[1], InputError)
    texts = ["The vote passed.\n", None, "It rained all day.\n"] * SERIAL_BELOW
    assert [getattr(r, "text", None) for r in results] == texts
    with pytest.raises(InputError):
        list(clean_many(docs))


def test_clean_many_starts_workers_only_for_a_stream_worth_them() -> None:
    doc = "Advertisement\nThe vote passed on Monday.\n"
    for count, pooled in ((SERIAL_BELOW - 1, False), (SERIAL_BELOW, True)):
        stream = clean_many([doc] * count, jobs=2)
        assert next(stream).text == "The vote passed on Monday.\n"
        assert bool(multiprocessing.active_children()) is pooled, count
        assert len(list(stream)) == count - 1
    with pytest.raises(ValueError, match="jobs must be"):
        clean_many([doc], jobs=0)


def test_clean_many_yields_what_it_read_before_the_input_failed() -> None:
    def failing(at: int):  # type: ignore[no-untyped-def]
        for i in range(at):
            yield f"Share\nThe vote number {i} passed.\n"
        raise OSError("the crawl's source went away")

    for jobs in (1, 2):
        got = []
        with pytest.raises(OSError, match="went away"):
            for result in clean_many(failing(2 * SERIAL_BELOW + 5), jobs=jobs):
                got.append(result.text)
        assert got == [f"The vote number {i} passed.\n" for i in range(2 * SERIAL_BELOW + 5)], jobs


def test_clean_many_reads_lazily() -> None:
    pulled = 0

    def endless():  # type: ignore[no-untyped-def]
        nonlocal pulled
        while True:
            pulled += 1
            yield "Advertisement\nThe vote passed on Monday.\n"

    stream = clean_many(endless(), jobs=2)
    first = [next(stream).text for _ in range(5)]
    stream.close()
    assert first == ["The vote passed on Monday.\n"] * 5
    assert pulled < 500, "the stream was read far ahead of the results"


def test_a_stopped_pool_leaves_no_thread_for_the_exit_to_wake() -> None:
    """Stopping a pool (Ctrl-C, a failed input) waits for the pool's own thread to end: at
    exit CPython 3.11 writes to that thread's wake-up pipe, and where the thread is closing
    it just then, prints a traceback ("Bad file descriptor") after the run's own message."""
    pool = ProcessPoolExecutor(2)
    for _ in range(4):
        pool.submit(time.sleep, 0.5)
    manager = pool._executor_manager_thread
    assert manager is not None and manager.is_alive()
    _stop_now(pool)
    assert not manager.is_alive()


def write_jsonl(path: Path, n: int) -> None:
    texts = seed_texts()
    with path.open("w") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": i, "text": texts[i % len(texts)]}) + "\n")


def test_jobs_two_writes_what_one_job_writes(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "recs.jsonl", SERIAL_BELOW + 16)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run_cli("clean", str(tmp_path / "recs.jsonl"), "-o", str(one), "-q").returncode == 0
    proc = run_cli("clean", str(tmp_path / "recs.jsonl"), "-o", str(two), "--jobs", "2", "-q")
    assert proc.returncode == 0, proc.stderr
    assert one.read_bytes() == two.read_bytes()
    assert [json.loads(line)["id"] for line in two.read_text().splitlines()] == list(range(SERIAL_BELOW + 16))


def test_summary_counts_reasons_and_purity_bands(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "recs.jsonl", 8)
    proc = run_cli("clean", str(tmp_path / "recs.jsonl"), "-o", str(tmp_path / "out.jsonl"))
    summary = proc.stderr.decode()
    assert "8 documents (0 failed)" in summary
    assert "removals by reason:" in summary and "documents by purity:" in summary
    quiet = run_cli("clean", str(tmp_path / "recs.jsonl"), "-o", str(tmp_path / "out2.jsonl"), "-q")
    assert quiet.stderr == b""


def test_zstd_in_and_out(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    page = "Advertisement\nThe council approved the budget on Tuesday.\n"
    (src / "page.txt.zst").write_bytes(zstandard.ZstdCompressor().compress(page.encode()))
    proc = run_cli("clean", str(src), "-o", str(tmp_path / "out"), "-q")
    assert proc.returncode == 0, proc.stderr
    packed = (tmp_path / "out" / "page.txt.zst").read_bytes()
    unpacked = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(packed)).read()
    assert unpacked.decode() == "The council approved the budget on Tuesday.\n"


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "keep").mkdir(parents=True)
    (src / "skip").mkdir()
    for folder in ("keep", "skip"):
        (src / folder / "a.txt").write_text("Share\nWords of the article here.\n")
        (src / folder / "b.html").write_text(ARTICLE)
    globs = ["--include", "*.txt", "--exclude", "skip/*"]
    proc = run_cli("clean", str(src), "-o", str(tmp_path / "out"), *globs)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")) == [
        "keep",
        "keep/a.txt",
    ]


def test_rerun_skips_finished_outputs_unless_forced(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b"):
        (src / f"{name}.txt").write_text("Share\nWords of the article here.\n")
    out = tmp_path / "out"
    assert run_cli("clean", str(src), "-o", str(out)).returncode == 0
    first = (out / "a.txt").stat().st_mtime_ns
    again = run_cli("clean", str(src), "-o", str(out))
    assert b"skipped 2 finished outputs" in again.stderr
    assert (out / "a.txt").stat().st_mtime_ns == first
    later = time.time() + 5
    os.utime(src / "b.txt", (later, later))  # an input changed since: done again
    changed = run_cli("clean", str(src), "-o", str(out))
    assert b"1 document (" in changed.stderr and b"skipped 1 finished output (" in changed.stderr
    forced = run_cli("clean", str(src), "-o", str(out), "--force")
    assert b"2 documents" in forced.stderr and b"skipped" not in forced.stderr


def test_unreadable_input_leaves_no_output_and_others_go_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Share\nWords of the article here.\n")
    whole = gzip.compress(b"Words of a long article. " * 2000)
    (src / "cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    proc = run_cli("clean", str(src), "--jobs", "2", "-o", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert b"cut.txt.gz" in proc.stderr and b"Traceback" not in proc.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.txt"]


def make_warc(path: Path, charset: str = "utf-8") -> list[tuple[str, str]]:
    """A WARC with two HTML pages (their HTTP header declaring ``charset``), an image, a 404,
    and a request record; returns the pages' (id, uri)."""
    pages = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        def response(uri: str, status: str, content_type: str, body: bytes) -> str:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            payload = io.BytesIO(body)
            record = writer.create_warc_record(uri, "response", payload=payload, http_headers=headers)
            writer.write_record(record)
            return str(record.rec_headers.get_header("WARC-Record-ID"))

        for n in (1, 2):
            uri = f"https://news.example.org/story-{n}"
            pages.append((response(uri, "200 OK", f"text/html; charset={charset}", ARTICLE.encode()), uri))
        response("https://news.example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n")
        response("https://news.example.org/gone", "404 Not Found", "text/html", b"<html>gone</html>")
        get = b"GET /story-1 HTTP/1.1\r\nHost: news.example.org\r\n\r\n"
        request = writer.create_warc_record(f"{SITE}/story-1", "request", payload=io.BytesIO(get))
        writer.write_record(request)
    return pages


def test_warc_in_jsonl_out_keeps_record_ids_and_uris(tmp_path: Path) -> None:
    pages = make_warc(tmp_path / "crawl.warc.gz")
    out = tmp_path / "out"
    proc = run_cli("clean", str(tmp_path / "crawl.warc.gz"), "-o", str(out) + os.sep, "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert b"skipped 2 WARC responses" in proc.stderr
    lines = gzip.decompress((out / "crawl.jsonl.gz").read_bytes()).splitlines()
    records = [json.loads(line) for line in lines]
    assert [(r["id"], r["url"]) for r in records] == pages
    assert all(r["title"] == "Council passes the budget" for r in records)
    assert all("Advertisement" not in r["text"] and "nine to two" in r["text"] for r in records)


def test_a_warc_declaring_no_web_encoding_is_read_like_any_other(tmp_path: Path) -> None:
    """A browser ignores a charset that names no encoding of the web; so does the reader."""
    make_warc(tmp_path / "good.warc.gz")
    make_warc(tmp_path / "odd.warc.gz", charset="base64")
    make_warc(tmp_path / "undefined.warc.gz", charset="undefined")
    out = tmp_path / "out"
    proc = run_cli("clean", str(tmp_path), "-o", str(out), "--include", "*.warc.gz")
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr
    for name in ("good", "odd", "undefined"):
        records = [
            json.loads(line) for line in gzip.decompress((out / f"{name}.jsonl.gz").read_bytes()).splitlines()
        ]
        assert len(records) == 2 and all("nine to two" in r["text"] for r in records), name


def test_warc_scores_by_uri(tmp_path: Path) -> None:
    make_warc(tmp_path / "crawl.warc.gz")
    proc = run_cli("score", str(tmp_path / "crawl.warc.gz"))
    lines = proc.stdout.decode().splitlines()
    assert [line.split("\t")[1] for line in lines] == [
        "https://news.example.org/story-1",
        "https://news.example.org/story-2",
    ]


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "recs.jsonl", 30)
    args = [sys.executable, "-m", "cleanscrape.cli", "clean", str(tmp_path / "recs.jsonl"), "-o"]
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    with subprocess.Popen([*args, str(tmp_path / "a.jsonl")], stderr=follower) as proc:
        os.close(follower)
        shown = b""
        with contextlib.suppress(OSError):  # the terminal closes when the command ends
            while chunk := os.read(leader, 4096):
                shown += chunk
    os.close(leader)
    assert proc.returncode == 0
    assert b"docs/s" in shown and b"30 docs" in shown and b"30 documents (0 failed)" in shown
    quiet = run_cli("clean", str(tmp_path / "recs.jsonl"), "-o", str(tmp_path / "b.jsonl"))
    assert b"docs/s" not in quiet.stderr, "no bar when stderr is not a terminal"
