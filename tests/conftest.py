"""Shared fixtures: corpus locations and a CLI runner."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from cleanscrape import Pipeline, default_pipeline
from cleanscrape.errors import InputError
from cleanscrape.learned.training.datasets import bench_root

# Examples per property test: "ci" by default; HYPOTHESIS_PROFILE=nightly for a long run.
settings.register_profile("ci", max_examples=200)
settings.register_profile("nightly", max_examples=20_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
NEGATIVE = ROOT / "corpus" / "negative"
# Real article lines from the negative corpus, and those that are whole paragraphs (not list items).
ARTICLE_LINES = sorted(
    {
        line
        for p in NEGATIVE.glob("*.txt")
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
)
PARAGRAPHS = [line for line in ARTICLE_LINES if len(line.split()) >= 20]
# A news page as a scraper fetches it: a title, a headline, an ad label, two paragraphs.
HTML_PAGE = (
    "<html><head><title>Council passes the budget</title><link rel='canonical' href='https://news.example/a'>"
    "</head><body><article><h1>Council passes the budget</h1><p>Advertisement</p>"
    "<p>The council approved the budget on Tuesday after a debate that ran for most of the night.</p>"
    "<p>Members said the plan would fund new schools, and the vote was nine to two.</p></article>"
    "</body></html>"
)
# The default filters with every proposal applied, the calibrated gate open: what the
# noise families' own recall is tested on.
EVERY_PROPOSAL = Pipeline(default_pipeline().filters, min_confidence=0.0)


def run_cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """Run ``cleanscrape`` in a subprocess, as a user would, with ``stdin`` or nothing on
    its standard input. Past ``timeout`` the run prints its Python stack (faulthandler, on
    SIGABRT), its whole session is killed, workers included, and ``TimeoutExpired`` raised
    with that stack in its stderr: a stuck run cannot stall the suite, and shows where it was."""
    command = [sys.executable, "-m", "cleanscrape.cli", *args]
    with subprocess.Popen(command, stdin=subprocess.DEVNULL if stdin is None else subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                          env={**os.environ, "PYTHONFAULTHANDLER": "1"},
                          start_new_session=True) as proc:  # fmt: skip
        try:
            out, err = proc.communicate(stdin, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            proc.send_signal(signal.SIGABRT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)
            with contextlib.suppress(ProcessLookupError):  # the whole session may be gone
                os.killpg(proc.pid, signal.SIGKILL)
            exc.stdout, exc.stderr = proc.communicate()
            sys.stderr.write(exc.stderr.decode("utf-8", "replace")[-4000:])  # in pytest's report
            raise
    return subprocess.CompletedProcess(command, proc.returncode, out, err)


def shared_bench() -> Path:
    """The bench folder, or a skip with its reason where this checkout has none beside it."""
    try:
        return bench_root()
    except InputError:
        pytest.skip("../shared/bench is not beside this checkout")


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli
