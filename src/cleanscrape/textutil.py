"""Small text helpers shared by the filters."""

from __future__ import annotations

import re
import unicodedata

WORD_RE = re.compile(r"\w+")
_SPACE_RE = re.compile(r"\s+")
_EDGE_PUNCT = " \t\u00a0\u200b:;,.!?|·•*-–—»«›‹>]<[()\"'“”‘’→↗➔▶►"


def normalize(text: str) -> str:
    """Case-folded, NFKC, single-spaced, edge punctuation trimmed.

    >>> normalize("  Read  MORE »")
    'read more'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE_RE.sub(" ", text).strip(_EDGE_PUNCT)


def words(text: str) -> list[str]:
    """Word tokens (``\\w+``), as the benchmark scorer counts them."""
    return WORD_RE.findall(text)


def word_count(text: str) -> int:
    """Number of ``\\w+`` tokens."""
    return sum(1 for _ in WORD_RE.finditer(text))


def phrase_pattern(phrases: tuple[str, ...]) -> str:
    """An alternation of literal phrases, longest first, spaces matching any run.

    >>> phrase_pattern(("read more", "more"))
    '(?:read\\\\s+more|more)'
    """
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")"


def whole_line(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern matching a normalized line that is exactly one of ``phrases``."""
    return re.compile(r"^" + phrase_pattern(phrases) + r"$")


def phrases(block: str) -> tuple[str, ...]:
    """Parse a ``|``-separated block of phrases (newlines separate too).

    >>> phrases('''read more | see also
    ... lire la suite''')
    ('read more', 'see also', 'lire la suite')
    """
    return tuple(p.strip() for p in re.split(r"[|\n]", block) if p.strip())
