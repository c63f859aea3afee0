"""CLI faults: each is reported, the run goes on where it can, exits 1, and leaves no partial output."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NoReturn

import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleanscrape import clean, cli, stream
from conftest import HTML_PAGE, SEEDS, run_cli

CLI = [sys.executable, "-m", "cleanscrape.cli"]
GOOD = "The council voted on Tuesday to repair the old bridge before winter.\n"


def no_partial_files(folder: Path) -> bool:
    return not any(p.name.endswith(".part") for p in folder.rglob("*"))


def finished_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if not p.name.endswith(".part")]


def many_documents(src: Path, count: int = 800) -> None:
    """``count`` seed documents in ``src``, every line made unique (so none is a run of cache hits)."""
    src.mkdir()
    seeds = [p.read_text(encoding="utf-8").splitlines() for p in sorted(SEEDS.glob("*.txt"))]
    for n in range(count):
        lines = [f"{line} {n}" if line.strip() else line for line in seeds[n % len(seeds)]]
        (src / f"doc{n:03}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@contextlib.contextmanager
def jobs_run_under_way(
    tmp_path: Path, stderr: int = subprocess.PIPE
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """A ``--jobs 2`` run over 800 documents in a session of its own, once it has written
    one output (a ".part" alone is none): a signal then comes mid-run."""
    src, out = tmp_path / "in", tmp_path / "out"
    many_documents(src)
    with subprocess.Popen([*CLI, "clean", str(src), "-o", str(out), "--jobs", "2", "-q"],
                          stderr=stderr, start_new_session=True) as proc:  # fmt: skip
        deadline = time.monotonic() + 60
        while not (out.exists() and finished_files(out)) and time.monotonic() < deadline:
            time.sleep(0.01)
        try:
            yield proc, out
        finally:  # a run that hangs fails its test (its wait timed out) and does not hang the suite
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)


def processes_in_session(session: int) -> list[str]:
    """The live processes of a session (Linux's /proc), as "pid command"."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # it ended while we looked
        command, rest = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :].split()
        if int(rest[3]) == session and rest[0] != "Z":
            found.append(f"{stat.parent.name} {command}")
    return found


