"""HTML mode: parsed-tree inputs, encodings, metadata, the article region and the headline."""

from __future__ import annotations

import json
from collections.abc import Callable

import lxml.etree
import lxml.html
import pytest
from bs4 import BeautifulSoup

import cleanscrape
from cleanscrape import Reason
from cleanscrape.filters.headline import headline_forms
from cleanscrape.html import page as html_page
from cleanscrape.html.dom import parse, render_blocks, render_lines
from cleanscrape.html.metadata import read_metadata
from cleanscrape.html.page import ARTICLE_REGION, WHOLE_PAGE, _glued_blocks, read_page

SENTENCES = [
    "The council approved the city budget on Tuesday after a debate that lasted well over six hours.",
    "Members of the opposition argued that the plan cut too deeply into the library and park services.",
    "The mayor said the savings were needed to fund repairs to the old bridge across the river next year.",
    "Residents who spoke at the meeting asked for a public vote before any of the branch libraries close.",
    "The finance committee will publish a detailed breakdown of the spending plan early next month.",
]
NAV = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
FOOTER = "<footer><p>© 2019 Example Daily News. All rights reserved.</p><a href='/p'>Privacy</a></footer>"
HEAD = (
    "<head><meta charset='utf-8'><title>Council passes budget | Example Daily News</title>"
    "<meta property='og:title' content='Council passes budget'>"
    "<meta name='author' content='Jane Doe'>"
    "<link rel='canonical' href='https://news.example.com/2019/11/budget'>"
    '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
    '{"@type": "WebSite", "name": "Example"},'
    '{"@type": "NewsArticle", "headline": "Council passes budget", "datePublished": "2019-11-18T09:30:00Z",'
    ' "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}]}]}'
    "</script></head>"
)


def article_page(head: str = HEAD) -> str:
    paragraphs = "".join(f"<p>{s}</p>" for s in SENTENCES)
    body = f"<article><h1>Council passes budget</h1>{paragraphs}<p>Advertisement</p></article>"
    return f"<!doctype html><html>{head}<body>{NAV}<main>{body}</main>{FOOTER}</body></html>"


def test_article_region_drops_page_chrome_and_keeps_every_sentence() -> None:
    page = read_page(article_page())
    assert page.region == ARTICLE_REGION
    result = cleanscrape.clean(article_page())
    assert result.text.splitlines() == SENTENCES
    reasons = {r.reason for r in result.removals}
    assert reasons == {Reason.HEADLINE, Reason.AD_LABEL}
    assert "Privacy" not in result.text and "Home" not in result.source


def test_huge_attribute_values_are_dropped_and_the_article_kept() -> None:
    inlined = "<img src='data:image/png;base64," + "iVBORw0KGgo" * 20_000 + "' alt='A chart'>"
    page = article_page().replace("<h1>", inlined + "<h1>")
    root = parse(page)
    assert root is not None
    assert [len(v) for v in root.xpath("//img/@*")] == [len("A chart")], "the 220 KB data: URI went"
    assert cleanscrape.clean(page).text.splitlines() == SENTENCES


def test_huge_values_go_before_parsing_only_from_inside_tags() -> None:
    """A long quoted value is cut from the markup only inside a tag: a paragraph that reads
    like one (``x="...``) stays, and so does a value holding markup, dropped after parsing."""
    long_text = "word " * 20_000
    state = '<div data-state="' + "<b>x</b>" * 10_000 + '">'
    page = article_page().replace("<h1>", f'<pre>Set x="{long_text}"</pre>{state}<h1>')
    root = parse(page)
    assert root is not None
    assert root.xpath("string(//pre)") == f'Set x="{long_text}"'
    assert root.xpath("//div[@data-state]") == [], "the value holding markup went after parsing"


def test_a_lone_surrogate_in_the_markup_keeps_the_text_after_it() -> None:
    """A str can hold a lone surrogate (a scraper's surrogateescape decode leaves them),
    which UTF-8 cannot: it reads as U+FFFD, and the sentence it stands in stays whole."""
    page = article_page().replace("deeply into", "deeply \udcff into")
    lines = cleanscrape.clean(page).text.splitlines()
    assert lines == [s.replace("deeply into", "deeply \ufffd into") for s in SENTENCES]


