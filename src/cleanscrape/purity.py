"""Purity: the estimated share of the input's characters that are article content.

A pure function of the segments and the removals: removed characters count
as noise, and kept lines count by how much they read like article prose (a
short line without sentence punctuation is as often a leftover label as a
crosshead). Whitespace is not counted.
"""

from __future__ import annotations

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
    """Score ``source`` given its segments and the removals decided for it."""
    removed = _removed_mask(len(source), removals)
    total = 0.0
    content = 0.0
    for seg in segments:
        chars = [i for i in range(seg.start, seg.end) if not source[i].isspace()]
        if not chars:
            continue
        total += len(chars)
        kept = [i for i in chars if not removed[i]]
        if kept:
            kept_text = "".join(source[i] for i in range(seg.start, seg.end) if not removed[i])
            content += len(kept) * prose_likelihood(kept_text)
    return 0.0 if total == 0 else max(0.0, min(1.0, content / total))


def _removed_mask(length: int, removals: Sequence[Removal]) -> bytearray:
    mask = bytearray(length)
    for r in removals:
        mask[r.start : r.end] = b"\x01" * (r.end - r.start)
    return mask
