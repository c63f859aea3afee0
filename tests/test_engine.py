"""The compiled engine's own data (character tables generated from this Python) and its text
functions, which must read text as the Python expressions they replace do."""

from __future__ import annotations

import gc
import re
import runpy
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape import _engine
from cleanscrape.core.segment import segment_text
from cleanscrape.core.types import Document, InputState, Reason, Removal, Segment
from cleanscrape.filters.chrome import MAX_PROMPT_WORDS, _chrome_lines
from cleanscrape.filters.credits import CREDIT_RULES, credit_patterns
from cleanscrape.filters.layout import PageLayout
from cleanscrape.filters.paywall import ANCHOR_RULES
from cleanscrape.filters.related import _related_lines
from cleanscrape.filters.sponsored import NOTICE_RULES
from cleanscrape.learned.calibration import FAVORS, Calibration
from cleanscrape.learned.training.train import load_corpora
from conftest import ROOT, shared_bench


def test_character_tables_are_those_this_python_writes() -> None:
    tables = runpy.run_path(str(ROOT / "engine" / "tools" / "unicode_tables.py"))
    assert unicodedata.unidata_version == _engine.UNICODE_VERSION
    committed = (ROOT / "engine" / "src" / "unicode_tables.rs").read_text(encoding="utf-8")
    assert committed == tables["source"]()


# What the engine's text functions mean, in Python.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_EDGE_PUNCTUATION = " \t\u00a0\u200b:;,.!?|·•*-–—»«›‹>]<[()\"'“”‘’→↗➔▶►"


def _python_normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split()).strip(_EDGE_PUNCTUATION)


def _agree(text: str) -> None:
    assert _engine.normalize(text) == _python_normalize(text), text
    assert _engine.words(text) == _WORD.findall(text), text
    assert _engine.word_count(text) == len(_WORD.findall(text)), text


def test_text_functions_read_every_character_that_normalization_touches_as_python_does() -> None:
    touched = [
        c for c in map(chr, range(0x110000))
        if unicodedata.decomposition(c) or unicodedata.combining(c) or unicodedata.category(c) in {"Cn", "Zs"}
        or c.casefold() != c
    ]  # fmt: skip
    assert len(touched) > 800_000  # the unassigned code points among them
    for c in touched[::7] + [c for c in touched if unicodedata.category(c) != "Cn"]:
        _agree(f"e{c}\u0301 {c}x")


def test_text_functions_read_every_ascii_character_as_python_does() -> None:
    for c in map(chr, range(128)):
        for text in (c, f"{c}{c}", f" A{c}b {c}{c} C{c}", f"{c}x\u00e9{c} y"):  # ASCII alone, and not
            _agree(text)


def test_text_functions_read_every_dev_line_as_python_does() -> None:
    bench = shared_bench()
    examples = load_corpora([bench / "aeb-dev", bench / "teval-dev", bench / "wcxb-dev", ROOT / "corpus"])
    lines = {line for ex in examples for line in ex.text.splitlines()}
    assert len(lines) > 100_000
    for line in lines:
        _agree(line)


def test_segments_carry_their_normalized_text_and_word_count() -> None:
    source = "Menu\n\n  Read MORE »\r\n東京の天気 Straße İstanbul_2\n" + "It rained. " * 100
    for seg in _engine.text_segments(source, True).rows(source, Segment):
        start, end, text, norm, n_words = seg.start, seg.end, seg.text, seg.norm, seg.n_words
        assert text == source[start:end]
        assert (norm, n_words) == (
            _python_normalize(source[start:end]),
            len(_WORD.findall(source[start:end])),
        )
    rows = _engine.text_segments(source, False).rows(source, Segment)
    assert [(s.start, s.end, s.line) for s in rows] == _engine.text_spans(source, False)


def test_segments_are_made_as_named_tuples_the_garbage_collector_need_not_walk() -> None:
    source = "Menu\nIt rained all day."
    rows = _engine.text_segments(source, True).rows(source, Segment)
    assert rows == [
        Segment(0, 0, 4, 5, "Menu", "menu", 1, 0),
        Segment(1, 5, 23, 23, source[5:], "it rained all day", 4, 1),
    ]
    assert all(type(row) is Segment and not gc.is_tracked(row) for row in rows)
    assert rows[1]._replace(text="x").text == "x" and rows[1].n_words == 4
    del rows
    gc.collect()  # freed as a tuple is, fields and all
    with_dict = type("WithDict", (tuple,), {"_fields": Segment._fields})  # may hold a cycle
    for other in (tuple, type("Pair", (tuple,), {"_fields": ("a", "b")}), with_dict, str):
        with pytest.raises(TypeError, match="eight fields"):
            _engine.text_segments(source, True).rows(source, other)


