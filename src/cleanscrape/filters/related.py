"""Related and similar-news blocks: a header, teaser items, "Read more »" cues.

A block opens at a header line ("Similar News:", "You may also like", "Lesen
Sie auch"); the items after it are the lines each followed by a read-more cue, or,
after a header that names no item of its own, the headline-like lines.
Without a header, two or more consecutive item-and-cue pairs make a block too.
A read-more cue standing alone is removed wherever it appears. On a page HTML
mode read whole, the lines of its ``<aside>`` (a sidebar) go too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from .. import _engine
from ..core.text import phrase_pattern, whole_line, word_count
from ..core.types import Document, Family, Reason, Removal, Segment
from .base import Filter, LineRule, LineRules, in_landmark, vocabulary

MAX_HEADER_REST_WORDS = 30
MAX_HEADER_CHARS = 260
MAX_CUE_CHARS = 40
MIN_HEADERLESS_PAIRS = 2
MAX_HEADLINE_WORDS = 16
MAX_HEADLINE_ITEMS = 12
MAX_LONG_HEADER_WORDS = 7


def _words(name: str) -> tuple[str, ...]:
    """One of the family's phrase lists (block headers, teaser labels, read-more cues): data,
    ``data/phrases/related.json``, read when the rules are made."""
    return vocabulary("related")[name]


# Lines that open a related block by themselves: a header phrase alone, "More from …", and
# "Weitere aktuelle Themen aus der Arbeitswelt", "More stories you may have missed",
# "Top-Themen bei …" (more of the site's stories, a few words between, no sentence after).
def _headers() -> tuple[LineRule, ...]:
    return (
        LineRule(
            Reason.RELATED_LINKS, "header_line", whole_line(_words("headers")), max_chars=MAX_HEADER_CHARS
        ),
        LineRule(
            Reason.RELATED_LINKS,
            "more_from",
            r"^more (from|by|on|in) [\w .'&-]{1,40}$",
            max_chars=MAX_HEADER_CHARS,
        ),
        LineRule(
            Reason.RELATED_LINKS,
            "more_stories",
            r"^(?:(?:weitere|more|other|further|andere|mehr)\s+(?:\S+\s+){0,2}|top[- ])"
            r"(?:themen|artikel|beiträge|nachrichten|news|meldungen|stories|articles|posts)\b[^.!?]{0,40}$",
            max_chars=MAX_HEADER_CHARS,
        ),
    )


HEADERS = LineRules(made_by=_headers)
# "Lesen Sie auch die folgenden Beiträge:": a header phrase, a few more words, a closing colon.
LONG_HEADER = LineRules(
    made_by=lambda: (
        LineRule(
            Reason.RELATED_LINKS,
            "long_header",
            r"^" + phrase_pattern(_words("headers")) + r"\b[^:,.]{0,40}$",
            max_words=MAX_LONG_HEADER_WORDS,
        ),
    )
)
HEADER_PREFIX = LineRules(
    made_by=lambda: (
        LineRule(
            Reason.RELATED_LINKS,
            "header_prefix",
            r"^(?:" + phrase_pattern(_words("headers")) + r"|more from\s+[\w .'&-]{1,40})\s*:",
        ),
    )
)
# A line that is one teaser: a label ("teasers": "Read more", "Lea", "Mire"), a colon, its title.
TEASERS = LineRules(
    made_by=lambda: (
        LineRule(
            Reason.RELATED_LINKS,
            "teaser_line",
            r"^" + phrase_pattern(_words("teasers")) + r"\s*:\s*\S",
            max_chars=MAX_HEADER_CHARS,
        ),
    )
)
CUES = LineRules(
    made_by=lambda: (LineRule(Reason.READ_MORE_LINK, "read_more_cue", whole_line(_words("cues"))),)
)
_CUE, _HEADER, _TEASER = 1, 2, 3  # what ``RelatedLines.each`` finds a line to be


@cache
def _related_lines() -> _engine.RelatedLines:
    rules = [rule_set.sources() for rule_set in (CUES, HEADERS, LONG_HEADER, HEADER_PREFIX, TEASERS)]
    return _engine.RelatedLines(rules, MAX_CUE_CHARS, MAX_HEADER_CHARS)


@dataclass(frozen=True)
class Related(Filter):
    """Remove related/similar-news headers, their items, and read-more cues.

    The engine (``RelatedLines``) reads each line: a cue is a lone read-more link (``CUES``,
    with its arrow where it is only "more"; with a closing colon it is a header instead);
    a header is one of ``HEADERS``, a cue or ``LONG_HEADER`` with a closing colon, or a
    ``HEADER_PREFIX`` followed by at most ``max_header_rest_words`` words; else a teaser
    line is one of ``TEASERS``.
    """

    family = Family.RELATED
    max_header_rest_words: int = MAX_HEADER_REST_WORDS
    min_headerless_pairs: int | None = MIN_HEADERLESS_PAIRS

    def propose(self, doc: Document) -> Iterable[Removal]:
        found = _related_lines().each(doc.lines(), list(doc.removed), self.max_header_rest_words)
        removals = [
            self.drop_line(doc.segments[i], reason, rule)
            for part, reason, rule in (
                (_CUE, Reason.READ_MORE_LINK, "read_more_cue"),
                (_HEADER, Reason.RELATED_LINKS, "related_header"),
                (_TEASER, Reason.RELATED_LINKS, "teaser_line"),
            )
            for i, of in found
            if of == part
        ]
        if any(part != _TEASER for _, part in found):
            removals += [
                self.drop_line(s, Reason.RELATED_LINKS, rule) for s, rule in self._items(doc, dict(found))
            ]
        removals += [self.drop_line(s, Reason.SIDEBAR, "in_aside") for s in in_landmark(doc, "aside")]
        return removals

    def _items(self, doc: Document, parts: dict[int, int]) -> Iterator[tuple[Segment, str]]:
        """Lines that are teaser items: each followed by a cue, inside a block. The kept lines
        are walked in order, but only from those where a block may open: a header
        (``parts`` says what each segment found is), or a line followed by a cue."""

        def of(seg: Segment | None, part: int) -> bool:
            return seg is not None and parts.get(seg.index) == part

        def after(seg: Segment | None) -> Segment | None:
            return None if seg is None else doc.neighbour(seg, 1)

        segments = doc.segments
        before_cues = (doc.neighbour(segments[i], -1) for i, part in parts.items() if part == _CUE)
        openers = {i for i, part in parts.items() if part == _HEADER} | {s.index for s in before_cues if s}
        resume = -1  # the walk goes on from the kept line at or past this segment index
        for i in sorted(openers):
            if i < resume:
                continue
            seg = segments[i]
            opened = of(seg, _HEADER)
            start = after(seg) if opened else seg
            pairs, j = [], start
            while j is not None and not of(j, _CUE) and not of(j, _HEADER) and of(cue := after(j), _CUE):
                pairs.append(j)
                j = after(cue)
            enough = self.min_headerless_pairs is not None and len(pairs) >= self.min_headerless_pairs
            if pairs and (opened or enough):
                rule = "item_after_header" if opened else "item_before_cue"
                yield from ((item, rule) for item in pairs)
            elif opened and not names_its_item(seg.text):
                j, count = start, 0
                while (
                    j is not None
                    and count < MAX_HEADLINE_ITEMS
                    and not of(j, _HEADER)
                    and is_headline(j.text)
                ):
                    yield j, "headline_after_header"
                    j, count = after(j), count + 1
            else:
                continue
            resume = j.index if j is not None else len(segments)  # past the block (past i)


def names_its_item(header: str) -> bool:
    """Whether a header line names its own item after its colon ("Related: Stay safe on
    site"): a teaser of one line, after which an article's subheads go on as they were.

    >>> names_its_item("Also read: Kim heads home"), names_its_item("Read more:"), names_its_item("See also")
    (True, False, False)
    """
    _, colon, rest = header.partition(":")
    return bool(colon and rest.strip())


def is_headline(text: str) -> bool:
    """A short line without closing sentence punctuation, as teaser titles are.

    >>> is_headline("Kim heads home after summit collapse"), is_headline("He left. Then he came back.")
    (True, False)
    """
    stripped = text.strip()
    return 0 < word_count(stripped) <= MAX_HEADLINE_WORDS and not stripped.endswith((".", "!", "?", ":"))
