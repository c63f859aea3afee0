"""The walk over removals: the text a set of spans leaves, as ``pieces`` cuts it."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from cleanscrape.core.spans import apply_removals, pieces
from cleanscrape.core.types import Reason, Removal


@dataclass(frozen=True)
class Span:
    """A span that is no tuple: ``apply_removals`` reads its ``start`` and ``end``."""

    start: int
    end: int


_SOURCES = st.text(alphabet=st.sampled_from(list("ab \n\u00e9\u20ac\U0001d11e\ud800")), max_size=30)
_CUTS = st.lists(st.integers(0, 34), max_size=10).map(sorted)


@given(_SOURCES, _CUTS)
def test_the_text_left_is_the_stretches_pieces_keeps(source: str, cuts: list[int]) -> None:
    # sorted, disjoint spans from every other pair of cut points, some past the source's end
    spans = [Span(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    kept = "".join(source[a:b] for a, b, span in pieces(source, spans) if span is None)
    assert apply_removals(source, spans) == kept
    removals = [Removal(s.start, s.end, "f", Reason.AD_LABEL, "r") for s in spans]
    assert apply_removals(source, removals) == kept


def test_nothing_removed_leaves_the_text_and_everything_removed_leaves_nothing() -> None:
    assert apply_removals("Ad\nText", []) == "Ad\nText"
    assert apply_removals("Ad\nText", [Span(0, 7)]) == ""
    assert apply_removals("Ad\nText", iter([Span(0, 3)])) == "Text"  # any iterable
