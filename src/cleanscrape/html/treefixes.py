"""Fixes made to a page's tree before the article region is extracted.

Three layouts defeat extraction or a text rendering, and each shows in the
tree, not in text (and one element is never shown at all):

- link cards: hover cards and icon link bars set inside a paragraph, which a
  text rendering glues into the sentence around them;
- teaser lists: lists of links to other pages, each item an image and a short
  headline, which extraction keeps when their header is gone;
- split article bodies: an article cut into several containers of one class
  (one per chunk between ads), of which extraction keeps only the first;
- templates: ``<template>`` holds inert markup a script may clone, never shown
  as it stands, which trafilatura reads as text.

Cards, teaser lists and templates are dropped; split bodies are joined into their first
container. A scraper's own tree is never changed: the fixes go to a copy.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import islice

from lxml import etree

from .. import _engine
from .dom import local_name, settable

MIN_CARD_LINKS = 2
MIN_CARD_LINK_SHARE = 0.8


def templates(root: etree._Element) -> list[etree._Element]:
    """The outermost ``<template>`` elements. On the dev pages their text is never article
    text (99 of them, 350 KB of text), unlike that of ``hidden`` or ``display: none``
    elements, which is often the rest of an article behind a "read more"."""
    return [el for el in root.iter("template") if not any(a.tag == "template" for a in el.iterancestors())]


def link_cards(root: etree._Element) -> list[etree._Element]:
    """Hover cards and icon link bars set inside paragraphs: the innermost ``span`` or
    ``div`` in a ``<p>`` holding an image and two or more links, nearly all of its text
    link text. A text rendering glues them into the sentence around them ("Rep. Ilhan
    OmarIlhan OmarSanders doubles down on …"). Only paragraphs with an image are walked,
    each once, so deep nesting stays linear.
    """
    cards: list[etree._Element] = []
    for para in root.iter("p"):
        if next(para.iter("img"), None) is not None and not any(a.tag == "p" for a in para.iterancestors()):
            cards += _cards_in(para)
    return cards


def _cards_in(para: etree._Element) -> list[etree._Element]:
    cards = []
    open_paragraphs = 0
    stack: list[list[int]] = []  # per open element: images, links, link characters, characters, cards
    for event, el in etree.iterwalk(para, events=("start", "end")):
        tag = local_name(el)
        if event == "start":
            open_paragraphs += tag == "p"
            stack.append([0, 0, 0, len(el.text or ""), 0])
            continue
        images, links, link_chars, chars, inner_cards = stack.pop()
        open_paragraphs -= tag == "p"
        images += tag == "img"
        links += tag == "a"
        link_chars = chars if tag == "a" else link_chars
        card = (
            tag in ("span", "div")
            and open_paragraphs > 0
            and not inner_cards
            and images > 0
            and links >= MIN_CARD_LINKS
            and link_chars >= MIN_CARD_LINK_SHARE * max(chars, 1)
        )
        if card:
            cards.append(el)
        if stack:
            parent = stack[-1]
            parent[0] += images
            parent[1] += links
            parent[2] += link_chars
            parent[3] += chars + len(el.tail or "")
            parent[4] += inner_cards + card
    return cards


def drop_elements(elements: list[etree._Element]) -> None:
    """Remove ``elements`` from their tree, keeping the text that follows each (its tail)."""
    for el in elements:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail:
            _add_text(parent, el.getprevious(), el.tail)
        parent.remove(el)


def _add_text(parent: etree._Element, after: etree._Element | None, text: str) -> None:
    """Put ``text`` into ``parent`` right after its child ``after``, or first where None,
    less the characters lxml would refuse (``dom.settable``)."""
    if after is not None:
        after.tail = settable((after.tail or "") + text)
    else:
        parent.text = settable((parent.text or "") + text)


MIN_TEASER_ITEMS = 3
MIN_TEASER_SHARE = 0.8  # of a list's items
MAX_TEASER_WORDS = 40  # in one item
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#]|$)", re.I)


def teaser_lists(root: etree._Element) -> list[etree._Element]:
    """Lists (``ul``/``ol``) of three or more items, nearly all of them a teaser: an image,
    a link to another page (not to an image file) and at most a few dozen words."""
    lists = []
    for el in _lists_with_images(root):
        items = [child for child in el if child.tag == "li"]
        if el.tag in ("ul", "ol") and sum(map(_is_teaser, items)) >= max(
            MIN_TEASER_ITEMS, MIN_TEASER_SHARE * len(items)
        ):
            lists.append(el)
    return _outermost(lists)


def _lists_with_images(root: etree._Element) -> list[etree._Element]:
    """The lists holding an item with an image, found from the images (a page has few)."""
    found: dict[etree._Element, None] = {}
    for image in root.iter("img", "picture"):
        item = next(image.iterancestors("li"), None)
        parent = None if item is None else item.getparent()
        if parent is not None:
            found[parent] = None
    return list(found)


def _is_teaser(item: etree._Element) -> bool:
    if next(item.iter("img", "picture"), None) is None:
        return False
    if not any(not _IMAGE_FILE.search(a.get("href") or "") for a in item.iter("a") if a.get("href")):
        return False
    return 0 < len(" ".join(map(str, item.itertext())).split()) <= MAX_TEASER_WORDS


BODY_CLASS = re.compile(r"body|content|text|article|story|entry|post")
# Class tokens of repeated boxes that are not article text, even where a body-like word
# is in their class ("comment-body", "card-content").
NOT_BODY_TOKENS = frozenset(
    """
    comment comments teaser related card widget modal cookie cookiebar gdpr nav list excerpt
    tab panel accordion dialog feed carousel review reviews paidbox
    """.split()
)
MIN_CHUNK_PARAGRAPHS = 2  # prose paragraphs in each chunk of a split body
CHUNK_REACH = 2  # chunks share an ancestor at most this many levels above the first


@dataclass(frozen=True)
class SplitBody:
    """An article's chunks, in page order: the first receives the others' content."""

    chunks: tuple[etree._Element, ...]


def split_bodies(root: etree._Element) -> list[SplitBody]:
    """Article bodies cut into several containers of one tag and class, each holding
    prose paragraphs, all close together in the tree."""
    groups: dict[tuple[str, str], list[etree._Element]] = defaultdict(list)
    for el in root.iter("div", "section", "article"):
        name = el.get("class")
        if name:
            groups[(el.tag, name)].append(el)
    found = []
    for (_, name), members in groups.items():
        if len(members) < 2 or not _body_like(name):
            continue
        chunks = [el for el in _outermost(members) if _holds_prose_paragraphs(el, MIN_CHUNK_PARAGRAPHS)]
        if len(chunks) < 2:
            continue
        near = set(_ancestors(chunks[0]))
        chunks = [el for el in chunks if el is chunks[0] or near.intersection(_ancestors(el))]
        if len(chunks) >= 2:
            found.append(SplitBody(tuple(chunks)))
    return found


def _body_like(name: str) -> bool:
    lowered = name.lower()
    return bool(BODY_CLASS.search(lowered)) and not NOT_BODY_TOKENS.intersection(
        re.split(r"[^a-z0-9]+", lowered)
    )


def _ancestors(el: etree._Element) -> list[etree._Element]:
    return list(islice(el.iterancestors(), CHUNK_REACH))


def _holds_prose_paragraphs(el: etree._Element, least: int) -> bool:
    """Whether ``el`` holds ``least`` prose paragraphs, read until it is known."""
    prose = (p for p in el.iter("p") if _engine.is_prose(" ".join(map(str, p.itertext()))))
    return next(islice(prose, least - 1, None), None) is not None


def join_chunks(body: SplitBody) -> None:
    """Move the content of every chunk after the first into the first, in page order."""
    first, *others = body.chunks
    for other in others:
        if other.text:
            _add_text(first, first[-1] if len(first) else None, other.text)
            other.text = None
        first.extend(list(other))
    drop_elements(list(others))


def _outermost(elements: list[etree._Element]) -> list[etree._Element]:
    """``elements`` less those inside another of them."""
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]


def fixed_tree(root: etree._Element, owned: bool) -> etree._Element:
    """``root`` with templates, link cards and teaser lists dropped and split bodies joined; where
    there is anything to fix and the tree is not ``owned``, a fixed copy."""
    if not owned and _nothing_to_fix(root):
        return root
    if not owned:
        root = copy.deepcopy(root)
    drop_elements(templates(root) + link_cards(root) + teaser_lists(root))
    for body in split_bodies(root):
        join_chunks(body)
    return root


def _nothing_to_fix(root: etree._Element) -> bool:
    return not (templates(root) or link_cards(root) or teaser_lists(root) or split_bodies(root))
