"""The page's own headline and deck atop its article text: given as ``Cleaned.title`` and
``Cleaned.description``, not body text.

Only HTML input says what its headline is (``<title>``, ``og:title``, JSON-LD,
``<h1>``), so on plain text this filter removes nothing. A title often carries
the site's name ("Budget passes | Daily News"): each part of it counts too. The
deck is the subheading under the headline that repeats the page's description
(``<h2 class="sub-head">`` holding the ``og:description``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.text import normalize
from ..core.types import Document, Family, Reason, Removal
from .base import Filter

HEAD_LINES = 3
MIN_PART_WORDS = 3
_TITLE_SEPARATORS = re.compile(r"(?<!\s)\s+(?:[|–—:·•»-]|::)\s+")  # linear on long blank runs


def headline_forms(title: str) -> set[str]:
    """The normalized forms a headline line may take: the title, and its parts of a few words.

    >>> sorted(headline_forms("Budget passes after long debate | Daily News"))
    ['budget passes after long debate', 'budget passes after long debate | daily news']
    """
    parts = [p for p in _TITLE_SEPARATORS.split(title) if len(p.split()) >= MIN_PART_WORDS]
    return {normalize(title), *map(normalize, parts)} - {""}


@dataclass(frozen=True)
class Headline(Filter):
    """Remove the first line among the first ``head_lines`` that is the page's headline,
    and the first that is its deck."""

    family = Family.HEADLINE
    head_lines: int = HEAD_LINES

    def propose(self, doc: Document) -> Iterable[Removal]:
        headlines, deck = doc.evidence.headlines, doc.evidence.deck
        if not (headlines or deck):
            return []
        found: dict[Reason, Removal] = {}
        for n, seg in enumerate(doc.kept()):
            if n >= self.head_lines:
                break
            if seg.norm in headlines and Reason.HEADLINE not in found:
                found[Reason.HEADLINE] = self.drop_line(seg, Reason.HEADLINE, "page_headline")
            elif deck and seg.norm == deck and Reason.DECK not in found:
                found[Reason.DECK] = self.drop_line(seg, Reason.DECK, "page_deck")
        return list(found.values())
