"""The learned line model: features of a line in its context, a linear scorer, a decoder.

Inference is plain Python over sparse features, so it needs nothing beyond the
package. Weights are data (JSON written by ``cleanscrape learn``), never code.

The model decides only on full-page dumps (``is_page_dump``): there the article
is one run of prose among menus and footers, so the decoder keeps the best
contiguous run of content (``article_run``) instead of judging lines alone.
On extractor outputs it removes nothing: there its errors cost more than the
leftover noise it finds (see docs/design.md, "The line model").
"""

from __future__ import annotations

import json
import math
import re
import statistics
import zlib
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import RuleError
from .language import detect_language, stopwords_for
from .model import Segment
from .patterns import LinePattern
from .textutil import line_cache, words

FORMAT = "cleanscrape-line-model/1"
DEFAULT_MODEL = "data/line-model.json"
HASH_BUCKETS = 1 << 18
PROSE_WORDS = 10
SMOOTHING = (0.2, 0.6, 0.2)  # weights of previous line, the line, next line
WORD_BINS = (0, 1, 2, 3, 5, 8, 12, 20, 40)
SHARE_BINS = (0.0, 0.05, 0.15, 0.3, 0.5)
CAPS_BINS = (0.2, 0.4, 0.6, 0.8)
SENTENCE_END = (".", "!", "?", '"', "”", "’", "»", ":", ";", ")", "。", "！", "？", "」")
LINK_MARKS = re.compile(r"\||»|›|→|https?:|www\.|\.com\b|@|#")
_LETTER, _DIGIT, _PUNCT = re.compile(r"[^\W\d_]"), re.compile(r"\d"), re.compile(r"[^\w\s]")
LIST_MARK = re.compile(r"^\s*(?:[-–•*·▪►]|\d{1,3}[.)])\s")
# A date or a time alone on its line ("32M ago", "11/20/2019 01:14 PM", "20. November 2019",
# "vor 3 Stunden", "hace 2 horas"): a word between a day and a year is a month in any language.
TIMESTAMP = re.compile(
    r"^(?:\d{1,3}\s*[^\W\d_]{1,8}\s+(?:ago|fa|geleden|temu|siden|sedan)"
    r"|(?:vor|il y a|hace|há)\s+\d{1,3}\s+[^\W\d_]{1,10}"
    r"|(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|[^\W\d_]{3,10}\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,10}\.?,?\s+(?:de\s+)?\d{4})"
    r"(?:,?\s*(?:at|um|à|a las|alle|om|o)?\s*\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[^\W\d_]{2,4})?)?"
    r")$",
    re.IGNORECASE,
)
FEED_STAMPS = 3  # timestamps, each within FEED_GAP lines of the next, make a feed
FEED_GAP = 6
COHESION_MIN_LEN = 4
BAG_OF_WORDS_MAX = 8
NEAR, FAR = 3, 10
# A page dump is mostly short lines (menus, labels) with little prose among them.
DENSE_PROSE_SHARE = 0.35
DUMP_SHORT_SHARE = 0.35
SHORT_WORDS = 3
MENU_WORDS = 5  # menu lines of a few words more, when the model reads them as chrome
MENU_HEAD_SHARE = 0.4
MENU_HEAD_SCORE = 0.2
DUMP_HEAD_SCORE = 0.35
HEAD_LINES = 10
DUMP_MIN_LINES = 40
HEAD_SHORT_SHARE = 0.6
IN_RUN_FLOOR = 0.15
GROUP_CACHE_MAX = 1 << 16
OUT_OF_RUN_KEEP = 0.92


def _bin(value: float, bins: Sequence[float]) -> int:
    """How many of the ascending ``bins`` ``value`` reaches."""
    return bisect_right(bins, value)


@lru_cache(maxsize=1 << 16)
def _hash(feature: str) -> str:
    return f"h{zlib.crc32(feature.encode('utf-8')) % HASH_BUCKETS}"


@dataclass(frozen=True, slots=True)
class Shape:
    """A line on its own: shallow features (``keys``) and hashed lexical ones (``lexical``)."""

    keys: tuple[str, ...]
    lexical: tuple[str, ...]


