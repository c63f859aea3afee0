"""The learned line model: features of a line in its context, a linear scorer, a decoder.

The features and the scorer are the engine's (``_engine.LineScorer``, in Rust);
training reads the same features through ``line_features``. Weights are data
(JSON written by ``cleanscrape learn``), never code.

The model decides only on full-page dumps (``is_page_dump``): there the article
is one run of prose among menus and footers, so the decoder keeps the best
contiguous run of content (``article_run``) instead of judging lines alone.
On extractor outputs it removes nothing: there its errors cost more than the
leftover noise it finds (see docs/design.md, "The line model").
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .._engine import PAGE as PAGE
from .._engine import LearnedPatterns, LineScorer
from ..core.types import Document, Segment
from ..errors import RuleError
from .language import stoplists
from .patterns import LinePattern

FORMAT = "cleanscrape-line-model/1"
DEFAULT_MODEL = "data/line-model.json"
SMOOTHING = (0.2, 0.6, 0.2)  # weights of previous line, the line, next line
SHORT_WORDS = 3
MENU_WORDS = 5  # menu lines of a few words more, when the model reads them as chrome
MENU_HEAD_SHARE = 0.4
MENU_HEAD_SCORE = 0.2
DUMP_HEAD_SCORE = 0.35
HEAD_LINES = 10
DUMP_MIN_LINES = 40
HEAD_SHORT_SHARE = 0.6
IN_RUN_FLOOR = 0.15
OUT_OF_RUN_KEEP = 0.92


def _build_scorer(weights: Mapping[str, float]) -> LineScorer:
    return LineScorer(dict(weights), [(lang, sorted(words)) for lang, words in stoplists().items()])


@cache
def _feature_reader() -> LineScorer:
    """A scorer without weights: what training reads features with."""
    return _build_scorer({})


def line_features(
    segments: Sequence[Segment], page: Sequence[tuple[str, ...]] = ()
) -> list[dict[str, float]]:
    """The features of each line of ``segments`` in its document (the engine's), as training
    weighs them; ``page`` gives each line's context in its HTML page (``dom.Block``), where
    known. Its keys then start with ``PAGE``, and those lines have weights of their own."""
    keys = _feature_reader().features([s.text for s in segments], page)
    return [dict.fromkeys(line, 1.0) for line in keys]


@dataclass(frozen=True)
class LineModel:
    """Weights of a logistic line scorer, mined line patterns, and the corpus they came from."""

    weights: Mapping[str, float] = field(repr=False)
    threshold: float
    digest: str
    patterns: tuple[LinePattern, ...] = field(default=(), repr=False)
    # Derived from the fields: the engine's lookup of the patterns and its scorer over the weights.
    _patterns: LearnedPatterns = field(init=False, repr=False, compare=False)
    _scorer: LineScorer = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_patterns", LearnedPatterns([(p.kind, list(p.tokens)) for p in self.patterns])
        )
        object.__setattr__(self, "_scorer", _build_scorer(self.weights))

    def patterns_in(self, doc: Document) -> list[tuple[Segment, LinePattern]]:
        """Each segment of ``doc`` no earlier filter removed that matches one of the model's
        patterns (by ``patterns.line_keys``), with the first it matches."""
        found = self._patterns.first_each(doc.lines(), list(doc.removed))
        return [(doc.segments[i], self.patterns[p]) for i, p in found]

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle (for worker processes) with the weights as a plain dict."""
        return _rebuild_model, (dict(self.weights), self.threshold, self.digest, self.patterns)

    def raw_scores(self, segments: Sequence[Segment], page: Sequence[tuple[str, ...]] = ()) -> list[float]:
        """P(content) for each line, before smoothing: the weights of its ``line_features``, summed."""
        return self._scorer.raw_scores([s.text for s in segments], page)

    def scores(self, segments: Sequence[Segment], page: Sequence[tuple[str, ...]] = ()) -> list[float]:
        """P(content) for each line, smoothed with its neighbours; ``page`` as for ``line_features``."""
        return smooth(self.raw_scores(segments, page))

    def page_scores(
        self, segments: Sequence[Segment], page: Sequence[tuple[str, ...]] = ()
    ) -> list[float] | None:
        """Smoothed scores when ``segments`` are a full-page dump, else None; ``page`` gives
        each line's context in its HTML page, where known.

        A page dump opens with menus: most of its first lines are short, and
        the model reads them as chrome. A head of lines of up to three words
        needs a mean score under ``DUMP_HEAD_SCORE``; a head of lines running
        to a few words more ("Skip to main content", "Sign in My account")
        needs a lower one, ``MENU_HEAD_SCORE``.
        """
        if not opens_like_page(segments):
            return None
        scores = self.scores(segments, page)
        head = scores[:HEAD_LINES]
        limit = DUMP_HEAD_SCORE if is_page_dump(segments) else MENU_HEAD_SCORE
        return scores if sum(head) / len(head) < limit else None

    def to_json(self) -> str:
        kept = {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) > 1e-6}
        data = {"format": FORMAT, "digest": self.digest, "threshold": self.threshold, "weights": kept,
                "patterns": [p.to_dict() for p in self.patterns]}  # fmt: skip
        return json.dumps(data, indent=0, sort_keys=True) + "\n"

    @classmethod
    def load(cls, path: Path) -> LineModel:
        """Read a model file written by ``cleanscrape learn``."""
        try:
            return cls.from_json(path.read_text(encoding="utf-8"), str(path))
        except OSError as exc:
            raise RuleError(f"{path}: cannot read a line model ({exc})") from exc

    @classmethod
    def from_json(cls, text: str, path: str = "<model>") -> LineModel:
        """Parse a model from its JSON text; ``path`` names it in errors."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise RuleError(f"{path}: cannot read a line model ({exc})") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise RuleError(f"{path}: not a {FORMAT} file; write one with `cleanscrape learn`")
        try:
            weights = MappingProxyType({str(k): float(v) for k, v in data["weights"].items()})
            patterns = tuple(LinePattern.from_dict(p) for p in data.get("patterns", []))
            return cls(weights, float(data["threshold"]), str(data["digest"]), patterns)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise RuleError(f"{path}: malformed line model (missing or bad {exc})") from exc


def _rebuild_model(
    weights: dict[str, float], threshold: float, digest: str, patterns: tuple[LinePattern, ...]
) -> LineModel:
    return LineModel(MappingProxyType(weights), threshold, digest, patterns)


@cache
def default_model() -> LineModel:
    """The model shipped with the package (``data/line-model.json``), read once."""
    text = resources.files("cleanscrape").joinpath(DEFAULT_MODEL).read_text("utf-8")
    return LineModel.from_json(text, f"cleanscrape/{DEFAULT_MODEL}")


def is_page_dump(
    segments: Sequence[Segment], short_words: int = SHORT_WORDS, share: float = HEAD_SHORT_SHARE
) -> bool:
    """Whether ``segments`` look like a whole page flattened to text: long, menu lines first.

    An extractor's output starts with a headline and prose; a page dump starts
    with navigation: at least ``share`` of its first lines have at most
    ``short_words`` words.
    """
    head = segments[:HEAD_LINES]
    short = sum(s.n_words <= short_words for s in head)
    return len(segments) >= DUMP_MIN_LINES and short >= share * len(head)


def opens_like_page(lines: Sequence[Segment]) -> bool:
    """Whether ``lines`` (glued lines whole) may be a page dump, for the model to judge: long,
    and opening with lines of a few words (``MENU_WORDS``). Short of this, text is an
    extractor's output, and the model leaves it alone."""
    return is_page_dump(lines, MENU_WORDS, MENU_HEAD_SHARE)


