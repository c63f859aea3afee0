"""Repeated headlines, banners, captions and pull quotes.

Exact repeats (after normalising case, spacing and edge punctuation) keep the
first occurrence when the copy stands within a few lines of it: a doubled
banner, headline or caption. Lines that recur far apart, as interview
questions and meal-plan headings do, are content. Distance counts lines, so
the sentences of a glued text line printed twice are near their copies. A near
repeat is a shorter line whose words appear verbatim, in one run, inside a
longer line: a pull quote lifted from the body. The body's copy is kept,
unless the longer line is mostly body lines glued together (a summary or
metadata copy of the article): then that line is the copy and goes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import _engine
from ..core.types import Document, Family, Reason, Removal
from .base import Filter

NEAR_REPEAT_LINES = 3
MIN_PULL_QUOTE_WORDS = 8
MIN_DIGEST_LINES = 2
DIGEST_SHARE = 0.5


@dataclass(frozen=True)
class Repeats(Filter):
    """Remove exact repeats of earlier lines and pull quotes that repeat the body."""

    family = Family.REPEATS
    near_repeat_lines: int | None = NEAR_REPEAT_LINES
    min_pull_quote_words: int | None = MIN_PULL_QUOTE_WORDS

    def propose(self, doc: Document) -> Iterable[Removal]:
        exact, pulled = _engine.repeats(
            doc.lines(), list(doc.removed), self.near_repeat_lines, self.min_pull_quote_words
        )
        segments = doc.segments
        removals = [self.drop_line(segments[i], Reason.REPEATED_LINE, "near_repeat") for i in exact]
        if pulled is None:
            return removals
        # Each distinct line is checked once, on case-folded words; a glued line is judged
        # whole. Lines under the minimum length can neither be a pull quote nor hold one.
        found, involved = pulled
        holders = dict(found)
        lengths = {j: n_tokens for j, n_tokens, _ in involved}
        segments_of = {j: indices for j, _, indices in involved}
        digests = _digests(holders, lengths)

        def drop(j: int, reason: Reason, rule: str) -> list[Removal]:
            return [self.drop_line(segments[i], reason, rule) for i in segments_of[j]]

        for j in digests:
            removals += drop(j, Reason.REPEATED_LINE, "copy_of_body_lines")
        for i, held_by in holders.items():
            if any(j not in digests for j in held_by):
                removals += drop(i, Reason.REPEATED_PULL_QUOTE, "verbatim_in_longer_line")
        return removals


def _digests(holders: dict[int, list[int]], lengths: Mapping[int, int]) -> set[int]:
    """Lines that are mostly other lines glued together: a summary or metadata copy of the body.

    A pull quote is a small part of the paragraph it came from; when the lines
    found inside a line make up most of it, that line is the copy, not them.
    """
    held: dict[int, list[int]] = defaultdict(list)
    for i, held_by in holders.items():
        for j in held_by:
            held[j].append(i)
    return {
        j
        for j, inside in held.items()
        if len(inside) >= MIN_DIGEST_LINES and sum(lengths[i] for i in inside) >= DIGEST_SHARE * lengths[j]
    }
