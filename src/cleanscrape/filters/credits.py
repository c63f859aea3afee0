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
from ..core.text import line_cache, phrase_pattern
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
_SENTENCE_END = re.compile(r"[.!?\"”’)]\s+$|^\s*$")


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
        candidates = _candidates(doc)
        if not candidates:
            return []
        segments = doc.segments
        credited: set[int] = set()  # segment indices
        removals = []
        for i in sorted(candidates):
            seg = segments[i]
            found = credit_start(seg.text)
            if found is None:
                continue
            start, rule = found
            credited.add(i)
            removals.append(self.drop_span(seg, start, len(seg.text), Reason.CAPTION_CREDIT, rule))
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
    meaning), and what ``credit_start`` needs before it searches (``may_hold``): a colon or a
    copyright sign or word where a labelled or copyright credit may be, an agency's name where
    an agency credit may start."""

    labelled: _engine.Pattern
    copyright: _engine.Pattern
    agency_tail: _engine.Pattern
    may_hold: tuple[_engine.Needles, ...]


@cache
def credit_patterns() -> CreditPatterns:
    """The credit patterns, made with the agencies' names on first use."""
    agencies = vocabulary("credits")["agencies"]
    # A credit body: name-like tokens only (capitalised words, slugs, slashes, agency words).
    name_token = rf"(?:[A-Z0-9][\w.'&-]*|{phrase_pattern(agencies)}|via|for|and|by|de|von|the|on|&|-|\||,)"
    body = rf"(?:{name_token}(?:[\s/]+{name_token}){{0,{MAX_CREDIT_WORDS}}})"
    return CreditPatterns(
        # Word labels need their colon ("Pictures From The Scene" is a heading, not a credit).
        labelled=_engine.Pattern(rf"(?i:{_LABEL})\s*:\s*(?P<body>{body})?\s*\.?\s*$"),
        copyright=_engine.Pattern(
            rf"(?i:©|\(c\)|@\s*copyright|copyright\b)\s*:?\s*(?:\d{{4}}\s*)?{body}?\s*\.?\s*$"
        ),
        agency_tail=_engine.Pattern(
            rf"\(?\b{phrase_pattern(agencies)}(?:\s*(?:/|via)\s*[\w .'-]{{1,40}}?)?\)?\s*\.?\s*$"
        ),
        may_hold=(
            _engine.Needles([":", "©"], MAX_CREDIT_CHARS),
            _engine.Needles(["copyright", "(c)"], MAX_CREDIT_CHARS, ascii_case=True),
            _engine.Needles(sorted({agency.split()[0] for agency in agencies}), MAX_AGENCY_TAIL_CHARS),
        ),
    )


def _candidates(doc: Document) -> set[int]:
    """The kept segments that may hold a credit, as the engine finds them (``may_hold``)."""
    lines, removed = doc.lines(), list(doc.removed)
    return {i for needles in credit_patterns().may_hold for i in needles.each(lines, removed)}


@line_cache
def credit_start(text: str) -> tuple[int, str] | None:
    """Where a credit starts in ``text`` and which rule found it, or None."""
    window = max(0, len(text) - MAX_CREDIT_CHARS)
    end = text[window:]
    lowered = end.lower()
    patterns = credit_patterns()
    candidates = (
        ("labelled_credit", patterns.labelled, ":" in end),
        ("copyright_notice", patterns.copyright, "©" in end or "copyright" in lowered or "(c)" in lowered),
    )
    # Every match runs to the line's end (``$``), so a search finds the only one there is.
    for rule, pattern, possible in candidates:
        start = pattern.search(text, window) if possible else None
        if start is not None and _credit_boundary(text, start):
            return _trim_left(text, start), rule
    tail = patterns.agency_tail.search(text, max(0, len(text) - MAX_AGENCY_TAIL_CHARS))
    if tail is not None and _credit_boundary(text, tail) and _is_agency_credit(text, tail):
        return _trim_left(text, tail), "agency_credit"
    return None


def _credit_boundary(text: str, start: int) -> bool:
    """A credit starts a line or follows the end of a sentence or a separator."""
    before = text[:start]
    return (
        not before.strip()
        or bool(_SENTENCE_END.search(before))
        or before.rstrip().endswith(("-", "–", "—", "|", "/", "("))
    )


def _is_agency_credit(text: str, start: int) -> bool:
    """An agency name at a line end is a credit only in a short or caption-like line."""
    tail = text[start:]
    return (
        not text[:start].strip()
        or "/" in tail
        or "(" in tail
        or "Photo" in tail
        or text[:start].rstrip().endswith((".", "-", "–", "—", "|"))
    )


def _trim_left(text: str, start: int) -> int:
    """Move a credit's start left over the whitespace that separates it."""
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return start
