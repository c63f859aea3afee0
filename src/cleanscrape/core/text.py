"""Small text helpers shared by the filters."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, ParamSpec, TypeVar, cast

from .._engine import normalize as normalize
from .._engine import word_count as word_count
from .._engine import words as words

P = ParamSpec("P")
T = TypeVar("T")

# Per-line results kept by the filters' pure line tests: a line comes back in the
# pipeline's second pass over its own output, and across a site's pages.
LINE_CACHE_SIZE = 1 << 13  # a page's lines, a few times over; bounded memory on giant inputs
_LINE_CACHES: list[Any] = []


def line_cache(function: Callable[P, T]) -> Callable[P, T]:
    """Memoize a pure test of one line (at most ``LINE_CACHE_SIZE`` results)."""
    cached = lru_cache(maxsize=LINE_CACHE_SIZE)(function)
    _LINE_CACHES.append(cached)
    return cast(Callable[P, T], cached)


def clear_line_caches() -> None:
    """Forget every memoized line result (benchmarks time cold runs)."""
    for cached in _LINE_CACHES:
        cached.cache_clear()


def phrase_pattern(phrases: tuple[str, ...]) -> str:
    """An alternation of literal phrases, longest first (then in alphabetical order, so the
    pattern is the same in every process), spaces matching any run.

    >>> phrase_pattern(("more", "read more", "mehr"))
    '(?:read\\\\s+more|mehr|more)'
    """
    ordered = sorted(set(phrases), key=lambda phrase: (-len(phrase), phrase))
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")"


def whole_line(phrases: tuple[str, ...]) -> str:
    """A pattern matching a normalized line that is exactly one of ``phrases``."""
    return r"^" + phrase_pattern(phrases) + r"$"


def plural(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless one.

    >>> plural(1, "removal"), plural(2, "removal")
    ('1 removal', '2 removals')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
