"""The public entry points: ``clean``, ``purity`` and ``default_pipeline``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any, Literal

from .core.purity import purity_score
from .core.spans import apply_removals
from .core.text import normalize
from .core.types import NO_SITE_LINES, Cleaned, Evidence, SiteLines, with_texts
from .crawl.site_memory import host_of, line_hashes
from .errors import InputError
from .filters import (
    CaptionCredits,
    Chrome,
    Headline,
    IconSprites,
    PageLayout,
    Paywall,
    Placeholders,
    Related,
    Repeats,
    SiteTemplate,
    Sponsored,
)
from .filters.headline import headline_forms
from .filters.user import UserRules, parse_user_rules, read_rules_file
from .html.metadata import Metadata
from .html.page import ARTICLE_REGION, Page, read_page
from .learned.calibration import Favor
from .learned.line_model import FORMAT as LINE_MODEL_FORMAT
from .learned.line_model import LineModel, default_model
from .learned.provenance import opening_features
from .pipeline import Pipeline
from .reading.decode import BINARY_SNIFF_BYTES, binary_kind, decode
from .reading.mojibake import repair

Kind = Literal["auto", "text", "extracted", "html"]
INPUT_KINDS = ("auto", "text", "extracted", "html")
EXTRACTED = "extracted"  # the kind, and the Page region, of text an extractor already cut from its page
_HTML_SNIFF = re.compile(
    r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|article|section)\b",
    re.I | re.S,
)
SNIFF_CHARS = 2048
TEXT = "text"  # a Page's region when it is plain text, not read from HTML


RulePaths = str | Path | Sequence[str | Path] | None


def default_pipeline(
    rules: RulePaths = None, *, model: LineModel | None = None, favor: Favor = "balanced"
) -> Pipeline:
    """Every noise family, in the order that lets later filters see earlier work.

    Placeholders go first so prompts are judged without them; users' rules
    next, then an HTML page's own headline and its site's template lines (both
    only where evidence is passed); the learned page-layout model goes last,
    judging what the rules left.
    ``rules`` names files to load: a line model (``cleanscrape learn`` output)
    replaces the shipped one, a JSONL rule file (``filters.user``) adds rules.
    ``model`` passes a line model already in memory; ``favor`` is the operating
    point (``Pipeline``).
    """
    model, user = model or default_model(), []
    for path in [rules] if isinstance(rules, str | Path) else rules or []:
        loaded = load_rules(Path(path))
        if isinstance(loaded, LineModel):
            model = loaded
        else:
            user.append(loaded)
    return Pipeline(
        [
            Placeholders(),
            *user,
            Headline(),
            SiteTemplate(),
            IconSprites(),
            Paywall(),
            Sponsored(),
            Related(),
            CaptionCredits(),
            Chrome(),
            Repeats(),
            PageLayout(model),
        ],
        favor=favor,
    )


def detect_kind(text: str) -> Literal["text", "html"]:
    """``"html"`` when the text starts like a web page, else ``"text"``.

    >>> detect_kind("<!DOCTYPE html><html>"), detect_kind("Plain words <b>here</b>")
    ('html', 'text')
    """
    return "html" if _HTML_SNIFF.match(text[:SNIFF_CHARS]) else "text"


def hinted_kind(kind: Kind, is_html: bool) -> Kind:
    """``kind``, or "html" where it is "auto" and the input is named as HTML (a ``.html``
    file, an ``html`` field, a WARC page).

    >>> hinted_kind("auto", True), hinted_kind("text", True), hinted_kind("auto", False)
    ('html', 'text', 'auto')
    """
    return "html" if is_html and kind == "auto" else kind


def read_input(raw: Any, kind: Kind = "auto", selectors: Sequence[str] = ()) -> Page:
    """The text that cleaning works on, with what an HTML page says about itself.

    Text is cleaned as given, except that text decoded from bytes has its mojibake
    repaired (``mojibake.repair``); HTML (by ``kind``, by its first characters, or
    because it is an lxml or BeautifulSoup tree) is read by ``html.page``, which
    also reports what the CSS ``selectors`` match.
    """
    if kind not in INPUT_KINDS:
        raise InputError(f"kind must be one of {', '.join(INPUT_KINDS)}, not {kind!r}")
    if not isinstance(raw, str | bytes | bytearray):
        if kind in ("text", EXTRACTED):
            raise InputError(
                f"kind={kind!r} takes str or bytes, not {type(raw).__name__}; "
                "an lxml element or a BeautifulSoup object is read with kind='html' or 'auto'"
            )
        return read_page(raw, selectors)
    if isinstance(raw, bytes | bytearray) and (binary := binary_kind(bytes(raw[:BINARY_SNIFF_BYTES]))):
        raise InputError(f"this is {binary}, not text or HTML; nothing to clean")
    text = raw if isinstance(raw, str) else decode(bytes(raw))
    decoded = text is not raw
    del raw  # where the caller handed over its only reference (the CLI does), the bytes go now
    resolved = detect_kind(text) if kind == "auto" else kind
    if resolved == "html":
        return read_page(text, selectors)
    region = EXTRACTED if resolved == EXTRACTED else TEXT  # extracted text is never judged a page dump
    return Page(repair(text) if decoded else text, region, Metadata())  # a str given stays as it is


def says_its_type(page: Page) -> bool:
    """Whether ``page`` was read from HTML, which tells what type of page it is: text, as given
    or as an extractor cut it, tells none (its removals are judged on no page type)."""
    return page.region not in (TEXT, EXTRACTED)


@cache
def _shipped_pipeline() -> Pipeline:
    """``default_pipeline()``, made once: what ``clean`` runs when given no pipeline or rules."""
    return default_pipeline()


def load_rules(path: Path) -> LineModel | UserRules:
    """A rules file by its content: a line model (JSON) or user rules (JSONL)."""
    text = read_rules_file(path)
    if LINE_MODEL_FORMAT in text[:200]:
        return LineModel.from_json(text, str(path))
    return parse_user_rules(text, path)


def clean(
    raw: str | bytes | Any,
    *,
    kind: Kind = "auto",
    pipeline: Pipeline | None = None,
    rules: RulePaths = None,
    site_template: Mapping[str, SiteLines] | None = None,
    url: str | None = None,
    favor: Favor | None = None,
) -> Cleaned:
    """Remove boilerplate from ``raw``; explain every removal and score the result.

    ``raw`` is text or HTML (str or bytes in any encoding), or a page a
    scraper already parsed: an lxml element or tree, or a BeautifulSoup object.
    ``rules`` loads rule files next to the defaults (see ``default_pipeline``);
    for many documents, build the pipeline once and pass ``pipeline=``.
    ``kind`` says what ``raw`` is: "text", "html", "extracted" (text an extractor such as
    trafilatura already cut from its page, so never cut again as a page dump would be),
    or "auto" (told apart by its opening, and a text's lines by the provenance model).
    ``site_template`` is what ``SiteMemory.template()`` learned of a crawl: the
    template lines of the document's site (by ``url``, else the page's own URL)
    are removed. ``favor`` is the operating point: "balanced" (the default),
    "precision" (less noise left) or "recall" (more article kept); it overrides the
    one of a ``pipeline`` passed in.

    >>> result = clean("Advertisement\\nThe council approved the budget on Tuesday.\\n")
    >>> result.text
    'The council approved the budget on Tuesday.\\n'
    >>> [r.reason.value for r in result.removals]
    ['ad_label']
    """
    if pipeline is not None and rules is not None:
        raise InputError("pass rules= or pipeline=, not both (default_pipeline(rules) builds one)")
    if pipeline is not None and not isinstance(pipeline, Pipeline):
        raise InputError(
            f"pipeline= takes a Pipeline, not {type(pipeline).__name__}: Pipeline([...]) wraps filters"
        )
    if pipeline is not None:
        active = pipeline
    else:
        active = _shipped_pipeline() if rules is None else default_pipeline(rules)
    if favor is not None and favor != active.favor:
        active = replace(active, favor=favor)
    return clean_page(read_input(raw, kind, active.selectors), active, site_template, url)


def clean_page(
    page: Page,
    pipeline: Pipeline,
    site_template: Mapping[str, SiteLines] | None = None,
    url: str | None = None,
) -> Cleaned:
    """``clean`` on an input ``read_input`` has read: the pipeline runs on its text, with
    what the page says about itself as evidence."""
    meta = page.metadata
    headlines = {form for t in (meta.title, meta.headline) if t for form in headline_forms(t)}
    host = host_of(url or meta.url) if site_template else None
    site = site_template.get(host, NO_SITE_LINES) if site_template and host else NO_SITE_LINES
    region = page.region in (ARTICLE_REGION, EXTRACTED)  # an extractor cut it from its page
    deck = normalize(meta.deck) if meta.deck else ""
    page_type = pipeline.reader.page_type(opening_features(page.text, meta)) if says_its_type(page) else ""
    facts = (frozenset(headlines), site, page.selected, region, deck, page.context, page_type)
    decision = pipeline.decide(page.text, Evidence(*facts))
    text = apply_removals(page.text, decision.removals)
    return Cleaned(
        text=text,
        removals=with_texts(decision.removals, page.text),
        rescued=with_texts(decision.rescued, page.text),
        purity=purity_score(page.text, text, decision.removals),
        source=page.text,
        title=meta.title,
        author=meta.author,
        date=meta.date,
        url=meta.url,
        description=meta.description,
        input_state=str(decision.input_state),
        page_type=decision.page_type,
    )


def site_lines(
    raw: str | bytes | Any, *, kind: Kind = "auto", url: str | None = None
) -> tuple[str | None, frozenset[int]]:
    """What site memory counts of a page: its host (by ``url``, else the page's own URL)
    and the keys of its distinct lines (``SiteMemory.observe`` takes both)."""
    page = read_input(raw, kind)
    return host_of(url or page.metadata.url), line_hashes(page.text)


def purity(raw: str | bytes | Any, *, kind: Kind = "auto") -> float:
    """The estimated share of ``raw``'s characters that are article content, in [0, 1]."""
    return clean(raw, kind=kind).purity
