"""The content safety net: a document that reads like an article is never gutted.

Prose lines are long and end like sentences (``_engine.is_prose``, the definition the line
model reads too). When a document reads like an article (at least ``MIN_PROSE_LINES`` prose
lines, making up ``MIN_PROSE_SHARE`` of its text), the filters would remove ``GUTTED_SHARE``
or more of their text, and fewer than ``MIN_WORDS_LEFT`` words would be left, the article is
being thrown away (a model misjudging the page, a user rule too broad): the removals that
take prose lines out are undone and handed back as ``Cleaned.rescued``, so the user sees
what was kept and why.
"""

from __future__ import annotations

from bisect import bisect_right

from .._engine import SegmentTable
from .spans import apply_removals
from .text import word_count
from .types import Removal

MIN_PROSE_LINES = 3
MIN_PROSE_SHARE = 0.5  # an article is mostly prose; a page dump is not
GUTTED_SHARE = 0.8
MIN_WORDS_LEFT = 50  # with this many words kept, an article (or a brief) is still there


def rescue(source: str, table: SegmentTable, removals: list[Removal]) -> tuple[list[Removal], list[Removal]]:
    """``(kept, rescued)``: the removals to apply, and those undone because they gut the article.

    ``removals`` are sorted and disjoint offsets into ``source``, whose segments ``table``
    holds.
    """
    if not removals:
        return removals, []
    prose = table.prose_spans()  # the prose lines (``is_prose``), in one call
    if len(prose) < MIN_PROSE_LINES:
        return removals, []
    prose_chars = sum(end - start for start, end in prose)
    if prose_chars < MIN_PROSE_SHARE * table.chars():
        return removals, []  # a page of menus and teasers, not an article
    starts = [r.start for r in removals]
    touching: set[int] = set()
    prose_gone = 0
    for start, end in prose:
        i = max(bisect_right(starts, start) - 1, 0)
        while i < len(removals) and removals[i].start < end:
            r = removals[i]
            if r.end > start:
                touching.add(i)
                prose_gone += min(r.end, end) - max(r.start, start)
            i += 1
    if prose_gone < GUTTED_SHARE * prose_chars:
        return removals, []  # little of the prose went
    if word_count(apply_removals(source, removals)) >= MIN_WORDS_LEFT:
        return removals, []  # an article's worth (or a brief) is left
    return [r for i, r in enumerate(removals) if i not in touching], [removals[i] for i in sorted(touching)]