def line_shape(text: str, tokens: Sequence[str], stopwords: frozenset[str]) -> Shape:
    """Shallow features of one line on its own: size, punctuation, case, digits, links, lists."""
    n = len(tokens)
    stripped = text.strip()
    letters = len(_LETTER.findall(stripped)) or 1
    folded = [t.casefold() for t in tokens]
    keys = (
        f"words={_bin(n, WORD_BINS)}",
        f"end_sentence={stripped.endswith(SENTENCE_END)}",
        f"stop={_bin(sum(map(stopwords.__contains__, folded)) / (n or 1), SHARE_BINS)}",
        f"digits={_bin(len(_DIGIT.findall(stripped)) / (len(stripped) or 1), SHARE_BINS)}",
        f"caps={_bin(sum(map(str.isupper, [t[0] for t in tokens])) / (n or 1), CAPS_BINS)}",
        f"punct={_bin(len(_PUNCT.findall(stripped)) / letters, SHARE_BINS)}",
        f"links={bool(LINK_MARKS.search(stripped))}",
        f"list={bool(LIST_MARK.match(stripped))}",
        f"table={stripped.startswith('|') and stripped.endswith('|')}",
    )
    lexical = []
    if folded:
        lexical += [_hash("first=" + folded[0]), _hash("last=" + folded[-1])]
    if n <= BAG_OF_WORDS_MAX:  # menu and footer vocabulary ("contact", "impressum") carries across sites
        lexical += [_hash("tok=" + t) for t in folded]
    if n >= 2:
        lexical.append(_hash("first2=" + folded[0] + " " + folded[1]))
    return Shape(keys, tuple(dict.fromkeys(lexical)))


@dataclass(frozen=True)
class Context:
    """What the features of every line need to know about the whole document."""

    shapes: list[Shape]
    doc: tuple[str, ...]
    dense: bool  # mostly prose already, like an extractor's output
    prose_before: list[int]  # prose lines before each index (prefix sums, one longer)
    first_prose: int
    last_prose: int
    cohesion: list[float]
    page: Sequence[tuple[str, ...]]  # each line's context in its HTML page, where known
    feed: list[bool]  # inside a run of timestamped items (``in_feed``)


def context(segments: Sequence[Segment], page: Sequence[tuple[str, ...]] = ()) -> Context:
    """Read the document once: its language, each line's shape, where its prose is;
    ``page`` gives each line's context in its HTML page (``dom.Block``), where known."""
    tokens = [_tokens(s.text) for s in segments]
    stopwords = stopwords_for(detect_language(t for line in tokens for t in line))
    shapes = [_shape(s.text, stopwords) for s in segments]
    prose = [len(t) >= PROSE_WORDS and s.text.rstrip().endswith(SENTENCE_END)
             for s, t in zip(segments, tokens, strict=True)]  # fmt: skip
    prefix = [0]
    for flag in prose:
        prefix.append(prefix[-1] + flag)
    prose_at = [i for i, flag in enumerate(prose) if flag]
    share = len(prose_at) / (len(segments) or 1)
    short = sum(len(t) <= SHORT_WORDS for t in tokens) / (len(segments) or 1)
    doc = (f"doc_prose={_bin(share, (0.1, 0.2, 0.35, 0.5, 0.7, 0.85))}",
           f"doc_lines={_bin(len(segments), (5, 15, 40, 100, 250))}")  # fmt: skip
    dense = share >= DENSE_PROSE_SHARE or short < DUMP_SHORT_SHARE
    first, last = (prose_at[0], prose_at[-1]) if prose_at else (-1, -1)
    cohesion = _cohesion(tokens, prose, stopwords)
    return Context(
        shapes, doc, dense, prefix, first, last, cohesion, page, in_feed([s.text for s in segments])
    )