def session_ends(session: int, seconds: float = 30) -> list[str]:
    """Wait until no process of the session is left; return those still there after ``seconds``."""
    deadline = time.monotonic() + seconds
    while (left := processes_in_session(session)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def test_sigint_mid_run_leaves_only_complete_outputs(tmp_path: Path) -> None:
    with jobs_run_under_way(tmp_path) as (proc, out):
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert b"interrupted" in stderr and b"Traceback" not in stderr
    written = sorted(out.iterdir())
    src = tmp_path / "in"
    assert 0 < len(written) < 800, "the interrupt came too late to test anything"
    assert no_partial_files(out)
    for path in written:
        text = clean((src / path.name).read_text()).text
        expected = text if text.endswith("\n") else text + "\n"  # the CLI ends a file with a line break
        assert path.read_text() == expected, f"{path.name} is incomplete"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")
def test_sigterm_stops_a_jobs_run_like_ctrl_c_and_leaves_no_process(tmp_path: Path) -> None:
    with jobs_run_under_way(tmp_path) as (proc, out):
        proc.send_signal(signal.SIGTERM)  # to the main process alone, as a service manager sends it
        _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, stderr
    assert b"interrupted (SIGTERM)" in stderr and b"Traceback" not in stderr
    assert session_ends(proc.pid) == []  # neither workers nor the pool's server nor the resource tracker
    assert 0 < len(finished_files(out)) < 800 and no_partial_files(out)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")
def test_workers_end_with_a_killed_main_process(tmp_path: Path) -> None:
    with jobs_run_under_way(tmp_path, subprocess.DEVNULL) as (proc, _):
        proc.kill()
        proc.wait(timeout=60)
    assert session_ends(proc.pid) == []


def test_a_rerun_sweeps_the_temporary_files_a_killed_run_left(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD)
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])  # its pid is that of no live process
    dead.wait()
    stale = out / f".a.txt.{dead.pid}.k2x9q_0z.part"  # as AtomicFile names it
    live = out / f".a.txt.{os.getpid()}.p0a8d7c6.part"  # a run still going (this test's process)
    other = out / ".notes.txt.swp.part"
    for path in (stale, live, other):
        path.write_bytes(b"half an output")
    proc = run_cli("clean", str(src), "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    assert f"removed {stale}".encode() in proc.stderr
    assert not stale.exists() and live.exists() and other.exists()
    assert (out / "a.txt").read_text() == GOOD


def test_a_pool_that_cannot_start_workers_is_a_failure(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    class DeadServer(ProcessPoolExecutor):  # as when the forkserver was killed
        def submit(self, *args: object, **kwargs: object) -> NoReturn:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(stream, "ProcessPoolExecutor", DeadServer)
    src = tmp_path / "in"
    many_documents(src, stream.SERIAL_BELOW + 8)
    code = cli.main(["clean", str(src), "-o", str(tmp_path / "out"), "--jobs", "2", "-q"])
    stderr = capsys.readouterr().err
    assert code == 1  # before: 0, with nothing written and nothing said
    assert "the worker processes failed (BrokenPipeError" in stderr and "re-run to resume" in stderr


def test_a_closed_stdout_ends_the_run_quietly(tmp_path: Path) -> None:
    src = tmp_path / "in"
    many_documents(src, 40)
    with subprocess.Popen([*CLI, "clean", str(src)], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(100)  # as `| head -c 100` reads, then goes away
        proc.stdout.close()
        stderr = proc.stderr.read()
        proc.wait(timeout=60)
    assert proc.returncode == 0 and stderr == b""


def limit_file_size(limit: int) -> None:
    """In the child: files may not grow past ``limit`` bytes, as on a full disk (EFBIG, not a signal)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_full_disk_is_reported_and_leaves_no_partial_output(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "small.txt").write_text("Share\nA short article that fits on the disk.\n")
    texts = [p.read_text() for p in sorted(SEEDS.glob("*.txt"))]
    (src / "big.jsonl").write_text("".join(json.dumps({"text": texts[n % 4]}) + "\n" for n in range(200)))
    out = tmp_path / "out"
    proc = subprocess.run(
        [*CLI, "clean", str(src), "-o", str(out), "-q"],
        capture_output=True, timeout=120, check=False, preexec_fn=lambda: limit_file_size(64_000),
    )  # fmt: skip
    assert proc.returncode == 1
    assert b"big.jsonl: cannot write" in proc.stderr and b"Traceback" not in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["small.txt"]
    assert no_partial_files(out)


def test_bad_inputs_each_reported_and_the_rest_cleaned(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Share\nThe article that should come through.\n")
    (src / "corrupt.txt.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip at all")
    record = json.dumps({"id": 1, "text": "Share\nA record that is fine.\n"})
    (src / "cut.jsonl").write_text(record + "\n" + record[: len(record) // 2])  # the last line is cut short
    (src / "fields.jsonl").write_text(json.dumps({"id": 2, "body": "no text field"}) + "\n" + record + "\n")
    (src / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # listed, but cannot be opened
    (src / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (src / "noise.txt").write_bytes(random.Random(7).randbytes(50_000))  # no format, no text
    out = tmp_path / "out"
    proc = run_cli("clean", str(src), "-o", str(out), "-q")
    assert proc.returncode == 1
    stderr = proc.stderr.decode()
    reported = [
        "corrupt.txt.gz: cannot read",
        "cut.jsonl:2: not a JSON record",
        "fields.jsonl:1: no string field",
        "gone.txt: a symlink to nothing; skipped",
        "image.html: this is a PNG image",
        "noise.txt: this is binary data",
    ]
    for expected in reported:
        assert expected in stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in out.iterdir()) == ["cut.jsonl", "fields.jsonl", "good.txt"]
    assert [json.loads(line)["id"] for line in (out / "cut.jsonl").read_text().splitlines()] == [1]
    assert [json.loads(line)["id"] for line in (out / "fields.jsonl").read_text().splitlines()] == [2, 1]
    assert (out / "good.txt").read_text() == "The article that should come through.\n"
    assert no_partial_files(out)


def test_truncated_gzip_jsonl_keeps_no_output(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": n, "text": f"Line {n} of a long crawl.\n"}) + "\n" for n in range(5000))
    packed = gzip.compress(lines.encode())
    (tmp_path / "crawl.jsonl.gz").write_bytes(packed[: len(packed) * 2 // 3])
    out = tmp_path / "out"
    out.mkdir()
    proc = run_cli("clean", str(tmp_path / "crawl.jsonl.gz"), "-o", str(out) + os.sep, "-q")
    assert proc.returncode == 1 and b"check the file is complete" in proc.stderr
    assert list(out.iterdir()) == []


def between_two_good_files(tmp_path: Path, name: str, content: bytes, *options: str) -> str:
    """Clean a folder of ``a.txt``, ``name`` and ``c.txt`` where ``name`` fails: check that
    it fails alone (exit 1, no traceback, ``a`` and ``c`` written); return the stderr."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(GOOD)
    (src / name).write_bytes(content)
    (src / "c.txt").write_text(GOOD)
    proc = run_cli("clean", str(src), "-o", str(out), *options)
    stderr = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "c.txt"]
    return stderr


def test_a_decompression_bomb_fails_alone_and_the_files_around_it_are_written(tmp_path: Path) -> None:
    bomb = zstandard.ZstdCompressor().compress(b"x" * (8 << 20))  # 8 MiB from 1 KB
    stderr = between_two_good_files(tmp_path, "b.txt.zst", bomb, "--max-bytes", "1M")
    assert "b.txt.zst: more than 1 MiB once decompressed (the --max-bytes limit)" in stderr
    assert "1 input not written" in stderr  # the summary does not say all went well
    assert (tmp_path / "out" / "c.txt").read_text() == GOOD


def test_an_oversized_jsonl_line_fails_alone_and_the_records_around_it_are_written(tmp_path: Path) -> None:
    records = [json.dumps({"id": n, "text": GOOD}) for n in (1, 3)]
    huge = json.dumps({"id": 2, "text": "y" * (3 << 20)})
    (tmp_path / "crawl.jsonl.gz").write_bytes(gzip.compress(f"{records[0]}\n{huge}\n{records[1]}\n".encode()))
    out = tmp_path / "out"
    proc = run_cli("clean", str(tmp_path / "crawl.jsonl.gz"), "-o", str(out) + os.sep, "--max-bytes", "1M")
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert b"crawl.jsonl.gz:2: more than 1 MiB once decompressed" in proc.stderr
    lines = gzip.decompress((out / "crawl.jsonl.gz").read_bytes()).splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1, 3]


def test_an_oversized_warc_payload_fails_alone_and_the_pages_around_it_are_written(tmp_path: Path) -> None:
    bomb = gzip.compress(
        b"<p>" + b"z" * (4 << 20) + b"</p>"
    )  # small on disk, 4 MiB once its encoding is undone
    with (tmp_path / "crawl.warc.gz").open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n, body, encoding in ((1, GOOD.encode(), []), (2, bomb, [("Content-Encoding", "gzip")]),
                                  (3, GOOD.encode(), [])):  # fmt: skip
            headers = [("Content-Type", "text/html; charset=utf-8"), *encoding]
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            uri = f"https://news.example.org/{n}"
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=http))  # fmt: skip
    out = tmp_path / "out"
    proc = run_cli("clean", str(tmp_path / "crawl.warc.gz"), "-o", str(out) + os.sep, "--max-bytes", "1M")
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert b"more than 1 MiB once decompressed" in proc.stderr
    records = [
        json.loads(line) for line in gzip.decompress((out / "crawl.jsonl.gz").read_bytes()).splitlines()
    ]
    assert [r["url"] for r in records] == ["https://news.example.org/1", "https://news.example.org/3"]


