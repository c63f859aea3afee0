"""Parity of the engine's segmentation with the Python one it replaces: the same spans of
lines and sentences on every dev dump, page render and corpus dump, and on made-up text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape import _engine, segment
from cleanscrape.bench.datasets import Aeb
from cleanscrape.learn import load_corpora
from conftest import ROOT
from test_bench import shared_bench


def _agree(text: str) -> None:
    for split in (True, False):
        assert _engine.text_spans(text, split) == segment.text_spans(text, split)
    for line in text.splitlines():
        assert _engine.sentence_spans(line, 7) == segment.sentence_spans(line, 7)


def test_engine_splits_every_dev_dump_render_and_corpus_dump_alike() -> None:
    bench = shared_bench()
    examples = load_corpora([bench / "aeb-dev", bench / "teval-dev", bench / "wcxb-dev", ROOT / "corpus"])
    aeb = Aeb(bench)
    outputs = [text for system in aeb.systems() for text in aeb.output(system).values() if text]
    assert len(examples) > 2500 and len(outputs) > 2800
    for text in [ex.text for ex in examples] + outputs:
        _agree(text)


PIECES = st.sampled_from([
    "Mr.", "J.", "U.S.", "4.0.", "²³.", "...", "?!", "…", ":", ". ", ".  ", "!\"", ".”", ".) ", "] ",
    " « ", " (", "„", "¿", "¡", "wish.Accept", "a.Bc", "It", "rained", "we", "É", "über", "ß", " ",
    "\t", "\u00a0", "\u2028", "\r\n", "\n", "\x0b", "。", "！？", "二つ", "1", "x" * 40, "_",
])  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES | st.text(max_size=5), max_size=80), st.integers(1, 30))
def test_engine_splits_made_up_text_alike(pieces: list[str], glue: int) -> None:
    text = "".join(pieces)
    _agree(text)
    _agree((text + " ") * glue * 8)  # long enough, often, to be a glued line
