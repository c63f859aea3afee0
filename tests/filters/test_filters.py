"""Each filter alone, on variants the seeds do not contain: labelled cases, as ftfy keeps its
own. ``tests/filters/cases/filters.jsonl`` holds what the filters do (``expect`` "pass");
``tests/filters/cases/known_failures.jsonl`` what they should do and do not yet (``expect`` "fail",
each with the ``comment`` saying why), run as strict xfail: a family that learns one fails
the run until the case moves to the other file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleanscrape import Pipeline, Reason, filters
from cleanscrape.core.spans import apply_removals
from cleanscrape.core.types import Document, Family, Removal
from cleanscrape.filters import chrome
from cleanscrape.filters.base import Filter

CASE_FIELDS = {"label", "comment", "expect", "filter", "reason", "input", "removed", "kept"}


def _cases(name: str) -> list[dict[str, Any]]:
    path = Path(__file__).parent / "cases" / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


CASES = _cases("filters.jsonl")
KNOWN_FAILURES = _cases("known_failures.jsonl")


# Reasons a filter may give besides the case's own: a related block ends in its "Read more"
# link; the page-layout model also removes lines by mined pattern or low score inside the run.
OTHER_REASONS = {
    "Related": frozenset({Reason.READ_MORE_LINK}),
    "PageLayout": frozenset({Reason.LEARNED_PATTERN, Reason.LOW_CONTENT_SCORE}),
}


def _filter(name: str) -> Filter:
    cls = getattr(filters, name)
    assert issubclass(cls, Filter)
    return cls()


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c["label"]) for c in CASES]
    + [
        pytest.param(c, id=c["label"], marks=pytest.mark.xfail(strict=True, reason=c["comment"]))
        for c in KNOWN_FAILURES
    ],
)
def test_filter_case(case: dict[str, Any]) -> None:
    source = str(case["input"])
    # What the family's rules match, every proposal applied: calibration is tested on its own.
    removals = Pipeline([_filter(str(case["filter"]))], min_confidence=0.0).removals(source)
    removed_text = [source[r.start : r.end].strip() for r in removals]
    cleaned = apply_removals(source, removals)
    for expected in case["removed"]:  # type: ignore[attr-defined]
        assert any(expected in text for text in removed_text), f"not removed: {expected!r}"
        assert cleaned.count(expected) < source.count(expected)
    also = OTHER_REASONS.get(str(case["filter"]), frozenset())
    for r in removals:
        assert r.reason == Reason(case["reason"]) or r.reason in also
    cleaned_lines = [line.strip() for line in cleaned.splitlines() if line.strip()]
    for expected in case["kept"]:  # type: ignore[attr-defined]
        assert expected in cleaned_lines, f"lost: {expected!r}"


def test_cases_are_labelled_and_each_file_holds_its_expectation() -> None:
    for file_cases, expect in ((CASES, "pass"), (KNOWN_FAILURES, "fail")):
        for case in file_cases:
            assert set(case) == CASE_FIELDS, case["label"]
            assert case["expect"] == expect, case["label"]
            assert expect == "pass" or case["comment"], f"a known failure says why: {case['label']}"
    labels = [c["label"] for c in CASES + KNOWN_FAILURES]
    assert len(set(labels)) == len(labels)


def test_every_family_has_cases() -> None:
    covered = {c["filter"] for c in CASES}
    # user rules: tests/filters/test_user_rules.py; the headline needs an HTML page:
    # tests/html/test_html_mode.py; the site template needs a crawl: tests/crawl/test_site_memory.py
    assert covered == set(filters.__all__) - {"Filter", "UserRules", "Headline", "SiteTemplate"}


@pytest.mark.parametrize(
    ("filter_", "text"),
    [
        (
            filters.Paywall(max_block_line_words=None),
            "You have 3 free articles left\nStay ahead\nSubscribe now\n",
        ),
        (
            filters.Repeats(min_pull_quote_words=None),
            "one two three four five six seven eight\nBody: one two three four five six seven eight nine\n",
        ),
        (filters.Related(min_headerless_pairs=None), "Title one\nRead more\nTitle two\nRead more\n"),
    ],
)
def test_none_disables_a_rule(filter_: Filter, text: str) -> None:
    reasons = {r.rule for r in Pipeline([filter_]).removals(text)}
    assert not reasons & {"between_prompts", "verbatim_in_longer_line", "item_before_cue"}


def test_later_filters_see_which_filter_removed_each_line() -> None:
    seen: list[dict[int, str]] = []

    class Spy(Filter):
        family = Family.USER

        def propose(self, doc: Document) -> list[Removal]:
            seen.append(dict(doc.removed))
            return []

    source = "Advertisement\nThe council approved the budget on Tuesday after a long debate.\nShare\n"
    Pipeline([filters.Chrome(), Spy()]).removals(source)
    assert seen[0] == {0: "chrome", 2: "chrome"}  # the confirming pass then sees the cleaned text


def test_rule_patterns_are_written_casefolded() -> None:
    """Lines are matched after ``normalize`` casefolds them, so 'ß' in a pattern ('ss' there) never fires."""
    for rule in chrome.RULES.rules:
        assert "ß" not in rule.pattern, rule.id
    assert filters.Chrome().classify("Schriftgröße Aa Aa") is not None
    assert filters.Chrome().classify("Schließen") is not None


@pytest.mark.parametrize(
    ("header", "is_header"),
    [("Related articles", True), ("You may like", True), ("Learn more", True), ("Sign out", True),
     ("Also", False), ("A", False), ("Articles", False), ("Sign", False), ("Toggle", False)],
)  # fmt: skip
def test_phrase_lists_wrapped_over_lines_keep_their_phrases_whole(header: str, is_header: bool) -> None:
    """A phrase wrapped onto the next line of its list is one phrase, not two words each a rule."""
    text = f"{header}\nCouncil votes on the bridge budget\n"
    removals = Pipeline([filters.Related(), filters.Chrome()]).removals(text)
    assert any(text[r.start : r.end].strip() == header for r in removals) == is_header


def test_a_doubled_prompt_glued_onto_a_long_sentence_goes_and_the_sentence_stays() -> None:
    sentence = (
        "She discovered that the image had been licensed to a news agency in the 1990s, and that it had "
        "appeared in newspapers in twelve countries without her father ever being paid."
    )
    glued = "The council met on Tuesday. " * 40 + "Sign up for our newsletter " * 2 + sentence + "\n"
    kept = apply_removals(glued, Pipeline([filters.Chrome()]).removals(glued))
    assert "Sign up" not in kept and sentence in kept
    long_prompt = "Sign up for our newsletter about " + "the town " * 20 + "budget."  # no sentence after it
    assert Pipeline([filters.Chrome()]).removals("The council met on Tuesday. " * 40 + long_prompt) == []