def test_max_bytes_takes_sizes_and_refuses_what_is_none(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    assert (
        run_cli("clean", str(tmp_path / "a.txt"), "--max-bytes", "68").returncode == 1
    )  # the file is 69 bytes
    assert run_cli("clean", str(tmp_path / "a.txt"), "--max-bytes", "69").returncode == 0
    refused = run_cli("clean", str(tmp_path / "a.txt"), "--max-bytes", "lots")
    assert refused.returncode == 2 and b"not a size: 'lots'" in refused.stderr


def test_a_document_over_its_time_limit_fails_alone(tmp_path: Path) -> None:
    slow = b"<html><body>" + b"<p>x</p>" * 200_000 + b"</body></html>"  # 20 s to clean
    stderr = between_two_good_files(tmp_path, "b.html", slow, "--time-limit", "1")
    assert "b.html: took more than 1 s (the --time-limit); not cleaned" in stderr


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "soon"])
def test_time_limit_refuses_what_is_no_number_of_seconds(tmp_path: Path, value: str) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    refused = run_cli("clean", str(tmp_path / "a.txt"), "--time-limit", value)
    assert refused.returncode == 2 and b"--time-limit" in refused.stderr
    assert b"Traceback" not in refused.stderr


def test_an_output_folder_inside_the_input_folder_resumes(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Share\n" + GOOD)
    out = src / "cleaned"
    first = run_cli("clean", str(src), "-o", str(out), "-q")
    again = run_cli("clean", str(src), "-o", str(out), "-q")  # before: refused, "would overwrite an input"
    assert first.returncode == 0 and again.returncode == 0, again.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.txt"] and (out / "a.txt").read_text() == GOOD


def test_an_output_folder_that_is_the_input_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "b.html").write_text(HTML_PAGE)
    (tmp_path / "b.txt").write_text("the user's own notes, not an input here\n")
    proc = run_cli("clean", str(tmp_path), "--include", "*.html", "-o", str(tmp_path))
    assert proc.returncode == 2 and b"is an input folder" in proc.stderr
    assert (tmp_path / "b.txt").read_text() == "the user's own notes, not an input here\n"


def test_a_symlinked_subfolder_in_the_output_is_not_written_through(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text(GOOD)
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere)
    proc = run_cli("clean", str(src), "-o", str(out))
    assert proc.returncode == 2 and b"outside" in proc.stderr
    assert list(elsewhere.iterdir()) == []