def article_run(scores: Sequence[float], segments: Sequence[Segment], threshold: float) -> list[bool]:
    """Keep the contiguous run with the most content evidence, plus sure content outside it.

    Each line adds (score - threshold), weighted by the square root of its
    word count, so long prose lines count for more; the run with the largest
    sum is the article (a maximum-subarray search). Inside it, lines scoring
    below ``IN_RUN_FLOOR`` still go; outside it, lines above ``OUT_OF_RUN_KEEP`` stay.

    >>> from cleanscrape.core.segment import segment_text
    >>> segs = segment_text("Home\\nNews\\nA long line of prose.\\nMore prose here.\\nFooter\\nLegal prose.")
    >>> article_run([0.1, 0.2, 0.9, 0.8, 0.1, 0.95], segs, 0.5)
    [False, False, True, True, False, True]
    """
    best, total, start, span = -math.inf, 0.0, 0, (0, -1)
    for i, (score, seg) in enumerate(zip(scores, segments, strict=True)):
        value = (score - threshold) * math.sqrt(max(seg.n_words, 1))
        total, start = (value, i) if total <= 0 else (total + value, start)
        if total > best:
            best, span = total, (start, i)
    lo, hi = span
    return [(lo <= i <= hi and s >= IN_RUN_FLOOR) or s >= OUT_OF_RUN_KEEP for i, s in enumerate(scores)]


def smooth(scores: Sequence[float]) -> list[float]:
    """Weighted average with the neighbouring lines (edges reuse the line itself).

    >>> [round(x, 2) for x in smooth([1.0, 0.0, 1.0])]
    [0.8, 0.4, 0.8]
    """
    before, own, after = SMOOTHING
    n = len(scores)
    return [
        before * scores[max(i - 1, 0)] + own * scores[i] + after * scores[min(i + 1, n - 1)] for i in range(n)
    ]