def test_segments_made_as_read_are_the_rows_each_made_once() -> None:
    source = "Menu\n\nIt rained. " + "It rained all day long and the river rose. " * 40 + "\nFooter"
    table = _engine.text_segments(source, True)
    rows, as_read = table.rows(source, Segment), table.rows_as_read(source, Segment)
    assert len(as_read) == len(rows) > 3
    assert as_read[2] == rows[2] and as_read[-1] == rows[-1] and as_read[1:4] == rows[1:4]
    assert as_read[2] is as_read[2]  # made once, then kept
    assert list(as_read) == rows and as_read == rows and as_read[::-2] == rows[::-2]
    with pytest.raises(IndexError):
        as_read[len(rows)]
    with pytest.raises(ValueError, match="not cut from this source"):
        table.rows_as_read("short", Segment)
    with pytest.raises(TypeError, match="eight fields"):
        table.rows_as_read(source, Removal)


def test_line_removals_are_the_removals_drop_line_makes() -> None:
    source = "Menu\n\nIt rained. " + "It rained all day long and the river rose. " * 40 + "\nFooter"
    doc = Document(source, segment_text(source), table=_engine.text_segments(source, True))
    layout = PageLayout()
    reasons, rules = [Reason.OUTSIDE_ARTICLE, Reason.LOW_CONTENT_SCORE], ["band0", "band1", "band2"]
    drops = [(i, i % 2, i % 3) for i in range(len(doc.segments))]
    made = layout.drop_lines(doc, drops, reasons, rules)
    assert len(doc.segments) > 3 and made[-1].end == len(source)  # glued sentences and the last line
    assert made == [layout.drop_line(doc.segments[i], reasons[r], rules[b]) for i, r, b in drops]
    assert all(type(r) is Removal and gc.is_tracked(r) for r in made)  # a reason is an enum: tracked
    for wrong in ([(len(doc.segments), 0, 0)], [(0, 2, 0)], [(0, 0, 3)]):
        with pytest.raises(ValueError, match="no such"):
            layout.drop_lines(doc, wrong, reasons, rules)
    with pytest.raises(TypeError, match="seven fields"):
        doc.lines().line_removals(source, drops, (reasons, rules), "page_layout", Segment)


_TABLE_SOURCE = (
    "Advertisement\n\nShare on Facebook\n  Icon FacebookIcon LinkedinIcon Mail\n"
    "You have {{numberArticlesLeft}} free articles left\nSubscribe now for $1 a week\n"
    + "It rained all day. "
    * 60
)


def _merged_in_python(removals: list[Removal]) -> list[Removal]:
    """The merge written out in Python: sorted by start, the longer first among equal starts;
    an overlapping removal absorbed by the one before it, which reaches to its end."""
    result: list[Removal] = []
    for r in sorted(sorted(removals, key=lambda r: r.end, reverse=True), key=lambda r: r.start):
        if r.start >= r.end:
            continue
        if result and r.start < result[-1].end:
            if r.end > result[-1].end:
                result[-1] = result[-1]._replace(end=r.end, text="")
            continue
        result.append(r)
    return result


_SPANS = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 12)), max_size=12)


@given(_SPANS)
def test_removals_merge_as_the_python_reading_does(spans: list[tuple[int, int]]) -> None:
    removals = [
        Removal(start, start + length, "f", Reason.AD_LABEL, f"rule{n}", 0.5, "t")
        for n, (start, length) in enumerate(spans)
    ]
    merged = _engine.merge(removals, Removal)
    assert merged == _merged_in_python(removals)
    assert all(type(r) is Removal for r in merged)
    assert all(any(r is given for given in removals) for r in merged if r.text)  # unchanged: itself


THRESHOLDS = dict.fromkeys(FAVORS, 0.5)


