"""Fuzzing the text and HTML paths with hypothesis, at volume.

Examples per test come from the hypothesis profile: ``ci`` (the default,
bounded for CI) or ``nightly`` (``HYPOTHESIS_PROFILE=nightly pytest
tests/test_fuzz.py``, see conftest.py). Properties: any bytes or text give a
valid result or a ``CleanscrapeError``, never another exception; the result
rebuilds from its removals; purity stays in [0, 1].
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanscrape import CleanscrapeError, clean

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


def check(raw: str | bytes, kind: str) -> None:
    try:
        result = clean(raw, kind=kind)  # type: ignore[arg-type]
    except CleanscrapeError:
        return
    assert result.replay() == result.text
    assert 0.0 <= result.purity <= 1.0


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
