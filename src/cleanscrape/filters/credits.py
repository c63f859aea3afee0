"""Caption credits: "Picture: REUTERS/KCNA", "© Reuters", "Image: SLUG", "(AP Photo/…)".

A credit is removed wherever it stands: alone on a line, or trailing a caption
sentence on the same line. The caption sentence itself is kept: it describes
the article's picture in words, and dropping it would lose text a reader sees.
A credit label with nothing after it ("@ Copyright :") takes the short name on
the next line with it, and a dangling separator ("… on Saturday. -") before a
credit line goes too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .. import _engine
from ..core.text import phrase_pattern
from ..core.types import Document, Family, Reason, Removal, Segment
from .base import Filter, vocabulary

MAX_CREDIT_WORDS = 9
# A credit ends its line and is short: only the line's last characters are searched.
MAX_CREDIT_CHARS = 160
MAX_AGENCY_TAIL_CHARS = 70
MAX_NAME_LINE_WORDS = 5

# Agencies' names are data: ``data/phrases/credits.json``, read when the patterns are made.
_LABEL = (
    r"(?:photo(?:graph)?s?|pictures?|pic|images?|foto(?:s|grafie)?|bild|fotograf[ií]a|"
    r"zdj[eę]cie|fot\.|illustration|graphic|credits?|photo credit|image credit|"
    r"quelle|source|cr[ée]dits? photos?|cr[ée]dit|crédito)"
)
BARE_LABEL = re.compile(rf"^\s*(?i:{_LABEL}|©|@\s*copyright|copyright)\s*:\s*$")
NAME_LINE = re.compile(r"^[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4}$")
_SEPARATOR = re.compile(r"(?<!\s)\s+[-–—|/]\s*$")  # the lookbehind keeps long blank runs linear


@dataclass(frozen=True)
class CaptionCredits(Filter):
    """Remove photo and copyright credits, keeping the caption sentence they trail."""

    family = Family.CREDITS
    max_name_line_words: int | None = MAX_NAME_LINE_WORDS

    def credit_start(self, text: str) -> tuple[int, str] | None:
        """Where a credit starts in ``text`` and which rule found it, or None.

        >>> CaptionCredits().credit_start("Kim Jong-un. Picture: REUTERS/KCNA")
        (12, 'labelled_credit')
        """
        return credit_start(text)

    def propose(self, doc: Document) -> Iterable[Removal]:
        found = credit_patterns().lines.each(doc.lines(), list(doc.removed))
        if not found:
            return []
        segments = doc.segments
        credited: set[int] = set()  # segment indices
        removals = []
        for i, start, rule in found:
            seg = segments[i]
            credited.add(i)
            reason, rule_id = Reason.CAPTION_CREDIT, CREDIT_RULES[rule]
            removals.append(self.drop_span(seg, start, len(seg.text), reason, rule_id))
            after = doc.neighbour(seg, 1)
            if BARE_LABEL.match(seg.text) and after is not None and self._name_line(after):
                credited.add(after.index)
                removals.append(self.drop_line(after, Reason.CAPTION_CREDIT, "credit_name"))
        for i in sorted(credited):
            prev = doc.neighbour(segments[i], -1)
            if prev is not None and prev.index not in credited:
                m = _SEPARATOR.search(prev.text)
                if m and m.start() > 0:
                    removals.append(
                        self.drop_span(
                            prev, m.start(), len(prev.text), Reason.CAPTION_CREDIT, "credit_separator"
                        )
                    )
        return removals

    def _name_line(self, seg: Segment) -> bool:
        limit = self.max_name_line_words
        text = seg.text.strip()
        return limit is not None and len(text.split()) <= limit and bool(NAME_LINE.match(text))


@dataclass(frozen=True)
class CreditPatterns:
    """The patterns that hold the agencies' names, searched by the engine (linear time, Python's
    meaning), what a line's end holds before each is searched (``needs``, by rule): a colon
    where a labelled credit may be, a copyright sign or word where a notice may be, an
    agency's first word where an agency credit may start; and the engine's test of a line
    made of them (``lines``)."""

    labelled: _engine.Pattern
    copyright: _engine.Pattern
    agency_tail: _engine.Pattern
    needs: tuple[_engine.Needles, _engine.Needles, _engine.Needles]
    lines: _engine.CreditLines


# The rules ``CreditLines`` finds a credit by, by their number.
CREDIT_RULES = ("labelled_credit", "copyright_notice", "agency_credit")


@cache
def credit_patterns() -> CreditPatterns:
    """The credit patterns, made with the agencies' names on first use."""
    agencies = vocabulary("credits")["agencies"]
    # A credit body: name-like tokens only (capitalised words, slugs, slashes, agency words).
    name_token = rf"(?:[A-Z0-9][\w.'&-]*|{phrase_pattern(agencies)}|via|for|and|by|de|von|the|on|&|-|\||,)"
    body = rf"(?:{name_token}(?:[\s/]+{name_token}){{0,{MAX_CREDIT_WORDS}}})"
    # Word labels need their colon ("Pictures From The Scene" is a heading, not a credit).
    labelled = _engine.Pattern(rf"(?i:{_LABEL})\s*:\s*(?P<body>{body})?\s*\.?\s*$")
    copyright = _engine.Pattern(
        rf"(?i:©|\(c\)|@\s*copyright|copyright\b)\s*:?\s*(?:\d{{4}}\s*)?{body}?\s*\.?\s*$"
    )
    agency_tail = _engine.Pattern(
        rf"\(?\b{phrase_pattern(agencies)}(?:\s*(?:/|via)\s*[\w .'-]{{1,40}}?)?\)?\s*\.?\s*$"
    )
    needs = (
        _engine.Needles([":"], MAX_CREDIT_CHARS),
        _engine.Needles(["©", "copyright", "(c)"], MAX_CREDIT_CHARS, ascii_case=True),
        _engine.Needles(sorted({agency.split()[0] for agency in agencies}), MAX_AGENCY_TAIL_CHARS),
    )
    lines = _engine.CreditLines(
        labelled, copyright, agency_tail, needs, MAX_CREDIT_CHARS, MAX_AGENCY_TAIL_CHARS
    )
    return CreditPatterns(labelled, copyright, agency_tail, needs, lines)


def credit_start(text: str) -> tuple[int, str] | None:
    """Where a credit starts in ``text`` and which rule found it, or None: a labelled credit
    or a copyright notice in the line's last ``MAX_CREDIT_CHARS`` characters where they hold
    a colon or a copyright sign or word, else an agency's name in its last
    ``MAX_AGENCY_TAIL_CHARS``; each starting the line or after a sentence's end or a
    separator (the engine's ``CreditLines``)."""
    found = credit_patterns().lines.start(text)
    return None if found is None else (found[0], CREDIT_RULES[found[1]])
