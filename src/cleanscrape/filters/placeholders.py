"""Unrendered template placeholders: ``{{numberArticlesLeft}}``, ``{% if %}``, ``<%= x %>``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Document, Family, Reason, Removal
from .base import Filter

MAX_PLACEHOLDER_CHARS = 80

_N = str(MAX_PLACEHOLDER_CHARS)
PLACEHOLDER_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("mustache", re.compile(r"\{\{\{?\s*[#/^>!&]?\s*[\w.$@\[\]'\"| :-]{1," + _N + r"}\s*\}?\}\}")),
    ("jinja_tag", re.compile(r"\{%-?\s*\w[^%{}\n]{0," + _N + r"}-?%\}")),
    ("erb_tag", re.compile(r"<%[=-]?\s*[^%<>\n]{1," + _N + r"}%>")),
    ("percent_token", re.compile(r"%%[A-Z][A-Z0-9_]{2,40}%%")),
)


@dataclass(frozen=True)
class Placeholders(Filter):
    """Remove template placeholders that a page failed to render, not the text around them."""

    family = Family.PLACEHOLDERS

    def propose(self, doc: Document) -> Iterable[Removal]:
        for seg in doc.kept():
            if not any(ch in seg.text for ch in "{%<"):
                continue
            for rule, pattern in PLACEHOLDER_RULES:
                for m in pattern.finditer(seg.text):
                    yield self.drop_span(seg, m.start(), m.end(), Reason.TEMPLATE_PLACEHOLDER, rule)
