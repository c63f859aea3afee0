"""What a page states about itself: title, author, date, address and summary.

Read from the places publishers put them, most specific first: JSON-LD
article objects, OpenGraph and other ``<meta>`` tags, ``<link
rel="canonical">``, ``<time datetime>``, the ``<h1>`` and the ``<title>``.
This is a few lookups in the parsed tree (well under a millisecond);
trafilatura's fuller metadata search costs about 6 ms a page, a third of its
extraction time, which the HTML mode's time budget cannot carry.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

ARTICLE_TYPES = frozenset(
    "Article NewsArticle BlogPosting ReportageNews AnalysisNewsArticle OpinionNewsArticle "
    "ScholarlyArticle TechArticle Report LiveBlogPosting WebPage".split()
)
MAX_JSON_LD = 1 << 20
TITLE_META = ("og:title", "twitter:title", "dc.title", "citation_title")
AUTHOR_META = ("author", "article:author", "dc.creator", "citation_author", "parsely-author", "byl")
DATE_META = (
    "article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date",
    "dcterms.date", "dc.date.issued", "citation_publication_date", "parsely-pub-date", "sailthru.date",
    "og:updated_time", "article:modified_time",
)  # fmt: skip
URL_META = ("og:url", "twitter:url")
DESCRIPTION_META = ("description", "og:description", "twitter:description", "dc.description")
DECK_TAGS = ("h2", "h3", "h4", "h5", "h6")
MIN_DECK_WORDS = 4
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SPACES = re.compile(r"\s+")
MAX_FIELD = 300
MAX_KINDS = 40


@dataclass(frozen=True)
class Metadata:
    """A page's title, author, publication date (``YYYY-MM-DD``), URL and description, each
    None when unstated. ``deck`` is the subheading (``h2``-``h6``) that shows the page's
    description under its headline, where there is one. ``kinds`` are what the page says
    it is: its JSON-LD ``@type``s and its OpenGraph type (as ``og:TYPE``), sorted."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    headline: str | None = None  # the page's ``<h1>``, which may differ from its title
    description: str | None = None
    deck: str | None = None
    kinds: tuple[str, ...] = ()


def read_metadata(root: etree._Element) -> Metadata:
    """Metadata from a parsed page; never raises on malformed markup or JSON."""
    found = _gather(root)
    meta = _meta_tags(found["meta"])
    objects = list(_json_ld_objects(found["script"]))
    ld = next((obj for obj in objects if _types(obj) & ARTICLE_TYPES), {})
    h1 = _first_text(found["h1"])
    title = _text(ld.get("headline")) or _pick(meta, TITLE_META) or h1 or _first_text(found["title"])
    author = _person(ld.get("author")) or _author_meta(meta)
    date = (
        _iso_date(_text(ld.get("datePublished")))
        or _iso_date(_pick(meta, DATE_META))
        or _iso_date(_first_attr(found["time"], "datetime"))
    )
    canonical = [el for el in found["link"] if el.get("rel") == "canonical"]
    url = _first_attr(canonical, "href") or _pick(meta, URL_META) or _text(ld.get("url"))
    descriptions = [d for d in (_text(ld.get("description")), *(meta.get(k) for k in DESCRIPTION_META)) if d]
    deck = _deck(found["heading"], descriptions)
    kinds = {kind for obj in objects for kind in _types(obj)}
    if og_type := meta.get("og:type"):
        kinds.add(f"og:{og_type.lower()}")
    description = deck or next(iter(descriptions), None)
    return Metadata(title, author, date, url, h1, description, deck, tuple(sorted(kinds))[:MAX_KINDS])


def _gather(root: etree._Element) -> dict[str, list[etree._Element]]:
    """The elements metadata comes from, by tag (subheadings together), in page order:
    one walk of the tree, where an XPath per field walked it once each."""
    found: dict[str, list[etree._Element]] = defaultdict(list)
    for el in root.iter("meta", "script", "h1", "title", "link", "time", *DECK_TAGS):
        found["heading" if el.tag in DECK_TAGS else str(el.tag)].append(el)
    return found


def _deck(headings: list[etree._Element], descriptions: list[str]) -> str | None:
    """The first subheading of a few words whose text is one of the page's descriptions."""
    wanted = {d.casefold() for d in descriptions if len(d.split()) >= MIN_DECK_WORDS}
    if not wanted:
        return None
    for el in headings:
        text = _clean("".join(map(str, el.itertext())))
        if text and text.casefold() in wanted:
            return text
    return None


def _meta_tags(elements: list[etree._Element]) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in elements:
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = _clean(el.get("content"))
        if key and value:
            found.setdefault(key, value)
    return found


def _json_ld_objects(scripts: list[etree._Element]) -> Iterator[dict[str, object]]:
    """The page's JSON-LD objects, in document order."""
    for script in scripts:
        if script.get("type") != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > MAX_JSON_LD:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        yield from _objects(data)


def _objects(data: object) -> Iterator[dict[str, object]]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend(reversed(graph))


def _types(obj: dict[str, object]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k for k in kinds if isinstance(k, str)}


def _person(value: object) -> str | None:
    """An author given as a name, a Person object, or a list of either."""
    if isinstance(value, list):
        names = [n for n in map(_person, value[:10]) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _author_meta(meta: dict[str, str]) -> str | None:
    value = _pick(meta, AUTHOR_META)
    return None if value is None or value.startswith(("http://", "https://")) else value


def _pick(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[k] for k in keys if k in meta), None)


def _text(value: object) -> str | None:
    return _clean(value) if isinstance(value, str) else None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = _SPACES.sub(" ", value).strip()[:MAX_FIELD]
    return text or None


def _first_text(elements: list[etree._Element]) -> str | None:
    for el in elements:
        text = _clean("".join(map(str, el.itertext())))
        if text:
            return text
    return None


def _first_attr(elements: list[etree._Element], name: str) -> str | None:
    return next((v for v in (_clean(el.get(name)) for el in elements) if v), None)


def _iso_date(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` a date string starts with, when it is a plausible calendar date.

    >>> _iso_date("2019-11-18T10:00:00+01:00"), _iso_date("18 November"), _iso_date("2019-13-01")
    ('2019-11-18', None, None)
    """
    match = _ISO_DATE.match(value or "")
    if not match:
        return None
    year, month, day = map(int, match.groups())
    return match.group(0) if 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31 else None
