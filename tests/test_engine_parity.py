"""Parity of the engine's line model with the Python one it replaces: the same features, in
the same order, and the same scores, on every dev dump, page render and corpus dump."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape import _engine
from cleanscrape.bench.datasets import Aeb
from cleanscrape.language import stoplists
from cleanscrape.learn import load_corpora
from cleanscrape.linemodel import context, default_model, features, in_feed
from cleanscrape.segment import segment_lines
from conftest import ROOT
from test_bench import shared_bench

SCORER = _engine.LineScorer(dict(default_model().weights), [(k, sorted(v)) for k, v in stoplists().items()])


def _agree(text: str, page: tuple[tuple[str, ...], ...] = ()) -> None:
    segments = segment_lines(text)
    lines = [s.text for s in segments]
    keys = [page[s.line] for s in segments] if page else []
    ctx = context(segments, keys)
    assert SCORER.features(lines, keys) == [list(features(ctx, i)) for i in range(len(lines))]
    assert SCORER.raw_scores(lines, keys) == default_model().raw_scores(segments, keys)
    assert _engine.in_feed(lines) == in_feed(lines)


def test_engine_agrees_on_every_dev_dump_render_and_corpus_dump() -> None:
    bench = shared_bench()
    examples = load_corpora([bench / "aeb-dev", bench / "teval-dev", bench / "wcxb-dev", ROOT / "corpus"])
    renders = [ex for ex in examples if ex.page_context]
    assert len(examples) > 2500 and len(renders) > 500
    for ex in examples:
        _agree(ex.text, tuple(ex.page_context))
    aeb = Aeb(bench)
    outputs = [text for system in aeb.systems() for text in aeb.output(system).values() if text]
    assert len(outputs) > 2800
    for text in outputs:
        _agree(text)


STAMPS = [
    "3 hours ago", "vor 2 Stunden", "hace 5 horas", "11/20/2019 01:14 PM", "20. November 2019",
    "May 2, 2019 at 10:30 am", "2 de marzo de 2020", "1h ago", "İl y a 3 jours", "5 MİNS AGO",
]  # fmt: skip
LINES = st.one_of(
    st.sampled_from(STAMPS),
    st.text(st.characters(codec="utf-8"), max_size=60),
    st.text(st.sampled_from("aAİıſßé 1.|»@#-*:)\t\u00a0二つStraße.com"), max_size=40),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, max_size=40), st.booleans())
def test_engine_agrees_on_made_up_lines(lines: list[str], in_page: bool) -> None:
    text = "\n".join(line.replace("\r", " ").replace("\n", " ") for line in lines)
    n = len(segment_lines(text.replace("\x0b", " ")))
    page = tuple(("tag=p", f"links={i % 4}", "cls=nav") for i in range(len(text.splitlines()) + 1))
    _agree(text, page if in_page and n else ())
