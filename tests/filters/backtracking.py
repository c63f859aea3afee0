"""Worst-case strings for a regular expression, to catch catastrophic backtracking.

Nested or overlapping repeats (``(a+)+$``, ``(\\w+\\s?)+$``) take exponential or
polynomial time on long runs of the characters they repeat, followed by a
character that makes the match fail. The strings here are such runs: of the
pattern's own characters (together and each alone), of its words, and of the
usual suspects (letters, digits, spaces).
"""

from __future__ import annotations

import re

_SYNTAX = set("\\()[]{}?*+|^$")
_USUAL_SUSPECTS = ("a", "1", " ", "a ", "a1", "aA1.,!?-_/:", "\t\n", "{{", "<a")
_SINGLE_RUNS = 12  # runs of each of the pattern's own characters, up to this many


def worst_cases(pattern: str, size: int) -> list[str]:
    """Strings of ``size`` characters plus a final "!" that a slow pattern chokes on.

    >>> cases = worst_cases("ab+|read more", 10)
    >>> cases[0], cases[-10]
    (' abdemor a!', 'read more !')
    >>> "bbbbbbbbbb!" in cases and "1111111111!" in cases
    True
    """
    own = "".join(sorted(set(pattern) - _SYNTAX))
    words = re.findall(r"[^\W\d_]{3,}", pattern)[:20]
    phrase = " ".join(words) + " " if words else "a b "
    pieces = [own or "a", *own[:_SINGLE_RUNS], phrase, *_USUAL_SUSPECTS]
    return [(piece * (size // len(piece) + 1))[:size] + "!" for piece in pieces]
