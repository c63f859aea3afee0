"""Parse a page safely and render its visible text, one block per line.

Scripts, styles, comments and hidden elements are dropped; each block element
starts a new line; ``<svg><title>`` text is kept inline, so icon sprites read
as they do in text dumps. The walk is iterative, so deep nesting cannot
exhaust the stack.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree, html
from lxml.cssselect import CSSSelector

DROPPED_TAGS = frozenset(
    """
    script style noscript template head iframe object embed canvas select option input button
    textarea map audio video source track
    """.split()
)
BLOCK_TAGS = frozenset(
    """
    address article aside blockquote body br dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary
    table tbody td tfoot th thead tr ul caption
    """.split()
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")  # line breaks inside a text node are kept
# Longer attribute values (inlined images as data: URIs, JSON state blobs) hold no text
# to clean; dropped after parsing, so that extraction does not copy them around.
MAX_ATTRIBUTE_CHARS = 1 << 16
_HUGE_VALUE = re.compile(rf"""=\s*(?:"[^"]{{{MAX_ATTRIBUTE_CHARS}}}|'[^']{{{MAX_ATTRIBUTE_CHARS}}})""")


class TooDeep(Exception):
    """libxml2 stopped at its nesting limit: the tree holds only part of the page."""


def parse(markup: str) -> html.HtmlElement | None:
    """Parse ``markup`` without network access; None when it holds no tree.

    libxml2's HTML parser expands no external entities.

    Raises ``TooDeep`` where the nesting is deeper than libxml2 follows.
    """
    markup = _XML_DECL.sub("", markup, count=1)
    if not markup.strip():
        return None
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)
    try:
        root = html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise TooDeep
    if len(markup) > MAX_ATTRIBUTE_CHARS and _HUGE_VALUE.search(markup):  # scan 5x faster than the tree walk
        _drop_huge_attributes(root)
    return root


def _drop_huge_attributes(root: etree._Element) -> None:
    found = root.xpath(f"//*[@*[string-length(.) > {MAX_ATTRIBUTE_CHARS}]]")
    for el in found if isinstance(found, list) else ():
        if isinstance(el, etree._Element):
            for name in [k for k, v in el.attrib.items() if len(v) > MAX_ATTRIBUTE_CHARS]:
                del el.attrib[name]


@lru_cache(maxsize=256)
def css_selector(selector: str) -> CSSSelector:
    """``selector`` compiled once (HTML rules: tag names in any case); raises
    ``cssselect.SelectorError`` for a bad one."""
    return CSSSelector(selector, translator="html")


def render_lines(root: etree._Element) -> list[str]:
    """The visible text of the tree, one block per line.

    A text node's own line breaks (in ``<pre>``, say) stay inside its line.
    """
    lines: list[str] = []
    parts: list[str] = []
    skip_depth = svg_depth = 0

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(parts)).strip()
        if line:
            lines.append(line)
        parts.clear()

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = local_name(el)
        if event == "start":
            if skip_depth or tag in DROPPED_TAGS or _hidden(el):
                skip_depth += 1
                continue
            if tag in BLOCK_TAGS:
                flush()
            svg_depth += tag == "svg"
            if el.text and (not svg_depth or tag == "title"):
                parts.append(el.text)
            continue
        if skip_depth:
            skip_depth -= 1
            if not skip_depth and not svg_depth and el.tail:
                parts.append(el.tail)
            continue
        if tag in BLOCK_TAGS:
            flush()
        svg_depth -= tag == "svg"
        if not svg_depth and el.tail:
            parts.append(el.tail)
    flush()
    return lines


def local_name(el: etree._Element) -> str:
    """An element's tag without its namespace, lower-cased; "" for comments and the like."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))
