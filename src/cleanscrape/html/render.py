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

from .dom import BLOCK_TAGS, DROPPED_TAGS, Block, TooDeep, parse, render_blocks

_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]{0,40})\b[^<>]*>|<!--|<![^<>]*>")


def html_to_text(markup: str) -> str:
    """Return the visible text of ``markup``, one block per line.

    >>> html_to_text("<p>One <b>two</b></p><script>x()</script><p>Three</p>")
    'One two\\nThree'
    """
    return html_to_page_text(markup, with_context=False)[0]


def html_to_page_text(markup: str, with_context: bool = True) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """``markup``'s visible text, one block per line, with each line's context in the page
    (``blocks_text``) where ``with_context``; a page too deep for libxml2 gets its flat text
    and no context."""
    try:
        root = parse(markup)
    except TooDeep:
        return flat_text(markup), ()
    return blocks_text(render_blocks(root, with_context)) if root is not None else ("", ())


def blocks_text(blocks: list[Block]) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """The text of ``blocks``, one a line, and the context of each line of that text
    (a block whose text keeps line breaks, from ``<pre>``, gives each of its lines its context).

    >>> from cleanscrape.html.dom import Block
    >>> blocks_text([Block("Home", ("tag=li",)), Block("a\\nb", ("tag=pre",))])
    ('Home\\na\\nb', (('tag=li',), ('tag=pre',), ('tag=pre',)))
    """
    contexts = tuple(b.context for b in blocks for _ in range(max(len(b.text.splitlines()), 1)))
    return "\n".join(b.text for b in blocks), contexts


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
