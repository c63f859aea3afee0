"""The learned line model: features of a line in its context, a linear scorer, a decoder.

The features and the scorer are the engine's (``_engine.LineScorer``, in Rust);
training reads the same features through ``line_features``. Weights are data
(JSON written by ``cleanscrape learn``), never code.

The model decides only on full-page dumps (``is_page_dump``): there the article
is one run of prose among menus and footers, so the decoder (the engine's too)
keeps the best contiguous run of content (``article_run``) instead of judging
lines alone.
On extractor outputs it removes nothing: there its errors cost more than the
leftover noise it finds (see docs/design.md, "The line model").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import _engine
from .._engine import PAGE as PAGE
from .._engine import LearnedPatterns, LineScorer
from ..core.types import Document, Segment
from ..errors import RuleError
from .language import stoplists
from .patterns import LinePattern

FORMAT = "cleanscrape-line-model/1"
DEFAULT_MODEL = "data/line-model.json"


def _stoplist_pairs() -> list[tuple[str, list[str]]]:
    return [(lang, sorted(words)) for lang, words in stoplists().items()]


def _build_scorer(weights: Mapping[str, float]) -> LineScorer:
    if isinstance(weights, ScorerWeights):
        return weights.scorer
    return LineScorer(dict(weights), _stoplist_pairs())


class ScorerWeights(Mapping[str, float]):
    """The weights a scorer holds, read where they are (a model read from its file has no
    other copy: the engine reads the file's weights itself)."""

    __slots__ = ("scorer",)

    def __init__(self, scorer: LineScorer) -> None:
        self.scorer = scorer

    def __getitem__(self, key: str) -> float:
        weight = self.scorer.weight(key) if isinstance(key, str) else None
        if weight is None:
            raise KeyError(key)
        return weight

    def __iter__(self) -> Iterator[str]:
        return iter(self.scorer.weight_keys())

    def __len__(self) -> int:
        return len(self.scorer.weight_keys())

    def __reduce__(self) -> tuple[Any, ...]:
        return _weights_of_json, (self.scorer.weights_json(),)


def _weights_of_json(weights: str) -> ScorerWeights:
    """A JSON object of weights (``LineScorer.weights_json``) read by the engine."""
    scorer, _ = _engine.read_line_model(f'{{"weights": {weights}}}', _stoplist_pairs())
    assert scorer is not None  # the text has weights
    return ScorerWeights(scorer)


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
        """Pickle (for worker processes) with the weights as the engine holds them."""
        return LineModel, (ScorerWeights(self._scorer), self.threshold, self.digest, self.patterns)

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
        needs a low mean score; a head of lines running to a few words more
        ("Skip to main content", "Sign in My account") needs a lower one
        (the engine's ``decoder::page_scores``).
        """
        return self._scorer.page_scores([s.text for s in segments], [s.n_words for s in segments], page)

    def page_cut(
        self, doc: Document, interface: Iterable[int], matched: Iterable[int], attribution: Iterable[int]
    ) -> list[tuple[int, bool, int]]:
        """What page layout drops from ``doc`` where it is a page dump: ``(segment index, inside
        the article's run, score band)`` of each segment not removed before, on a line the
        decoder leaves out of the article (``article_run``), nothing where ``doc`` is no page
        dump or its lines left are still menu-shaped. Segments numbered in ``interface`` were
        removed as interface text (no article, whatever their shape), in ``matched`` by page
        layout's patterns, in ``attribution`` are an embedded post's attribution line (neutral,
        not to break the article's run); the engine's ``decoder::page_cut``."""
        return self._scorer.page_cut(
            doc.lines(), doc.source, doc.evidence.page_context, list(doc.removed), list(interface),
            list(matched), list(attribution), self.threshold,
        )  # fmt: skip

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
        """Parse a model from its JSON text (the engine reads the weights); ``path`` names it
        in errors."""
        try:
            scorer, rest = _engine.read_line_model(text, _stoplist_pairs())
            data = json.loads(rest)
        except ValueError as exc:
            raise RuleError(f"{path}: cannot read a line model ({exc})") from exc
        if data.get("format") != FORMAT:
            raise RuleError(f"{path}: not a {FORMAT} file; write one with `cleanscrape learn`")
        try:
            if scorer is None:
                raise KeyError("weights")
            patterns = tuple(LinePattern.from_dict(p) for p in data.get("patterns", []))
            return cls(ScorerWeights(scorer), float(data["threshold"]), str(data["digest"]), patterns)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise RuleError(f"{path}: malformed line model (missing or bad {exc})") from exc


@cache
def default_model() -> LineModel:
    """The model shipped with the package (``data/line-model.json``), read once."""
    text = resources.files("cleanscrape").joinpath(DEFAULT_MODEL).read_text("utf-8")
    return LineModel.from_json(text, f"cleanscrape/{DEFAULT_MODEL}")


def is_page_dump(
    segments: Sequence[Segment],
    short_words: int = _engine.SHORT_WORDS,
    share: float = _engine.HEAD_SHORT_SHARE,
) -> bool:
    """Whether ``segments`` look like a whole page flattened to text: long, menu lines first.

    An extractor's output starts with a headline and prose; a page dump starts
    with navigation: at least ``share`` of its first lines have at most
    ``short_words`` words (the engine's ``decoder::is_page_dump``).
    """
    return _engine.is_page_dump([s.n_words for s in segments], short_words, share)


def article_run(scores: Sequence[float], segments: Sequence[Segment], threshold: float) -> list[bool]:
    """Keep the contiguous run with the most content evidence, plus sure content outside it.

    Each line adds (score - threshold), weighted by the square root of its
    word count, so long prose lines count for more; the run with the largest
    sum is the article (a maximum-subarray search). Inside it, lines scoring
    very low still go; outside it, lines scoring very high stay (the engine's
    ``decoder::article_run``).

    >>> from cleanscrape.core.segment import segment_text
    >>> segs = segment_text("Home\\nNews\\nA long line of prose.\\nMore prose here.\\nFooter\\nLegal prose.")
    >>> article_run([0.1, 0.2, 0.9, 0.8, 0.1, 0.95], segs, 0.5)
    [False, False, True, True, False, True]
    """
    return _engine.article_run(list(scores), [s.n_words for s in segments], threshold)


def smooth(scores: Sequence[float]) -> list[float]:
    """Weighted average with the neighbouring lines (edges reuse the line itself).

    >>> [round(x, 2) for x in smooth([1.0, 0.0, 1.0])]
    [0.8, 0.4, 0.8]
    """
    return _engine.smooth(list(scores))
