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
from collections.abc import Sequence

from .. import _engine
from .spans import apply_removals
from .text import word_count
from .types import Removal, Segment

MIN_PROSE_LINES = 3
MIN_PROSE_SHARE = 0.5  # an article is mostly prose; a page dump is not
GUTTED_SHARE = 0.8
MIN_WORDS_LEFT = 50  # with this many words kept, an article (or a brief) is still there


def is_prose(seg: Segment) -> bool:
    """A line long enough and ending like a sentence.

    >>> from cleanscrape.core.segment import segment_text
    >>> [is_prose(s) for s in segment_text("Menu\\n" + "word " * 10 + "end.\\n")]
    [False, True]
    """
    return _engine.is_prose(seg.text, seg.n_words)


def rescue(
    source: str, segments: Sequence[Segment], removals: list[Removal]
) -> tuple[list[Removal], list[Removal]]:
    """``(kept, rescued)``: the removals to apply, and those undone because they gut the article.

    ``removals`` are sorted and disjoint offsets into ``source``, which ``segments`` were cut from.
    """
    if not removals:
        return removals, []
    prose = [s for s in segments if is_prose(s)]
    if len(prose) < MIN_PROSE_LINES:
        return removals, []
    prose_chars = sum(s.end - s.start for s in prose)
    if prose_chars < MIN_PROSE_SHARE * sum(s.end - s.start for s in segments):
        return removals, []  # a page of menus and teasers, not an article
    starts = [r.start for r in removals]
    touching: set[int] = set()
    prose_gone = 0
    for seg in prose:
        i = max(bisect_right(starts, seg.start) - 1, 0)
        while i < len(removals) and removals[i].start < seg.end:
            r = removals[i]
            if r.end > seg.start:
                touching.add(i)
                prose_gone += min(r.end, seg.end) - max(r.start, seg.start)
            i += 1
    if prose_gone < GUTTED_SHARE * prose_chars:
        return removals, []  # little of the prose went
    if word_count(apply_removals(source, removals)) >= MIN_WORDS_LEFT:
        return removals, []  # an article's worth (or a brief) is left
    return [r for i, r in enumerate(removals) if i not in touching], [removals[i] for i in sorted(touching)]
