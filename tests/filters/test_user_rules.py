"""User rules (JSONL) and learned models loaded with rules=, through the API and the CLI."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleanscrape
from cleanscrape.core.spans import apply_removals
from cleanscrape.errors import RuleError
from cleanscrape.filters.user import load_user_rules
from cleanscrape.learned.training.train import Example, train
from conftest import run_cli

ARTICLE = "The council approved the budget on Tuesday after a debate that lasted six hours."
PROMOS = "Win tickets with the Harbour Times quiz\nFollow Jane Doe on Mastodon for more.\n"
LATER = "Officials said the new bridge would open in the spring, two years later than planned."
DUMP = f"{ARTICLE}\n{PROMOS}{LATER}\n"


def _rules(tmp_path: Path, *rules: object) -> Path:
    path = tmp_path / "rules.jsonl"
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rules), "utf-8")
    return path


def test_phrase_and_pattern_rules_remove_lines_and_name_their_origin(tmp_path: Path) -> None:
    path = _rules(
        tmp_path,
        {"phrase": "win tickets with the harbour times QUIZ", "family": "chrome", "reason": "ui_control"},
        {"pattern": r"^Follow [\w ]{1,40} on \w+.*", "family": "chrome", "reason": "share_buttons"},
    )
    result = cleanscrape.clean(DUMP, kind="text", rules=path)
    assert result.text == f"{ARTICLE}\n{LATER}\n"
    assert [(r.filter, r.reason.value, r.rule) for r in result.removals] == [
        ("chrome", "ui_control", f"user:{path}:1"),
        ("chrome", "share_buttons", f"user:{path}:2"),
    ]
    assert "Harbour Times quiz" in cleanscrape.clean(DUMP, kind="text").text  # not a default rule


def test_a_phrase_inside_an_article_sentence_removes_only_the_phrase(tmp_path: Path) -> None:
    path = _rules(tmp_path, {"phrase": "[Sponsored]", "family": "sponsored", "reason": "sponsored_notice"})
    assert cleanscrape.clean(f"[sponsored] {ARTICLE}\n", kind="text", rules=[path]).text == f" {ARTICLE}\n"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "not a JSON object"),
        ('["phrase"]', "a rule is a JSON object"),
        ('{"family": "chrome", "reason": "ui_control"}', "exactly one of phrase, pattern"),
        ('{"phrase": "a", "pattern": "b", "family": "chrome", "reason": "ui_control"}', "exactly one"),
        ('{"phrase": "", "family": "chrome", "reason": "ui_control"}', "non-empty string"),
        ('{"pattern": "(", "family": "chrome", "reason": "ui_control"}', "bad pattern"),
        ('{"phrase": "x", "family": "nav", "reason": "ui_control"}', "family must be one of"),
        ('{"phrase": "x", "family": "chrome", "reason": "menu"}', "reason must be one of"),
        ('{"phrase": "x", "family": "chrome"}', "a rule needs a 'reason' key"),
        ('{"phrase": "x", "family": "chrome", "reason": "ui_control", "xpath": "//nav"}', "unknown key"),
        ('{"phrase": "x", "family": "chrome", "reason": "ui_control", "css": "nav"}', "exactly one"),
        ('{"css": "div..promo", "family": "chrome", "reason": "ui_control"}', "bad CSS selector"),
    ],
)
def test_malformed_rules_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    good = {"phrase": "ok", "family": "chrome", "reason": "ui_control"}
    path = _rules(tmp_path, good, "", line)
    with pytest.raises(RuleError, match=rf"rules\.jsonl:3: .*{message}"):
        cleanscrape.clean("text", rules=path)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [(r"(?<!x)ad", "look-around"), (r"(a)\1", "backreferences"), ("(ad)?", "can match the empty string"),
     (r"\bad\b|\b", "can match the empty string"), (r"[[a]]", "literal \\["), (r"\p{L}", "Unicode property")],
)  # fmt: skip
def test_a_pattern_the_engine_cannot_read_as_python_does_is_refused_when_it_loads(
    tmp_path: Path, pattern: str, message: str
) -> None:
    path = _rules(tmp_path, {"pattern": pattern, "family": "chrome", "reason": "ui_control"})
    with pytest.raises(RuleError, match=rf"rules\.jsonl:1: bad pattern .*{message}"):
        cleanscrape.clean("text", rules=path)


@pytest.mark.parametrize(
    ("pattern", "line"),
    [(r"^(\w+\s?)+$", "word " * 20), (r"^(\d|\d\d)+$", "1" * 60), (r"^(x+x+)+$", "x" * 60)],
)
def test_patterns_that_backtrack_catastrophically_in_re_run_through_in_the_engine(
    tmp_path: Path, pattern: str, line: str
) -> None:
    """Lines on which ``re`` backtracks for hours (they almost match), next to lines that match."""
    path = _rules(tmp_path, {"pattern": pattern, "family": "chrome", "reason": "ui_control"})
    matching, almost = line.strip(), line.strip() + "!"
    result = cleanscrape.clean(f"{ARTICLE}\n{matching}\n{almost}\n", kind="text", rules=path)
    assert result.text == f"{ARTICLE}\n{almost}\n"


def test_a_css_selector_slow_on_deep_pages_is_refused_when_it_loads(tmp_path: Path) -> None:
    path = _rules(tmp_path, {"css": "*:has(* *)", "family": "chrome", "reason": "ui_control"})
    with pytest.raises(RuleError, match=r"rules\.jsonl:1: CSS selector too slow"):
        cleanscrape.clean("text", rules=path)  # before: over 30 s on a page of 90,000 elements
    usual = _rules(tmp_path, {"css": "div:has(> p.promo)", "family": "chrome", "reason": "ui_control"})
    assert cleanscrape.clean("text", rules=usual).text == "text"


PROMO = (
    '<div class="quiz-promo"><p>Win two tickets to the Harbour Festival in our weekly quiz</p>'
    "<p>Entries close on Friday at noon</p></div>"
)
PAGE = (
    f"<html><head><title>Budget</title></head><body><article><h1>Council passes budget</h1><p>{ARTICLE}</p>"
    f"{PROMO}<p>{LATER}</p></article></body></html>"
)


def test_a_css_rule_removes_the_lines_of_the_elements_it_selects(tmp_path: Path) -> None:
    assert "weekly quiz" in cleanscrape.clean(PAGE).text, "the promo is in the article region"
    path = _rules(tmp_path, {"css": "article DIV.quiz-promo", "family": "chrome", "reason": "ui_control"})
    result = cleanscrape.clean(PAGE, rules=path)
    assert result.text == f"{ARTICLE}\n{LATER}"
    promo = [r for r in result.removals if r.filter == "chrome"]
    assert [result.source[r.start : r.end].strip() for r in promo] == [
        "Win two tickets to the Harbour Festival in our weekly quiz",
        "Entries close on Friday at noon",
    ]
    assert {(r.reason.value, r.rule) for r in promo} == {("ui_control", f"user:{path}:1")}


def test_a_css_rule_leaves_text_input_and_unmatched_pages_alone(tmp_path: Path) -> None:
    path = _rules(tmp_path, {"css": "div.quiz-promo", "family": "chrome", "reason": "ui_control"})
    text = "Win two tickets to the Harbour Festival in our weekly quiz\n" + DUMP
    assert cleanscrape.clean(text, kind="text", rules=path).text == cleanscrape.clean(text, kind="text").text
    other = PAGE.replace("quiz-promo", "box")
    assert cleanscrape.clean(other, rules=path).text == cleanscrape.clean(other).text


def test_a_learned_model_file_replaces_the_shipped_one(tmp_path: Path) -> None:
    menu, prose = ["Home", "World", "Sport", "Contact"], [ARTICLE] * 3
    examples = [Example(f"p{k}", "\n".join(menu + prose) + "\n", [False] * 4 + [True] * 3) for k in range(3)]
    path = tmp_path / "model.json"
    path.write_text(train(examples).to_json(), "utf-8")
    pipeline = cleanscrape.default_pipeline(path)
    assert pipeline.filters[-1].model.digest == train(examples).digest  # type: ignore[attr-defined]


def test_rules_and_pipeline_together_are_refused() -> None:
    with pytest.raises(cleanscrape.CleanscrapeError, match="not both"):
        cleanscrape.clean("x", rules="r.jsonl", pipeline=cleanscrape.default_pipeline())


def test_cli_loads_rules_and_reports_bad_ones(tmp_path: Path) -> None:
    dump = tmp_path / "page.txt"
    dump.write_text(DUMP, "utf-8")
    path = _rules(tmp_path, {"phrase": "Harbour Times quiz", "family": "chrome", "reason": "ui_control"})
    proc = run_cli("clean", str(dump), "--rules", str(path))
    out = proc.stdout.decode()
    assert proc.returncode == 0 and "Times quiz" not in out and ARTICLE in out
    bad = _rules(tmp_path, '{"phrase": 3}')
    proc = run_cli("clean", str(dump), "--rules", str(bad))
    assert proc.returncode == 2 and "rules.jsonl:1:" in proc.stderr.decode()


WORDS = ["budget", "council", "Newsletter", "app", "Tuesday", "the", "river", "vote", "bridge", "Sign"]


@settings(deadline=None)
@given(
    lines=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join), max_size=12),
    phrase=st.lists(st.sampled_from(WORDS), min_size=1, max_size=2).map(" ".join),
)
def test_a_phrase_rule_touches_only_lines_holding_it(tmp_path_factory: pytest.TempPathFactory,
                                                     lines: list[str], phrase: str) -> None:  # fmt: skip
    from cleanscrape import Pipeline

    path = tmp_path_factory.mktemp("rules") / "rules.jsonl"
    path.write_text(json.dumps({"phrase": phrase, "family": "chrome", "reason": "ui_control"}) + "\n")
    source = "\n".join(lines) + "\n"
    cleaned = apply_removals(source, Pipeline([load_user_rules(path)]).removals(source))
    out = [line for line in cleaned.splitlines() if line.strip()]
    assert phrase.casefold() not in cleaned.casefold()
    without = [line for line in lines if phrase.casefold() not in line.casefold()]
    assert [line for line in out if line in without] == without  # untouched, in order


def _assigned() -> str:
    """Every character this Python's Unicode database (14.0 in 3.11) assigns: the engine's Rust
    knows a newer Unicode, whose new letters Python's str methods would not show as cased."""
    return "".join(chr(cp) for cp in range(0x110000) if unicodedata.category(chr(cp)) not in ("Cn", "Cs"))


