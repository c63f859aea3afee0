"""Segmentation: lines, and the sentences of a text glued onto one line."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleanscrape
from cleanscrape.core.segment import (
    GLUED_LINE_CHARS,
    segment_lines,
    segment_table,
    segment_text,
    sentence_spans,
)
from conftest import EVERY_PROPOSAL, PARAGRAPHS

GLUED = " ".join(PARAGRAPHS[:12])


def test_a_glued_line_is_split_into_sentences_and_a_paragraph_is_not() -> None:
    assert len(GLUED) > GLUED_LINE_CHARS
    paragraph = next(p for p in PARAGRAPHS if ". " in p and len(p) < GLUED_LINE_CHARS)
    assert [s.text for s in segment_text(paragraph)] == [paragraph]
    sentences = segment_text(GLUED)
    assert len(sentences) > 12
    assert [s.text for s in segment_lines(GLUED)] == [GLUED]
    assert {s.line for s in sentences} == {0}  # one line's sentences


@pytest.mark.parametrize(
    ("line", "sentences"),
    [
        ("It is licensed under CC BY 4.0. People told me so.", 2),  # a decimal number ends it
        ("Das Spiel am 2. März war gut. Danach nicht.", 2),  # an ordinal does not
        ("Mr. Smith came. The U.S. team left.", 2),
    ],
)
def test_sentences_end_after_decimals_but_not_ordinals_or_abbreviations(line: str, sentences: int) -> None:
    assert len(sentence_spans(line)) == sentences


def test_lines_are_those_of_every_line_break_not_only_newlines() -> None:
    text = "Home\rNews\u2028Sport\r\n" + GLUED + "\x0cThe end.\n"
    lines = [s.line for s in segment_text(text)]
    assert lines[:4] == [0, 1, 2, 3] and lines[-2:] == [3, 4] and sorted(set(lines)) == [0, 1, 2, 3, 4]
    assert [s.line for s in segment_lines(text)] == [0, 1, 2, 3, 4]


# every line break str.splitlines knows, and characters whose first byte one of them shares
BREAKS_AND_NEIGHBOURS = "a \n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\u2027\u00a0¢€\t"


@given(st.text(alphabet=st.sampled_from(BREAKS_AND_NEIGHBOURS), max_size=60))
def test_lines_are_cut_where_str_splitlines_cuts_them(text: str) -> None:
    expected, at = [], 0
    for number, line in enumerate(text.splitlines(keepends=True)):
        body = line.splitlines()[0] if line.splitlines() else ""
        if not body.isspace() and body:
            expected.append((at, at + len(body), number))
        at += len(line)
    assert [(s.start, s.end, s.line) for s in segment_lines(text)] == expected


@given(st.text(alphabet=st.sampled_from('ab .!?:«»"\n'), min_size=0, max_size=3000))
def test_segments_cover_every_visible_character_once_in_order(text: str) -> None:
    segments = segment_text(text)
    covered = "".join(text[s.start : s.end] for s in segments)
    assert covered.replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")
    for seg, after in pairwise(segments):
        assert seg.start < seg.end <= seg.tail == after.start
        assert text[seg.end : after.start].strip() == ""
    assert all(s.text == text[s.start : s.end] and s.text.strip() for s in segments)


LINE = st.text(alphabet=st.sampled_from("aAİß ﬁ\u00a0\u2003.!\t"), max_size=12)


@given(st.lists(st.tuples(LINE, st.sampled_from(["kept", "dropped", "cut"])), max_size=12))
def test_a_later_pass_reads_the_segments_it_was_given_as_it_would_read_them_anew(
    lines: list[tuple[str, str]],
) -> None:
    # a cleaned text: lines kept, dropped or cut short (so text seen before, and text not)
    source = "\n".join(line for line, _ in lines)
    kept = [line[: len(line) // 2] if how == "cut" else line for line, how in lines if how != "dropped"]
    cleaned = "\n".join(kept)
    _, known = segment_table(source)
    fresh, reused = segment_table(cleaned)[0], segment_table(cleaned, known)[0]
    assert [(s.text, s.norm, s.n_words, s.start, s.line) for s in reused] == [
        (s.text, s.norm, s.n_words, s.start, s.line) for s in fresh
    ]


def test_a_glued_text_printed_twice_is_kept_once() -> None:
    source = "Home\n" + GLUED + "\n" + GLUED + "\n"
    result = cleanscrape.clean(source, kind="text")
    assert result.text.count(PARAGRAPHS[5]) == 1


def test_a_glued_copy_of_the_body_paragraphs_goes_and_the_paragraphs_stay() -> None:
    body = PARAGRAPHS[:12]
    result = cleanscrape.clean("\n".join(body) + "\n" + GLUED + "\n", kind="text")
    assert GLUED not in result.text
    assert all(p in result.text.splitlines() for p in body)


def test_short_sentences_between_two_prompts_glued_into_an_article_stay() -> None:
    prompt = "You've got 2 free stories remaining this month."
    between = "Prices rose again. Few people noticed."
    parts = [PARAGRAPHS[0], prompt, between, prompt, *PARAGRAPHS[1:10]]
    result = cleanscrape.clean(" ".join(parts) + "\n", kind="text", pipeline=EVERY_PROPOSAL)
    assert prompt not in result.text
    assert between in result.text
    lines = "\n".join([PARAGRAPHS[0], prompt, *between.split(" F"), prompt]) + "\n"
    as_lines = cleanscrape.clean(lines, pipeline=EVERY_PROPOSAL)
    assert "Prices rose again." not in as_lines.text  # as lines of their own, they are the block's
