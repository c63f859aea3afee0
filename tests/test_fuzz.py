"""Fuzzing the text and HTML paths: hypothesis at volume, and a bounded atheris session.

Examples per hypothesis test come from the profile: ``ci`` (the default,
bounded for CI) or ``nightly`` (``HYPOTHESIS_PROFILE=nightly pytest
tests/test_fuzz.py``, see conftest.py). The atheris session (coverage-guided,
tests/fuzz_clean.py) runs for ``FUZZ_SECONDS`` from seeds made of the project
corpus. Properties: any bytes or text give a valid result or a
``CleanscrapeError``, never another exception, hang or runaway memory; the
result rebuilds from its removals; purity stays in [0, 1].
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NEGATIVE, SEEDS
from fuzz_clean import check

FUZZER = Path(__file__).with_name("fuzz_clean.py")
FUZZ_SECONDS = 60

TAGS = ["html", "body", "div", "p", "span", "a", "script", "style", "nav", "article", "svg", "title",
        "table", "td", "ul", "li", "figure", "figcaption", "aside", "noscript", "template", "iframe", "br",
        "h1"]  # fmt: skip
PIECES = st.one_of(
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(['<p class="share">', '<div hidden>', '<a href="x">', "<!--", "-->", "<![CDATA[", "]]>",
                     "&amp;", "&#0;", "&#x110000;", "&nbsp;", "<meta charset=utf-16>", '<meta charset="x">',
                     "<?xml version='1.0' encoding='latin-1'?>", "<!DOCTYPE html>", "\x00", "\ud800", "\r"]),
    st.text(max_size=30),
)  # fmt: skip
html_like = st.lists(PIECES, max_size=60).map("".join)
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(["auto", "text", "html"]))
def test_any_bytes(raw: bytes, kind: str) -> None:
    check(raw, kind)


@FUZZ
@given(html_like, st.sampled_from(["auto", "html"]))
def test_html_like_text(raw: str, kind: str) -> None:
    check(raw, kind)
    check(raw.encode("utf-8", "surrogatepass"), kind)


@FUZZ
@given(st.text(max_size=3000))
def test_any_text(raw: str) -> None:
    check(raw, "text")


def _seed_page(text: bytes) -> bytes:
    head, _, rest = text.partition(b"\n")
    return (
        b"<!DOCTYPE html><html><head><meta charset=utf-8><title>" + head + b"</title></head><body>"
        b"<nav><a href=/>Home</a><a href=/news>News</a></nav><article><h1>" + head + b"</h1>"
        b"<figure><img src=a.jpg><figcaption>Picture: REUTERS</figcaption></figure><p>"
        + rest.replace(b"\n", b"</p><p>")
        + b"</p></article><aside class=related>Read more \xc2\xbb</aside><script>var a=1;</script>"
        b"<footer>\xc2\xa9 2026</footer></body></html>"
    )


def test_a_bounded_atheris_session_finds_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, path in enumerate(sorted(SEEDS.glob("*.txt")) + sorted(NEGATIVE.glob("*.txt"))):
        text = path.read_bytes()[:3000]
        for path_byte, body in ((0, text), (1, text), (2, _seed_page(text))):
            (corpus / f"seed{n}-{path_byte}").write_bytes(bytes([path_byte]) + body)
    seeds = len(list(corpus.iterdir()))
    flags = [f"-max_total_time={FUZZ_SECONDS}", "-timeout=10", "-rss_limit_mb=2048", "-max_len=8192"]
    proc = subprocess.run(
        [sys.executable, str(FUZZER), *flags, str(corpus)],
        cwd=tmp_path,
        capture_output=True,
        timeout=FUZZ_SECONDS + 300,
        check=False,
    )
    log = proc.stderr.decode("utf-8", errors="replace")
    findings = sorted(p.name for p in tmp_path.glob("*-*") if p.name.startswith(("crash", "timeout", "oom")))
    assert proc.returncode == 0 and not findings, f"{findings}\n{log[-4000:]}"
    done = re.search(r"Done (\d+) runs", log)
    assert done is not None and int(done[1]) > seeds, "the session never got past its seeds"