def _regex_case_classes(assigned: str) -> list[set[str]]:
    """The characters that ``regex``'s IGNORECASE matches to one another, joined into classes
    (it is no equivalence: it matches "İ" to "i" but not "i" to "ı", which joining mends)."""
    import regex

    def single(s: str) -> str | None:
        return s if len(s) == 1 else None

    joined: dict[str, str] = {}

    def root(c: str) -> str:
        while joined.get(c, c) != c:
            c = joined[c]
        return c

    for c in assigned:
        variants = {single(c.lower()), single(c.upper()), single(c.title()), single(c.casefold())}
        variants |= {c.lower()[0], c.casefold()[0]}  # "İ" lowers to "i" and a combining dot
        variants |= {single(f(v)) for v in variants if v for f in (str.lower, str.upper)}
        for v in variants - {None, c}:
            if v and (regex.fullmatch(regex.escape(c), v, flags=regex.I) or
                      regex.fullmatch(regex.escape(v), c, flags=regex.I)):  # fmt: skip
                a, b = root(c), root(v)
                joined[max(a, b)] = min(a, b)
    classes: dict[str, set[str]] = {}
    for c in joined:
        classes.setdefault(root(c), {root(c)}).add(c)
    return list(classes.values())


def test_the_engine_folds_every_code_point_as_regex_ignorecase_relates_them() -> None:
    """One fold per class of case variants, and a caseless character folds to itself."""
    from cleanscrape._engine import case_fold

    assigned = _assigned()
    folded = dict(zip(assigned, case_fold(assigned), strict=True))
    classes = _regex_case_classes(assigned)
    assert any({"i", "ı", "İ"} <= members for members in classes)  # the Turkish i's, joined
    for members in classes:
        folds = {folded[c] for c in members}
        assert len(folds) == 1 and folds <= members, sorted(members)
    cased = set().union(*classes)
    assert all(f == c for c, f in folded.items() if c not in cased)


