"""Parity of the engine's provenance features with the Python ones they replace (the
Python kept here, as it was, until this test goes with it): the same features, in the
same order, for every dev dump, extractor output and corpus dump, with and without a page's
metadata, from a text's opening and from its whole list of lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from cleanscrape.datasets import Aeb
from cleanscrape.learn import load_corpora
from cleanscrape.metadata import Metadata
from cleanscrape.model import Segment
from cleanscrape.provenance import opening_features, text_features
from cleanscrape.segment import segment_lines
from conftest import ROOT
from test_bench import shared_bench

_WORD = re.compile(r"[^\W\d_]{2,}")
_PRICE = re.compile(r"(?:[$€£¥₹]\s?\d|\d(?:[.,]\d{2})?\s?(?:€|eur|usd|gbp)\b)", re.I)
_CODE = re.compile(r"[{};]\s*$|^\s*(?:\$ |>>> |def |class |import |function |const |<\w+[ >])")
_STAMP = re.compile(r"\b(?:\d{1,2}[:/.]\d{2}|ago|hours?|minutes?|days?|posted|replied|joined)\b", re.I)
SHARE_BINS = (0.0, 0.02, 0.05, 0.15, 0.3, 0.5, 0.7)
LINE_BINS = (5, 10, 20, 40, 80, 160, 320)


def _share(lines: Sequence[Segment], test: Callable[[Segment], bool]) -> float:
    return sum(1 for s in lines if test(s)) / len(lines) if lines else 0.0


def _bin(value: float, bins: Sequence[float]) -> int:
    return sum(value > b for b in bins)


def python_text_features(lines: Sequence[Segment], metadata: Metadata | None = None) -> list[str]:
    found: dict[str, None] = {}
    if metadata is not None:
        found.update((f"kind={k}", None) for k in metadata.kinds)
        if metadata.url:
            path = urlsplit(metadata.url).path.lower()
            found.update((f"url={w}", None) for w in _WORD.findall(path)[:12])
    lines = lines[:400]
    for seg in lines:
        if seg.n_words <= 4:
            found.update((f"ui={w}", None) for w in _WORD.findall(seg.norm))
    head, tail = lines[:10], lines[-10:]
    shares = {
        "price": _share(lines, lambda s: bool(_PRICE.search(s.text))),
        "code": _share(lines, lambda s: bool(_CODE.search(s.text))),
        "stamp": _share(lines, lambda s: s.n_words <= 8 and bool(_STAMP.search(s.text))),
        "prose": _share(lines, lambda s: s.n_words >= 20),
        "short": _share(lines, lambda s: s.n_words <= 3),
        "head-short": _share(head, lambda s: s.n_words <= 3),
        "head-prose": _share(head, lambda s: s.n_words >= 20),
        "tail-short": _share(tail, lambda s: s.n_words <= 3),
    }
    for name, share in shares.items():
        found[f"{name}>{_bin(share, SHARE_BINS)}"] = None
    found[f"lines>{_bin(len(lines), LINE_BINS)}"] = None
    found["metadata" if metadata is not None else "text-only"] = None
    return list(found)


def python_opening_lines(text: str) -> list[Segment]:
    end = -1
    for _ in range(400):
        end = text.find("\n", end + 1)
        if end < 0:
            return segment_lines(text)
    return segment_lines(text[:end])


def test_engine_reads_every_dev_text_as_the_python_features_did() -> None:
    bench = shared_bench()
    examples = load_corpora([bench / "aeb-dev", bench / "teval-dev", bench / "wcxb-dev", ROOT / "corpus"])
    aeb = Aeb(bench)
    texts = [ex.text for ex in examples] + [t for s in aeb.systems() for t in aeb.output(s).values() if t]
    assert len(texts) > 5000
    meta = Metadata(url="https://shop.example/p/mug-and-more/mug", kinds=("Product", "Product", "Offer"))
    for text in texts:
        lines = segment_lines(text)
        for m in (None, meta):
            assert opening_features(text, m) == python_text_features(python_opening_lines(text), m)
            assert text_features(lines, m) == python_text_features(lines, m)
