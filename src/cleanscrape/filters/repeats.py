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

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .. import _engine
from ..model import Document, Family, Reason, Removal, Segment
from ..segment import line_groups
from .base import Filter

NEAR_REPEAT_LINES = 3
MIN_PULL_QUOTE_WORDS = 8
MIN_DIGEST_LINES = 2
DIGEST_SHARE = 0.5
_ALNUM = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Repeats(Filter):
    """Remove exact repeats of earlier lines and pull quotes that repeat the body."""

    family = Family.REPEATS
    near_repeat_lines: int | None = NEAR_REPEAT_LINES
    min_pull_quote_words: int | None = MIN_PULL_QUOTE_WORDS

    def propose(self, doc: Document) -> Iterable[Removal]:
        kept = list(doc.kept())
        last_seen: dict[str, int] = {}
        unique: dict[int, list[Segment]] = defaultdict(list)  # by line: a glued line's sentences
        removals = []
        numbered = ((line, seg) for line, group in enumerate(line_groups(kept)) for seg in group)
        for line, seg in numbered:
            key = seg.norm
            first = last_seen.get(key)
            if first is not None and self._near(line - first) and _ALNUM.search(key):
                removals.append(self.drop_line(seg, Reason.REPEATED_LINE, "near_repeat"))
                continue
            last_seen[key] = line
            unique[line].append(seg)
        if self.min_pull_quote_words is not None:
            removals += self._pull_quotes(list(unique.values()))
        return removals

    def _near(self, distance: int) -> bool:
        return self.near_repeat_lines is not None and distance <= self.near_repeat_lines

    def _pull_quotes(self, lines: list[list[Segment]]) -> list[Removal]:
        """Lines lifted verbatim from a longer line; each distinct line is checked once
        (the engine's ``pull_quotes``, on case-folded words).

        ``lines`` holds each line's segments (several for a glued line, which is judged
        whole). Lines under the minimum length can neither be a pull quote nor hold one.
        """
        texts = [[seg.text for seg in line] for line in lines]
        n_words = [sum(seg.n_words for seg in line) for line in lines]
        distinct, lengths, found = _engine.pull_quotes(texts, n_words, self.min_pull_quote_words or 0)
        segments = [[seg for n in group for seg in lines[n]] for group in distinct]
        holders = dict(found)
        digests = _digests(holders, lengths)
        removals = [
            self.drop_line(seg, Reason.REPEATED_LINE, "copy_of_body_lines")
            for j in digests
            for seg in segments[j]
        ]
        for i, held_by in holders.items():
            if any(j not in digests for j in held_by):
                removals += [
                    self.drop_line(seg, Reason.REPEATED_PULL_QUOTE, "verbatim_in_longer_line")
                    for seg in segments[i]
                ]
        return removals


def _digests(holders: dict[int, list[int]], lengths: list[int]) -> set[int]:
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