def test_a_page_with_a_form_is_read_with_plain_elements() -> None:
    """Elements are all plain ``HtmlElement``s (``dom._PLAIN_ELEMENTS``): a form, its inputs
    and labels read and render like any element."""
    form = (
        "<form action='/subscribe'><label for='m'>Email</label><input id='m' name='m'>"
        "<select name='f'><option>Daily</option></select><textarea>Note</textarea></form>"
    )
    page = article_page().replace("</article>", form + "</article>")
    root = parse(page)
    assert root is not None
    assert {type(el) for el in root.iter("form", "input", "label", "select")} == {lxml.html.HtmlElement}
    assert cleanscrape.clean(page).text.splitlines()[: len(SENTENCES)] == SENTENCES


def test_metadata_comes_from_json_ld_meta_tags_and_links() -> None:
    result = cleanscrape.clean(article_page())
    assert result.title == "Council passes budget"
    assert result.author == "Jane Doe, John Roe"
    assert result.date == "2019-11-18"
    assert result.url == "https://news.example.com/2019/11/budget"


def test_metadata_falls_back_to_meta_tags_and_time_elements() -> None:
    root = lxml.html.fromstring(
        "<html><head><title>Plain title - Site</title><meta name='author' content='https://x.example/jane'>"
        "<script type='application/ld+json'>{not json</script></head>"
        "<body><time datetime='2020-02-29'>29 Feb</time><p>x</p></body></html>"
    )
    meta = read_metadata(root)
    assert meta.title == "Plain title - Site"
    assert meta.author is None  # a profile URL is not a name
    assert meta.date == "2020-02-29"
    assert meta.url is None and meta.headline is None


def test_parsed_trees_give_the_same_result_as_markup() -> None:
    markup = article_page()
    expected = cleanscrape.clean(markup)
    for parsed in (
        lxml.html.fromstring(markup),
        lxml.html.fromstring(markup).getroottree(),
        lxml.etree.HTML(markup),  # a plain lxml tree, read as its markup
        lxml.etree.HTML(markup).getroottree(),
        BeautifulSoup(markup, "html.parser"),
    ):
        result = cleanscrape.clean(parsed)
        assert (result.text, result.title, result.date) == (expected.text, expected.title, expected.date)


def test_a_plain_tree_nested_deeper_than_lxml_html_reads_is_read_as_its_markup() -> None:
    # lxml.html's own parser keeps 256 levels of a page 3,000 divs deep; dom.parse reads it all.
    root = lxml.etree.Element("html")
    element = lxml.etree.SubElement(root, "body")
    for _ in range(3000):
        element = lxml.etree.SubElement(element, "div")
    for sentence in SENTENCES:
        lxml.etree.SubElement(element, "p").text = sentence
    expected = cleanscrape.clean(lxml.etree.tostring(root, encoding="unicode"))
    result = cleanscrape.clean(root)
    assert (result.text, result.input_state) == (expected.text, expected.input_state)
    assert all(sentence in result.text for sentence in SENTENCES)


HOVER_CARD = (
    "<span class='person'><a href='/people/jane-roe'>Jane Roe</a><span class='card'>"
    "<img src='/img/roe.jpg' alt=''><a href='/people/jane-roe'>Jane Roe</a>"
    "<a href='/a/1'>Senate delays the farm bill vote</a> <a href='/a/2'>Ten questions on tariffs</a>"
    "</span></span>"
)


def test_a_hover_card_inside_a_paragraph_goes_and_the_sentence_stays() -> None:
    sentence = SENTENCES[1].replace("Members of", f"Councillor {HOVER_CARD} and members of")
    markup = article_page().replace(SENTENCES[1], sentence)
    text = cleanscrape.clean(markup).text
    assert "Councillor Jane Roe and members of the opposition argued" in text
    assert "Senate delays" not in text and "Ten questions" not in text


@pytest.mark.parametrize("read", [lxml.html.fromstring, lxml.etree.HTML])
def test_a_scrapers_tree_is_left_as_it_was(read: Callable[[str], lxml.etree._Element]) -> None:
    markup = article_page().replace("Members of", f"Councillor {HOVER_CARD} and members of")
    tree = read(markup)
    before = lxml.etree.tostring(tree)
    assert "Senate delays" not in cleanscrape.clean(tree).text
    assert lxml.etree.tostring(tree) == before


def test_a_scrapers_tree_with_mojibake_and_a_control_character_is_repaired() -> None:
    # lxml keeps a control character from a parse, and refuses it when the repair hands it back.
    tree = lxml.html.fromstring(
        "<html><body><p>K\u00c3\u00b6ln ist sch\u00c3\u00b6n\x1f heute.</p></body></html>"
    )
    assert cleanscrape.clean(tree).text.strip() == "Köln ist schön heute."


