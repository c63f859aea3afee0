"""The Filter base class: a filter reads a Document and proposes Removals."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from itertools import pairwise
from types import MappingProxyType
from typing import ClassVar

from .. import _engine
from ..core.segment import MAX_PROMPT_TAIL_WORDS, glued_tail
from ..core.types import Document, Family, Reason, Removal, Segment, new_removal


class Filter(ABC):
    """One noise family. Subclasses are frozen dataclasses configured by keywords.

    A filter never changes its input: ``propose`` returns Removals, each with a
    reason and the id of the rule that fired.
    """

    family: ClassVar[Family]
    # The filter's name as recorded on its removals: its family's value, one string shared
    # by all its removals, set once a class (an enum's value is slow to read, and a filter
    # names every removal it makes).
    name: ClassVar[str]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "family" in vars(cls):
            cls.name = cls.family.value

    @abstractmethod
    def propose(self, doc: Document) -> Iterable[Removal]:
        """Return the removals this filter proposes for ``doc``."""

    @property
    def selectors(self) -> tuple[str, ...]:
        """CSS selectors whose elements' lines this filter wants in ``Evidence.selected``."""
        return ()

    def drop_line(self, seg: Segment, reason: Reason, rule: str, confidence: float = 1.0) -> Removal:
        """Remove a whole segment, with its line break and following blank lines."""
        return new_removal((seg.start, seg.tail, self.name, reason, rule, confidence, ""))

    def drop_lines(
        self,
        doc: Document,
        drops: Sequence[tuple[int, int, int]],
        reasons: Sequence[Reason],
        rules: Sequence[str],
    ) -> list[Removal]:
        """``drop_line`` of each of ``drops``' segments, ``(segment index in doc, reason number,
        rule number)`` each, numbering ``reasons`` and ``rules``: made in one engine call, as a
        page dump's layout drops lines by the hundred."""
        return doc.lines().line_removals(doc.source, drops, (reasons, rules), self.name, Removal)

    def drop_prompt(
        self,
        seg: Segment,
        prompt_end: int,
        glued: set[int],
        reason: Reason,
        rule: str,
        tail_words: int = MAX_PROMPT_TAIL_WORDS,
    ) -> Removal:
        """Remove a prompt that a rule matched up to ``prompt_end`` in ``seg.norm``: the whole
        line, but in a glued line (``glued`` numbers them) only the prompt, where an article
        sentence follows it unpunctuated ("Sign up for our newsletter The council …"; see
        ``segment.glued_tail``)."""
        cut = glued_tail(seg, prompt_end, tail_words) if seg.line in glued else None
        if cut is None:
            return self.drop_line(seg, reason, rule)
        return self.drop_span(seg, 0, cut, reason, rule)

    def drop_span(
        self, seg: Segment, start: int, end: int, reason: Reason, rule: str, confidence: float = 1.0
    ) -> Removal:
        """Remove ``seg.text[start:end]``; the whole line if that is all there is."""
        if not seg.text[:start].strip() and not seg.text[end:].strip():
            return self.drop_line(seg, reason, rule, confidence)
        return new_removal((seg.start + start, seg.start + end, self.name, reason, rule, confidence, ""))


def is_short_line(seg: Segment, max_words: int, glued: set[int]) -> bool:
    """A line of at most ``max_words`` words standing on its own (not a sentence of a line
    that ``glued`` numbers): block filler beside prompts, never an article's sentence."""
    return seg.n_words <= max_words and seg.line not in glued


def runs_between(
    doc: Document, kept: list[int], positions: list[int], max_lines: int, max_words: int, glued: set[int]
) -> Iterator[list[Segment]]:
    """The runs of 1 to ``max_lines`` short lines (``is_short_line``) between consecutive
    prompts at ``positions`` in ``kept`` (``doc.kept_indices()``): the rest of the prompts' box."""
    for a, b in pairwise(positions):
        if 0 < b - a - 1 <= max_lines:
            gap = [doc.segments[i] for i in kept[a + 1 : b]]
            if all(is_short_line(s, max_words, glued) for s in gap):
                yield gap


