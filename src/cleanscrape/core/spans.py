"""One walk over removals: a source cut at sorted, disjoint spans, and the text they leave."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar

from .. import _engine


class Spanned(Protocol):
    """Anything that covers ``source[start:end]``: a removal, a labelled noise span."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Spanned)


def pieces(source: str, spans: Iterable[S]) -> Iterator[tuple[int, int, S | None]]:
    """``source`` cut at sorted, disjoint ``spans``: ``(start, end, span)`` for each span and
    ``(start, end, None)`` for each stretch kept between them, in order, none empty.

    >>> from cleanscrape.core.types import Reason, Removal
    >>> r = Removal(0, 3, "demo", Reason.AD_LABEL, "demo")
    >>> [(a, b, s is r) for a, b, s in pieces("Ad\\nText", [r])]
    [(0, 3, True), (3, 7, False)]
    """
    cursor = 0
    for span in spans:
        if span.start > cursor:
            yield cursor, span.start, None
        yield span.start, span.end, span
        cursor = span.end
    if cursor < len(source):
        yield cursor, len(source), None


def apply_removals(source: str, removals: Iterable[Spanned]) -> str:
    """Cut sorted, disjoint removals out of ``source``.

    >>> from cleanscrape.core.types import Reason, Removal
    >>> r = Removal(0, 3, "demo", Reason.AD_LABEL, "demo")
    >>> apply_removals("Ad\\nText", [r])
    'Text'
    """
    return _engine.apply_removals(source, removals)  # the stretches ``pieces`` keeps, joined
