"""One definition of a prose line, read alike by the safety net and split bodies (and the line
model, in the engine); purity weighs a kept line by the same sentence ends."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleanscrape import _engine
from cleanscrape.core.purity import purity_score
from cleanscrape.core.segment import segment_table
from cleanscrape.html.dom import parse
from cleanscrape.html.treefixes import split_bodies

SENTENCE_ENDS = (".", "!", "?", "”", ")", ":", "。")
OTHER_ENDS = (",", "", " -", "…")
WORDS = ("vote", "the", "Council", "budget", "2026", "naïve", "Zürich")


def line_of(n_words: int, ending: str) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n_words)) + ending


@given(st.integers(1, 2 * _engine.PROSE_WORDS), st.sampled_from(SENTENCE_ENDS + OTHER_ENDS))
def test_the_safety_net_and_purity_read_a_sentence_end_alike(n_words: int, ending: str) -> None:
    line, bare = line_of(n_words, ending), line_of(n_words, "")
    (_,), table = segment_table(line + "\n")  # one segment
    long_enough, sentence = n_words >= _engine.PROSE_WORDS, ending in SENTENCE_ENDS
    assert (table.prose_spans() == [(0, len(line))]) is _engine.is_prose(line) is (long_enough and sentence)
    if not long_enough:  # purity counts a short kept line for more where it ends a sentence
        assert (purity_score(line, line) > purity_score(bare, bare) + 1e-9) is sentence


def test_a_prose_line_is_one_of_prose_words_and_a_sentence_end() -> None:
    assert _engine.is_prose(line_of(_engine.PROSE_WORDS, ".  "))
    assert not _engine.is_prose(line_of(_engine.PROSE_WORDS - 1, "."))
    assert not _engine.is_prose(line_of(3 * _engine.PROSE_WORDS, ""))


def test_split_bodies_count_prose_paragraphs_by_the_same_definition() -> None:
    def page(n_words: int) -> str:
        paragraph = f"<p>{line_of(n_words, '.')}</p>" * 2
        chunk = f"<div class='article-body'>{paragraph}</div>"
        return f"<html><body><div>{chunk}<div class='ad'>Sale</div>{chunk}</div></body></html>"

    joined, apart = parse(page(_engine.PROSE_WORDS)), parse(page(_engine.PROSE_WORDS - 1))
    assert joined is not None and [len(b.chunks) for b in split_bodies(joined)] == [2]
    assert apart is not None and split_bodies(apart) == []
