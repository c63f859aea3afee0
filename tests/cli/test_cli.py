"""The command line, run as a subprocess on files, folders, JSONL, gzip and stdin."""

from __future__ import annotations

import gzip
import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import HTML_PAGE, SEEDS, run_cli

PAGE = "Advertisement\nThe council approved the budget on Tuesday after a long debate.\n"


def test_help_everywhere() -> None:
    for args in ([], ["clean"], ["explain"], ["score"]):
        proc = run_cli(*args, "--help")
        assert proc.returncode == 0
        assert b"usage: cleanscrape" in proc.stdout


def test_folder_is_mirrored(tmp_path: Path) -> None:
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src / "nested")
    (src / "page.html").write_text("<html><body><p>Share</p><p>Words of the article.</p></body></html>")
    proc = run_cli("clean", str(src), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    outputs = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*"))
    assert "nested/004_bfd26f82141552af.txt" in outputs
    assert "page.txt" in outputs
    assert (tmp_path / "out" / "page.txt").read_text() == "Words of the article.\n"
    assert not any(name.endswith(".part") for name in outputs)


def test_gzip_in_gzip_out(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt.gz"
    path.write_bytes(gzip.compress(PAGE.encode()))
    out = tmp_path / "out"
    out.mkdir()
    assert run_cli("clean", str(path), "-o", str(out)).returncode == 0
    assert gzip.decompress((out / "dump.txt.gz").read_bytes()).decode().startswith("The council")


def test_jsonl_keeps_fields_and_survives_bad_records(tmp_path: Path) -> None:
    path = tmp_path / "recs.jsonl"
    path.write_text(
        json.dumps({"id": 1, "text": PAGE, "lang": "en"})
        + "\n{broken json\n"
        + json.dumps({"id": 3, "url": "https://example.org"})
        + "\n"
        + json.dumps({"id": 4, "html": "<html><body><p>Print</p><p>Body text here.</p></body></html>"})
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    proc = run_cli("clean", str(path), "-o", str(out), "--explain")
    assert proc.returncode == 1
    assert b"recs.jsonl:2" in proc.stderr and b"recs.jsonl:3" in proc.stderr
    assert b"Traceback" not in proc.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == [1, 3, 4]
    assert records[0]["lang"] == "en"
    assert records[0]["text"].startswith("The council")
    assert records[0]["removals"][0]["reason"] == "ad_label"
    assert 0 <= records[0]["purity"] <= 1
    assert records[0]["input_state"] == "extracted" and records[0]["page_type"]
    assert 0.5 <= records[0]["removals"][0]["confidence"] <= 1
    assert records[1] == {"id": 3, "url": "https://example.org"}
    assert records[2]["text"] == "Body text here." and "html" not in records[2]


def test_stdin_to_stdout() -> None:
    proc = run_cli("clean", "-", stdin=PAGE.encode())
    assert proc.returncode == 0
    assert proc.stdout.decode() == "The council approved the budget on Tuesday after a long debate.\n"


def test_stdin_jsonl_is_detected() -> None:
    proc = run_cli("clean", "-", stdin=(json.dumps({"text": PAGE}) + "\n").encode())
    assert json.loads(proc.stdout)["text"].startswith("The council")


def test_never_overwrites_an_input(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAGE)
    for target in (path, tmp_path):
        proc = run_cli("clean", str(path), "-o", str(target))
        assert proc.returncode == 2
        assert b"overwrite" in proc.stderr
    assert path.read_text() == PAGE


def test_bad_paths_are_named_and_the_rest_processed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PAGE)
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(b"not gzip at all")
    proc = run_cli(
        "clean", str(tmp_path / "missing.txt"), str(broken), str(good), "-o", str(tmp_path / "out")
    )
    assert proc.returncode == 1
    assert b"missing.txt: no such file" in proc.stderr
    assert b"broken.txt.gz" in proc.stderr
    assert b"Traceback" not in proc.stderr
    assert (tmp_path / "out" / "good.txt").read_text().startswith("The council")


def test_usage_error_exit_code() -> None:
    assert run_cli("clean", "--jobs", "0", "x.txt").returncode == 2
    assert run_cli("frobnicate", "x").returncode == 2


def test_no_path_reads_piped_stdin_and_a_terminal_gets_told() -> None:
    proc = run_cli("clean", stdin=PAGE.encode())
    assert proc.returncode == 0 and proc.stdout.decode().startswith("The council approved")
    main, terminal = pty.openpty()
    try:
        cmd = [sys.executable, "-m", "cleanscrape.cli", "clean"]
        tty = subprocess.run(cmd, stdin=terminal, capture_output=True, timeout=60, check=False)
    finally:
        os.close(main)
        os.close(terminal)
    assert tty.returncode == 2 and b"name a PATH, or pipe the input in" in tty.stderr
    bare = run_cli()
    assert bare.returncode == 0 and b"usage: cleanscrape" in bare.stdout


def test_kind_extracted_reads_text_as_an_extractors_output(tmp_path: Path) -> None:
    menu = ["Quartier", "Marktplatz", "Stadtteile", "Vereine", "Termine", "Leserbriefe"]
    prose = ["The council approved the budget on Tuesday after a debate that lasted six hours.",
             "Residents who spoke at the meeting asked for more money for the central library."]  # fmt: skip
    dump = tmp_path / "dump.txt"
    dump.write_text(
        "\n".join(["Home", "World", "Sport", "Log in", "Newsletters", *menu * 5, *prose, *menu * 2])
    )
    states = {
        kind: json.loads(run_cli("clean", str(dump), "--kind", kind, "--format", "json").stdout)[
            "input_state"
        ]
        for kind in ("auto", "extracted")
    }
    assert states == {"auto": "page_dump", "extracted": "extracted"}


def test_formats_carry_the_text_and_what_the_page_says(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(HTML_PAGE)
    record = json.loads(run_cli("clean", str(page), "--format", "json").stdout)
    assert record["title"] == "Council passes the budget" and record["url"] == "https://news.example/a"
    assert record["text"].startswith("The council approved") and 0 < record["purity"] <= 1
    assert "removals" not in record
    proc = run_cli("clean", str(page), "-o", str(tmp_path / "out.jsonl"))  # the suffix decides
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "out.jsonl").read_text())["title"] == "Council passes the budget"
    front = run_cli("clean", str(page), "--with-metadata").stdout.decode()
    assert front.startswith('---\ntitle: "Council passes the budget"\n') and "\n---\nThe council" in front
    explained = json.loads(run_cli("clean", str(page), "--explain").stdout)  # --explain means JSON
    assert [r["reason"] for r in explained["removals"]] == ["headline", "ad_label"]
    assert explained["removals"][1]["text"].startswith("Advertisement")


def test_formats_that_contradict_are_refused(tmp_path: Path) -> None:
    page, records = tmp_path / "page.html", tmp_path / "recs.jsonl"
    page.write_text(HTML_PAGE)
    records.write_text(json.dumps({"text": PAGE}) + "\n")
    for args, message in (
        ((str(page), "--format", "txt", "-o", str(tmp_path / "x.jsonl")), b"names a .jsonl file"),
        ((str(page), "--format", "txt", "--explain"), b"--explain adds the removals to JSON"),
        ((str(records), "--format", "txt"), b"written as JSONL records"),
    ):
        proc = run_cli("clean", *args)
        assert proc.returncode == 2 and message in proc.stderr, args
    assert not (tmp_path / "x.jsonl").exists()


def test_several_texts_to_stdout_are_separated_by_a_form_feed(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(PAGE.replace("Tuesday", name))
    proc = run_cli("clean", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    documents = proc.stdout.decode().split("\f\n")
    assert documents[-1] == "" and [d.split()[6] for d in documents[:-1]] == ["a.txt", "b.txt"]
    one = run_cli("clean", str(tmp_path / "a.txt")).stdout
    assert b"\f" not in one


def test_output_dash_is_stdout(tmp_path: Path) -> None:
    """``-o -`` writes to stdout, as ``-`` reads stdin: no file named "-" appears."""
    (tmp_path / "a.txt").write_text(PAGE)
    proc = run_cli("clean", str(tmp_path / "a.txt"), "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == run_cli("clean", str(tmp_path / "a.txt")).stdout == PAGE.split("\n", 1)[1].encode()
    assert not (tmp_path / "-").exists()


def test_explain_marks_removals_without_colour() -> None:
    proc = run_cli("explain", str(SEEDS / "002_4a427009187b29ff.txt"))
    assert proc.returncode == 0
    text = proc.stdout.decode()
    assert re.search(r"\[-caption_credit labelled_credit [01]\.\d\d: «Picture: REUTERS/KCNA»-\]", text)
    assert re.search(r"\[-contributor_line \S+ [01]\.\d\d: «• With Jihye Lee", text)
    assert "\x1b[" not in text


def test_explain_colour_when_asked() -> None:
    proc = run_cli("explain", "--color", "always", str(SEEDS / "001_f00f849171b024e0.txt"))
    assert b"\x1b[9;31m" in proc.stdout


def test_score_ranks_seeds(tmp_path: Path) -> None:
    proc = run_cli("score", str(SEEDS))
    assert proc.returncode == 0
    scores = {
        Path(line.split("\t")[1]).stem: float(line.split("\t")[0])
        for line in proc.stdout.decode().splitlines()
    }
    assert len(scores) == 4
    assert scores["000_000185b34f02d9e8"] < scores["004_bfd26f82141552af"] < scores["001_f00f849171b024e0"]


def test_a_record_with_nothing_to_clean_is_copied_with_a_warning_not_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "recs.jsonl"
    path.write_text(json.dumps({"id": 1, "url": "https://example.org"}) + "\n" + '{"text": "unterminated\n')
    proc = run_cli("clean", str(path), "-o", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 1  # the broken record fails the run; the copied one does not
    assert b"recs.jsonl:1: no string field text or html; record copied unchanged" in proc.stderr
    assert b"Unterminated string" in proc.stderr and b"Invalid control character" not in proc.stderr
    assert b"copied 1 record unchanged" in proc.stderr and b"(1 failed)" in proc.stderr
    path.write_text(json.dumps({"id": 1, "url": "https://example.org"}) + "\n")
    again = run_cli("clean", str(path), "-o", str(tmp_path / "again.jsonl"))
    assert again.returncode == 0, again.stderr


def test_min_purity_drops_documents_and_keep_headline_keeps_it(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "clean.txt").write_text(PAGE)
    (src / "noisy.txt").write_text("Share\nMenu\nLogin\nSearch\nSubscribe\n" + PAGE)
    (src / "page.html").write_text(HTML_PAGE)
    scores = {Path(line.split("\t")[1]).name: float(line.split("\t")[0])
              for line in run_cli("score", str(src)).stdout.decode().splitlines()}  # fmt: skip
    bar = (scores["clean.txt"] + scores["noisy.txt"]) / 2
    assert scores["noisy.txt"] < bar < scores["clean.txt"]
    proc = run_cli("clean", str(src), "-o", str(tmp_path / "out"), "--min-purity", f"{bar:.3f}")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "clean.txt").exists() and not (tmp_path / "out" / "noisy.txt").exists()
    assert b"dropped 1 document below --min-purity" in proc.stderr
    kept = run_cli("clean", str(src / "page.html"), "--keep-headline").stdout.decode()
    assert kept.startswith("Council passes the budget\n")
    assert run_cli("clean", str(src), "--min-purity", "2").returncode == 2


def test_a_lone_surrogate_escape_in_a_record_is_written_and_odd_file_names_are_shown(tmp_path: Path) -> None:
    records = tmp_path / "recs.jsonl"
    records.write_text('{"id": 1, "text": "Share\\nThe vote \\ud83d passed on Monday."}\n')
    proc = run_cli("clean", str(records), "-o", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "out.jsonl").read_text())["text"] == "The vote \ud83d passed on Monday."
    assert run_cli("explain", str(records)).returncode == 0
    folder = tmp_path / "names"
    folder.mkdir()
    for name in (b"caf\xe9.txt", b"two\nlines.txt"):
        (folder / os.fsdecode(name)).write_text(PAGE)
    proc = run_cli("score", str(folder))
    assert proc.returncode == 0, proc.stderr
    rows = proc.stdout.decode().splitlines()
    assert [row.split("\t")[1].rsplit("/", 1)[1] for row in rows] == ["caf\\xe9.txt", "two\\x0alines.txt"]
    assert run_cli("explain", str(folder)).returncode == 0


def test_special_files_are_named_and_skipped_and_the_good_one_written(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(PAGE)
    os.mkfifo(src / "fifo.txt")  # reading it would block the run for ever
    (src / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    (src / "loop.txt").symlink_to("loop.txt")
    proc = run_cli("clean", str(src), "-o", str(tmp_path / "out"), timeout=60)
    assert proc.returncode == 1
    assert (tmp_path / "out" / "good.txt").read_text().startswith("The council approved")
    for name, why in (("fifo.txt", b"a FIFO"), ("zero.txt", b"a device"), ("loop.txt", b"symbolic links")):
        assert name.encode() in proc.stderr and why in proc.stderr, name
    assert b"Traceback" not in proc.stderr
    for rules in (src / "fifo.txt", src / "zero.txt"):
        refused = run_cli("clean", str(src / "good.txt"), "--rules", str(rules), timeout=60)
        assert refused.returncode == 2 and b"cannot read rules (not a regular file" in refused.stderr