def test_a_tree_cannot_be_cleaned_as_text() -> None:
    with pytest.raises(cleanscrape.InputError, match="lxml element"):
        cleanscrape.clean(lxml.html.fromstring(article_page()), kind="text")


@pytest.mark.parametrize(
    ("encoding", "declare"),
    [("cp1252", True), ("iso-8859-1", True), ("utf-16", False), ("utf-8-sig", False), ("cp1252", False)],
)
def test_bytes_in_any_encoding(encoding: str, declare: bool) -> None:
    head = HEAD.replace("charset='utf-8'", f"charset='{encoding}'" if declare else "")
    markup = article_page(head).replace(SENTENCES[0], "Grüße aus Köln: " + SENTENCES[0])
    result = cleanscrape.clean(markup.encode(encoding), kind="html")
    assert "Grüße aus Köln" in result.text


def test_an_extraction_glued_into_one_line_gives_way_to_the_whole_page() -> None:
    markup = (
        f"<html><body><article><h1>Budget</h1><p>{SENTENCES[0]}</p>"
        "<figure><figcaption>The hall. Photo: Jane Doe/AFP</figcaption></figure></article></body></html>"
    )
    page = read_page(markup)  # trafilatura's short-page baseline glues all of it into one line
    assert page.region == WHOLE_PAGE
    assert page.text.splitlines() == ["Budget", SENTENCES[0], "The hall. Photo: Jane Doe/AFP"]


def test_an_extraction_gluing_a_few_blocks_gets_its_line_breaks_back(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = ["Home", "News", *SENTENCES, *(f"Story {n}: a new park opens in the east" for n in range(20))]
    assert _glued_blocks(SENTENCES[0] + SENTENCES[1] + " " + SENTENCES[2], blocks) == SENTENCES[:3]
    assert _glued_blocks(" | ".join(SENTENCES[3:]), blocks) == SENTENCES[3:]  # table cells
    assert _glued_blocks(SENTENCES[0] + SENTENCES[2], blocks) is None  # not consecutive
    assert _glued_blocks(" ".join(blocks[2:]), blocks) is None  # most of the page: a page-wide baseline
    markup = article_page()  # trafilatura glues <br>-split bodies like this into one line
    monkeypatch.setattr(html_page, "_article_text", lambda root: SENTENCES[0] + SENTENCES[1])
    page = read_page(markup)
    assert page.region == ARTICLE_REGION and page.text.splitlines() == SENTENCES[:2]


def test_a_whole_page_render_carries_each_lines_context_in_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_page, "_article_text", lambda root: "")  # no region: the whole-page route
    markup = article_page().replace("<main>", "<main class='story-body'><pre>line one\nline two</pre>")
    page = read_page(markup)
    lines = page.text.splitlines()
    assert page.region == WHOLE_PAGE and len(page.context) == len(lines)
    context = dict(zip(lines, page.context, strict=True))
    assert {"tag=li", "in=nav", "in=ul", "links=3"} <= set(context["Home"])
    assert {"tag=p", "in=main", "in=article", "cls=story", "cls=body", "links=0"} <= set(
        context[SENTENCES[0]]
    )
    assert "in=nav" not in context[SENTENCES[0]] and "in=footer" in context["Privacy"]
    assert context["line one"] == context["line two"]  # a <pre>'s lines share their block's context
    monkeypatch.undo()
    assert read_page(article_page()).context == ()  # an article region has none


def test_landmark_lines_go_on_the_whole_page_route(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_page, "_article_text", lambda root: "")  # no region: the whole-page route
    prose_like = {  # sentences in form, so only the markup tells they are no article
        "nav": "Our reporters cover the council, the schools and the courts every day of the week.",
        "footer": "The Courier has been published in this town since 1881 by the same family.",
        "aside": "Readers who liked this story also read about the new library in the north.",
    }
    boxes = "".join(f"<{tag}><p>{text}</p></{tag}>" for tag, text in prose_like.items())
    result = cleanscrape.clean(article_page().replace("</main>", "</main>" + boxes), kind="html")
    assert all(sentence in result.text for sentence in SENTENCES)
    gone = {result.source[r.start : r.end].strip(): r.reason for r in result.removals}
    assert gone[prose_like["nav"]] == Reason.SITE_NAVIGATION
    assert gone[prose_like["footer"]] == Reason.PAGE_FOOTER
    assert gone[prose_like["aside"]] == Reason.SIDEBAR
    unclosed = article_page().replace("<main>", "<nav><main>").replace("</main>", "</main></nav>")
    result = cleanscrape.clean(unclosed, kind="html")  # a <nav> around the article is no menu
    assert result.text.splitlines() == SENTENCES
    assert Reason.SITE_NAVIGATION not in {r.reason for r in result.removals}


