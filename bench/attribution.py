"""What each removal took: how much of it was noise and how much article text, by the truth.

A removed token is judged by the 4-shingles that hold it, each shingle counting
for the share of its tokens the removal took (so a two-word "Share this" is
judged by the shingles around it, as the scorer sees it). A shingle is article
text as far as the truth holds it and the cleaned text no longer does: a pull
quote removed beside the body's own copy costs nothing, the body's sentence
removed does. Where the truth is a set of snippets to keep and to drop (the
segment benchmarks), a shingle in neither is unknown and not counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cleanscrape.core.spans import apply_removals
from cleanscrape.core.types import Removal
from cleanscrape.learned.training.align import SHINGLE, TOKEN

from .scoring import shingles


@dataclass(frozen=True)
class Truth:
    """What a page's text should hold: ``keep`` shingles, and, for snippet truths, the
    ``drop`` shingles known to be noise (None: every shingle not kept is noise)."""

    keep: Counter[tuple[str, ...]]
    drop: Counter[tuple[str, ...]] | None = None

    @classmethod
    def of_body(cls, body: str) -> Truth:
        return cls(shingles(body))

    @classmethod
    def of_snippets(cls, keep: Sequence[str], drop: Sequence[str]) -> Truth:
        kept, dropped = Counter[tuple[str, ...]](), Counter[tuple[str, ...]]()
        for text in keep:
            kept.update(shingles(text))
        for text in drop:
            dropped.update(shingles(text))
        return cls(kept, dropped)


def split_removals(source: str, removals: Sequence[Removal], truth: Truth) -> list[tuple[float, float]]:
    """``(noise, article)`` shingle weight of each of ``removals`` (sorted, disjoint offsets into
    ``source``), judged by ``truth``.

    >>> from cleanscrape.core.types import Reason
    >>> text = "The council met on Monday night\\nShare this story now please\\nand voted for the plan"
    >>> gone = Removal(32, 60, "chrome", Reason.SHARE_BUTTONS, "share")
    >>> split_removals(text, [gone], Truth.of_body("The council met on Monday night and voted for the plan"))
    [(5.0, 0.0)]
    """
    matches = list(TOKEN.finditer(source))
    tokens = [m[0] for m in matches]
    starts = [m.start() for m in matches]
    before = Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))
    after = shingles(apply_removals(source, removals))
    result = []
    cursor = 0
    for r in removals:
        while cursor < len(starts) and starts[cursor] < r.start:
            cursor += 1
        first = last = cursor
        while last < len(starts) and starts[last] < r.end:
            last += 1
        noise = article = 0.0
        for i in range(max(first - SHINGLE + 1, 0), min(last, len(tokens) - SHINGLE + 1)):
            shingle = tuple(tokens[i : i + SHINGLE])
            weight = (min(i + SHINGLE, last) - max(i, first)) / SHINGLE
            share = _article_share(shingle, before, after, truth)
            if share is not None:
                article += weight * share
                noise += weight * (1 - share)
        result.append((noise, article))
    return result


def _article_share(
    shingle: tuple[str, ...], before: Counter[tuple[str, ...]], after: Counter[tuple[str, ...]], truth: Truth
) -> float | None:
    """The share of one removed copy of ``shingle`` that was article text; None when unknown."""
    keep = truth.keep[shingle]
    if not keep:
        return None if truth.drop is not None and not truth.drop[shingle] else 0.0
    removed = before[shingle] - after[shingle]
    if removed <= 0:
        return min(1.0, keep / before[shingle])
    return max(0.0, min(1.0, (min(before[shingle], keep) - min(after[shingle], keep)) / removed))