CASE_TRICKY = "aAbsSſςσΣkKKİıiIßẞ ǅǆǄ\u0345ιΙ\u1fbeθϑΘµΜμ"


@settings(max_examples=500)
@given(
    phrases=st.lists(st.text(CASE_TRICKY, min_size=1, max_size=4), min_size=1, max_size=6),
    text=st.text(CASE_TRICKY, max_size=40),
)
def test_the_phrase_automaton_finds_what_a_search_for_each_phrase_alone_finds(
    phrases: list[str], text: str
) -> None:
    import regex

    from cleanscrape._engine import PhraseSet, case_fold

    alone = sorted(
        (n, *m.span())
        for n, phrase in enumerate(phrases)
        for m in regex.finditer(regex.escape(case_fold(phrase)), case_fold(text))
    )
    assert PhraseSet(phrases).find(text) == alone


def test_phrase_rules_travel_to_worker_processes_whole(tmp_path: Path) -> None:
    """Rules pickle (a ``--jobs`` run sends them to each worker) and find the same there."""
    import pickle

    rules = load_user_rules(
        _rules(tmp_path, {"phrase": "Harbour Times", "family": "chrome", "reason": "ui_control"})
    )
    copy = pickle.loads(pickle.dumps(rules))
    doc = cleanscrape.Pipeline([copy]).removals(DUMP)
    assert copy == rules and [r.rule for r in doc] == [f"user:{tmp_path / 'rules.jsonl'}:1"]


def test_a_phrase_finds_its_place_in_a_line_holding_a_lone_surrogate(tmp_path: Path) -> None:
    """UTF-8 cannot hold a lone surrogate (a JSONL escape can): the engine reads it as U+FFFD,
    one code point for one, so the removal's offsets stay right."""
    rules = load_user_rules(
        _rules(tmp_path, {"phrase": "Harbour Times", "family": "chrome", "reason": "ui_control"})
    )
    line = f"\ud83d {ARTICLE} Read the Harbour Times app."
    (removal,) = cleanscrape.Pipeline([rules]).removals(line + "\n")
    assert line[removal.start : removal.end] == "Harbour Times"


def test_a_phrase_rule_holding_a_lone_surrogate_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rules.jsonl"
    path.write_text('{"phrase": "x \\ud83d", "family": "chrome", "reason": "ui_control"}\n', "utf-8")
    with pytest.raises(RuleError, match=r"rules.jsonl:1: phrase holds a lone surrogate"):
        load_user_rules(path)
