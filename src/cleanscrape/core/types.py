"""Core value types: segments of an input, removals proposed by filters, the result."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from typing import NamedTuple

from .. import _engine
from .._engine import SegmentTable
from .spans import apply_removals


class Family(StrEnum):
    """The noise families; each is one module under ``cleanscrape.filters``."""

    PAYWALL = "paywall"
    ICON_SPRITES = "icon_sprites"
    RELATED = "related"
    CREDITS = "credits"
    REPEATS = "repeats"
    CHROME = "chrome"
    SPONSORED = "sponsored"
    PLACEHOLDERS = "placeholders"
    PAGE_LAYOUT = "page_layout"
    HEADLINE = "headline"
    SITE_TEMPLATE = "site_template"
    USER = "user"


class Reason(StrEnum):
    """Stable snake_case reasons a removal can carry."""

    PAYWALL_PROMPT = "paywall_prompt"
    ICON_SPRITE_TEXT = "icon_sprite_text"
    RELATED_LINKS = "related_links"
    READ_MORE_LINK = "read_more_link"
    CAPTION_CREDIT = "caption_credit"
    REPEATED_LINE = "repeated_line"
    REPEATED_PULL_QUOTE = "repeated_pull_quote"
    TEXT_SIZE_CONTROL = "text_size_control"
    UI_CONTROL = "ui_control"
    SHARE_BUTTONS = "share_buttons"
    AD_LABEL = "ad_label"
    COOKIE_NOTICE = "cookie_notice"
    NEWSLETTER_PROMPT = "newsletter_prompt"
    DONATION_APPEAL = "donation_appeal"
    COMMENT_PROMPT = "comment_prompt"
    SECTION_LABEL = "section_label"
    SITE_TAGLINE = "site_tagline"
    LEGAL_NOTICE = "legal_notice"
    CONTRIBUTOR_LINE = "contributor_line"
    AUTHOR_CONTACT = "author_contact"
    FOLLOW_PROMPT = "follow_prompt"
    APP_PROMO = "app_promo"
    TIMESTAMP_LINE = "timestamp_line"
    LINK_LINE = "link_line"
    SITE_NAVIGATION = "site_navigation"
    PAGE_FOOTER = "page_footer"
    SIDEBAR = "sidebar"
    SPONSORED_NOTICE = "sponsored_notice"
    TEMPLATE_PLACEHOLDER = "template_placeholder"
    OUTSIDE_ARTICLE = "outside_article"
    LOW_CONTENT_SCORE = "low_content_score"
    LEARNED_PATTERN = "learned_pattern"
    HEADLINE = "headline"
    DECK = "deck"
    SITE_TEMPLATE = "site_template"


class InputState(StrEnum):
    """What a text is: a whole page flattened to text, or text an extractor already cut
    out of its page (an article region, an extractor's output)."""

    PAGE_DUMP = "page_dump"
    EXTRACTED = "extracted"


class Segment(NamedTuple):
    """One non-blank line of the source: ``source[start:end]`` is its text.

    ``tail`` is where the next segment starts (or the end of the source), so
    ``source[start:tail]`` is the line with its line break and any blank lines
    after it: the span a whole-line removal takes out. ``norm`` and ``n_words``
    are computed once so that every filter can share them. ``line`` numbers the
    source line the segment lies on: the sentences of a glued line share it.
    A named tuple, made four times faster than a frozen dataclass (a pass makes one
    per line); its ``index`` hides ``tuple.index``, which nothing here calls.
    """

    index: int  # type: ignore[assignment]
    start: int
    end: int
    tail: int
    text: str
    norm: str
    n_words: int
    line: int


class Removal(NamedTuple):
    """A span of the source that a filter proposes to drop, and why; ``text`` is the span's
    text where ``clean`` returns it (filters leave it empty). A named tuple, not a
    dataclass: removals are made by the hundred a page, and a tuple is made four times
    faster (``new_removal`` faster still)."""

    start: int
    end: int
    filter: str
    reason: Reason
    rule: str
    confidence: float = 1.0
    text: str = ""

    def shifted(self, offset: int) -> Removal:
        """The same removal ``offset`` characters further on (a window's offsets into its source)."""
        start, end, family, reason, rule, confidence, text = self
        return new_removal((start + offset, end + offset, family, reason, rule, confidence, text))

    def to_dict(self, source: str) -> dict[str, object]:
        """A JSON-ready view, with the removed text taken from ``source``."""
        return {
            "start": self.start,
            "end": self.end,
            "filter": self.filter,
            "reason": str(self.reason),
            "rule": self.rule,
            "confidence": self.confidence,
            "text": source[self.start : self.end],
        }


# A removal from its seven fields, made without the named tuple's Python-level ``__new__``
# (a third faster; a page dump makes thousands).
RemovalFields = tuple[int, int, str, Reason, str, float, str]
new_removal: Callable[[RemovalFields], Removal] = partial(tuple.__new__, Removal)


def with_texts(removals: Iterable[Removal], source: str) -> tuple[Removal, ...]:
    """The same removals, each holding its text, taken from ``source`` (in one engine call)."""
    return tuple(_engine.with_texts(list(removals), source, Removal))


@dataclass(frozen=True)
class SiteLines:
    """A site's template, as site memory learned it: its page count, and for each
    template line (by ``crawl.site_memory.line_hash``) the number of pages it was on."""

    pages: int = 0
    lines: Mapping[int, int] = field(default_factory=dict)


NO_SITE_LINES = SiteLines()


@dataclass(frozen=True, slots=True)
class Evidence:
    """What is known of a document beyond its text: its page's headlines, its site's template,
    the elements users' CSS rules select.

    ``headlines`` holds an HTML page's title and ``<h1>`` as ``normalize`` gives
    them, ``deck`` its subheading that repeats its description (normalized too);
    ``site`` the template lines of the document's site (``--site-memory``);
    ``selected`` the lines (normalized) of the page's elements each CSS selector matched;
    ``article_region`` whether the text is an extractor's article region (HTML mode), not a page;
    ``page_context`` the context in the page of each line of the text, by line number,
    where HTML mode rendered the whole page (``dom.Block``); ``page_type`` the kind of
    page the text comes from, as its HTML and text read (``provenance``); "" where no page
    was read: the pipeline then reads a type off the text to report, but judges removals
    without one.
    """

    headlines: frozenset[str] = frozenset()
    site: SiteLines = NO_SITE_LINES
    selected: Mapping[str, frozenset[str]] = field(default_factory=dict)
    article_region: bool = False
    deck: str = ""
    page_context: Sequence[tuple[str, ...]] = ()
    page_type: str = ""


NO_EVIDENCE = Evidence()


@dataclass(frozen=True, slots=True)
class Document:
    """What a filter sees: the source, its segments, and removals decided so far.

    ``removed`` maps the index of each segment an earlier filter removed whole
    to that filter's name; ``evidence`` is what an HTML page said about itself;
    ``input_state`` what the pipeline took the text for; ``table`` the segments as
    the engine holds them, which the families' line tests read (``lines``).
    """

    source: str
    segments: Sequence[Segment]
    removed: Mapping[int, str] = field(default_factory=dict)
    evidence: Evidence = NO_EVIDENCE
    input_state: InputState = InputState.EXTRACTED
    table: SegmentTable | None = None

    def kept(self) -> list[Segment]:
        """Segments no earlier filter removed whole, in order."""
        segments = self.segments
        return [segments[i] for i in self.kept_indices()]

    def kept_indices(self) -> list[int]:
        """The indices of the segments in ``kept()``, read without making those segments
        (each is made as a filter first reads it)."""
        removed = self.removed
        return [i for i in range(len(self.segments)) if i not in removed]

    def neighbour(self, seg: Segment, step: int) -> Segment | None:
        """The segment no earlier filter removed whole that is nearest ``seg`` after it (``step``
        1) or before it (-1), or None: its neighbour in ``kept()``."""
        i = seg.index + step
        while 0 <= i < len(self.segments) and i in self.removed:
            i += step
        return self.segments[i] if 0 <= i < len(self.segments) else None

    def lines(self) -> SegmentTable:
        """The engine's table of the segments (made here where the pipeline gave none)."""
        if self.table is not None:
            return self.table
        return SegmentTable([(s.start, s.end, s.line, s.text, s.norm, s.n_words) for s in self.segments])


@dataclass(frozen=True)
class Cleaned:
    """The result of cleaning: clean text, every removal, and the purity score.

    ``source`` is the text the removal offsets refer to: the input itself for
    text; for HTML, the article region's text (or the whole page's, where no
    region was found). ``title``, ``author``, ``date`` (``YYYY-MM-DD``), ``url``
    and ``description`` are what an HTML page states about itself, else None. ``rescued``
    holds removals the filters proposed but the content safety net undid,
    because they would have taken out most of an article's prose. ``input_state``
    is what the text was taken for: ``"page_dump"`` (a whole page flattened to text)
    or ``"extracted"`` (an article an extractor, or HTML mode, already cut out);
    ``page_type`` the kind of page it comes from, as ``provenance`` reads it: article, forum,
    documentation, product, service, listing or collection.
    """

    text: str
    removals: tuple[Removal, ...]
    purity: float
    source: str = field(repr=False)
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    rescued: tuple[Removal, ...] = ()
    description: str | None = None
    input_state: str = "extracted"
    page_type: str = ""

    @property
    def reason_counts(self) -> Counter[str]:
        """How many removals each reason made."""
        return Counter(str(r.reason) for r in self.removals)

    def to_record(self, fields: Mapping[str, object], removals: bool = False) -> dict[str, object]:
        """A JSONL record: ``fields`` with the clean ``text``, ``purity``, what the text was taken
        for (``input_state``, ``page_type``), and the page's metadata where ``fields`` lacks it;
        ``removals`` adds each removal."""
        record = dict(fields)
        record["text"] = self.text
        record["purity"] = round(self.purity, 3)
        record["input_state"] = self.input_state
        record["page_type"] = self.page_type
        for key in ("title", "author", "date", "url", "description"):
            value = getattr(self, key)
            if value is not None:
                record.setdefault(key, value)
        if removals:
            record["removals"] = [r.to_dict(self.source) for r in self.removals]
            if self.rescued:
                record["rescued"] = [r.to_dict(self.source) for r in self.rescued]
        return record

    def replay(self) -> str:
        """Rebuild ``text`` by cutting every removal out of ``source``."""
        return apply_removals(self.source, self.removals)