def test_proposals_apply_by_their_confidence_read_once_a_kind() -> None:
    source = "Menu\nShare this\nIt rained all day.\nFooter"
    segments = segment_text(source)
    table = _engine.text_segments(source, True)
    cells = {"site_navigation": (9.0, 1.0), "share_buttons": (1.0, 90.0), "ui_control|page_dump": (50.0, 0.0)}
    trust = _engine.Trust(cells, 30.0, 0.75, "user:", {"site_template"})
    proposals = [
        Removal(segments[0].start, segments[0].tail, "chrome", Reason.SITE_NAVIGATION, "menu"),
        Removal(segments[1].start, segments[1].tail, "chrome", Reason.SHARE_BUTTONS, "share"),
        Removal(segments[2].start, segments[2].start + 2, "chrome", Reason.UI_CONTROL, "part"),  # not whole
        Removal(segments[3].start, segments[3].end, "related", Reason.SITE_NAVIGATION, "menu", 1.0, "t"),
        Removal(segments[0].start, segments[0].end, "site_template", Reason.SITE_TEMPLATE, "on 3 of 4 pages"),
    ]
    calibration = Calibration(cells, THRESHOLDS)
    expected = [calibration.confidence(r, InputState.PAGE_DUMP, "") for r in proposals]
    judged: dict[tuple[str, str, str], float] = {("related", Reason.SITE_NAVIGATION, "menu"): 0.3}  # known
    removed: dict[int, str] = {}
    applied = _engine.judge(proposals, judged, (trust, "page_dump", ""), 0.5, Removal, table, removed)
    assert expected[1] < 0.5 < expected[0] and expected[4] == 1.0  # the user's site template: sure
    assert applied == [proposals[i]._replace(confidence=expected[i]) for i in (0, 2, 4)]  # "related": 0.3
    assert judged[("chrome", Reason.SHARE_BUTTONS, "share")] == expected[1]
    assert removed == {0: "chrome"}  # whole segments only; the first to take one
    untouched: dict[int, str] = {}
    assert (
        _engine.judge(proposals, judged, (trust, "page_dump", ""), 0.5, Removal, None, untouched) == applied
    )
    assert untouched == {}


def test_removals_take_their_texts_as_python_slices_them() -> None:
    source = "Ad\u00e9 \U0001d11e x\ud800y\nMore text"  # beyond ASCII, astral, a lone surrogate
    removals = [
        Removal(a, b, "f", Reason.AD_LABEL, "r") for a, b in [(0, 3), (4, 8), (2, len(source)), (5, 5)]
    ]
    assert [r.text for r in _engine.with_texts(removals, source, Removal)] == [
        source[r.start : r.end] for r in removals
    ]
    assert _engine.with_texts(removals, source, Removal)[1][:6] == removals[1][:6]
    with pytest.raises(ValueError, match="past its source's end"):
        _engine.with_texts([Removal(0, len(source) + 1, "f", Reason.AD_LABEL, "r")], source, Removal)
    for call in (_engine.with_texts, lambda r, s, c: _engine.merge(r, c)):
        with pytest.raises(TypeError, match="seven fields"):
            call(removals, source, Segment)


def test_a_batch_line_test_finds_what_its_test_of_one_line_finds_on_the_segments_kept() -> None:
    table = _engine.text_segments(_TABLE_SOURCE, True)
    rows = [(norm, n_words) for _, _, _, _, _, norm, n_words, _ in table.rows(_TABLE_SOURCE, Segment)]
    rules = _engine.LineRules(
        [(r"^share\b", True, [], None, 3), (r"\$\d", False, ["$"], None, None), (r"\bit\b", False, [], 80, 9)]
    )
    removed = [1]
    for max_words in [None, 4, 1]:
        expected = []
        for i, (norm, n_words) in enumerate(rows):
            if i in removed or (max_words is not None and n_words > max_words):
                continue
            found = rules.first(norm, n_words)
            if found is not None:
                expected.append((i, *found))
        assert rules.first_each(table, removed, max_words) == expected
    assert [i for i, *_ in rules.first_each(table, [])][:3] == [1, 4, 5]  # "Share on Facebook" is back
    assert _engine.Needles(["{", "%"]).each(table, removed) == [3]
    assert _engine.Needles(["WEEK"], ascii_case=True).each(table, removed) == [4]
    assert _engine.Needles(["You"], last_chars=10).each(table, removed) == []  # "You" opens its line
    assert _engine.Needles(["left"], last_chars=4).each(table, removed) == [3]
    assert len(table) == len(rows) == 5 + 60


@given(st.text(alphabet=st.sampled_from(list("aé€\U0001d11ex")), min_size=1, max_size=20), st.integers(0, 25))
def test_needles_read_a_line_s_last_characters_as_python_slices_them(line: str, n: int) -> None:
    table = _engine.text_segments(line, True)
    last = line[-n:] if n else ""
    assert _engine.Needles(["x"], last_chars=n).each(table, []) == ([0] if "x" in last else [])


