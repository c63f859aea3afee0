"""Render an HTML page as block-structured text for the line filters.

Scripts, styles, comments and hidden elements are dropped; each block element
starts a new line; ``<svg><title>`` text is kept inline, so icon sprites look
exactly as they do in text dumps and the icon filter can remove them. The
walk is iterative, so deep nesting cannot exhaust the stack; where libxml2
gives up on nesting deeper than its limit, a flat tag-stripping pass keeps
all of the page's text instead of losing what follows.
"""

from __future__ import annotations

import html as entities
import re

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
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]{0,40})\b[^<>]*>|<!--|<![^<>]*>")


def html_to_text(markup: str) -> str:
    """Return the visible text of ``markup``, one block per line.

    >>> html_to_text("<p>One <b>two</b></p><script>x()</script><p>Three</p>")
    'One two\\nThree'
    """
    markup = _XML_DECL.sub("", markup, count=1)
    if not markup.strip():
        return ""
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)
    try:
        root = html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        return flat_text(markup)
    lines: list[str] = []
    current: list[str] = []
    skip_depth = 0
    svg_depth = 0

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = _local_name(el)
        if event == "start":
            if skip_depth or tag in DROPPED_TAGS or _hidden(el):
                skip_depth += 1
                continue
            if tag == "svg":
                svg_depth += 1
            if tag in BLOCK_TAGS:
                flush()
            if el.text and (not svg_depth or tag == "title"):
                current.append(el.text)
        else:
            if skip_depth:
                skip_depth -= 1
                if skip_depth:
                    continue
                if el.tail and not svg_depth:
                    current.append(el.tail)
                continue
            if tag == "svg":
                svg_depth -= 1
            if tag in BLOCK_TAGS:
                flush()
            if el.tail and not svg_depth:
                current.append(el.tail)
    flush()
    return "\n".join(lines)


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


def flat_text(markup: str) -> str:
    """Strip tags in one linear pass, without building a tree; block tags break lines.

    >>> flat_text("<div><p>One &amp; <b>two</b></p><script>x</script><!-- c --><p>Three</p></div>")
    'One & two\\nThree'
    """
    out: list[str] = []
    pos = 0
    skipping: str | None = None
    for m in _TAG.finditer(markup):
        if m.start() < pos:
            continue
        if not skipping:
            out.append(markup[pos : m.start()])
        pos = m.end()
        if m.group(0) == "<!--":
            close = markup.find("-->", pos)
            pos = len(markup) if close < 0 else close + 3
            continue
        closing, tag = m.group(1), (m.group(2) or "").lower()
        if skipping:
            if closing and tag == skipping:
                skipping = None
            continue
        if tag in DROPPED_TAGS and not closing and tag != "head":
            skipping = tag
        elif tag in BLOCK_TAGS:
            out.append("\n")
    if not skipping:
        out.append(markup[pos:])
    lines = (_SPACES.sub(" ", line).strip() for line in entities.unescape("".join(out)).split("\n"))
    return "\n".join(line for line in lines if line)