# A landmark holding more of a page's words than this is markup misused or left open
# (an unclosed <nav> swallowing the article), not a menu, footer or sidebar.
MAX_LANDMARK_SHARE = 0.5


def in_landmark(doc: Document, landmark: str) -> list[Segment]:
    """The kept segments that the page's markup puts inside a ``landmark`` element ("nav",
    "footer", "aside"), by ``Evidence.page_context`` (HTML mode's whole-page route; none
    elsewhere), or none where those hold over ``MAX_LANDMARK_SHARE`` of the page's words."""
    context = doc.evidence.page_context
    if not context:
        return []
    key = f"in={landmark}"
    inside = [seg for seg in doc.kept() if key in context[seg.line]]
    if sum(seg.n_words for seg in inside) > MAX_LANDMARK_SHARE * sum(seg.n_words for seg in doc.segments):
        return []
    return inside


@cache
def vocabulary(family: str) -> Mapping[str, tuple[str, ...]]:
    """A family's phrase and word lists, read from ``data/phrases/FAMILY.json`` on first use.

    >>> vocabulary("related")["cues"][:2]
    ('read more', 'read more here')
    """
    text = resources.files("cleanscrape").joinpath(f"data/phrases/{family}.json").read_text("utf-8")
    return MappingProxyType({name: tuple(entries) for name, entries in json.loads(text).items()})


@dataclass(frozen=True)
class LineRule:
    """A pattern searched in a normalized line, behind cheap tests that run first.

    ``pattern`` is in Python ``re`` syntax and means what it means there (with
    ``re.IGNORECASE`` where ``ignore_case``), though the engine runs it: see
    ``LineRules``. The line must be at most ``max_chars`` long and ``max_words``
    words, and hold one of the ``needs`` substrings: these spare prose the
    costly unanchored patterns, and must be implied by the pattern.
    """

    reason: Reason
    id: str
    pattern: str
    needs: tuple[str, ...] = ()
    max_chars: int | None = None
    max_words: int | None = None
    ignore_case: bool = False


class LineRules:
    """A family's line rules, tried in order on a line by the engine (``regex`` crate;
    linear time), compiled on first use. Rules whose patterns hold a family's vocabulary
    are given as ``made_by``, a function that makes them on first use, so that no phrase
    list is read at import."""

    def __init__(self, *rules: LineRule, made_by: Callable[[], tuple[LineRule, ...]] | None = None) -> None:
        if rules and made_by is not None:
            raise ValueError("give the rules or a function that makes them, not both")
        self._given, self._made_by = rules, made_by

    @cached_property
    def rules(self) -> tuple[LineRule, ...]:
        """The rules, in the order they are tried."""
        return self._given if self._made_by is None else self._made_by()

    def first(self, line: str, n_words: int) -> tuple[LineRule, int] | None:
        """The first rule matching a normalized ``line`` of ``n_words`` words, and where its
        match ends in ``line``; None where none does."""
        found = self._compiled.first(line, n_words)
        return None if found is None else (self.rules[found[0]], found[1])

    def each(self, doc: Document, max_words: int | None = None) -> list[tuple[Segment, LineRule, int]]:
        """``first`` on the normalized text of every segment of ``doc`` no earlier filter
        removed, of at most ``max_words`` words, in one engine call: each one a rule
        matches, with the rule and where its match ends."""
        found = self._compiled.first_each(doc.lines(), list(doc.removed), max_words)
        return [(doc.segments[i], self.rules[rule], end) for i, rule, end in found]

    def sources(self) -> list[tuple[str, bool, tuple[str, ...], int | None, int | None]]:
        """The rules as the engine takes them."""
        return [(r.pattern, r.ignore_case, r.needs, r.max_chars, r.max_words) for r in self.rules]

    @cached_property
    def _compiled(self) -> _engine.LineRules:
        return _engine.LineRules(self.sources())
