"""Repeated headlines, banners, captions and pull quotes.

Exact repeats (after normalising case, spacing and edge punctuation) keep the
first occurrence. A near repeat is a shorter line whose word shingles all but
appear in a longer line: a pull quote lifted from the body. The body's
occurrence is kept, wherever it stands.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Document, Family, Reason, Removal, Segment
from ..textutil import normalize, words
from .base import Filter

SHINGLE = 4
MIN_PULL_QUOTE_WORDS = 8
MIN_CONTAINMENT = 0.9
MAX_POSTINGS = 64


@dataclass(frozen=True)
class Repeats(Filter):
    """Remove exact repeats of earlier lines and pull quotes that repeat the body."""

    family = Family.REPEATS
    min_pull_quote_words: int | None = MIN_PULL_QUOTE_WORDS
    min_containment: float = MIN_CONTAINMENT

    def propose(self, doc: Document) -> Iterable[Removal]:
        kept = list(doc.kept())
        seen: set[str] = set()
        unique: list[Segment] = []
        removals = []
        for seg in kept:
            key = normalize(seg.text)
            if not any(ch.isalnum() for ch in key):
                unique.append(seg)
            elif key in seen:
                removals.append(self.drop_line(seg, Reason.REPEATED_LINE, "exact_repeat"))
            else:
                seen.add(key)
                unique.append(seg)
        if self.min_pull_quote_words is not None:
            removals += self._pull_quotes(unique)
        return removals

    def _pull_quotes(self, segments: list[Segment]) -> list[Removal]:
        tokens = [[w.casefold() for w in words(s.text)] for s in segments]
        shingles = [_shingles(t) for t in tokens]
        postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, grams in enumerate(shingles):
            for g in grams:
                if len(postings[g]) < MAX_POSTINGS:
                    postings[g].append(i)
        removals = []
        for i, grams in enumerate(shingles):
            if len(tokens[i]) < (self.min_pull_quote_words or 0) or not grams:
                continue
            overlap: dict[int, int] = defaultdict(int)
            for g in grams:
                for j in postings[g]:
                    if j != i and len(tokens[j]) > len(tokens[i]):
                        overlap[j] += 1
            if overlap and max(overlap.values()) >= self.min_containment * len(grams):
                removals.append(
                    self.drop_line(segments[i], Reason.REPEATED_PULL_QUOTE, "contained_in_longer_line")
                )
        return removals


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