def test_icon_runs_split_glued_titles_and_count_their_icon_words() -> None:
    runs = _engine.IconRuns(["icon", "facebook", "linkedin", "mail"], r"\bIcon[A-Z ]|[a-z]Icon\b", ["Icon"])
    at = (4, 0.75, 2)
    assert runs.is_run("Icon FacebookIcon LinkedinIcon Mail", at)
    assert not runs.is_run("Icon Facebook Linkedin", at)  # no glue point, one marker
    assert runs.is_run("Icon Facebook Linkedin Mail Icon ", at)  # two markers stand for glue
    assert not runs.is_run("Icon FacebookIcon LinkedinIcon Mail Paris London Rome", at)  # 6 of 9 icons
    assert runs.is_run("Mail2Icon3FacebookIcon", (6, 0.6, 2))  # digits cut tokens and count as tokens
    assert not runs.is_run("MailIcon٣FacebookIcon", (6, 0.6, 2))  # a non-ASCII digit: no glue point
    table = _engine.text_segments(_TABLE_SOURCE, True)
    assert runs.each(table, [], at) == [2] and runs.each(table, [2], at) == []


_GLUE_POINT = re.compile(r"(?=[a-z][A-Z]|[a-zA-Z][0-9])")  # a glue point, as Python counts them


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZq9 0Ü٣éIcon-")), max_size=16))
def test_icon_runs_count_glue_points_as_python_does(text: str) -> None:
    """With no icon word, no marker and no least share, a line is a run exactly where it
    has the glue points asked for (each one a letter and a character past ASCII apart)."""
    runs = _engine.IconRuns([], "never-a-marker", [])
    glue = len(_GLUE_POINT.findall(text))
    for least in (1, 2, 3):
        assert runs.is_run(text, (0, 0.0, least)) == (glue >= least), text


def _python_windows(source: str, most_chars: int, most_lines: int, giant: int) -> list[tuple[int, int, bool]]:
    """What ``text_windows`` means, line by line in Python."""
    spans, start, pos, lines = [], 0, 0, 0
    while pos < len(source):
        newline = source.find("\n", pos)
        end = len(source) if newline < 0 else newline + 1
        if end - pos > giant:
            spans += [(start, pos, True)] if pos > start else []
            spans.append((pos, end, False))
            start, lines = end, 0
        else:
            lines += 1
            if lines >= most_lines or end - start >= most_chars:
                spans.append((start, end, True))
                start, lines = end, 0
        pos = end
    return spans + ([(start, len(source), True)] if start < len(source) else [])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "é", "\n", "\r\n", "\r", "𝔸", "\ud800", " ", "xyz" * 9]), max_size=200),
    st.integers(1, 60),
    st.integers(1, 8),
    st.integers(1, 80),
)
def test_windows_cut_a_text_as_the_line_by_line_reading_does(
    pieces: list[str], most_chars: int, most_lines: int, giant: int
) -> None:
    source = "".join(pieces)
    expected = _python_windows(source, most_chars, most_lines, giant)
    assert _engine.text_windows(source, most_chars, most_lines, giant) == expected


