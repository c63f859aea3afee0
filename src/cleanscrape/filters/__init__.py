"""The noise filters, one family per module; each is usable alone."""

from .base import Filter
from .chrome import Chrome
from .credits import CaptionCredits
from .headline import Headline
from .layout import PageLayout
from .paywall import Paywall
from .placeholders import Placeholders
from .related import Related
from .repeats import Repeats
from .site_template import SiteTemplate
from .sponsored import Sponsored
from .sprites import IconSprites
from .user import UserRules

__all__ = [
    "CaptionCredits",
    "Chrome",
    "Filter",
    "Headline",
    "IconSprites",
    "PageLayout",
    "Paywall",
    "Placeholders",
    "Related",
    "Repeats",
    "SiteTemplate",
    "Sponsored",
    "UserRules",
]
