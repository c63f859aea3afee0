"""The learned line model: features of a line in its context, a linear scorer, smoothing.

Inference is plain Python over sparse features, so it needs nothing beyond the
package. Weights are data (JSON written by ``cleanscrape learn``), never code.
It is not part of ``clean`` yet: on the benchmark it lifts full-page dumps but
still drops list-heavy article text (see docs/guide.md, "The line model").
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .errors import RuleError
from .model import Segment

FORMAT = "cleanscrape-line-model/1"
HASH_BUCKETS = 1 << 18
PROSE_WORDS = 10
SMOOTHING = (0.2, 0.6, 0.2)  # weights of previous line, the line, next line
WORD_BINS = (0, 1, 2, 3, 5, 8, 12, 20, 40)
SHARE_BINS = (0.0, 0.05, 0.15, 0.3, 0.5)
SENTENCE_END = (".", "!", "?", '"', "”", "’", "»", ":", ";", ")")
LINK_MARKS = re.compile(r"\||»|›|→|https?:|www\.|\.com\b|@|#")
# Function words of the languages in the corpora; a share of them marks running prose.
STOPWORDS = frozenset(
    """
    the a an and or of to in on for with at by from is are was were be been has have had
    that this it its as but not he she they we you his her their our will would said
    der die das und oder ist sind war nicht ein eine einen dem den des mit von zu auf für
    im als auch sich es sie er wir ich bei nach wie aus
    le la les un une des et ou est sont était pas du de en dans pour sur avec au aux que
    qui il elle ils nous vous ce cette son sa ses par plus
    el los las y o es son era no del al en con por para su sus que se lo como más una
    il lo gli e è sono non di da con per su che si come più
    het een en of is zijn was niet van in op met voor dat die er ook aan
    o os as e é são não do da dos das em com por para que se um uma
    i w z na do że się nie jest to jak od po za
    и в не на что с по как это он она они из за от у к
    """.split()
)


def _bin(value: float, bins: Sequence[float]) -> int:
    return sum(value >= b for b in bins)


def _hash(feature: str) -> str:
    return f"h{zlib.crc32(feature.encode('utf-8')) % HASH_BUCKETS}"


def line_shape(text: str) -> dict[str, float]:
    """Shallow features of one line on its own."""
    tokens = re.findall(r"\w+", text)
    n = len(tokens)
    stripped = text.strip()
    letters = sum(ch.isalpha() for ch in stripped) or 1
    feats = {
        f"words={_bin(n, WORD_BINS)}": 1.0,
        f"end_sentence={stripped.endswith(SENTENCE_END)}": 1.0,
        f"stop={_bin(sum(t.casefold() in STOPWORDS for t in tokens) / (n or 1), SHARE_BINS)}": 1.0,
        f"digits={_bin(sum(ch.isdigit() for ch in stripped) / (len(stripped) or 1), SHARE_BINS)}": 1.0,
        f"caps={_bin(sum(t[:1].isupper() for t in tokens) / (n or 1), (0.2, 0.4, 0.6, 0.8))}": 1.0,
        f"punct={_bin(_count_punct(stripped) / letters, SHARE_BINS)}": 1.0,
        f"links={bool(LINK_MARKS.search(stripped))}": 1.0,
    }
    low = [t.casefold() for t in tokens[:2]]
    if low:
        feats[_hash("first=" + low[0])] = 1.0
        feats[_hash("last=" + tokens[-1].casefold())] = 1.0
    if len(low) == 2:
        feats[_hash("first2=" + " ".join(low))] = 1.0
    return feats


def document_shape(segments: Sequence[Segment]) -> dict[str, float]:
    """Features of the whole document: how much of it is running prose.

    A short line means one thing in a clean article and another in a page dump.
    """
    prose = sum(s.n_words >= PROSE_WORDS and s.text.rstrip().endswith(SENTENCE_END) for s in segments)
    share = prose / (len(segments) or 1)
    return {f"doc_prose={_bin(share, (0.1, 0.2, 0.35, 0.5, 0.7, 0.85))}": 1.0,
            f"doc_lines={_bin(len(segments), (5, 15, 40, 100, 250))}": 1.0}  # fmt: skip


def features(segments: Sequence[Segment], i: int, doc: dict[str, float] | None = None) -> dict[str, float]:
    """Features of line ``i``: its own shape, its neighbours', its position, the document's."""
    feats = {"bias": 1.0, f"pos={min(9, 10 * i // max(len(segments), 1))}": 1.0}
    doc = document_shape(segments) if doc is None else doc
    own = line_shape(segments[i].text)
    feats.update(own)
    for d in doc:
        feats[d] = 1.0
        for key in own:
            if key.startswith("words="):
                feats[f"{d}&{key}"] = 1.0
    for offset, name in ((-1, "prev"), (1, "next")):
        j = i + offset
        if 0 <= j < len(segments):
            for key in line_shape(segments[j].text):
                if not key.startswith("h"):
                    feats[f"{name}:{key}"] = 1.0
        else:
            feats[f"{name}:none"] = 1.0
    return feats


@dataclass(frozen=True)
class LineModel:
    """Weights of a logistic line scorer, with the threshold and the corpus it came from."""

    weights: Mapping[str, float]
    threshold: float
    digest: str

    def raw_scores(self, segments: Sequence[Segment]) -> list[float]:
        """P(content) for each line, before smoothing."""
        w = self.weights
        doc = document_shape(segments)
        return [sigmoid(sum(w.get(k, 0.0) * v for k, v in features(segments, i, doc).items()))
                for i in range(len(segments))]  # fmt: skip

    def scores(self, segments: Sequence[Segment]) -> list[float]:
        """P(content) for each line, smoothed with its neighbours."""
        return smooth(self.raw_scores(segments))

    def to_json(self) -> str:
        kept = {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) > 1e-6}
        data = {"format": FORMAT, "digest": self.digest, "threshold": self.threshold, "weights": kept}
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
            return cls(weights, float(data["threshold"]), str(data["digest"]))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise RuleError(f"{path}: malformed line model (missing or bad {exc})") from exc


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


def _count_punct(text: str) -> int:
    return sum(not ch.isalnum() and not ch.isspace() for ch in text)


def sigmoid(z: float) -> float:
    """The logistic function, clamped so that no input overflows."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
