"""Line rules run by the engine mean what their patterns mean to Python's ``re``: the same
rule fires, its match ending at the same place, on every line of every dev dump, render
and corpus dump, and on made-up lines and made-up patterns."""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape import _engine, filters
from cleanscrape.core.segment import sentence_spans
from cleanscrape.core.text import normalize, word_count
from cleanscrape.core.types import Reason, Segment
from cleanscrape.filters.base import LineRule, LineRules
from cleanscrape.filters.credits import MAX_CREDIT_CHARS, credit_patterns
from cleanscrape.learned.training.train import load_corpora
from conftest import ARTICLE_LINES, ROOT, shared_bench


def shipped_rule_sets() -> dict[str, LineRules]:
    found = {}
    for info in pkgutil.iter_modules(filters.__path__, "cleanscrape.filters."):
        for name, value in vars(importlib.import_module(info.name)).items():
            if isinstance(value, LineRules):
                found[f"{info.name}.{name}"] = value
    return found


RULE_SETS = shipped_rule_sets()


@cache
def _compiled(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)


def python_first(rules: LineRules, line: str, n_words: int) -> tuple[LineRule, int] | None:
    """What ``LineRules.first`` means, by ``re``."""
    for rule in rules.rules:
        if (rule.max_chars is not None and len(line) > rule.max_chars) or (
            rule.max_words is not None and n_words > rule.max_words
        ):
            continue
        if rule.needs and not any(need in line for need in rule.needs):
            continue
        if found := _compiled(rule.pattern, rule.ignore_case).search(line):
            return rule, found.end()
    return None


def _agree(line: str) -> None:
    for text in (line, normalize(line)):
        n = word_count(text)
        for label, rules in RULE_SETS.items():
            assert rules.first(text, n) == python_first(rules, text, n), (label, text)


def test_the_walk_finds_the_families_rule_sets() -> None:
    assert {"cleanscrape.filters.chrome.RULES", "cleanscrape.filters.paywall.ANCHOR_RULES"} <= set(RULE_SETS)


def test_rules_fire_alike_on_the_corpus() -> None:
    lines = {line for ex in load_corpora([ROOT / "corpus"]) for line in ex.text.splitlines()}
    lines |= set(ARTICLE_LINES)
    assert len(lines) > 150
    for line in lines:
        _agree(line)


def test_rules_fire_alike_on_every_dev_dump_render_and_corpus_dump() -> None:
    bench = shared_bench()
    examples = load_corpora([bench / "aeb-dev", bench / "teval-dev", bench / "wcxb-dev", ROOT / "corpus"])
    lines = {line for ex in examples for line in ex.text.splitlines() if line.strip()}
    sentences = {line[a:b] for line in lines if len(line) > 200 for a, b in sentence_spans(line)}
    assert len(lines) > 50_000
    fired = 0
    for line in lines | sentences:
        _agree(line)
        fired += filters.Chrome().classify(line) is not None
    assert fired > 500, "the dev lines should exercise the rules"


# Pieces of prompts, with the characters where Python's and the crate's readings part:
# the Turkish i's, long s, Kelvin sign, sharp s, superscripts, combining marks, curly
# quotes, the ASCII separators Python counts as spaces, and the engine's own stand-ins.
PIECES = st.sampled_from([
    "sign up", "for our", "newsletter", "we use cookies", "you have", "3", "free articles", "left",
    "sponsored", "content", "share", "on facebook", "advertisement", "text size", "aa", "by",
    "reporting by", "© 2024", "all rights reserved", "subscribe to continue reading", "İ", "ı",
    "ſ", "K", "ß", "ẞ", "²", "e\u0301", "\u0308", "’", "“", "ü", "Ü", "é", "\x1c", "\u3007",
    "\ue000", "_", "٣", "\u2000", " ", "  ", ".", ":", "|", "-", "SIGN UP", "Newsletter",
])  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES | st.text(max_size=3), max_size=14))
def test_rules_fire_alike_on_made_up_lines(pieces: list[str]) -> None:
    _agree(" ".join(pieces))
    _agree("".join(pieces))


PATTERN_PIECES = st.sampled_from([
    r"\w+", r"\W", r"\d", r"\D", r"\s+", r"\S", r"\b", r"\B", r"[a-z]+", r"[^a-z]", r"[\w'-]+",
    r"[^\W\d_]", r"[ií]", "i", "I", "İ", "ı", "s", "k", "ß", "ü", "é", r".{0,3}", r"(?:ab|a)",
    r"x?", "^", "$", " ", r"(?i:in)", r"[0-9]{2}", "’",
])  # fmt: skip
TEXT = st.lists(st.sampled_from(list("aiIİısSſkKKßẞüÜéÉ²³_ 0١\u0301\u3007\ue000\x1c’-.x")), max_size=12)


