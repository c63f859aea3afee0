"""Purity: the estimated share of the input's characters that are article content.

A pure function of the input, its cleaned text and what was removed: a removed
span counts as article by the chance that it was (one less its calibrated
confidence), and kept lines count by how much they read like article prose (a
short line without sentence punctuation is as often a leftover label as a
crosshead; ``prose_likelihood`` in engine/src/purity.rs). A glued line (a whole
text on one line) counts sentence by sentence, as segmentation splits it. A
page's headline and deck, moved to ``Cleaned.title`` and ``description``, are
neither: they leave the count. Whitespace is not counted. The engine counts
(``_engine.purity``).
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import _engine
from .types import Reason, Removal

MOVED = frozenset({Reason.HEADLINE, Reason.DECK})  # given as the page's title and description


def purity_score(source: str, cleaned: str, removals: Sequence[Removal] = ()) -> float:
    """Score an input from its text, its cleaned text and the ``removals`` that made it.

    Each kept line counts by its prose likelihood, each removed span by one less
    its confidence; a moved headline or deck (``MOVED``) is left out of the count.

    >>> purity_score("Menu\\nThe vote passed on Monday after a long debate in the hall.", "")
    0.0

    A text kept whole scores its lines' prose likelihood: a long sentence fully, a label
    less than half.

    >>> line = "He spoke for an hour about the budget and the coming election."
    >>> purity_score(line, line), round(purity_score("Menu", "Menu"), 2)
    (1.0, 0.4)
    """
    return _engine.purity(source, cleaned, list(removals), list(MOVED))
