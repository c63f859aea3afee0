"""Purity: the estimated share of the input's characters that are article content.

A pure function of the input, its cleaned text and what was removed: a removed
span counts as article by the chance that it was (one less its calibrated
confidence), and kept lines count by how much they read like article prose (a
short line without sentence punctuation is as often a leftover label as a
crosshead). A glued line (a whole text on one line) counts sentence by
sentence, as segmentation splits it. A page's headline and deck, moved to
``Cleaned.title`` and ``description``, are neither: they leave the count.
Whitespace is not counted.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .model import Reason, Removal
from .segment import text_spans
from .textutil import word_count

# Every character str.split() splits on: all lie below U+3001.
_DROP_SPACE = dict.fromkeys(c for c in range(0x3001) if chr(c).isspace())
SPLIT_CHARS = 1 << 16  # up to this length, counting split()'s words is the fastest way

PROSE_WORDS = 12
SHORT_LINE_FLOOR = 0.35
SENTENCE_ENDINGS = (".", "!", "?", '"', "”", "’", "»", ")", ":", ";", "…")
MOVED = frozenset({Reason.HEADLINE, Reason.DECK})  # given as the page's title and description


def prose_likelihood(text: str) -> float:
    """How much a kept line reads like article prose, in [0, 1].

    >>> prose_likelihood("He spoke for an hour about the budget and the coming election.")
    1.0
    >>> round(prose_likelihood("Menu"), 2)
    0.4
    """
    n = word_count(text)
    if n >= PROSE_WORDS:
        return 1.0
    share = n / PROSE_WORDS
    if text.rstrip().endswith(SENTENCE_ENDINGS):
        share = 0.5 + share / 2
    return SHORT_LINE_FLOOR + (1 - SHORT_LINE_FLOOR) * share


def purity_score(source: str, cleaned: str, removals: Sequence[Removal] = ()) -> float:
    """Score an input from its text, its cleaned text and the ``removals`` that made it.

    Each kept line counts by its prose likelihood, each removed span by one less
    its confidence; a moved headline or deck (``MOVED``) is left out of the count.

    >>> purity_score("Menu\\nThe vote passed on Monday after a long debate in the hall.", "")
    0.0
    """
    moved = sum(_visible(source[r.start : r.end]) for r in removals if r.reason in MOVED)
    total = _visible(source) - moved
    if total <= 0:
        return 0.0
    content = sum(_visible(unit) * prose_likelihood(unit) for unit in _units(cleaned))
    content += sum(
        _visible(source[r.start : r.end]) * (1 - r.confidence) for r in removals if r.reason not in MOVED
    )
    return max(0.0, min(1.0, content / total))


def _units(text: str) -> Iterator[str]:
    """The non-blank lines of ``text``, a glued line sentence by sentence, as segmentation
    splits it: prose glued to a caption fragment or a menu is no longer all prose.

    >>> units = list(_units("Menu\\n\\n" + "It rained. " * 100))
    >>> units[:3], len(units)
    (['Menu', 'It rained.', 'It rained.'], 101)
    """
    return (text[start:end] for start, end, _ in text_spans(text))


def _visible(text: str) -> int:
    """Characters that are not whitespace; a long text is counted on one copy of it, not a word list.

    >>> _visible(" a b\\u3000c\\n"), _visible(" a b\\u3000c\\n" * SPLIT_CHARS)
    (3, 196608)
    """
    if len(text) <= SPLIT_CHARS:
        return sum(map(len, text.split()))
    return len(text.translate(_DROP_SPACE))
