"""Icon-sprite text: SVG titles glued into runs of UI words.

Pages inline their icons as ``<svg><title>Icon Facebook</title>…``; text
dumps then carry "Icon FacebookIcon LinkedinIcon Mail". Such a run is split at
its glue points (a lower-case letter directly followed by a capital) and
judged by the share of its tokens that name UI icons.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .. import _engine
from ..core.types import Document, Family, Reason, Removal
from .base import Filter, vocabulary

MIN_TOKENS = 4
MIN_ICON_SHARE = 0.75
MIN_GLUE_POINTS = 2

# Words of icon titles are data: ``data/phrases/sprites.json``, read when the engine's test is made.
STRONG_MARKERS = r"Created with Sketch|Artboard|\bIcon[A-Z ]|[a-z]Icon\b"
MARKER_WORDS = ("Icon", "Artboard", "Sketch")  # one is in every strong marker


@cache
def _icon_runs() -> _engine.IconRuns:
    return _engine.IconRuns(sorted(vocabulary("sprites")["icon_words"]), STRONG_MARKERS, list(MARKER_WORDS))


@dataclass(frozen=True)
class IconSprites(Filter):
    """Remove lines that are runs of glued icon titles (the engine's ``IconRuns``): split
    at their glue points (a lower-case letter then a capital, a letter then a digit) into
    at least ``min_tokens`` tokens, ``min_icon_share`` of them icon words; a line needs
    ``min_glue_points`` glue points or two strong markers ("Created with Sketch", "Icon …").

    >>> sprites = IconSprites()
    >>> sprites.is_sprite_run("Icon FacebookIcon LinkedinIcon Mail"), sprites.is_sprite_run("Eye on Facebook")
    (True, False)
    """

    family = Family.ICON_SPRITES
    min_tokens: int = MIN_TOKENS
    min_icon_share: float = MIN_ICON_SHARE
    min_glue_points: int = MIN_GLUE_POINTS

    @property
    def thresholds(self) -> tuple[int, float, int]:
        """``min_tokens``, ``min_icon_share`` and ``min_glue_points``, as the engine takes them."""
        return (self.min_tokens, self.min_icon_share, self.min_glue_points)

    def is_sprite_run(self, text: str) -> bool:
        """True when ``text`` reads as a run of icon titles rather than prose."""
        return _icon_runs().is_run(text, self.thresholds)

    def propose(self, doc: Document) -> Iterable[Removal]:
        for i in _icon_runs().each(doc.lines(), list(doc.removed), self.thresholds):
            yield self.drop_line(doc.segments[i], Reason.ICON_SPRITE_TEXT, "icon_title_run")
