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
from .base import Filter

MIN_TOKENS = 4
MIN_ICON_SHARE = 0.75
MIN_GLUE_POINTS = 2

ICON_WORDS = frozenset(
    """
    icon icons arrow arrows artboard created with sketch title chevron eye facebook linkedin
    mail email envelope contact path layer menu burger hamburger positive negative print printer
    search site twitter x close share whatsapp instagram youtube pinterest reddit telegram
    tiktok snapchat flipboard messenger vk xing rss feed logo caret down up left right back
    forward next previous prev play pause stop plus minus svg group rectangle shape oval
    combined copy fill stroke line bookmark bookmarks comment comments home user account profile
    bell notification notifications star heart like thumbs thumb camera video audio speaker
    volume mute clock calendar location pin map phone mobile link external open expand collapse
    more dots ellipsis horizontal vertical circle square triangle check checkmark tick cross
    download upload save edit delete trash gear settings cog filter sort grid list view zoom in
    out info help question warning alert lock unlock key globe language cart bag basket gift tag
    label weather sun moon cloud icn ico glyph sprite
    """.split()
)
STRONG_MARKERS = r"Created with Sketch|Artboard|\bIcon[A-Z ]|[a-z]Icon\b"
MARKER_WORDS = ("Icon", "Artboard", "Sketch")  # one is in every strong marker


@cache
def _icon_runs() -> _engine.IconRuns:
    return _engine.IconRuns(sorted(ICON_WORDS), STRONG_MARKERS, list(MARKER_WORDS))


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

    def is_sprite_run(self, text: str) -> bool:
        """True when ``text`` reads as a run of icon titles rather than prose."""
        return _icon_runs().is_run(text, self.min_tokens, self.min_icon_share, self.min_glue_points)

    def propose(self, doc: Document) -> Iterable[Removal]:
        runs = _icon_runs().each(
            doc.lines(), list(doc.removed), self.min_tokens, self.min_icon_share, self.min_glue_points
        )
        for i in runs:
            yield self.drop_line(doc.segments[i], Reason.ICON_SPRITE_TEXT, "icon_title_run")
