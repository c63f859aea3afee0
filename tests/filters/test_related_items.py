"""Related blocks' teaser items, walked from the lines where a block may open, are those a
walk over every kept line finds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleanscrape.core.segment import segment_text
from cleanscrape.core.types import Document, Segment
from cleanscrape.filters.related import _CUE, _HEADER, _TEASER, MAX_HEADLINE_ITEMS, Related, is_headline

_LINES = ["Read more", "More stories:", "A short teaser title", "He left. Then he came back.", "Story ten"]


def _walk_every_line(related: Related, kept: list[Segment], parts: dict[int, int]) -> list[tuple[int, str]]:
    """The items as a walk over every kept line, position by position, reads them."""
    cues = [parts.get(s.index) == _CUE for s in kept]
    headers = [parts.get(s.index) == _HEADER for s in kept]
    found, i = [], 0
    while i < len(kept):
        opened = headers[i]
        start = i + 1 if opened else i
        pairs, j = [], start
        while j + 1 < len(kept) and not cues[j] and not headers[j] and cues[j + 1]:
            pairs.append(kept[j])
            j += 2
        least = related.min_headerless_pairs
        if pairs and (opened or (least is not None and len(pairs) >= least)):
            found += [(s.index, "item_after_header" if opened else "item_before_cue") for s in pairs]
            i = j
        elif opened:
            j = start
            while (
                j < len(kept)
                and j - start < MAX_HEADLINE_ITEMS
                and not headers[j]
                and is_headline(kept[j].text)
            ):
                found.append((kept[j].index, "headline_after_header"))
                j += 1
            i = max(j, i + 1)
        else:
            i += 1
    return found


@given(
    st.lists(
        st.tuples(st.integers(0, len(_LINES) - 1), st.sampled_from([0, _CUE, _HEADER, _TEASER])), max_size=30
    ),
    st.sets(st.integers(0, 29)),
    st.sampled_from([None, 1, 2]),
)
def test_items_are_those_a_walk_over_every_kept_line_finds(
    lines: list[tuple[int, int]], gone: set[int], least: int | None
) -> None:
    source = "\n".join(
        f"{_LINES[n]} {k}" if _LINES[n].endswith(("title", "ten")) else _LINES[n]
        for k, (n, _) in enumerate(lines)
    )
    segments = segment_text(source)
    doc = Document(source, segments, {i: "chrome" for i in gone if i < len(segments)})
    parts = {s.index: lines[s.index][1] for s in doc.kept() if lines[s.index][1]}
    related = Related(min_headerless_pairs=least)
    found = [(s.index, rule) for s, rule in related._items(doc, parts)]
    assert found == _walk_every_line(related, doc.kept(), parts)