@settings(max_examples=500, deadline=None)
@given(st.lists(PATTERN_PIECES, min_size=1, max_size=5), st.booleans(), TEXT)
def test_made_up_patterns_mean_what_they_mean_to_python(
    pieces: list[str], ignore_case: bool, text: list[str]
) -> None:
    rule = LineRule(Reason.UI_CONTROL, "made_up", "".join(pieces), ignore_case=ignore_case)
    rules = LineRules(rule)
    line = "".join(text)
    assert rules.first(line, word_count(line)) == python_first(rules, line, word_count(line))


@settings(max_examples=500, deadline=None)
@given(st.lists(PATTERN_PIECES, max_size=4), st.booleans(), TEXT)
def test_made_up_patterns_with_open_openings_mean_what_they_mean_to_python(
    pieces: list[str], ignore_case: bool, text: list[str]
) -> None:
    """Beside another rule, a pattern whose matches may open with any word is searched only
    on lines holding one of the texts every match of it holds (its factors): the gate never
    hides a match."""
    pattern = r"^\w*" + "".join(pieces) + r"(ab|x)(i|k)"
    rules = LineRules(
        LineRule(Reason.UI_CONTROL, "open", pattern, ignore_case=ignore_case),
        LineRule(Reason.UI_CONTROL, "other", "zz"),
    )
    line = "".join(text)
    assert rules.first(line, word_count(line)) == python_first(rules, line, word_count(line))


MADE_UP_RULE = st.tuples(
    st.booleans(),  # anchored at the line's start
    st.lists(PATTERN_PIECES, min_size=1, max_size=3),
    st.none() | st.integers(0, 12),  # most code points
    st.none() | st.integers(0, 3),  # most words
    st.lists(st.sampled_from(["i", "s", "x", "ab", "ü", "é", "K", "٣", "\x1c", "’"]), max_size=2),  # needs
)


@settings(max_examples=500, deadline=None)
@given(st.lists(MADE_UP_RULE, min_size=2, max_size=6), st.booleans(), TEXT)
def test_made_up_rule_sets_fire_as_python_tries_them_in_order(
    made: list[tuple[bool, list[str], int | None, int | None, list[str]]], ignore_case: bool, text: list[str]
) -> None:
    """Several rules, some matched at the line's start only, each behind its own gates (a
    line's length, its words, texts it must hold, which the engine looks for in the line
    itself, not in the view its patterns read): the engine looks their openings and needs up
    in one pass each, and the first rule in order that Python's ``re`` says matches still
    wins, its match ending where Python's does."""
    rules = LineRules(*(
        LineRule(Reason.UI_CONTROL, f"r{i}", ("^" if start else "") + "".join(pieces), needs=tuple(needs),
                 ignore_case=ignore_case, max_chars=most_chars, max_words=most_words)
        for i, (start, pieces, most_chars, most_words, needs) in enumerate(made)
    ))  # fmt: skip
    line = "".join(text)
    assert rules.first(line, word_count(line)) == python_first(rules, line, word_count(line))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(MADE_UP_RULE, min_size=1, max_size=4),
    st.booleans(),
    st.lists(st.lists(PATTERN_PIECES | st.sampled_from(["_", "0", "\x01", "\x1c"]), max_size=3), max_size=2),
    st.lists(TEXT, min_size=1, max_size=4),
)
def test_rules_read_a_pass_s_segments_as_they_read_the_lines(
    made: list[tuple[bool, list[str], int | None, int | None, list[str]]],
    ignore_case: bool,
    naming: list[list[str]],
    lines: list[list[str]],
) -> None:
    """On a pass's segments the engine reads each line through a view it makes once for all
    rule sets (the view of an alphabet naming nothing past ASCII) wherever that is the rule
    set's own view: rules naming the line's characters, or a stand-in ("_", "0", ...), still
    read their own. Either way the same rule fires, its match ending at the same place."""
    rules = [
        LineRule(Reason.UI_CONTROL, f"r{i}", ("^" if start else "") + "".join(pieces), needs=tuple(needs),
                 ignore_case=ignore_case, max_chars=most_chars, max_words=most_words)
        for i, (start, pieces, most_chars, most_words, needs) in enumerate(made)
    ]  # fmt: skip
    rules += [LineRule(Reason.UI_CONTROL, f"n{i}", "".join(p) or "zz") for i, p in enumerate(naming)]
    compiled = _engine.LineRules(LineRules(*rules).sources())
    source = "\n".join("".join(line) for line in lines)
    table = _engine.text_segments(source, True)
    expected = []
    for i, segment in enumerate(table.rows(source, Segment)):
        found = compiled.first(segment.norm, segment.n_words)
        if found is not None:
            expected.append((i, *found))
    assert compiled.first_each(table, [], None) == expected


