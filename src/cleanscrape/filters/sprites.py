"""Icon-sprite text: SVG titles glued into runs of UI words.

Pages inline their icons as ``<svg><title>Icon Facebook</title>…``; text
dumps then carry "Icon FacebookIcon LinkedinIcon Mail". Such a run is split at
its glue points (a lower-case letter directly followed by a capital) and
judged by the share of its tokens that name UI icons.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Document, Family, Reason, Removal
from ..textutil import line_cache
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
STRONG_MARKERS = re.compile(r"Created with Sketch|Artboard|\bIcon[A-Z ]|[a-z]Icon\b")
_MARKER_WORDS = ("Icon", "Artboard", "Sketch")  # one is in every strong marker
# Glue points counted as pairs of character kinds: a lower-case letter then a capital,
# or a letter then a digit (what _GLUE finds), in C rather than a regex scan per line.
_KINDS = str.maketrans(
    {**dict.fromkeys(string.ascii_lowercase, "a"), **dict.fromkeys(string.ascii_uppercase, "A"),
     **dict.fromkeys(string.digits, "0")}
)  # fmt: skip
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)")
_TOKEN = re.compile(r"[A-Za-z]+|\d+")


def split_glued(text: str) -> list[str]:
    """Split a run like ``"ChevronIcon Mail"`` into tokens.

    >>> split_glued("Eye IconIcon FacebookIcon")
    ['Eye', 'Icon', 'Icon', 'Facebook', 'Icon']
    """
    return _TOKEN.findall(_GLUE.sub(" ", text))


@dataclass(frozen=True)
class IconSprites(Filter):
    """Remove lines that are runs of glued icon titles."""

    family = Family.ICON_SPRITES
    min_tokens: int = MIN_TOKENS
    min_icon_share: float = MIN_ICON_SHARE
    min_glue_points: int = MIN_GLUE_POINTS

    def is_sprite_run(self, text: str) -> bool:
        """True when ``text`` reads as a run of icon titles rather than prose."""
        return _is_sprite_run(text, self.min_tokens, self.min_icon_share, self.min_glue_points)

    def propose(self, doc: Document) -> Iterable[Removal]:
        for seg in doc.kept():
            if self.is_sprite_run(seg.text):
                yield self.drop_line(seg, Reason.ICON_SPRITE_TEXT, "icon_title_run")


@line_cache
def _is_sprite_run(text: str, min_tokens: int, min_icon_share: float, min_glue_points: int) -> bool:
    if _glue_points(text) < min_glue_points and not _has_strong_markers(text):
        return False
    tokens = split_glued(text)
    if len(tokens) < min_tokens:
        return False
    return sum(t.lower() in ICON_WORDS for t in tokens) / len(tokens) >= min_icon_share


def _glue_points(text: str) -> int:
    """How many places ``_GLUE`` splits ``text`` at.

    >>> _glue_points("Icon FacebookIcon LinkedinIcon Mail x2")
    3
    """
    kinds = text.translate(_KINDS)
    return kinds.count("aA") + kinds.count("a0") + kinds.count("A0")


def _has_strong_markers(text: str) -> bool:
    """Two or more strong markers ("Created with Sketch", "Artboard", "Icon …")."""
    return any(word in text for word in _MARKER_WORDS) and len(STRONG_MARKERS.findall(text)) >= 2
