"""Site memory on a synthetic crawl built from the bench pages.

Each synthetic site takes its template (header and footer lines) from the
noise of one real aeb-dev page: the lines of its html-text dump that are not
in its article. Each of the site's pages is that template around a true
article body (10 different ones per site, drawn from the 94 aeb-dev pages),
plus one noise line of its own that no other page of the site has. Cleaning
with and without site memory shows how much template it removes, how many
article lines it loses, and that it never removes a line that occurs once.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from cleanscrape.api import clean, default_pipeline, site_lines
from cleanscrape.core.text import normalize
from cleanscrape.core.types import Reason
from cleanscrape.crawl.site_memory import SiteMemory
from cleanscrape.learned.training.datasets import Aeb

SITES = 40
PAGES_PER_SITE = 10
TEMPLATE_HEAD = 4
TEMPLATE_FOOT = 4
SEED = 20261124


@dataclass(frozen=True)
class CrawlPage:
    """One page of the synthetic crawl, and which of its lines are what."""

    url: str
    text: str
    template: tuple[str, ...]
    article: tuple[str, ...]
    unique: str


def noise_lines(dump: str, truth: str) -> list[str]:
    """Distinct lines of a page dump that are not part of its article (by normalized text)."""
    body = normalize(truth)
    seen: set[str] = set()
    noise = []
    for line in dump.splitlines():
        norm = normalize(line)
        if len(norm.split()) >= 2 and norm not in body and norm not in seen:
            seen.add(norm)
            noise.append(line.strip())
    return noise


def synthetic_crawl(aeb: Aeb) -> list[CrawlPage]:
    """``SITES`` sites of ``PAGES_PER_SITE`` pages each, drawn with a fixed seed."""
    dumps = aeb.output("html-text")
    rng = random.Random(SEED)
    pages = list(aeb.pages)
    rng.shuffle(pages)
    templates = []
    for page in pages:
        noise = noise_lines(dumps[page.id], page.truth)
        if len(noise) >= TEMPLATE_HEAD + TEMPLATE_FOOT + PAGES_PER_SITE:
            templates.append(noise)
        if len(templates) == SITES:
            break
    articles = [p.truth for p in pages if p.truth.strip()]
    crawl = []
    for site, noise in enumerate(templates):
        head, foot = noise[:TEMPLATE_HEAD], noise[-TEMPLATE_FOOT:]
        uniques = noise[TEMPLATE_HEAD:-TEMPLATE_FOOT]
        for n, truth in enumerate(rng.sample(articles, PAGES_PER_SITE)):
            body = tuple(line.strip() for line in truth.splitlines() if line.strip())
            unique = uniques[n]
            text = "\n".join([*head, unique, *body, *foot]) + "\n"
            url = f"https://site{site}.example/page{n}"
            crawl.append(CrawlPage(url, text, (*head, *foot), body, unique))
    return crawl


@dataclass(frozen=True)
class SiteFigures:
    """What cleaning did to the crawl, with or without site memory."""

    template_removed: float
    article_kept: float
    unique_removed_as_template: int
    pages: int


def measure(crawl: list[CrawlPage], with_memory: bool) -> SiteFigures:
    template = None
    if with_memory:
        memory = SiteMemory()
        for page in crawl:
            memory.observe(*site_lines(page.text, kind="text", url=page.url))
        template = memory.template()
    pipeline = default_pipeline()
    removed_template = total_template = kept_article = total_article = unique_hits = 0
    for page in crawl:
        result = clean(page.text, kind="text", pipeline=pipeline, site_template=template, url=page.url)
        kept = {normalize(line) for line in result.text.splitlines()}
        total_template += len(page.template)
        removed_template += sum(normalize(line) not in kept for line in page.template)
        total_article += len(page.article)
        kept_article += sum(normalize(line) in kept for line in page.article)
        as_template = {normalize(result.source[r.start : r.end]) for r in result.removals
                       if r.reason == Reason.SITE_TEMPLATE}  # fmt: skip
        unique_hits += normalize(page.unique) in as_template
    removed, kept_share = removed_template / total_template, kept_article / total_article
    return SiteFigures(removed, kept_share, unique_hits, len(crawl))


def site_rows(aeb: Aeb) -> Iterator[list[str]]:
    crawl = synthetic_crawl(aeb)
    for label, with_memory in (("filters alone", False), ("with --site-memory", True)):
        f = measure(crawl, with_memory)
        yield [label, str(f.pages), f"{f.template_removed:.3f}", f"{f.article_kept:.4f}",
               str(f.unique_removed_as_template)]  # fmt: skip
