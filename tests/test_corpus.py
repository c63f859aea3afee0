"""The seeds: the filters propose exactly their annotated noise, and the default gate
removes only noise; the negative set is untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanscrape
from cleanscrape.learned.training.corpus import dumps_in, load_dump
from conftest import EVERY_PROPOSAL, NEGATIVE, SEEDS, run_cli

SEED_DUMPS = dumps_in(SEEDS)
NEGATIVES = sorted(NEGATIVE.glob("*.txt"))


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _expected(path: Path) -> list[str]:
    return [c for line in load_dump(path) if (c := line.content()).strip()]


def test_corpus_is_present() -> None:
    assert len(SEED_DUMPS) == 4
    assert len(NEGATIVES) >= 6


@pytest.mark.parametrize("path", SEED_DUMPS, ids=lambda p: p.stem)
def test_seed_proposals_are_the_annotated_noise(path: Path) -> None:
    result = cleanscrape.clean(path.read_text(encoding="utf-8"), pipeline=EVERY_PROPOSAL)
    assert _lines(result.text) == _expected(path)


@pytest.mark.parametrize("path", SEED_DUMPS, ids=lambda p: p.stem)
def test_seed_removals_carry_annotated_reasons(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    result = cleanscrape.clean(source, pipeline=EVERY_PROPOSAL)
    offset = 0
    for line in load_dump(path):
        start, end = offset, offset + len(line.text)
        offset = end + 1
        covering = [r for r in result.removals if r.start < end and r.end > start]
        if line.label == "noise":
            assert covering and covering[0].reason == line.reason, line
            assert covering[0].filter == line.family
        elif line.label == "content":
            assert [r.reason for r in covering] == [s.reason for s in line.noise], line


@pytest.mark.parametrize("path", SEED_DUMPS, ids=lambda p: p.stem)
def test_seed_by_default_loses_no_content_and_the_cli_agrees(path: Path, tmp_path: Path) -> None:
    """The calibrated gate holds back what the bench showed unsure, never more than was
    proposed: every annotated content line stays, in order."""
    source = path.read_text(encoding="utf-8")
    kept = iter(_lines(cleanscrape.clean(source).text))
    assert all(line in kept for line in _expected(path))  # a subsequence: nothing lost or moved
    out = tmp_path / "out.txt"
    proc = run_cli("clean", str(path), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert _lines(out.read_text(encoding="utf-8")) == _lines(cleanscrape.clean(source).text)


@pytest.mark.parametrize("path", NEGATIVES, ids=lambda p: p.stem)
def test_negative_article_untouched(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    result = cleanscrape.clean(source)
    assert result.removals == ()
    assert result.text == source
    assert result.purity > 0.9


def test_purity_ranks_paywalled_seed_below_clean_articles() -> None:
    clean_scores = [cleanscrape.purity(p.read_text(encoding="utf-8")) for p in NEGATIVES]
    paywalled = cleanscrape.purity((SEEDS / "004_bfd26f82141552af.txt").read_text(encoding="utf-8"))
    related = cleanscrape.purity((SEEDS / "000_000185b34f02d9e8.txt").read_text(encoding="utf-8"))
    assert paywalled < min(clean_scores) - 0.1
    assert related < paywalled