def test_render_blocks_count_link_text_and_class_words() -> None:
    root = parse(
        "<div id='mainContent'><p class='intro-text'>Read it in <a href='/x'>the full report</a></p></div>"
    )
    [block] = render_blocks(root)
    assert block.text == "Read it in the full report"
    assert "links=2" in block.context  # 15 of 26 characters in a link: the third quarter
    assert [k for k in block.context if k.startswith("cls=")] == [
        "cls=intro",
        "cls=text",
        "cls=main",
        "cls=content",
    ]
    assert render_lines(root) == [block.text]


@pytest.mark.parametrize("depth", [100_000])
def test_extreme_nesting_keeps_the_text(depth: int) -> None:
    markup = "<html><body>" + "<div>" * depth + f"<p>{SENTENCES[0]}</p>" + "</div>" * depth + "</body></html>"
    result = cleanscrape.clean(markup, kind="html")
    assert SENTENCES[0] in result.text


def test_a_deeply_nested_soup_keeps_the_text() -> None:
    markup = "<html><body>" + "<div>" * 3000 + f"<p>{SENTENCES[0]}</p>" + "</div>" * 3000 + "</body></html>"
    assert SENTENCES[0] in cleanscrape.clean(BeautifulSoup(markup, "html.parser")).text


@pytest.mark.parametrize("markup", ["", "   ", "<html>", "<html><body></body></html>", "\x00<p>\udcff</p>"])
def test_empty_and_broken_pages_give_a_safe_result(markup: str) -> None:
    result = cleanscrape.clean(markup, kind="html")
    assert result.replay() == result.text


def test_headline_forms_split_off_the_site_name() -> None:
    assert "council passes budget" in headline_forms("Council passes budget | Example Daily News")
    assert "news" not in headline_forms("Budget passes - News")  # parts under three words do not count


def test_the_headline_goes_only_from_the_top_and_only_in_html_mode() -> None:
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    late = f"<html><head><title>Council passes budget</title></head><body><article>{body}"
    late += "<p>Council passes budget</p></article></body></html>"
    assert "Council passes budget" in cleanscrape.clean(late).text
    text = "Council passes budget\n" + "\n".join(SENTENCES)
    assert cleanscrape.clean(text, kind="text").text.startswith("Council passes budget")


DECK = "Six hours of debate ended with a vote to fund the bridge and close two branch libraries."


def deck_page(deck_markup: str) -> str:
    head = HEAD.replace("</head>", f"<meta property='og:description' content='{DECK}'></head>")
    return article_page(head).replace("</h1>", "</h1>" + deck_markup)


def test_the_deck_under_the_headline_goes_to_the_description() -> None:
    result = cleanscrape.clean(deck_page(f"<h2 class='sub-head'>{DECK}</h2>"))
    assert result.text.splitlines() == SENTENCES
    assert result.description == DECK
    assert Reason.DECK in {r.reason for r in result.removals}


def test_a_lead_paragraph_that_is_also_the_description_stays() -> None:
    result = cleanscrape.clean(deck_page(f"<p>{DECK}</p>"))
    assert result.text.splitlines() == [DECK, *SENTENCES]
    assert result.description == DECK
    other = cleanscrape.clean(deck_page("<h2>Six hours of debate and a vote on the bridge</h2>"))
    assert "Six hours of debate and a vote on the bridge" in other.text  # not the description


def test_cli_jsonl_records_carry_the_metadata(tmp_path: pytest.TempPathFactory) -> None:
    from conftest import run_cli

    source = tmp_path / "pages.jsonl"  # type: ignore[operator]
    source.write_text(json.dumps({"id": 7, "html": article_page()}) + "\n", encoding="utf-8")
    proc = run_cli("clean", str(source))
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["id"] == 7 and record["title"] == "Council passes budget"
    assert record["date"] == "2019-11-18" and record["url"].startswith("https://news.example.com/")
    assert "description" not in record  # the page states none
    assert record["text"].splitlines() == SENTENCES
