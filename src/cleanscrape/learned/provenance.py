"""What a text is: a whole page flattened to text or an extractor's output (its input
state), and the kind of page it comes from (article, forum, documentation, product,
service, listing, collection).

Both are small models learned from annotated pages (``python -m bench.calibrate``
writes ``data/provenance.json``). They read what the page says it is (its JSON-LD and
OpenGraph types, the words of its address; HTML only), the words of the text's short
lines (a menu's "Login", a product page's "Add to cart", a forum's "Reply") and
the shape of the text (how it opens and ends, prices, code, stamped lines, prose): the
engine reads those off the lines (``_engine.line_features``).
The state decides whether the page-layout model may judge the text at all; both
condition how sure each removal is (``calibration``): a price is content on a
product page, ``{{ }}`` on a documentation page, a quoted post in a forum.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from urllib.parse import urlsplit

from .. import _engine
from .._engine import ProvenanceReader
from ..core.types import Segment
from ..errors import RuleError
from ..html.metadata import Metadata

FORMAT = "cleanscrape-provenance/1"
DEFAULT_MODEL = "data/provenance.json"
PAGE_TYPES = ("article", "forum", "documentation", "product", "service", "listing", "collection")
BIAS = "bias"
MAX_URL_WORDS = 12
PAGE_DUMP_PROBABILITY = 0.8  # above this, a text is a page dump for the page-layout model (docs/design.md)
_WORD = re.compile(r"[^\W\d_]{2,}")
# A text up to its OPENING_LINES-th line break: the lines that tell what it is.
_OPENING = re.compile(rf"\A(?:[^\n]*\n){{{_engine.OPENING_LINES - 1}}}[^\n]*")


def text_features(lines: Sequence[Segment], metadata: Metadata | None = None) -> list[str]:
    """The features both models read, each once, from a text's ``lines`` (glued lines
    whole, as ``segment.segment_lines`` cuts them; the first 400 count) and its page's
    ``metadata`` where known.

    >>> from cleanscrape.core.segment import segment_lines
    >>> meta = Metadata(url="https://shop.example/p/mug", kinds=("Product",))
    >>> text_features(segment_lines("Add to cart\\nPrice: $19.99"), meta)[:4]
    ['kind=Product', 'url=mug', 'ui=add', 'ui=to']
    """
    texts, norms, n_words = [s.text for s in lines], [s.norm for s in lines], [s.n_words for s in lines]
    return _with_metadata(_engine.line_features(texts, norms, n_words), metadata)


def opening_features(
    text: str, metadata: Metadata | None = None, table: _engine.SegmentTable | None = None
) -> list[str]:
    """``text_features`` of the first ``OPENING_LINES`` lines of ``text``: what tells what it
    is, without reading (nor handing the engine) a long text whole; read from ``table``,
    ``text``'s segments, where given (lines, words and normalized lines are the table's).

    >>> opening_features("Menu\\n\\nStory")[:2]
    ['ui=menu', 'ui=story']
    """
    # a text of fewer lines is its own opening: counted in C, where the pattern would scan and fail
    opening = _OPENING.match(text) if text.count("\n") >= _engine.OPENING_LINES - 1 else None
    if table is not None:
        end = opening.end() if opening else len(text)
        return _with_metadata(_engine.table_opening_features(table, text, end), metadata)
    return _with_metadata(_engine.opening_features(opening.group() if opening else text), metadata)


def _with_metadata(line_features: list[str], metadata: Metadata | None) -> list[str]:
    """The page's own features, then the lines', then whether the page was known."""
    found: list[str] = []
    if metadata is not None:
        found += dict.fromkeys(f"kind={k}" for k in metadata.kinds)
        if metadata.url:
            path = urlsplit(metadata.url).path.lower()
            found += dict.fromkeys(f"url={w}" for w in _WORD.findall(path)[:MAX_URL_WORDS])
    return [*found, *line_features, "metadata" if metadata is not None else "text-only"]


@dataclass(frozen=True)
class ProvenanceModel:
    """Logistic weights for P(page dump) (``state``), softmax weights per page type (``types``);
    ``BIAS`` is each one's own weight."""

    state: Mapping[str, float] = field(repr=False)
    types: Mapping[str, Mapping[str, float]] = field(repr=False)
    digest: str = ""
    _reader: ProvenanceReader = field(init=False, repr=False, compare=False)  # the engine's, from the weights

    def __post_init__(self) -> None:
        types = [(t, dict(w)) for t, w in self.types.items()]
        object.__setattr__(self, "_reader", ProvenanceReader(dict(self.state), types))

    def page_dump_probability(self, features: Sequence[str]) -> float:
        """P(a whole page flattened to text) for a text with ``features`` (``text_features``)."""
        return self._reader.page_dump_probability(features)

    def type_probabilities(self, features: Sequence[str]) -> dict[str, float]:
        """P(page type) for a text with ``features``."""
        return dict(self._reader.type_probabilities(features))

    def page_type(self, features: Sequence[str]) -> str:
        """The likeliest page type, the first by name among equals ("" where the model knows none)."""
        return self._reader.page_type(features)

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
