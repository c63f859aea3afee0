"""The Filter base class: a filter reads a Document and proposes Removals."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import ClassVar

from ..model import Document, Family, Reason, Removal, Segment


class Filter(ABC):
    """One noise family. Subclasses are frozen dataclasses configured by keywords.

    A filter never changes its input: ``propose`` returns Removals, each with a
    reason and the id of the rule that fired.
    """

    family: ClassVar[Family]

    @property
    def name(self) -> str:
        """The filter's name as recorded on its removals."""
        return str(self.family)

    @abstractmethod
    def propose(self, doc: Document) -> Iterable[Removal]:
        """Return the removals this filter proposes for ``doc``."""

    def drop_line(self, seg: Segment, reason: Reason, rule: str, confidence: float = 1.0) -> Removal:
        """Remove a whole segment, with its line break and following blank lines."""
        return Removal(seg.start, seg.tail, self.name, reason, rule, confidence)

    def drop_span(
        self, seg: Segment, start: int, end: int, reason: Reason, rule: str, confidence: float = 1.0
    ) -> Removal:
        """Remove ``seg.text[start:end]``; the whole line if that is all there is."""
        if not seg.text[:start].strip() and not seg.text[end:].strip():
            return self.drop_line(seg, reason, rule, confidence)
        return Removal(seg.start + start, seg.start + end, self.name, reason, rule, confidence)
