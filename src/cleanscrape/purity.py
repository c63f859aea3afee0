"""Purity: the estimated share of the input's characters that are article content.

A pure function of the segments and the removals: removed characters count
as noise, and kept lines count by how much they read like article prose (a
short line without sentence punctuation is as often a leftover label as a
crosshead). Whitespace is not counted.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .model import Removal, Segment
from .textutil import word_count

PROSE_WORDS = 12
SHORT_LINE_FLOOR = 0.35
SENTENCE_ENDINGS = (".", "!", "?", '"', "”", "’", "»", ")", ":", ";", "…")


def prose_likelihood(text: str) -> float:
    """How much a kept line reads like article prose, in [0, 1].

    >>> prose_likelihood("He spoke for an hour about the budget and the coming election.")
    1.0
    >>> round(prose_likelihood("Menu"), 2)
    0.4
    """
    n = word_count(text)
    if n >= PROSE_WORDS:
        return 1.0
    share = n / PROSE_WORDS
    if text.rstrip().endswith(SENTENCE_ENDINGS):
        share = 0.5 + share / 2
    return SHORT_LINE_FLOOR + (1 - SHORT_LINE_FLOOR) * share


def purity_score(source: str, segments: Sequence[Segment], removals: Sequence[Removal]) -> float:
    """Score ``source`` given its segments and the sorted, disjoint removals decided for it."""
    starts = [r.start for r in removals]
    total = 0
    content = 0.0
    for seg in segments:
        total += _visible(seg.text)
        pieces = []
        cursor = seg.start
        i = max(bisect_right(starts, seg.start) - 1, 0)
        while i < len(removals) and removals[i].start < seg.end:
            r = removals[i]
            if r.end > cursor:
                pieces.append(source[cursor : max(cursor, r.start)])
                cursor = max(cursor, r.end)
            i += 1
        if cursor < seg.end:
            pieces.append(source[cursor : seg.end])
        kept = "".join(pieces)
        if kept.strip():
            content += _visible(kept) * prose_likelihood(kept)
    return 0.0 if total == 0 else max(0.0, min(1.0, content / total))


def _visible(text: str) -> int:
    """Characters that are not whitespace."""
    return len(text) - sum(1 for ch in text if ch.isspace())