def in_feed(lines: Sequence[str]) -> list[bool]:
    """Per line, whether it lies in a feed: from the first to the last of ``FEED_STAMPS`` or
    more timestamp lines at a regular spacing, each within ``FEED_GAP`` lines of the next.
    Teaser lists and comment threads stamp every item alike; an article states its date
    once, and the stamp that heads it stands further from the feed's than they stand apart.

    >>> in_feed(["Story", "Title A", "2 hours ago", "Title B", "5 hours ago", "Title C", "1 day ago", "End"])
    [False, False, True, True, True, True, True, False]
    >>> in_feed(["May 2, 2019", "Prose.", "Prose.", "A", "1h ago", "B", "2h ago", "C", "3h ago"])
    [False, False, False, False, True, True, True, True, True]
    """
    flags = [False] * len(lines)
    stamps = [i for i, line in enumerate(lines) if TIMESTAMP.match(line.strip())]
    for run in _runs(stamps, FEED_GAP):
        if len(run) < FEED_STAMPS:
            continue
        spacing = statistics.median_low(b - a for a, b in pairwise(run)) + 1
        for regular in _runs(run, spacing):
            if len(regular) >= FEED_STAMPS:
                flags[regular[0] : regular[-1] + 1] = [True] * (regular[-1] - regular[0] + 1)
    return flags


def _runs(positions: Sequence[int], gap: int) -> list[list[int]]:
    """``positions`` (ascending) cut where one lies more than ``gap`` past the one before."""
    runs: list[list[int]] = []
    for i in positions:
        if runs and i - runs[-1][-1] <= gap:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


@line_cache
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(words(text))


@line_cache
def _shape(text: str, stopwords: frozenset[str]) -> Shape:
    return line_shape(text, _tokens(text), stopwords)


def _cohesion(tokens: list[tuple[str, ...]], prose: list[bool], stopwords: frozenset[str]) -> list[float]:
    """Per line, the share of its content words that the document's other prose lines use.

    A list of ingredients shares words with the recipe around it; a menu does not.
    """
    vocab = [{t.casefold() for t in line if len(t) >= COHESION_MIN_LEN} - stopwords for line in tokens]
    lines_using: Counter[str] = Counter()
    for line_words, flag in zip(vocab, prose, strict=True):
        if flag:
            lines_using.update(line_words)
    return [
        sum(lines_using[w] > flag for w in line_words) / len(line_words) if line_words else -1.0
        for line_words, flag in zip(vocab, prose, strict=True)
    ]


