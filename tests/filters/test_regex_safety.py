"""Every regular expression the package ships, hand-written or learned, against catastrophic backtracking.

The patterns are found by walking every module of the package and the
default pipeline's filters (so new ones are checked without being listed).
Each is run on worst-case strings built from its own characters, at two
sizes four times apart: time must grow about linearly and stay small. Line rules are run
through the engine (``LineRules``), as the filters run them, length guards included, and so
are the patterns the engine searches (``_engine.Pattern``).
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from backtracking import worst_cases

import cleanscrape
from cleanscrape import _engine
from cleanscrape.filters.base import LineRules

SIZE = 4_000
GROWTH = 4  # the larger input is this many times the smaller
BUDGET_SECONDS = 0.25  # for the larger size; linear patterns take a few milliseconds
# Linear time grows 4x, quadratic 16x: 8x sits a factor of 2 from both, so a loaded
# machine's jitter cannot cross it. Below NOISE_SECONDS the timer decides the ratio.
MAX_GROWTH = 8.0
NOISE_SECONDS = 0.01


def _modules() -> Iterator[Any]:
    for info in pkgutil.walk_packages(cleanscrape.__path__, "cleanscrape."):
        if ".integrations." not in info.name:  # thin adapters; their frameworks may be absent
            yield importlib.import_module(info.name)


def _walk(value: Any, found: dict[str, Callable[[str], object]], where: str, depth: int = 0) -> None:
    if depth > 4:
        return
    if isinstance(value, re.Pattern):
        search = value.search
        if isinstance(value.pattern, bytes):
            search = lambda s, p=value: p.search(s.encode("utf-8", "surrogatepass"))  # noqa: E731
        found.setdefault(f"{where}: {value.pattern[:60]!r}", search)
    elif isinstance(value, _engine.Pattern):
        found.setdefault(f"{where}: {value.pattern[:60]!r}", value.search)
    elif isinstance(value, LineRules):
        for rule in value.rules:
            alone = LineRules(rule)
            found.setdefault(
                f"{where}: rule {rule.id} {rule.pattern[:60]!r}",
                lambda s, r=alone: r.first(s, len(s.split())),
            )
    elif isinstance(value, dict):
        for v in value.values():
            _walk(v, found, where, depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            _walk(v, found, where, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _walk(getattr(value, f.name), found, f"{where}.{f.name}", depth + 1)


def _made_on_first_use(value: Any) -> bool:
    """A memoized function of no arguments: what a module makes on first use (patterns that
    hold a family's vocabulary, say) rather than at import."""
    wrapped = getattr(value, "__wrapped__", None)
    return (
        hasattr(value, "cache_info")
        and inspect.isfunction(wrapped)
        and not inspect.signature(wrapped).parameters
    )


def shipped_patterns() -> dict[str, Callable[[str], object]]:
    found: dict[str, Callable[[str], object]] = {}
    for module in _modules():
        for name, value in vars(module).items():
            if _made_on_first_use(value) and value.__module__ == module.__name__:
                value = value()
            _walk(value, found, f"{module.__name__}.{name}")
    for filt in cleanscrape.default_pipeline().filters:
        _walk(filt, found, type(filt).__name__)
    return found


PATTERNS = shipped_patterns()


def test_the_walk_finds_the_shipped_patterns() -> None:
    assert len(PATTERNS) > 60, "the walk found too few patterns to be looking in the right places"
    assert any("rule ad_label" in label for label in PATTERNS)
    assert any("credits.credit_patterns.agency_tail" in label for label in PATTERNS)  # made on first use


def _seconds(search: Callable[[str], object], text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        search(text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("label", sorted(PATTERNS))
def test_no_catastrophic_backtracking(label: str) -> None:
    search = PATTERNS[label]
    source = label.split(": ", 1)[1]
    for small, large in zip(worst_cases(source, SIZE), worst_cases(source, GROWTH * SIZE), strict=True):
        t_small, t_large = _seconds(search, small), _seconds(search, large)
        if t_large > NOISE_SECONDS and t_large >= MAX_GROWTH * t_small:
            # Confirmed before it fails: another process on the core can stall one run.
            t_small, t_large = _seconds(search, small, runs=9), _seconds(search, large, runs=9)
        assert t_large < BUDGET_SECONDS, f"{t_large:.3f} s on {len(large)} chars of {large[:20]!r}…"
        if t_large > NOISE_SECONDS:
            assert t_large < MAX_GROWTH * t_small, f"superlinear: {t_small:.4f} s -> {t_large:.4f} s"
