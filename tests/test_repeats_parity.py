"""Parity of the engine's pull-quote search with the Python one it replaces (kept here, as it
was, until this test goes with it): the same removals, in the same order, for every dev
dump, extractor output and corpus dump, at three minimum lengths."""

from __future__ import annotations

from collections import defaultdict

from cleanscrape.datasets import Aeb
from cleanscrape.filters.repeats import Repeats, _digests
from cleanscrape.learn import load_corpora
from cleanscrape.model import Document, Reason, Removal, Segment
from cleanscrape.segment import segment_text
from cleanscrape.textutil import folded_words
from conftest import ROOT
from test_bench import shared_bench


class PythonRepeats(Repeats):
    def _pull_quotes(self, lines: list[list[Segment]]) -> list[Removal]:
        shortest = self.min_pull_quote_words or 0
        distinct: dict[tuple[str, ...], list[Segment]] = defaultdict(list)
        for line in lines:
            if sum(seg.n_words for seg in line) >= shortest:
                distinct[tuple(w for seg in line for w in folded_words(seg.text))].extend(line)
        texts = list(distinct)
        by_opening: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, tokens in enumerate(texts):
            if len(tokens) >= 4:
                by_opening[tokens[:4]].append(i)
        holders: dict[int, list[int]] = defaultdict(list)
        for j, long in enumerate(texts):
            for k, opening in enumerate(zip(*(long[n:] for n in range(4)), strict=False)):
                for i in by_opening.get(opening, ()):
                    short = texts[i]
                    inside = len(short) < len(long) and long[k : k + len(short)] == short
                    if inside and (not holders[i] or holders[i][-1] != j):
                        holders[i].append(j)
        digests = _digests(holders, [len(t) for t in texts])
        removals = [self.drop_line(s, Reason.REPEATED_LINE, "copy_of_body_lines")
                    for j in digests for s in distinct[texts[j]]]  # fmt: skip
        for i, held_by in holders.items():
            if any(j not in digests for j in held_by):
                removals += [self.drop_line(s, Reason.REPEATED_PULL_QUOTE, "verbatim_in_longer_line")
                             for s in distinct[texts[i]]]  # fmt: skip
        return removals


def test_engine_finds_the_pull_quotes_of_every_dev_text_as_python_did() -> None:
    bench = shared_bench()
    examples = load_corpora([bench / "aeb-dev", bench / "teval-dev", bench / "wcxb-dev", ROOT / "corpus"])
    aeb = Aeb(bench)
    texts = [ex.text for ex in examples] + [t for s in aeb.systems() for t in aeb.output(s).values() if t]
    assert len(texts) > 5000
    found = 0
    for text in texts:
        doc = Document(text, segment_text(text))
        for shortest in (8, 4, 1):
            removals = list(Repeats(min_pull_quote_words=shortest).propose(doc))
            assert removals == list(PythonRepeats(min_pull_quote_words=shortest).propose(doc))
            found += len(removals)
    assert found > 10_000
