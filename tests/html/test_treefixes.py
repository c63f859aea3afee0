"""Fixes to a page's tree before extraction: teaser lists dropped, split article bodies joined."""

from __future__ import annotations

import lxml.html
from test_html_mode import FOOTER, HEAD, NAV, SENTENCES

import cleanscrape
from cleanscrape.html.dom import parse
from cleanscrape.html.treefixes import split_bodies, teaser_lists

FIRST = [f"<p>{s} {s}</p>" for s in SENTENCES]
SECOND = [f"<p>Part two, paragraph {i}: {s}</p>" for i, s in enumerate(SENTENCES)]
AD = "<div class='ad-slot'><p>Shop the sale on winter coats today</p></div>"


def page(article: str) -> str:
    body = f"{NAV}<main><article>{article}</article></main>{FOOTER}"
    return f"<!doctype html><html>{HEAD}<body>{body}</body></html>"


def chunk(paragraphs: list[str], name: str = "body article__body") -> str:
    return f"<div class='grid'><div class='{name}'>{''.join(paragraphs)}</div></div>"


def split_article(name: str = "body article__body") -> str:
    chunks = f"{chunk(FIRST, name)}{AD}{chunk(SECOND, name)}"
    return page(f"<h1>Council passes budget</h1><div class='chunks'>{chunks}</div>")


def teaser(n: int, words: str = "Ten questions on the new tariffs") -> str:
    image = f"<a href='/story/{n}'><figure><img src='/img/{n}.jpg' alt=''></figure></a>"
    dek = "<h4>What the new duties mean for farmers in the county</h4>"
    return f"<li>{image}<h3><a href='/story/{n}'>{words} {n}</a></h3>{dek}</li>"


def test_an_article_split_into_chunks_keeps_every_chunk_in_page_order() -> None:
    text = cleanscrape.clean(split_article()).text
    assert all(f"Part two, paragraph {i}:" in text for i in range(len(SENTENCES)))
    assert text.index(SENTENCES[-1]) < text.index("Part two, paragraph 0")
    assert "winter coats" not in text  # what sat between the chunks stays out


def test_repeated_boxes_that_are_not_article_text_are_not_joined() -> None:
    root = parse(split_article(name="comment-body"))
    assert root is not None and split_bodies(root) == []
    root = parse(split_article())
    assert root is not None and [len(b.chunks) for b in split_bodies(root)] == [2]


def test_chunks_far_apart_in_the_tree_are_not_joined() -> None:
    far = f"<div><div><div>{chunk(SECOND)}</div></div></div>"
    root = parse(page(f"<h1>Budget</h1>{chunk(FIRST)}{AD}{far}"))
    assert root is not None and split_bodies(root) == []


def test_a_teaser_list_after_the_article_goes() -> None:
    teasers = "<ul class='latest'>" + "".join(teaser(n) for n in range(4)) + "</ul>"
    text = cleanscrape.clean(page(f"<h1>Council passes budget</h1>{''.join(FIRST)}{teasers}")).text
    assert text.splitlines() == [f"{s} {s}" for s in SENTENCES]  # trafilatura alone keeps the list


def test_lists_that_are_not_teasers_stay() -> None:
    long_item = " ".join(SENTENCES)
    without_images = "<ul>" + "".join(f"<li><a href='/s/{n}'>Source {n}</a></li>" for n in range(4)) + "</ul>"
    gallery = "<ul>" + "".join(
        f"<li><a href='/img/{n}.jpg'><img src='/img/{n}.jpg'></a>Hall {n}</li>" for n in range(4)
    )
    long_items = "<ul>" + "".join(teaser(n, long_item) for n in range(4)) + "</ul>"
    two = "<ul>" + "".join(teaser(n) for n in range(2)) + "</ul>"
    for markup in (without_images, gallery + "</ul>", long_items, two):
        root = parse(page(markup))
        assert root is not None and teaser_lists(root) == [], markup


def test_a_scrapers_tree_is_not_joined_in_place() -> None:
    tree = lxml.html.fromstring(split_article())
    before = lxml.html.tostring(tree)
    assert "Part two, paragraph 4" in cleanscrape.clean(tree).text
    assert lxml.html.tostring(tree) == before


def test_template_markup_is_no_text_of_the_page_and_the_scrapers_tree_keeps_it() -> None:
    inert = "<template><p>Your comment has been posted and will appear once it is approved.</p></template>"
    tree = lxml.html.fromstring(page("<h1>Council passes budget</h1>" + "".join(FIRST[:3]) + inert))
    before = lxml.html.tostring(tree)
    text = cleanscrape.clean(tree).text
    assert SENTENCES[0] in text and "will appear once it is approved" not in text  # before: it leaked
    assert lxml.html.tostring(tree) == before


def test_text_after_a_dropped_element_keeps_its_words_and_loses_only_what_lxml_refuses() -> None:
    # libxml2 keeps a control character in a parse; lxml refuses to be handed one back.
    for page in ("<template></template>\x1f", "<p>Before<template>x</template>\x1f after\x08</p>"):
        result = cleanscrape.clean(page, kind="html")
        assert "\x1f" not in result.text and "\x08" not in result.text
    assert "after" in cleanscrape.clean("<p>Before<template>x</template>\x1f after</p>", kind="html").text
