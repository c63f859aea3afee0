"""Parse a page safely and render its visible text, one block per line.

Scripts, styles, comments and hidden elements are dropped; each block element
starts a new line; ``<svg><title>`` text is kept inline, so icon sprites read
as they do in text dumps. The walk is iterative, so deep nesting cannot
exhaust the stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import etree, html

if TYPE_CHECKING:
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
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")  # line breaks inside a text node are kept
# Longer attribute values (inlined images as data: URIs, JSON state blobs) hold no text
# to clean. One quoted without a "<" in it is cut from the markup before parsing (the
# parser would copy it over and again, then the tree hold it); any other is dropped after
# parsing, so that extraction does not copy it around.
MAX_ATTRIBUTE_CHARS = 1 << 16
_HUGE_VALUE = re.compile(rf"""=\s*(?:"[^"]{{{MAX_ATTRIBUTE_CHARS}}}|'[^']{{{MAX_ATTRIBUTE_CHARS}}})""")
_HUGE_PLAIN_VALUE = re.compile(
    rf"""=\s*(?:"[^"<]{{{MAX_ATTRIBUTE_CHARS},}}"|'[^'<]{{{MAX_ATTRIBUTE_CHARS},}}')"""
)
_NAME_BEFORE = re.compile(r"""\s[^\s"'<>/=]+\s*\Z""")  # an attribute's name, ending where its "=" is
MAX_NAME_CHARS = 256


# Characters libxml2 keeps from a parse but lxml refuses in text it is handed (C0 controls
# but tab and line breaks, U+FFFE, U+FFFF, lone surrogates); none shows on a page.
_UNSETTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def settable(text: str) -> str:
    """``text`` less the characters lxml refuses as an element's text (``_UNSETTABLE``).

    >>> settable("K\\u00f6ln\\x1f ist sch\\u00f6n")
    'Köln ist schön'
    """
    return _UNSETTABLE.sub("", text)


# Every element a plain ``HtmlElement``, its class found in C: lxml.html's own lookup calls
# Python for each element a walk touches (to give forms, inputs and labels their classes,
# which nothing here or in trafilatura uses), a twentieth of HTML mode's time.
_PLAIN_ELEMENTS = etree.ElementDefaultClassLookup(
    element=html.HtmlElement,
    comment=html.HtmlComment,
    pi=html.HtmlProcessingInstruction,
    entity=html.HtmlEntity,
)


class TooDeep(Exception):
    """libxml2 stopped at its nesting limit: the tree holds only part of the page."""


def parse(markup: str) -> html.HtmlElement | None:
    """Parse ``markup`` without network access; None when it holds no tree.

    libxml2's HTML parser expands no external entities.

    Raises ``TooDeep`` where the nesting is deeper than libxml2 follows.
    """
    markup = _XML_DECL.sub("", markup, count=1)
    huge = len(markup) > MAX_ATTRIBUTE_CHARS and _HUGE_VALUE.search(markup)  # 5x faster than a tree walk
    if huge:
        markup = _without_huge_values(markup)
    if not markup.strip():
        return None
    parser = html.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=True,
        encoding="utf-8",
        collect_ids=False,  # nothing here looks an element up by its id
    )
    parser.set_element_class_lookup(_PLAIN_ELEMENTS)
    try:
        root = html.document_fromstring(_utf8(markup), parser=parser)
    except (etree.ParserError, ValueError):
        return None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise TooDeep
    if huge:
        _drop_huge_attributes(root)
    return root


def _utf8(markup: str) -> bytes:
    """``markup`` as UTF-8, each lone surrogate (which UTF-8 cannot hold) as U+FFFD: libxml2
    parses UTF-8 bytes in a sixth less time than a str, and ends a str's text at a lone
    surrogate.

    >>> _utf8("a\\ud800b").decode()
    'a\\ufffdb'
    """
    try:
        return markup.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", markup).encode("utf-8")


def _without_huge_values(markup: str) -> str:
    """``markup`` less each attribute whose quoted value runs over ``MAX_ATTRIBUTE_CHARS``
    without a "<" in it: one that starts inside a tag (a "<" before it, and no ">" between).

    >>> blob = "x" * MAX_ATTRIBUTE_CHARS
    >>> cut = _without_huge_values(f'<img src="{blob}" alt="A cat"><p>a ="{blob}"</p>')
    >>> cut[:30], len(cut) - len(blob)
    ('<img alt="A cat"><p>a ="xxxxxx', 29)
    """
    kept, at = [], 0
    for value in _HUGE_PLAIN_VALUE.finditer(markup):
        equals = value.start()
        name = _NAME_BEFORE.search(markup, max(equals - MAX_NAME_CHARS, 0), equals)
        if name and markup.rfind("<", 0, equals) > markup.rfind(">", 0, equals):  # inside a tag
            kept.append(markup[at : name.start()])
            at = value.end()
    return "".join([*kept, markup[at:]]) if kept else markup


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
    from lxml.cssselect import CSSSelector  # cssselect loads only where a selector is asked for

    return CSSSelector(selector, translator="html")