def feature_groups(ctx: Context, i: int) -> list[tuple[str, ...]]:
    """The shallow features of line ``i`` in groups that recur from line to line.

    Groups: bias and position, the line's shape, the document, where the line
    sits among the prose, how much prose is near, cohesion, the shapes of
    the previous and next lines, whether it lies in a feed, and the line's
    context in its HTML page where known. Each group is built once and shared
    (the scorer caches each group's weight).
    """
    n = len(ctx.shapes)
    own = ctx.shapes[i].keys
    size = own[0]
    span = ("none" if ctx.first_prose < 0 else "before" if i < ctx.first_prose
            else "after" if i > ctx.last_prose else "inside")  # fmt: skip
    near = []
    for radius in (NEAR, FAR):
        lo, hi = max(i - radius, 0), min(i + radius + 1, n)
        others = ctx.prose_before[hi] - ctx.prose_before[lo] - (ctx.prose_before[i + 1] - ctx.prose_before[i])
        near.append(_bin(others / max(hi - lo - 1, 1), SHARE_BINS))
    cohesion = ctx.cohesion[i]
    groups = [
        _POSITIONS[min(9, 10 * i // max(n, 1))],
        own,
        _document_group(ctx.doc, size),
        _span_group(span, size),
        _near_group(*near),
        _cohesion_group("none" if cohesion < 0 else _bin(cohesion, (0.25, 0.5, 0.75)), size),
        _prefixed("prev", ctx.shapes[i - 1].keys) if i > 0 else ("prev:none",),
        _prefixed("next", ctx.shapes[i + 1].keys) if i + 1 < n else ("next:none",),
    ]
    if ctx.feed[i]:
        groups.append(_feed_group(size))
    if ctx.page:
        groups.append(_page_group(ctx.page[i], size))
    return groups


_POSITIONS = tuple(("bias", f"pos={p}") for p in range(10))


@lru_cache(maxsize=1 << 10)
def _document_group(doc: tuple[str, ...], size: str) -> tuple[str, ...]:
    return tuple(k for d in doc for k in (d, f"{d}&{size}"))


@lru_cache(maxsize=1 << 10)
def _span_group(span: str, size: str) -> tuple[str, ...]:
    return f"span={span}", f"span={span}&{size}"


@lru_cache(maxsize=1 << 10)
def _near_group(near: int, far: int) -> tuple[str, ...]:
    return f"near{NEAR}={near}", f"near{FAR}={far}"


@lru_cache(maxsize=1 << 10)
def _cohesion_group(cohesion: int | str, size: str) -> tuple[str, ...]:
    return (f"cohesion={cohesion}&{size}",)


@lru_cache(maxsize=1 << 4)
def _feed_group(size: str) -> tuple[str, ...]:
    return "feed", f"feed&{size}"


@lru_cache(maxsize=1 << 12)
def _page_group(page: tuple[str, ...], size: str) -> tuple[str, ...]:
    """A line's context in its page, each key plain and (tags, landmarks, links) with its size."""
    return (*page, *(f"{k}&{size}" for k in page if not k.startswith("cls=")))


@lru_cache(maxsize=1 << 12)
def _prefixed(name: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{name}:{k}" for k in keys)


PAGE = "page:"  # before every key of a line whose context in its page is known


def dialect(ctx: Context) -> str:
    """Dense documents (extractor outputs) and page dumps get shallow weights of their own."""
    return "dense:" if ctx.dense else "dump:"


def features(ctx: Context, i: int) -> dict[str, float]:
    """Features of line ``i``: its shape, its neighbours', where it sits among the prose.

    Each shallow feature appears twice, plain and under the document's
    ``dialect``; hashed lexical features appear once. A line of a page render
    with its context has its own weights: every key starts with ``PAGE``.
    """
    groups = feature_groups(ctx, i)
    shallow = [k for g in groups for k in g]
    keys = [*groups[0], *groups[1], *ctx.shapes[i].lexical, *(k for g in groups[2:] for k in g)]
    prefix = dialect(ctx)
    base = PAGE if ctx.page else ""
    return dict.fromkeys([*(base + k for k in keys), *(base + prefix + k for k in shallow)], 1.0)


@dataclass(frozen=True)
class LineModel:
    """Weights of a logistic line scorer, mined line patterns, and the corpus they came from."""

    weights: Mapping[str, float] = field(repr=False)
    threshold: float
    digest: str
    patterns: tuple[LinePattern, ...] = field(default=(), repr=False)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle (for worker processes) with the weights as a plain dict."""
        return _rebuild_model, (dict(self.weights), self.threshold, self.digest, self.patterns)

    @cached_property
    def pattern_keys(self) -> frozenset[tuple[str, tuple[str, ...]]]:
        """The patterns as keys to look a line's ``line_keys`` up in."""
        return frozenset((p.kind, p.tokens) for p in self.patterns)

    @cached_property
    def _group_weights(self) -> dict[str, dict[tuple[str, ...], float]]:
        return {}

    @cached_property
    def _lexical_weights(self) -> dict[str, dict[tuple[str, ...], float]]:
        return {}

    def raw_scores(self, segments: Sequence[Segment], page: Sequence[tuple[str, ...]] = ()) -> list[float]:
        """P(content) for each line, before smoothing: the weights of ``features``, summed.

        Feature groups and lexical features recur from line to line, so the
        weight of each (per dialect) is looked up once and cached.
        """
        w = self.weights
        ctx = context(segments, page)
        base = PAGE if ctx.page else ""
        prefix = base + dialect(ctx)
        lexical = self._lexical_weights.setdefault(base, {})
        if len(lexical) > GROUP_CACHE_MAX:
            lexical.clear()
        cache = self._group_weights.setdefault(prefix, {})
        if len(cache) > GROUP_CACHE_MAX:
            cache.clear()
        scores = []
        for i, shape in enumerate(ctx.shapes):
            z = lexical.get(shape.lexical)
            if z is None:
                z = lexical[shape.lexical] = sum(w.get(base + k, 0.0) for k in shape.lexical)
            for group in feature_groups(ctx, i):
                weight = cache.get(group)
                if weight is None:
                    weight = cache[group] = sum(w.get(base + k, 0.0) + w.get(prefix + k, 0.0) for k in group)
                z += weight
            scores.append(sigmoid(z))
        return scores

    def scores(self, segments: Sequence[Segment], page: Sequence[tuple[str, ...]] = ()) -> list[float]:
        """P(content) for each line, smoothed with its neighbours; ``page`` as for ``context``."""
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

    >>> from cleanscrape.segment import segment_text
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


def sigmoid(z: float) -> float:
    """The logistic function, clamped so that no input overflows."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
