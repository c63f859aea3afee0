"""The provenance models' line features, as the engine reads them off a text's lines: each
line's tests (a price, code, a timestamp) and a short line's words mean what their Python
patterns mean."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape import _engine
from cleanscrape.core.segment import segment_table
from cleanscrape.core.text import normalize
from cleanscrape.learned.provenance import opening_features
from cleanscrape.learned.training.train import load_corpora
from conftest import ROOT, shared_bench

# What the engine's line tests mean, in Python (engine/src/provenance.rs searches them as one set).
LINE_TESTS = {
    "price": re.compile(r"(?:[$€£¥₹]\s?\d|\d(?:[.,]\d{2})?\s?(?:€|eur|usd|gbp)\b)", re.IGNORECASE),
    "code": re.compile(r"[{};]\s*$|^\s*(?:\$ |>>> |def |class |import |function |const |<\w+[ >])"),
    "stamp": re.compile(r"\b(?:\d{1,2}[:/.]\d{2}|ago|hours?|minutes?|days?|posted|replied|joined)\b", re.I),
}
ALL_LINES = 7  # the share bin of a test every line of a text passes
UI_WORD = re.compile(r"[^\W\d_]{2,}")  # a short line's word, of two letters or more


def _agree(line: str) -> None:
    norm = normalize(line)
    features = _engine.line_features([line], [norm], [1])
    for name, pattern in LINE_TESTS.items():
        assert (f"{name}>{ALL_LINES}" in features) == (pattern.search(line) is not None), (name, line)
    words = [f.removeprefix("ui=") for f in features if f.startswith("ui=")]
    assert words == list(dict.fromkeys(UI_WORD.findall(norm))), line


def test_line_tests_find_alike_on_every_dev_line() -> None:
    bench = shared_bench()
    examples = load_corpora([bench / "aeb-dev", bench / "teval-dev", bench / "wcxb-dev", ROOT / "corpus"])
    lines = {line for ex in examples for line in ex.text.splitlines() if line.strip()}
    assert len(lines) > 100_000
    for line in lines:
        _agree(line)


# Pieces of prices, code and stamps, with the characters where Python's and the crate's
# readings part (other scripts' digits and spaces, the Kelvin sign, a long s, combining marks).
PIECES = st.sampled_from([
    "$", "€", "£", "¥", "₹", "19", "9.99", "4,50", "EUR", "usd", "GbP", "12:30", "1/05", "ago", "AGO",
    "hours", "minute", "Days", "posted", "replied", "joined", "def ", "class ", ">>> ", "<div>", "<a ",
    "{", "}", ";", "const ", "import ", "$ ", "٣", "\u2000", "\x1c", "ſ", "K", "\u0301", "’", "é",
    "_", " ", "  ", "x", "Price", "a", "ab", "Über", "ß", "١٢", "e\u0301t",
])  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES | st.text(max_size=2), min_size=1, max_size=10))
def test_line_tests_find_alike_on_made_up_lines(pieces: list[str]) -> None:
    for line in (" ".join(pieces), "".join(pieces)):
        if line.strip():
            _agree(line)


# Lines of a text's opening: menus, prose, prices, code, blank lines, a glued text of many
# sentences, a glued line of two long words (short, yet cut into two sentences).
OPENING_LINES = st.sampled_from(
    ["Menu", "Home", "", " ", "Story of the day.", "€ 5", "def f():", "It rained. " * 300,
     "A" * 1500 + ". " + "B" * 1500 + "."]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(OPENING_LINES, max_size=900), st.sampled_from(["\n", "\r\n", "\n\n", "\u2028"]))
def test_opening_features_read_from_a_pass_table_are_those_read_from_the_text(
    lines: list[str], line_break: str
) -> None:
    text = line_break.join(lines)
    assert opening_features(text, table=segment_table(text)[1]) == opening_features(text)