def test_rule_sets_with_more_openings_than_a_dfa_holds_fire_as_python_tries_them() -> None:
    """Past 16 KB of openings the engine lets the automaton crate choose how to find them:
    the same rules fire."""
    words = [f"{a}{b}{c}longword" for a in "abcdefghijkl" for b in "abcdefghijkl" for c in "abcdefghijkl"]
    rules = LineRules(*(
        LineRule(Reason.UI_CONTROL, f"r{n}", r"\b(?:" + "|".join(words[n::8]) + rf")\b {n}")
        for n in range(8)
    ))  # fmt: skip
    assert sum(len(w) for w in words) > 16 * 1024
    lines = [f"the {words[2]} 2", f"{words[-1]} 7 and", f"{words[9]} 1", f"{words[9]} 2", "nothing"]
    for line in lines:
        assert rules.first(line, word_count(line)) == python_first(rules, line, word_count(line))
    assert [rules.first(line, word_count(line)) for line in lines[:3]] == [
        (rules.rules[2], len(lines[0])),
        (rules.rules[7], len(words[-1]) + 2),
        (rules.rules[1], len(lines[2])),
    ]


def test_a_rule_whose_openings_are_no_short_list_fires_on_each_of_its_texts() -> None:
    rules = LineRules(
        LineRule(Reason.UI_CONTROL, "credit", r"^[\w .]{1,200} contributed to (this|the) report$"),
        LineRule(Reason.UI_CONTROL, "other", "^zz"),
    )
    for line in ("jane doe contributed to this report", "jane doe contributed to the report"):
        assert rules.first(line, 6) == (rules.rules[0], len(line))
    assert rules.first("jane doe contributed to that report", 6) is None


@pytest.mark.parametrize(
    "pattern",
    [r"(?=a)", r"(?<!a)b", r"(a)\1", r"[[a]]", r"[a&&b]", r"[a--b]", r"[[:alpha:]]", r"\<a", r"a\>",
     r"(?x)a b", r"\pL", "a(?i)b", "[\u0300-\u036f]", "\u0301"],
)  # fmt: skip
def test_what_python_reads_otherwise_is_refused(pattern: str) -> None:
    rules = LineRules(LineRule(Reason.UI_CONTROL, "refused", pattern))
    with pytest.raises(ValueError, match="pattern"):
        rules.first("a", 1)


def _searched_patterns() -> list[tuple[re.Pattern[str], _engine.Pattern]]:
    """The credits family's searched patterns, as Python's ``re`` and as the engine runs them."""
    made = credit_patterns()
    return [(re.compile(p.pattern), p) for p in (made.labelled, made.copyright, made.agency_tail)]


def _search_agrees(line: str) -> None:
    for python, engine in _searched_patterns():
        for pos in {0, len(line) // 2, max(0, len(line) - MAX_CREDIT_CHARS), max(0, len(line) - 70)}:
            found = python.search(line, pos)
            assert engine.search(line, pos) == (found.start() if found else None), (python.pattern[:40], line)


def test_searched_patterns_find_alike_on_every_dev_line() -> None:
    """Where Python's ``re`` finds a credit from a position on, the engine finds it at the same
    place, on every line of every dev dump, render and corpus dump."""
    bench = shared_bench()
    examples = load_corpora([bench / "aeb-dev", bench / "teval-dev", bench / "wcxb-dev", ROOT / "corpus"])
    lines = {line for ex in examples for line in ex.text.splitlines() if line.strip()}
    found = 0
    for line in lines:
        _search_agrees(line)
        found += any(engine.search(line) is not None for _, engine in _searched_patterns())
    assert found > 100, "the dev lines should hold credits"


@settings(max_examples=500, deadline=None)
@given(st.lists(PATTERN_PIECES, min_size=1, max_size=5), st.booleans(), TEXT, st.integers(0, 14))
def test_made_up_patterns_are_searched_from_a_position_as_python_searches(
    pieces: list[str], ignore_case: bool, text: list[str], pos: int
) -> None:
    """``search(text, pos)`` as Python's: the first match at ``pos`` or after, what stands
    before ``pos`` still read by ``\\b``, ``\\B`` and ``^``."""
    pattern = "".join(pieces)
    line = "".join(text)
    found = re.compile(pattern, re.IGNORECASE if ignore_case else 0).search(line, pos)
    assert _engine.Pattern(pattern, ignore_case).search(line, pos) == (found.start() if found else None)
