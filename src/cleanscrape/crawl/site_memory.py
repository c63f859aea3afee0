"""Site memory: lines that recur on page after page of one site (footers, tag lines, promos).

A crawl is read twice. The first pass ``observe``s each page: its host
(from the record's URL) and the set of its lines, hashed. A line that
appears on at least ``min_pages`` pages and on ``min_share`` of its host's
pages is the site's template; the second pass removes it (filter
``SiteTemplate``, reason ``site_template``) with how many pages it was on.

Memory is bounded: at most ``max_entries`` (host, line) counts are kept.
When that fills up, the rarest lines so far (seen on one page, then two, …)
are forgotten until half the room is free (lossy counting). Counts can thus
fall short but never run over, so a line that occurs once is never removed;
identical pages (the same set of lines) are counted once, so a page crawled
twice does not become its own template.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..core.segment import segment_lines
from ..core.types import SiteLines
from ..errors import RuleError

MIN_PAGES = 3
MIN_SHARE = 0.5
MAX_ENTRIES = 2_000_000
MAX_PAGE_SIGNATURES = 500_000


def host_of(url: str | None) -> str | None:
    """The site a URL belongs to: its host name, without ``www.``.

    >>> host_of("https://www.example.org/news/1?x=2"), host_of("not a url")
    ('example.org', None)
    """
    if not url:
        return None
    host = urlsplit(url.strip()).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def line_hashes(text: str) -> frozenset[int]:
    """The distinct lines of ``text``, each as a 64-bit hash of its normalized form."""
    return frozenset(line_hash(s.norm) for s in segment_lines(text) if s.norm)


def line_hash(norm: str) -> int:
    """A line's key: a stable 64-bit hash of its normalized text."""
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big")


class SiteMemory:
    """Per host, on how many pages each line appeared; bounded by ``max_entries`` counts."""

    def __init__(
        self, min_pages: int = MIN_PAGES, min_share: float = MIN_SHARE, max_entries: int = MAX_ENTRIES
    ) -> None:
        if min_pages < 2:
            raise RuleError("site memory needs min_pages of 2 or more: a line on one page is never template")
        if not 0 < min_share <= 1:
            raise RuleError("site memory's min_share must be in (0, 1]")
        self.min_pages, self.min_share, self.max_entries = min_pages, min_share, max_entries
        self.pages: Counter[str] = Counter()
        self.counts: dict[str, Counter[int]] = {}
        self._entries = 0
        self._seen_pages: set[int] = set()
        self.prunes = 0

    def observe(self, host: str | None, keys: Iterable[int]) -> None:
        """Count one page of ``host`` with the line keys ``keys``."""
        keys = frozenset(keys)
        if host is None or not keys:
            return
        signature = hash((host, keys))
        if signature in self._seen_pages:
            return
        if len(self._seen_pages) < MAX_PAGE_SIGNATURES:
            self._seen_pages.add(signature)
        self.pages[host] += 1
        counts = self.counts.setdefault(host, Counter())
        before = len(counts)
        counts.update(keys)
        self._entries += len(counts) - before
        if self._entries > self.max_entries:
            self._prune()

    def _prune(self) -> None:
        """Forget the rarest lines (one page so far, then two, …) until half the room is free."""
        self.prunes += 1
        floor = 0
        while self._entries > self.max_entries // 2:
            floor += 1
            self._entries = 0
            for host, counts in self.counts.items():
                kept = Counter({k: n for k, n in counts.items() if n > floor})
                self.counts[host] = kept
                self._entries += len(kept)

    def threshold(self, host: str) -> float:
        """Pages a line of ``host`` must appear on to be its template."""
        return max(self.min_pages, self.min_share * self.pages[host])

    def template(self) -> dict[str, SiteLines]:
        """Each host's template lines: a small snapshot to send to the cleaning workers."""
        result = {}
        for host, counts in self.counts.items():
            need = self.threshold(host)
            lines = {k: n for k, n in counts.items() if n >= need}
            if lines:
                result[host] = SiteLines(self.pages[host], lines)
        return result
