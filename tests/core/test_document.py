"""What a filter sees of a document: its segments, and those no earlier filter removed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleanscrape.core.segment import segment_text
from cleanscrape.core.types import Document


@given(st.integers(1, 12), st.sets(st.integers(0, 11)))
def test_a_segment_s_neighbours_are_those_beside_it_in_the_kept_ones(lines: int, gone: set[int]) -> None:
    source = "\n".join(f"Line {n}." for n in range(lines))
    segments = segment_text(source)
    doc = Document(source, segments, {i: "chrome" for i in gone if i < lines})
    kept = doc.kept()
    for seg in segments:
        after = [s for s in kept if s.index > seg.index]
        before = [s for s in kept if s.index < seg.index]
        assert doc.neighbour(seg, 1) == (after[0] if after else None)
        assert doc.neighbour(seg, -1) == (before[-1] if before else None)


@given(st.integers(0, 12), st.sets(st.integers(0, 11)))
def test_the_kept_segments_are_those_no_filter_removed_in_order(lines: int, gone: set[int]) -> None:
    source = "\n".join(f"Line {n}." for n in range(lines))
    doc = Document(source, segment_text(source), {i: "chrome" for i in gone if i < lines})
    expected = [i for i in range(lines) if i not in gone]
    assert doc.kept_indices() == expected
    assert [(s.index, s.text) for s in doc.kept()] == [(i, f"Line {i}.") for i in expected]
