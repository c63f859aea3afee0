"""Calibrated confidence, operating points, and what a text is taken for (provenance)."""

from __future__ import annotations

import pickle

import pytest

import cleanscrape
from cleanscrape import Pipeline, Reason, Removal, filters
from cleanscrape.core.types import Evidence, InputState
from cleanscrape.errors import RuleError
from cleanscrape.learned.calibration import (
    FAVORS,
    PRIOR_WEIGHT,
    UNSEEN_PRIOR,
    Calibration,
    default_calibration,
)
from cleanscrape.learned.provenance import PAGE_TYPES, default_provenance, opening_features

ARTICLE = "The council approved the budget on Tuesday after a debate that lasted six hours."
AD = Removal(0, 14, "chrome", Reason.AD_LABEL, "ad_label")
THRESHOLDS = {"balanced": 0.6, "precision": 0.5, "recall": 0.9}


def _table(cells: dict[str, tuple[float, float]]) -> Calibration:
    return Calibration(cells, THRESHOLDS)


def test_a_cell_with_evidence_outweighs_the_level_above_it() -> None:
    state, kind = InputState.EXTRACTED, "article"
    assert _table({}).confidence(AD, state, kind) == pytest.approx(UNSEEN_PRIOR)
    broad = _table({"ad_label": (900.0, 100.0)})
    assert broad.confidence(AD, state, kind) == pytest.approx(0.9, abs=0.02)
    noisy_rule = {"ad_label": (900.0, 100.0), "ad_label|extracted|article|ad_label": (0.0, 1000.0)}
    assert _table(noisy_rule).confidence(AD, state, kind) < 0.1  # the rule has shown its own
    few = {"ad_label": (900.0, 100.0), "ad_label|extracted|article|ad_label": (0.0, PRIOR_WEIGHT / 3)}
    assert 0.6 < _table(few).confidence(AD, state, kind) < 0.9  # a few shingles only move it
    other_state = _table(noisy_rule).confidence(AD, InputState.PAGE_DUMP, kind)
    assert other_state == pytest.approx(0.9, abs=0.02)  # the rule's cell was on extracted text


def test_a_band_nearer_article_is_never_surer_noise_than_one_nearer_noise() -> None:
    """A band seen on few lines falls back on its reason's share; the bands the model scored
    nearer noise, seen on many, bound it (as on wcxb left out, where the content-like band
    took more article than noise)."""
    stem, state = "line-model:0123456789ab:band", InputState.PAGE_DUMP
    reason = "outside_article"
    cells = {reason: (9000.0, 1000.0), f"{reason}|page_dump": (9000.0, 1000.0),
             f"{reason}|page_dump|{stem}0": (3.0, 0.0), f"{reason}|page_dump|{stem}1": (300.0, 700.0),
             f"{reason}|page_dump|{stem}2": (600.0, 400.0)}  # fmt: skip
    table = _table(cells)
    sure = [table.confidence(Removal(0, 4, "page_layout", Reason.OUTSIDE_ARTICLE, f"{stem}{b}"), state, "")
            for b in range(3)]  # fmt: skip
    assert sure[1] < 0.4 < sure[2]
    assert sure[0] == pytest.approx(sure[1])  # its own cell alone would give about 0.9
    other_reason = Removal(0, 4, "page_layout", Reason.LOW_CONTENT_SCORE, f"{stem}0")
    # bands bind within a reason only
    assert table.confidence(other_reason, state, "") == pytest.approx(UNSEEN_PRIOR)
    not_a_band = Removal(0, 4, "chrome", Reason.OUTSIDE_ARTICLE, f"{stem}x")
    assert table.confidence(not_a_band, state, "") == pytest.approx(0.9, abs=0.01)


def test_a_users_rule_always_applies() -> None:
    own = Removal(0, 4, "chrome", Reason.AD_LABEL, "user:rules.jsonl:3")
    assert _table({"ad_label": (0.0, 1000.0)}).confidence(own, InputState.EXTRACTED, "article") == 1.0


def test_the_pipeline_applies_only_what_reaches_the_threshold() -> None:
    text = f"Advertisement\n{ARTICLE}\n"
    unsure = _table({"ad_label": (40.0, 60.0)})  # likelier article than noise
    sure = _table({"ad_label": (990.0, 10.0)})
    for favor, table, removed in (("balanced", unsure, False), ("precision", unsure, False),
                                  ("balanced", sure, True), ("recall", sure, True)):  # fmt: skip
        pipeline = Pipeline([filters.Chrome()], favor=favor, calibration=table)  # type: ignore[arg-type]
        found = pipeline.removals(text)
        assert bool(found) is removed, (favor, table)
        assert all(r.confidence >= table.threshold(favor) for r in found)  # type: ignore[arg-type]
    assert Pipeline([filters.Chrome()], calibration=unsure, min_confidence=0.0).removals(text)


