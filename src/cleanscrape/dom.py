"""Parse a page safely and render it as text blocks that remember where they sat.

Each block is one line of the page's text rendering (``htmltext``) plus its
context in the DOM: the semantic elements around it (``nav``, ``aside``,
``figcaption``, ``footer``…), the class and id words of its ancestors, and how
much of it is link text. Filters and the HTML model read the context as
evidence no text dump has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree, html

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
# Elements whose presence around a block is evidence of what the block is.
SEMANTIC_TAGS = frozenset(
    """
    article aside blockquote figcaption figure footer form h1 h2 h3 h4 h5 h6 header label li main
    nav ol pre table td th ul dl time address section
    """.split()
)
EVIDENCE_ATTRIBUTES = ("class", "id", "role", "itemprop")
CONTEXT_DEPTH = 8  # ancestors whose class and id words count
MAX_TOKENS_PER_VALUE = 6
LINK_BINS = (0.2, 0.5, 0.8)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")  # line breaks inside a text node are kept
_ATTR_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


@dataclass(frozen=True, slots=True)
class Block:
    """One rendered line of a page and the DOM evidence around it."""

    text: str
    context: tuple[str, ...]


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
    return root


def render_blocks(root: etree._Element) -> list[Block]:
    """The visible text of the tree, one block per line, each with its context.

    Scripts, styles and hidden elements are dropped; ``<svg><title>`` text is
    kept inline, so icon sprites read as they do in text dumps. The walk is
    iterative, so deep nesting cannot exhaust the stack.
    """
    blocks: list[Block] = []
    parts: list[str] = []
    link_chars = 0
    stack: list[tuple[str, tuple[str, ...]]] = []  # open elements: tag and evidence words
    skip_depth = svg_depth = link_depth = 0

    def add(text: str | None) -> None:
        nonlocal link_chars
        if text:
            parts.append(text)
            if link_depth:
                link_chars += len(text.strip())

    def flush() -> None:
        nonlocal link_chars
        line = _SPACES.sub(" ", "".join(parts)).strip()
        if line:
            blocks.append(Block(line, _context(stack, link_chars / len(line))))
        parts.clear()
        link_chars = 0

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = _local_name(el)
        if event == "start":
            if skip_depth or tag in DROPPED_TAGS or _hidden(el):
                skip_depth += 1
                continue
            if tag in BLOCK_TAGS:
                flush()
            stack.append((tag, _evidence(el)))
            svg_depth += tag == "svg"
            link_depth += tag == "a"
            if not svg_depth or tag == "title":
                add(el.text)
            continue
        if skip_depth:
            skip_depth -= 1
            if not skip_depth and not svg_depth:
                add(el.tail)
            continue
        if tag in BLOCK_TAGS:
            flush()
        stack.pop()
        svg_depth -= tag == "svg"
        link_depth -= tag == "a"
        if not svg_depth:
            add(el.tail)
    flush()
    return blocks


def _context(stack: list[tuple[str, tuple[str, ...]]], link_share: float) -> tuple[str, ...]:
    """Evidence strings for a block inside the open elements ``stack``."""
    inner = next((tag for tag, _ in reversed(stack) if tag in BLOCK_TAGS), "none")
    found = [f"tag={inner}", f"link={sum(link_share >= b for b in LINK_BINS)}"]
    found += [f"in={tag}" for tag, _ in stack if tag in SEMANTIC_TAGS]
    found += [f"attr={w}" for _, words in stack[-CONTEXT_DEPTH:] for w in words]
    return tuple(dict.fromkeys(found))


def _evidence(el: etree._Element) -> tuple[str, ...]:
    found: list[str] = []
    for name in EVIDENCE_ATTRIBUTES:
        value = el.get(name)
        if value:
            found += _attribute_words(value[:200])
    return tuple(found)


@lru_cache(maxsize=1 << 14)
def _attribute_words(value: str) -> tuple[str, ...]:
    """The words of a class or id value, camelCase and separators split.

    >>> _attribute_words("related-posts sidebarWidget js-x1")
    ('related', 'posts', 'sidebar', 'widget')
    """
    found = []
    for token in value.split()[:MAX_TOKENS_PER_VALUE]:
        found += [w.lower() for w in _ATTR_WORD.findall(token) if len(w) >= 3]
    return tuple(dict.fromkeys(found))


def _local_name(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))
