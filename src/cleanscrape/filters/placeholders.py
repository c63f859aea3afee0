"""Unrendered template placeholders: ``{{numberArticlesLeft}}``, ``{% if %}``, ``<%= x %>``.

A text that writes templates out, opening a block on one line and closing it on another
(``{% for field in form %}`` ... ``{% endfor %}``), is showing template code: a
templating language's documentation or a tutorial. Its placeholders are its content,
and none is removed. (On wcxb-dev, a Django forms page was all of the article text this
family removed.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .. import _engine
from ..core.types import Document, Family, Reason, Removal
from .base import Filter

MAX_PLACEHOLDER_CHARS = 80
TEMPLATE_CHARS = _engine.Needles(["{", "%", "<"])  # one opens every placeholder and block tag

_N = str(MAX_PLACEHOLDER_CHARS)
PLACEHOLDER_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("mustache", re.compile(r"\{\{\{?\s*[#/^>!&]?\s*[\w.$@\[\]'\"| :-]{1," + _N + r"}\s*\}?\}\}")),
    ("jinja_tag", re.compile(r"\{%-?\s*\w[^%{}\n]{0," + _N + r"}-?%\}")),
    ("erb_tag", re.compile(r"<%[=-]?\s*[^%<>\n]{1," + _N + r"}%>")),
    ("percent_token", re.compile(r"%%[A-Z][A-Z0-9_]{2,40}%%")),
)


# A block opened and one closed, in Jinja/Django, Mustache/Handlebars, Go and ERB syntax.
_BLOCK_OPEN = re.compile(
    r"\{%-?\s*(for|if|block|with|macro|unless|each)\b|\{\{\s*[#^]\w|\{\{-?\s*(if|range|with|define|block)\b"
    r"|<%-?\s*(if|for|each)\b|\.each\s+do\b"
)
_BLOCK_CLOSE = re.compile(r"\{%-?\s*end\w*|\{\{\s*/\w|\{\{-?\s*end\s*-?\}\}|<%-?\s*end\s*-?%>")


def shows_template_code(lines: Iterable[str]) -> bool:
    """Whether ``lines`` open a template block on one line and close one on another.

    >>> shows_template_code(["{% for field in form %}", "{{ field }}", "{% endfor %}"])
    True
    >>> shows_template_code(["You have {{numberArticlesLeft}} free articles left", "{{/done}}"])
    False
    """
    opened = closed = False
    for line in lines:
        opened = opened or bool(_BLOCK_OPEN.search(line))
        closed = closed or bool(_BLOCK_CLOSE.search(line))
        if opened and closed:
            return True
    return False


@dataclass(frozen=True)
class Placeholders(Filter):
    """Remove template placeholders that a page failed to render, not the text around them."""

    family = Family.PLACEHOLDERS

    def propose(self, doc: Document) -> Iterable[Removal]:
        templated = [doc.segments[i] for i in TEMPLATE_CHARS.each(doc.lines(), list(doc.removed))]
        if shows_template_code(seg.text for seg in templated):
            return
        for seg in templated:
            for rule, pattern in PLACEHOLDER_RULES:
                for m in pattern.finditer(seg.text):
                    yield self.drop_span(seg, m.start(), m.end(), Reason.TEMPLATE_PLACEHOLDER, rule)