def test_favor_is_checked_and_reaches_clean() -> None:
    with pytest.raises(RuleError, match="favor must be one of"):
        Pipeline([filters.Chrome()], favor="fast")  # type: ignore[arg-type]
    text = f"Advertisement\n{ARTICLE}\n"
    nothing_applies = Calibration({}, dict.fromkeys(FAVORS, 1.01))
    pipeline = Pipeline([filters.Chrome()], calibration=nothing_applies)
    assert cleanscrape.clean(text, pipeline=pipeline).text == text
    assert (
        cleanscrape.clean(text, favor="recall").removals == cleanscrape.clean(text, favor="recall").removals
    )


def test_the_shipped_operating_points_are_ordered() -> None:
    table = default_calibration()
    assert set(table.thresholds) == set(FAVORS)
    assert table.threshold("precision") <= table.threshold("balanced") <= table.threshold("recall")
    assert table.threshold("balanced") >= 0.5  # a removal no likelier noise than article never happens


def test_every_removal_carries_its_calibrated_confidence() -> None:
    result = cleanscrape.clean(f"Advertisement\n{ARTICLE}\nShare\n")
    table = default_calibration()
    state = InputState(result.input_state)
    assert result.removals and result.page_type  # text: a type is read off it to report ...
    for r in result.removals:
        assert r.confidence == table.confidence(r, state, "")  # ... but not judged by
        assert r.confidence >= table.threshold("balanced")


def test_a_page_type_the_html_gives_conditions_the_confidence() -> None:
    table = _table({"ad_label": (10.0, 0.0), "ad_label|extracted|product": (0.0, 90.0)})
    on_a_product_page = table.confidence(AD, InputState.EXTRACTED, "product")
    assert on_a_product_page < 0.5 < table.confidence(AD, InputState.EXTRACTED, "")


def test_a_table_round_trips_through_json_and_bad_files_are_named() -> None:
    table = Calibration({"ad_label": (3.0, 1.0)}, THRESHOLDS, "abc", ("aeb",))
    assert Calibration.from_json(table.to_json()) == table
    copied = pickle.loads(pickle.dumps(table))  # as a --jobs worker gets it, its engine reading too
    assert copied == table and copied.confidence(AD, InputState.EXTRACTED, "") == table.confidence(
        AD, InputState.EXTRACTED, ""
    )
    with pytest.raises(RuleError, match="not a cleanscrape-calibration"):
        Calibration.from_json('{"format": "other"}', "x.json")
    with pytest.raises(RuleError, match="malformed"):
        Calibration.from_json("[1, 2]", "x.json")


def test_an_article_region_is_extracted_and_a_page_render_a_dump() -> None:
    pipeline = cleanscrape.default_pipeline()
    assert pipeline.decide(ARTICLE, Evidence(article_region=True)).input_state is InputState.EXTRACTED
    context = ((),)
    assert pipeline.decide(ARTICLE, Evidence(page_context=context)).input_state is InputState.PAGE_DUMP


def test_provenance_reads_a_page_type_and_a_dumps_state() -> None:
    model = default_provenance()
    menu = "\n".join(["Home", "News", "Sport", "Log in", "Search", "Menu", "Contact us"] * 8)
    dump = f"{menu}\n{ARTICLE}\n{ARTICLE}\n{menu}"
    assert model.page_dump_probability(opening_features(dump)) > 0.8
    article = "\n".join([ARTICLE] * 12)
    assert model.page_dump_probability(opening_features(article)) < 0.5
    assert model.page_type(opening_features(article)) in PAGE_TYPES
    probabilities = model.type_probabilities(opening_features(article))
    assert set(probabilities) == set(PAGE_TYPES) and sum(probabilities.values()) == pytest.approx(1.0)


def test_cleaned_says_what_it_took_the_text_for() -> None:
    result = cleanscrape.clean(ARTICLE)
    assert result.input_state == "extracted" and result.page_type in PAGE_TYPES
    assert cleanscrape.Cleaned.__dataclass_fields__["page_type"]


def test_opening_features_name_each_line_kind_and_bin_their_shares() -> None:
    prose = " ".join(["word"] * 25) + "."
    text = f"Home\n\nLogin\nPosted 3 hours ago by Ann\nPrice: $19.99\ndef main():\n{prose}\n"
    assert opening_features(text) == [
        "ui=home", "ui=login", "ui=price", "ui=def", "ui=main",  # the words of lines of 4 words or fewer
        "price>4", "code>4", "stamp>5",  # 1, 1 and 2 lines of 6 ("19.99" reads as a time too)
        "prose>4", "short>6", "head-short>6", "head-prose>4", "tail-short>6", "lines>1", "text-only",
    ]  # fmt: skip
    assert opening_features("x\n" * 500) == opening_features("x\n" * 400)  # the first 400 lines tell
