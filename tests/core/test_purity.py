"""Purity counts each removed span's visible characters, and the input's, as a plain reading
of the text does."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from cleanscrape.core.purity import purity_score
from cleanscrape.core.types import Reason, Removal

TEXT = st.text(st.sampled_from(list("ab é\n\t\u00a0\u3000x.\u2009\u1680\x85\x1f’😀\u2028")), max_size=40)
SPAN = st.tuples(st.integers(0, 45), st.integers(0, 8), st.sampled_from([0.2, 0.5, 1.0]), st.booleans())


def _visible(text: str) -> int:
    return sum(not c.isspace() for c in text)


@given(TEXT, st.lists(SPAN, max_size=6), st.randoms(use_true_random=False))
def test_removed_spans_count_their_visible_characters(
    source: str, spans: list[tuple[int, int, float, bool]], order: random.Random
) -> None:
    """With nothing kept, purity is the removed characters' chance of being article over the
    input's characters less those of the spans moved to the title (a headline); spans reach
    past the input's end, some are empty, and they come in any order."""
    removals, at = [], 0
    for gap, length, confidence, moved in spans:
        start = at + gap % 5
        reason = Reason.HEADLINE if moved else Reason.UI_CONTROL
        removals.append(Removal(start, start + length, "f", reason, "r", confidence))
        at = start + length
    order.shuffle(removals)
    assert abs(purity_score(source, "", removals) - _all_removed(source, removals)) < 1e-9


def _all_removed(source: str, removals: list[Removal]) -> float:
    """The purity of ``source`` with nothing kept, counted in Python."""
    total = _visible(source) - sum(
        _visible(source[r.start : r.end]) for r in removals if r.reason == Reason.HEADLINE
    )
    removed = sum(
        _visible(source[r.start : r.end]) * (1 - r.confidence)
        for r in removals
        if r.reason != Reason.HEADLINE
    )
    return 0.0 if total <= 0 else min(max(removed / total, 0.0), 1.0)


def test_a_long_text_beyond_ascii_counts_as_a_short_one_does() -> None:
    """A text of over a million code points beyond ASCII is read a piece at a time: its
    kept lines count as a short text's, and removed spans across the pieces' bounds (in any
    order, some overlapping, one past the end) as a plain reading counts them."""
    line = "Grüße aus Köln, wo es den ganzen Tag \ud800 geregnet hat. 😀\n"
    source = line * ((3 << 20) // len(line))  # three pieces or more
    assert abs(purity_score(source, source) - purity_score(line, line)) < 1e-9
    rng = random.Random(5)
    removals = []
    for _ in range(40):
        start = rng.randrange(len(source))
        end = start + rng.choice([0, 1, 700, 300_000, 1_500_000])
        reason = rng.choice([Reason.HEADLINE, Reason.UI_CONTROL])
        removals.append(Removal(start, end, "f", reason, "r", rng.choice([0.2, 0.9])))
    assert abs(purity_score(source, "", removals) - _all_removed(source, removals)) < 1e-9


def test_every_code_point_counts_as_python_reads_it() -> None:
    """Every character, spaces past ASCII and lone surrogates included, is visible exactly
    when ``str.isspace`` says it is not: removed spans of 4,096 code points at a time, each
    against 100 letters."""
    letters = "x" * 100
    for block in range(0, 0x110000, 0x1000):
        chars = "".join(map(chr, range(block, block + 0x1000)))
        removal = Removal(len(letters), len(letters) + len(chars), "f", Reason.UI_CONTROL, "r", 0.0)
        shown = _visible(chars)
        assert abs(purity_score(letters + chars, "", [removal]) - shown / (100 + shown)) < 1e-12, hex(block)
