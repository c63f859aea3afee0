"""What a text is: a whole page flattened to text or an extractor's output (its input
state), and the kind of page it comes from (article, forum, documentation, product,
service, listing, collection).

Both are small models learned from annotated pages (``cleanscrape learn`` writes
``data/provenance.json``). They read what the page says it is (its JSON-LD and
OpenGraph types, the words of its address; HTML only), the words of the text's short
lines (a menu's "Login", a product page's "Add to cart", a forum's "Reply") and
the shape of the text (how it opens and ends, prices, code, stamped lines, prose).
The state decides whether the page-layout model may judge the text at all; both
condition how sure each removal is (``calibration``): a price is content on a
product page, ``{{ }}`` on a documentation page, a quoted post in a forum.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from urllib.parse import urlsplit

from .errors import RuleError
from .metadata import Metadata
from .model import Segment
from .segment import segment_lines

FORMAT = "cleanscrape-provenance/1"
DEFAULT_MODEL = "data/provenance.json"
PAGE_TYPES = ("article", "forum", "documentation", "product", "service", "listing", "collection")
BIAS = "bias"
SHORT_LINE_WORDS = 4
MENU_LINE_WORDS = 3
PROSE_LINE_WORDS = 20
EDGE_LINES = 10  # how a text opens and ends
MAX_LINES = 400  # the kind shows in a text's first lines; a long one need not be read whole
MAX_URL_WORDS = 12
PAGE_DUMP_PROBABILITY = 0.8  # above this, a text is a page dump for the page-layout model (docs/design.md)
_WORD = re.compile(r"[^\W\d_]{2,}")
_PRICE = re.compile(r"(?:[$€£¥₹]\s?\d|\d(?:[.,]\d{2})?\s?(?:€|eur|usd|gbp)\b)", re.I)
_CODE = re.compile(r"[{};]\s*$|^\s*(?:\$ |>>> |def |class |import |function |const |<\w+[ >])")
_STAMP = re.compile(r"\b(?:\d{1,2}[:/.]\d{2}|ago|hours?|minutes?|days?|posted|replied|joined)\b", re.I)
SHARE_BINS = (0.0, 0.02, 0.05, 0.15, 0.3, 0.5, 0.7)
LINE_BINS = (5, 10, 20, 40, 80, 160, 320)


def text_features(lines: Sequence[Segment], metadata: Metadata | None = None) -> list[str]:
    """The features both models read, each once, from a text's ``lines`` (glued lines
    whole, as ``segment.segment_lines`` cuts them) and its page's ``metadata`` where known.

    >>> from cleanscrape.segment import segment_lines
    >>> meta = Metadata(url="https://shop.example/p/mug", kinds=("Product",))
    >>> text_features(segment_lines("Add to cart\\nPrice: $19.99"), meta)[:4]
    ['kind=Product', 'url=mug', 'ui=add', 'ui=to']
    """
    found: dict[str, None] = {}
    if metadata is not None:
        found.update((f"kind={k}", None) for k in metadata.kinds)
        if metadata.url:
            path = urlsplit(metadata.url).path.lower()
            found.update((f"url={w}", None) for w in _WORD.findall(path)[:MAX_URL_WORDS])
    lines = lines[:MAX_LINES]
    for seg in lines:
        if seg.n_words <= SHORT_LINE_WORDS:
            found.update((f"ui={w}", None) for w in _WORD.findall(seg.norm))
    head, tail = lines[:EDGE_LINES], lines[-EDGE_LINES:]
    shares = {
        "price": _share(lines, lambda s: bool(_PRICE.search(s.text))),
        "code": _share(lines, lambda s: bool(_CODE.search(s.text))),
        "stamp": _share(lines, lambda s: s.n_words <= 8 and bool(_STAMP.search(s.text))),
        "prose": _share(lines, lambda s: s.n_words >= PROSE_LINE_WORDS),
        "short": _share(lines, lambda s: s.n_words <= MENU_LINE_WORDS),
        "head-short": _share(head, lambda s: s.n_words <= MENU_LINE_WORDS),
        "head-prose": _share(head, lambda s: s.n_words >= PROSE_LINE_WORDS),
        "tail-short": _share(tail, lambda s: s.n_words <= MENU_LINE_WORDS),
    }
    for name, share in shares.items():
        found[f"{name}>{_bin(share, SHARE_BINS)}"] = None
    found[f"lines>{_bin(len(lines), LINE_BINS)}"] = None
    found["metadata" if metadata is not None else "text-only"] = None
    return list(found)


def opening_lines(text: str) -> list[Segment]:
    """The first ``MAX_LINES`` lines of ``text`` (glued lines whole): what tells what it is.

    >>> [s.text for s in opening_lines("Menu\\n\\nStory")]
    ['Menu', 'Story']
    """
    end = -1
    for _ in range(MAX_LINES):
        end = text.find("\n", end + 1)
        if end < 0:
            return segment_lines(text)
    return segment_lines(text[:end])


def _share(lines: Sequence[Segment], test: Callable[[Segment], bool]) -> float:
    return sum(1 for s in lines if test(s)) / len(lines) if lines else 0.0


def _bin(value: float, bins: Sequence[float]) -> int:
    return sum(value > b for b in bins)


@dataclass(frozen=True)
class ProvenanceModel:
    """Logistic weights for P(page dump) (``state``), softmax weights per page type (``types``);
    ``BIAS`` is each one's own weight."""

    state: Mapping[str, float] = field(repr=False)
    types: Mapping[str, Mapping[str, float]] = field(repr=False)
    digest: str = ""

    def page_dump_probability(self, features: Sequence[str]) -> float:
        """P(a whole page flattened to text) for a text with ``features`` (``text_features``)."""
        z = self.state.get(BIAS, 0.0) + sum(self.state.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def type_probabilities(self, features: Sequence[str]) -> dict[str, float]:
        """P(page type) for a text with ``features``."""
        logits = {t: w.get(BIAS, 0.0) + sum(w.get(f, 0.0) for f in features) for t, w in self.types.items()}
        top = max(logits.values(), default=0.0)
        exp = {t: math.exp(v - top) for t, v in logits.items()}
        total = sum(exp.values()) or 1.0
        return {t: v / total for t, v in exp.items()}

    def page_type(self, features: Sequence[str]) -> str:
        """The likeliest page type ("" where the model knows none)."""
        probabilities = self.type_probabilities(features)
        return max(sorted(probabilities), key=probabilities.__getitem__) if probabilities else ""

    def to_json(self) -> str:
        def kept(weights: Mapping[str, float]) -> dict[str, float]:
            return {f: round(v, 5) for f, v in sorted(weights.items()) if abs(v) > 1e-5}

        data = {"format": FORMAT, "digest": self.digest, "state": kept(self.state),
                "types": {t: kept(w) for t, w in sorted(self.types.items())}}  # fmt: skip
        return json.dumps(data, indent=0, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str, path: str = "<provenance model>") -> ProvenanceModel:
        """Parse a model from its JSON text; ``path`` names it in errors."""
        try:
            data = json.loads(text)
            if data.get("format") != FORMAT:
                raise RuleError(f"{path}: not a {FORMAT} file; make one with `python -m bench.calibrate`")
            state = MappingProxyType({str(f): float(v) for f, v in data["state"].items()})
            types = {str(t): MappingProxyType({str(f): float(v) for f, v in w.items()})
                     for t, w in data["types"].items()}  # fmt: skip
            return cls(state, MappingProxyType(types), str(data.get("digest", "")))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise RuleError(f"{path}: malformed provenance model ({exc})") from exc


@cache
def default_provenance() -> ProvenanceModel:
    """The model shipped with the package (``data/provenance.json``), read once, on first use."""
    text = resources.files("cleanscrape").joinpath(DEFAULT_MODEL).read_text("utf-8")
    return ProvenanceModel.from_json(text, f"cleanscrape/{DEFAULT_MODEL}")