def test_a_long_text_beyond_ascii_is_read_as_a_short_one_is() -> None:
    line = "Grüße \ud800 aus 𝔸 Köln\n"  # a lone surrogate, astral and Latin-1 characters
    source = line * ((1 << 21) // len(line) + 7)  # read in three pieces, cut inside lines
    assert _engine.text_windows(source, 500, 50, 10_000) == _python_windows(source, 500, 50, 10_000)
    assert _engine.word_count(source) == _engine.word_count(line) * source.count("\n")


def _python_wtf8(data: bytes) -> str | None:
    """WTF-8 read by a round trip through UTF-16: what the engine's ``from_wtf8`` means."""
    try:
        text = data.decode("utf-8", errors="surrogatepass")
    except UnicodeDecodeError:
        return None
    return text.encode("utf-16-le", errors="surrogatepass").decode("utf-16-le", errors="replace")


_SURROGATES = st.integers(0xD800, 0xDFFF).map(lambda c: chr(c).encode("utf-8", "surrogatepass"))
_WTF8_PIECES = st.one_of(st.text(max_size=5).map(str.encode), _SURROGATES, st.binary(max_size=3))


@settings(max_examples=500, deadline=None)
@given(st.lists(_WTF8_PIECES, max_size=12).map(b"".join))
def test_wtf8_reads_as_the_round_trip_through_utf16_does(data: bytes) -> None:
    assert _engine.from_wtf8(data) == _python_wtf8(data)


def test_wtf8_pairs_surrogates_into_their_character_and_replaces_lone_ones() -> None:
    pair = "\ud83d\ude00".encode("utf-8", "surrogatepass")
    lone_low, lone_high = "\ude00".encode("utf-8", "surrogatepass"), "\ud83d".encode("utf-8", "surrogatepass")
    assert _engine.from_wtf8(b"a" + pair + b"b") == "a\U0001f600b"
    assert _engine.from_wtf8(lone_low + lone_high + b"!") == "\ufffd\ufffd!"
    assert _engine.from_wtf8(lone_high + lone_high) == "\ufffd\ufffd"
    assert _engine.from_wtf8(b"\xed\xa0") is None  # cut short: not WTF-8
    assert _engine.from_wtf8(b"caf\xe9") is None


def test_credit_lines_find_in_a_table_what_credit_start_finds_in_each_line() -> None:
    """``CreditLines.each`` reads only the lines whose end holds a needle, and finds there
    what ``credit_start`` finds in each line alone; a credit too far from its line's end, or
    in a removed segment, is not found."""
    lines = [
        "Kim Jong-un waves to the crowd. Picture: REUTERS/KCNA",
        "The council met on Tuesday.",
        "© Getty Images",
        "(AP Photo/Jane Doe)",
        "An agency name far from the end: Reuters " + "and a long tail of words " * 4,
        "Photo: Jane Doe",
    ]
    table = _engine.text_segments("\n".join(lines), True)
    made = credit_patterns()
    expected = [(i, *found) for i, line in enumerate(lines) if (found := made.lines.start(line)) is not None]
    assert [i for i, *_ in expected] == [0, 2, 3, 5]
    assert made.lines.each(table, []) == expected
    assert made.lines.each(table, [0, 3]) == [row for row in expected if row[0] not in (0, 3)]
    assert [CREDIT_RULES[rule] for _, _, rule in expected] == [
        "labelled_credit", "copyright_notice", "agency_credit", "labelled_credit",
    ]  # fmt: skip


def test_line_tests_find_in_a_later_pass_what_they_find_in_the_same_text_read_afresh() -> None:
    """Chrome, related blocks, caption credits and a family's line rules keep their answers on
    the table they read, for the pass after, which reads the same lines again (a table made
    from the first one's): the answers are the ones a table made afresh gives, under the
    limit they were found with and under others."""
    chrome, related, credits = _chrome_lines(), _related_lines(), credit_patterns().lines
    paywall, sponsored = ANCHOR_RULES._compiled, NOTICE_RULES._compiled
    text = (
        "Advertisement\nShare on Facebook\nThe council approved the budget.\nRead more\n"
        "Picture: REUTERS/KCNA\nSign up for our newsletter\n"
        "Subscribe now\nThis article is sponsored by Acme Corp.\n"
    )
    first = _engine.text_segments(text, True)
    assert len(chrome.each(first, [], MAX_PROMPT_WORDS)) == 3
    assert related.each(first, [], 4) == [(3, 1)]
    assert [i for i, *_ in credits.each(first, [])] == [4]
    assert [i for i, *_ in paywall.first_each(first, [], None)] == [6]
    assert [i for i, *_ in sponsored.first_each(first, [], 12)] == [7]
    cleaned = text.split("\n", 1)[1]
    later, fresh = _engine.text_segments(cleaned, True, first), _engine.text_segments(cleaned, True)
    for limit in (MAX_PROMPT_WORDS, 3, None):
        assert chrome.each(later, [], limit) == chrome.each(fresh, [], limit)
    assert len(chrome.each(later, [], 3)) == 1  # of the chrome left, only "Share on Facebook" is that short
    for limit in (4, 0):
        assert related.each(later, [], limit) == related.each(fresh, [], limit)
    assert credits.each(later, []) == credits.each(fresh, []) == [(3, 0, 0)]
    for rules, expected in ((paywall, 5), (sponsored, 6)):
        for limit in (12, 3, None):
            assert rules.first_each(later, [], limit) == rules.first_each(fresh, [], limit)
        assert [i for i, *_ in rules.first_each(later, [], None)] == [expected]
    assert sponsored.first_each(later, [], 3) == []  # the notice is longer than three words
