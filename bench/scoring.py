"""The two public scorers, implemented from their definitions.

- Shingle scoring (article-extraction benchmark): tokens are ``\\w+`` matches,
  each text a multiset of 4-token shingles; per page TP/FP/FN are multiset
  overlaps; precision and recall are averaged over pages, F1 is their harmonic mean.
- Segment scoring (web-content evaluation): a ``with`` segment found in the
  output is a true positive, a ``without`` segment found is a false positive;
  precision, recall and F1 over all segments pooled.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from cleanscrape.core.segment import segment_text
from cleanscrape.learned.training.align import SHINGLE, TOKEN, squash


@dataclass(frozen=True)
class Score:
    """F1 with its precision and recall."""

    f1: float
    precision: float
    recall: float

    def __str__(self) -> str:
        return f"F1 {self.f1:.3f} (P {self.precision:.3f}, R {self.recall:.3f})"


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of 4-token shingles of ``text``.

    >>> sorted(shingles("a b c d e"))
    [('a', 'b', 'c', 'd'), ('b', 'c', 'd', 'e')]
    """
    tokens = TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def shingle_score(pairs: Iterable[tuple[str, str]]) -> Score:
    """Score (truth, output) pairs, one per page.

    >>> shingle_score([("one two three four five", "one two three four five")]).f1
    1.0
    """
    precisions: list[float] = []
    recalls: list[float] = []
    for truth, output in pairs:
        t, o = shingles(truth), shingles(output)
        tp = sum((t & o).values())
        fp = sum((o - t).values())
        fn = sum((t - o).values())
        if fp == 0 and fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))
    return _score(_mean(precisions), _mean(recalls))


def segment_score(cases: Iterable[tuple[list[str], list[str], str]]) -> Score:
    """Score (with, without, output) triples, pooling all segments.

    >>> segment_score([(["kept text"], ["menu"], "kept  text here")])
    Score(f1=1.0, precision=1.0, recall=1.0)
    """
    tp = fp = fn = 0
    for with_, without, output in cases:
        text = squash(output)
        for seg in with_:
            if squash(seg) in text:
                tp += 1
            else:
                fn += 1
        fp += sum(1 for seg in without if squash(seg) in text)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return _score(precision, recall)


def line_oracle(truth: str, output: str, kept_head: int = 1) -> str:
    """``output`` as a cleaner that knows ``truth`` would leave it, line by line (sentence by
    sentence on a glued line): a segment goes when over half of its shingles are not in
    ``truth``. The first ``kept_head`` segments stay whatever they hold: whether a page's
    headline is article text is its site's annotation convention, which no text shows.
    The ceiling of line-level cleaning, to read the cleaned figures against.

    >>> body = "The council met on Monday night."
    >>> line_oracle(body, f"Home\\n{body}\\nShare this story on Facebook now", kept_head=0)
    'Home\\nThe council met on Monday night.'
    """
    t = shingles(truth)
    kept = []
    for i, seg in enumerate(segment_text(output)):
        own = shingles(seg.text)
        if i < kept_head or sum((own - t).values()) * 2 <= sum(own.values()):
            kept.append(seg.text)
    return "\n".join(kept)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _score(precision: float, recall: float) -> Score:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(f1, precision, recall)
