"""Coverage-guided fuzzing of the text and HTML paths with atheris (libFuzzer).

Run it for as long as you like; libFuzzer's flags apply::

    .venv/bin/python tests/fuzz_clean.py -max_total_time=600 -timeout=10 -rss_limit_mb=2048 CORPUS_DIR

The first input byte picks the path (bytes of unknown kind, text, HTML bytes,
HTML as str); the rest is the input. Any exception other than a
``CleanscrapeError``, a broken invariant, a run over ``-timeout`` seconds or
over ``-rss_limit_mb`` is a finding: libFuzzer stops and writes the input to
``crash-*``, ``timeout-*`` or ``oom-*``. CI runs a bounded session
(tests/test_fuzz.py).
"""

from __future__ import annotations

import sys

from cleanscrape import CleanscrapeError, clean


def check(raw: str | bytes, kind: str) -> None:
    """Clean ``raw``: a valid result or a CleanscrapeError, nothing else."""
    try:
        result = clean(raw, kind=kind)  # type: ignore[arg-type]
    except CleanscrapeError:
        return
    assert isinstance(result.text, str)
    assert result.replay() == result.text, "the result does not rebuild from its removals"
    assert 0.0 <= result.purity <= 1.0, f"purity {result.purity}"


def one_input(data: bytes) -> None:
    """The fuzz target: the first byte chooses the path, the rest is the input."""
    if not data:
        return
    path, body = data[0] % 4, data[1:]
    if path == 0:
        check(body, "auto")
    elif path == 1:
        check(body.decode("utf-8", errors="surrogateescape"), "text")
    elif path == 2:
        check(body, "html")
    else:
        check(body.decode("latin-1"), "html")


def main() -> None:
    import atheris

    atheris.instrument_all()  # coverage of every loaded Python function guides the fuzzer
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
