"""HTML mode: read a page, find its article region, and collect what the page says about itself.

The article region comes from trafilatura's extraction, run on the tree we
parsed (no second parse). It beats our own whole-page model on both benchmark
halves (docs/benchmarks.md), so the filters then work on its text. An
extraction on one line that glues a few of the page's blocks together gets
their line breaks back. Where it finds nothing, where it falls back to gluing
the page's text into one line (its baseline for short pages), or where the
page is too deep for libxml2, the whole page's text rendering goes to the
filters and the page-layout model, each line with its context in the page
(``dom.render_blocks``: its element, the landmarks and class names around it, its
share of link text), which the model weighs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass, field, replace
from typing import Any

from lxml import etree, html

from ..core.text import normalize
from ..errors import InputError
from ..reading.decode import decode
from ..reading.mojibake import looks_misdecoded, repair
from .dom import TooDeep, css_selector, parse, render_blocks, render_lines, settable
from .metadata import Metadata, read_metadata
from .render import blocks_text, flat_text
from .treefixes import fixed_tree

ARTICLE_REGION = "article_region"  # trafilatura found the article
WHOLE_PAGE = "whole_page"  # the whole page's text, for the page-layout model
MAX_RUN_SHARE = 0.6  # of a page's text, in the blocks a one-line extraction may glue
REPAIRED_METADATA = ("title", "author", "headline", "description", "deck")  # the fields in words


@dataclass(frozen=True)
class Page:
    """A page read for cleaning: the text the filters see, where it came from, the metadata,
    the lines of the elements each CSS selector asked for matched, and (whole-page route)
    the context of each line of the text in the page."""

    text: str
    region: str
    metadata: Metadata
    selected: Mapping[str, frozenset[str]] = field(default_factory=dict)
    context: tuple[tuple[str, ...], ...] = ()


def read_page(raw: Any, selectors: Sequence[str] = ()) -> Page:
    """Read ``raw`` (str, bytes, an lxml element or tree, or a BeautifulSoup object) as a page;
    ``selectors`` are CSS selectors whose elements' lines the page reports (``Page.selected``).
    Mojibake in its text and metadata is repaired (``mojibake.repair``)."""
    page = _read(raw, selectors)
    meta = page.metadata
    texts: dict[str, Any] = {
        name: repair(value) for name in REPAIRED_METADATA if (value := getattr(meta, name))
    }
    return replace(page, text=repair(page.text), metadata=replace(meta, **texts))


def _read(raw: Any, selectors: Sequence[str]) -> Page:
    """The page as it reads, before mojibake repair."""
    root = _tree(raw)
    owned = False  # a scraper's tree is left as it was
    if root is not None and any(looks_misdecoded(str(t)) for t in root.itertext()):
        root, owned = _repaired_copy(root), True
    if root is not None and not isinstance(root, html.HtmlElement):
        # a plain lxml tree is read as its markup: trafilatura reads lxml.html's elements only
        raw, root = etree.tostring(root, encoding="unicode"), None
    if root is None:
        owned = True  # parsed here, so ours to change
        markup = _markup(raw)
        try:
            root = parse(markup)
        except TooDeep:
            return Page(flat_text(markup), WHOLE_PAGE, Metadata())
    if root is None:
        return Page("", WHOLE_PAGE, Metadata())
    metadata = read_metadata(root)
    selected = {selector: _selected_lines(root, selector) for selector in selectors}
    root = fixed_tree(root, owned)
    article = _article_text(root)
    if article and "\n" in article:
        return Page(article, ARTICLE_REGION, metadata, selected)
    blocks = render_blocks(root)
    lines = [block.text for block in blocks]
    if article and _within_one_block(article, lines):
        return Page(article, ARTICLE_REGION, metadata, selected)
    run = _glued_blocks(article, lines) if article else None
    if run:
        return Page("\n".join(run), ARTICLE_REGION, metadata, selected)
    text, context = blocks_text(blocks)
    return Page(text, WHOLE_PAGE, metadata, selected, context)


def _selected_lines(root: etree._Element, selector: str) -> frozenset[str]:
    """The normalized lines of the elements ``selector`` matches (HTML names, any case),
    mojibake repaired as in the page's text."""
    found = css_selector(selector)(root)
    elements = [el for el in found if isinstance(el, etree._Element)] if isinstance(found, list) else []
    return frozenset(normalize(repair(line)) for el in elements for line in render_lines(el))


def _within_one_block(line: str, blocks: list[str]) -> bool:
    """Whether a one-line extraction is (part of) one block, not several glued together."""
    wanted = " ".join(line.split())
    return any(wanted in " ".join(block.split()) for block in blocks)


def _glued_blocks(line: str, blocks: list[str]) -> list[str] | None:
    """The consecutive blocks a one-line extraction glues together, where they hold at most
    ``MAX_RUN_SHARE`` of the page's text; None where the line is no such run.

    trafilatura glues an article body whose paragraphs are split by ``<br>`` into one
    line ("… on Wednesday.The stabbing …"); its baseline for short pages glues the
    whole page. The first is the article, given back its line breaks; the second is not.
    """
    wanted = _squashed(line)
    squashed = [_squashed(block) for block in blocks]
    limit = MAX_RUN_SHARE * sum(map(len, squashed))
    for start, first in enumerate(squashed):
        if not first or not wanted.startswith(first):
            continue
        end, pos = start + 1, len(first)
        while end < len(squashed) and pos < len(wanted) and wanted.startswith(squashed[end], pos):
            pos += len(squashed[end])
            end += 1
        if pos == len(wanted):
            return blocks[start:end] if pos <= limit else None
    return None


def _squashed(text: str) -> str:
    """``text`` without spaces or the bars trafilatura puts between table cells."""
    return "".join(text.replace("|", " ").split())


def _tree(raw: Any) -> etree._Element | None:
    """The root of an lxml element or tree, used as it is; None for anything else."""
    if isinstance(raw, etree._ElementTree):
        return raw.getroot()
    return raw if isinstance(raw, etree._Element) else None


def _repaired_copy(root: etree._Element) -> etree._Element:
    """A copy of a scraper's tree with the mojibake of each text repaired: lxml reads a page
    without a declared charset as Latin-1, and rendering would drop the C1 controls that
    UTF-8 read so leaves (``â\x80\x94`` for ``—``) before the text could be repaired."""
    copy = deepcopy(root)
    for element in copy.iter():
        if element.text:
            element.text = settable(repair(element.text))
        if element.tail:
            element.tail = settable(repair(element.tail))
    return copy


def _markup(raw: Any) -> str:
    """The markup of str, bytes (decoded) or a BeautifulSoup object (serialised once)."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bytes | bytearray):
        return decode(bytes(raw))
    if any(c.__module__.startswith("bs4.") and c.__name__ == "Tag" for c in type(raw).__mro__):
        return str(raw)  # bs4's tree is not lxml's; checked by class, so bs4 need not be installed
    kinds = "str, bytes, an lxml element or a BeautifulSoup object"
    raise InputError(f"clean() takes {kinds}, not {type(raw).__name__}")


def _article_text(root: html.HtmlElement) -> str:
    """trafilatura's main text of the page, or "" where it finds none."""
    import trafilatura

    try:
        return trafilatura.extract(root, include_comments=False, include_tables=True) or ""
    except Exception:  # a third-party extractor must not crash cleaning; the whole page is the fallback
        return ""
