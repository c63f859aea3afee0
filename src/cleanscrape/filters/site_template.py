"""Lines of a site's template: the same footer, tag line or promo on page after page of one site.

Only a crawl shows them, so this filter acts on what site memory learned
(``cleanscrape.crawl.site_memory``, the CLI's ``--site-memory``) and passes
``Evidence.site``; on a document alone it removes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..core.types import Document, Family, Reason, Removal
from ..crawl.site_memory import line_hash
from .base import Filter


@dataclass(frozen=True)
class SiteTemplate(Filter):
    """Remove each line that site memory found on many pages of the document's site."""

    family = Family.SITE_TEMPLATE

    def propose(self, doc: Document) -> Iterable[Removal]:
        site = doc.evidence.site
        if not site.lines:
            return []
        removals = []
        for seg in doc.kept():
            pages = site.lines.get(line_hash(seg.norm))
            if pages:
                rule = f"on {pages} of {site.pages} pages of the site"
                removals.append(self.drop_line(seg, Reason.SITE_TEMPLATE, rule))
        return removals