def render_lines(root: etree._Element) -> list[str]:
    """The visible text of the tree, one block per line.

    A text node's own line breaks (in ``<pre>``, say) stay inside its line.
    """
    return [block.text for block in render_blocks(root, with_context=False)]


@dataclass(frozen=True, slots=True)
class Block:
    """A line of a page's visible text and where it sits in the page (``context``):
    ``tag=`` its block element, ``in=`` the landmark elements around it
    (``LANDMARK_TAGS``), ``cls=`` the words of the class and id names of its
    nearest elements, ``links=`` the share of its text inside links (in quarters)."""

    text: str
    context: tuple[str, ...] = ()


def render_blocks(root: etree._Element, with_context: bool = True) -> list[Block]:
    """The visible text of the tree, one block per line, each with its context in the page
    (that of the element its first text lies in) where ``with_context``."""
    blocks: list[Block] = []
    parts: list[str] = []
    skip_depth = svg_depth = link_depth = link_chars = 0
    owner: etree._Element | None = root
    contexts: dict[etree._Element, tuple[str, ...]] = {}

    def add(text: str, el: etree._Element, tail: bool = False) -> None:
        nonlocal owner, link_chars
        if not parts:  # the line starts here: in ``el``, or in its parent for its tail
            owner = el.getparent() if tail else el
        parts.append(text)
        if link_depth:
            link_chars += len(text)

    def flush() -> None:
        nonlocal link_chars
        raw = "".join(parts)
        line = _SPACES.sub(" ", raw).strip()
        if line and with_context:
            links = _LINK_KEYS[min(4 * link_chars // len(raw), 3)]
            blocks.append(Block(line, (*_context(owner, contexts), links)))
        elif line:
            blocks.append(Block(line))
        parts.clear()
        link_chars = 0

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = local_name(el)
        if event == "start":
            if skip_depth or tag in DROPPED_TAGS or _hidden(el):
                skip_depth += 1
                continue
            if tag in BLOCK_TAGS:
                flush()
            svg_depth += tag == "svg"
            link_depth += tag == "a"
            if el.text and (not svg_depth or tag == "title"):
                add(el.text, el)
            continue
        if skip_depth:
            skip_depth -= 1
            if not skip_depth and not svg_depth and el.tail:
                add(el.tail, el, tail=True)
            continue
        if tag in BLOCK_TAGS:
            flush()
        svg_depth -= tag == "svg"
        link_depth -= tag == "a"
        if not svg_depth and el.tail:
            add(el.tail, el, tail=True)
    flush()
    return blocks


LANDMARK_TAGS = frozenset(
    "nav aside header footer figure figcaption form blockquote table ul ol dl article main".split()
)
MAX_CLASS_WORDS = 12  # of the nearest elements' class and id names
_CLASS_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_LINK_KEYS = tuple(f"links={q}" for q in range(4))


def _context(el: etree._Element | None, seen: dict[etree._Element, tuple[str, ...]]) -> tuple[str, ...]:
    """``el``'s context keys (without links), from its parent's; ``seen`` holds those
    already worked out. Iterative, so that deep nesting cannot exhaust the stack."""
    path = []
    while el is not None and el not in seen:
        path.append(el)
        el = el.getparent()
    keys = seen[el] if el is not None else ("tag=none",)
    for node in reversed(path):
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        keys = seen[node] = _child_keys(keys, local_name(node), names)
    return keys


@lru_cache(maxsize=1 << 14)
def _child_keys(parent: tuple[str, ...], tag: str, names: str) -> tuple[str, ...]:
    """The context keys of an element: its parent's, with its own block tag, landmark and
    class words (nearest first, ``MAX_CLASS_WORDS`` at most)."""
    block = f"tag={tag}" if tag in BLOCK_TAGS else parent[0]
    landmarks = [k for k in parent if k.startswith("in=")]
    if tag in LANDMARK_TAGS and f"in={tag}" not in landmarks:
        landmarks.append(f"in={tag}")
    words = [k for k in parent if k.startswith("cls=")]
    if names.strip():
        found = (w.lower() for w in _CLASS_WORD.findall(names))
        own = [f"cls={w}" for w in found if 3 <= len(w) <= 20]
        words = list(dict.fromkeys([*own, *words]))[:MAX_CLASS_WORDS]
    return (block, *landmarks, *words)


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
