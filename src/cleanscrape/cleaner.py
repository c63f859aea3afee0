"""The public entry points: ``clean``, ``purity`` and ``default_pipeline``."""

from __future__ import annotations

import re
from typing import Literal

from .decode import decode
from .errors import InputError
from .filters import (
    CaptionCredits,
    Chrome,
    IconSprites,
    PageLayout,
    Paywall,
    Placeholders,
    Related,
    Repeats,
    Sponsored,
)
from .htmltext import html_to_text
from .model import Cleaned, apply_removals
from .pipeline import Pipeline
from .purity import purity_score

Kind = Literal["auto", "text", "html"]
KINDS = ("auto", "text", "html")
_HTML_SNIFF = re.compile(
    r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|article|section)\b",
    re.I | re.S,
)
SNIFF_CHARS = 2048


def default_pipeline() -> Pipeline:
    """Every noise family, in the order that lets later filters see earlier work.

    Placeholders go first so prompts are judged without them; the learned
    page-layout model goes last, judging what the phrase rules left.
    """
    return Pipeline(
        [
            Placeholders(),
            IconSprites(),
            Paywall(),
            Sponsored(),
            Related(),
            CaptionCredits(),
            Chrome(),
            Repeats(),
            PageLayout(),
        ]
    )


def detect_kind(text: str) -> Literal["text", "html"]:
    """``"html"`` when the text starts like a web page, else ``"text"``.

    >>> detect_kind("<!DOCTYPE html><html>"), detect_kind("Plain words <b>here</b>")
    ('html', 'text')
    """
    return "html" if _HTML_SNIFF.match(text[:SNIFF_CHARS]) else "text"


def to_source(raw: str | bytes, kind: Kind = "auto") -> str:
    """The text that cleaning works on: the input itself, or a page's text rendering."""
    if kind not in KINDS:
        raise InputError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if isinstance(raw, bytes | bytearray):
        text = decode(bytes(raw))
    elif isinstance(raw, str):
        text = raw
    else:
        raise InputError(f"clean() takes str or bytes, not {type(raw).__name__}")
    resolved = detect_kind(text) if kind == "auto" else kind
    return html_to_text(text) if resolved == "html" else text


def clean(raw: str | bytes, *, kind: Kind = "auto", pipeline: Pipeline | None = None) -> Cleaned:
    """Remove boilerplate from ``raw``; explain every removal and score the result.

    >>> result = clean("Advertisement\\nThe council approved the budget on Tuesday.\\n")
    >>> result.text
    'The council approved the budget on Tuesday.\\n'
    >>> [r.reason.value for r in result.removals]
    ['ad_label']
    """
    source = to_source(raw, kind)
    active = default_pipeline() if pipeline is None else pipeline
    removals = active.removals(source)
    text = apply_removals(source, removals)
    return Cleaned(
        text=text,
        removals=tuple(removals),
        purity=purity_score(source, text),
        source=source,
    )


def purity(raw: str | bytes, *, kind: Kind = "auto") -> float:
    """The estimated share of ``raw``'s characters that are article content, in [0, 1]."""
    return clean(raw, kind=kind).purity
