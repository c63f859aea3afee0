"""The public API: inputs of every type, HTML mode, errors, and the result's shape."""

from __future__ import annotations

import codecs
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

import cleanscrape
from cleanscrape import CleanscrapeError, Pipeline, Reason, filters
from cleanscrape.core.purity import purity_score
from cleanscrape.core.spans import apply_removals
from cleanscrape.core.text import clear_line_caches
from cleanscrape.core.types import Document, Evidence, Removal
from cleanscrape.crawl import warc
from cleanscrape.pipeline import GIANT_LINE_CHARS, WINDOW_LINES, _evidence_of_window, _line_starts, windows
from cleanscrape.reading.decode import decode

ARTICLE = "The council approved the budget on Tuesday after a debate that lasted six hours."


def test_public_names() -> None:
    for name in ("clean", "clean_many", "purity", "Pipeline", "default_pipeline", "Cleaned", "Removal",
                 "CleanscrapeError", "SiteMemory", "site_lines"):  # fmt: skip
        assert hasattr(cleanscrape, name)
    assert [type(f).__name__ for f in cleanscrape.default_pipeline().filters] == [
        "Placeholders", "Headline", "SiteTemplate", "IconSprites", "Paywall", "Sponsored",
        "Related", "CaptionCredits", "Chrome", "Repeats", "PageLayout",
    ]  # fmt: skip


def test_removal_offsets_point_into_the_input() -> None:
    text = f"Advertisement\n{ARTICLE}\nShare\n"
    result = cleanscrape.clean(text)
    assert [text[r.start : r.end] for r in result.removals] == ["Advertisement\n", "Share\n"]
    assert [r.to_dict(text)["reason"] for r in result.removals] == ["ad_label", "ui_control"]
    assert all(r.filter == "chrome" and r.rule for r in result.removals)


@pytest.mark.parametrize(
    "data",
    [
        ("Grüße aus Köln. " + ARTICLE).encode("cp1252"),
        codecs.BOM_UTF16_LE + ("Grüße aus Köln. " + ARTICLE).encode("utf-16-le"),
        ("Grüße aus Köln. " + ARTICLE).encode("utf-8"),
        ("Grüße aus Köln. " + ARTICLE + " \ud83d").encode("utf-8", errors="surrogatepass"),  # WTF-8
    ],
)
def test_bytes_in_any_encoding(data: bytes) -> None:
    assert cleanscrape.clean(data).text.startswith("Grüße aus Köln.")


def test_meta_charset_is_honoured() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Café crème</p></body></html>'
    assert cleanscrape.clean(page.encode("iso-8859-1")).text == "Café crème"


@pytest.mark.parametrize(
    ("declared", "data"),
    [
        ("iso-8859-1", "„Café“ crème".encode("cp1252")),  # browsers read Latin-1 pages as Windows-1252
        ("windows-1252", "„Café“ crème".encode()),  # the page is UTF-8, whatever it declares
        ("utf-16", "„Café“ crème".encode()),  # markup read byte by byte cannot be UTF-16
    ],
)
def test_a_wrong_charset_declaration_is_read_as_browsers_read_it(declared: str, data: bytes) -> None:
    page = f'<html><head><meta charset="{declared}"></head><body><p>'.encode() + data + b"</p></body></html>"
    assert cleanscrape.clean(page).text == "„Café“ crème"


@pytest.mark.parametrize(
    "declared", ["base64", "rot13", "hex", "zlib", "bz2", "uu", "quopri", "undefined", "idna", "utf-7",
                 "utf-32", "cp037", "unicode_escape"],
)  # fmt: skip
def test_a_charset_that_is_no_web_encoding_is_ignored_as_browsers_ignore_it(declared: str) -> None:
    line = "C++ and 1+1=2 \\x41 and +ADw-b+AD4- stay."  # what utf-7 or unicode_escape would mangle
    page = f'<html><head><meta charset="{declared}"></head><body><p>{line}</p><p>{ARTICLE}</p></body></html>'
    assert cleanscrape.clean(page.encode()).text.startswith(line)


def test_a_transport_charset_comes_before_the_pages_own_unless_the_bytes_deny_it() -> None:
    page = '<meta charset="{}"><p>„Grüße“</p>'
    assert decode(page.format("utf-8").encode("cp1252"), declared="ISO-8859-1").endswith("„Grüße“</p>")
    assert decode(page.format("cp1252").encode("cp1252"), declared="utf-8").endswith("„Grüße“</p>")
    apache_default = warc._decoded(page.format("utf-8").encode(), "text/html; charset=ISO-8859-1")
    assert isinstance(apache_default, str) and apache_default.endswith("„Grüße“</p>")
    assert warc._decoded(b"<p>x</p>", "text/html; charset=x-unknown") == b"<p>x</p>"  # left to decode()


MOJIBAKE = "Grüße aus Köln: „schön“ – Привет".encode().decode("cp1252", errors="replace")


def test_mojibake_is_repaired_in_html_text_and_metadata() -> None:
    page = f"<html><head><title>{MOJIBAKE}</title></head><body><article><p>{MOJIBAKE} Ja.</p><p>{ARTICLE}</p>"
    result = cleanscrape.clean(page + "</article></body></html>", kind="html")
    assert result.text.splitlines()[0].startswith("Grüße aus Köln: „schön“ – Пр")
    assert result.title is not None and result.title.startswith("Grüße aus Köln: „schön“")


def test_mojibake_is_repaired_in_text_decoded_from_bytes_only() -> None:
    text = f"{MOJIBAKE}\n{ARTICLE}\n"
    assert cleanscrape.clean(text.encode(), kind="text").text.startswith("Grüße aus Köln")
    assert cleanscrape.clean(text, kind="text").source == text  # a str is the user's: offsets point into it


@pytest.mark.parametrize("text", ["NÃO SÃO PAULO vence o clássico.", "The Ã character; ÂSPORTS; 5 £ ± 2 µm."])
def test_text_that_only_looks_like_mojibake_is_left_alone(text: str) -> None:
    assert cleanscrape.clean(f"<p>{text}</p><p>{ARTICLE}</p>".encode(), kind="html").source.startswith(text)


def test_a_scrapers_tree_of_a_page_without_a_charset_is_repaired() -> None:
    """lxml reads such a page's UTF-8 as Latin-1; its C1 controls must not be lost first."""
    body = f"<article><p>(Reuters) — Talks in Köln ended.</p><p>{ARTICLE}</p></article>"
    page = f"<html><body>{body}</body></html>"
    tree = lxml.html.fromstring(page.encode("utf-8"))
    assert "â" in "".join(tree.itertext())  # as lxml read it
    assert cleanscrape.clean(tree).text.startswith("(Reuters) — Talks in Köln ended.")
    assert "â" in "".join(tree.itertext())  # the scraper's own tree is not changed


def test_text_said_to_be_extracted_is_never_cut_as_a_page_dump() -> None:
    """kind="extracted": an extractor's output is judged as such, however much it reads like
    a page; the page layout model's cut is for page dumps only."""
    prose = [ARTICLE, "Officials said the new bridge would open in the spring, two years late.",
             "Residents who spoke at the meeting asked for more money for the central library."]  # fmt: skip
    menu = ["Quartier", "Marktplatz", "Stadtteile", "Vereine", "Termine", "Leserbriefe"]
    text = "\n".join(["Home", "World", "Sport", "Log in", "Newsletters", *menu * 5, *prose, *menu * 2])
    by_model = (Reason.OUTSIDE_ARTICLE, Reason.LOW_CONTENT_SCORE)
    guessed = cleanscrape.clean(text, kind="text")
    assert guessed.input_state == "page_dump" and any(r.reason in by_model for r in guessed.removals)
    said = cleanscrape.clean(text.encode(), kind="extracted")
    assert said.input_state == "extracted" and not any(r.reason in by_model for r in said.removals)
    assert said.text.splitlines()[:2] == menu[:2] and all(line in said.text for line in prose)
    with pytest.raises(CleanscrapeError, match="kind='extracted' takes str or bytes"):
        cleanscrape.clean(lxml.html.fromstring("<p>x</p>"), kind="extracted")


def test_bad_arguments_raise_the_package_error() -> None:
    with pytest.raises(CleanscrapeError, match="kind must be one of"):
        cleanscrape.clean("x", kind="pdf")  # type: ignore[arg-type]
    with pytest.raises(CleanscrapeError, match="str, bytes"):
        cleanscrape.clean(42)  # type: ignore[arg-type]
    with pytest.raises(CleanscrapeError, match="takes a Pipeline, not list"):
        cleanscrape.clean("x", pipeline=[filters.Chrome()])  # type: ignore[arg-type]


def test_removals_carry_their_text_and_a_pipeline_prints_short() -> None:
    result = cleanscrape.clean("Advertisement\nThe council approved the budget on Tuesday.\n")
    assert [r.text for r in result.removals] == ["Advertisement\n"]
    assert all(r.text == result.source[r.start : r.end] for r in result.removals)
    assert len(repr(cleanscrape.default_pipeline())) < 2000  # no model weights


def test_html_mode_drops_scripts_and_removes_icon_titles() -> None:
    page = (
        "<!doctype html><html><head><title>T</title><style>p{}</style></head><body>"
        "<header><svg><title>Icon Facebook</title><path d='M0'/></svg><svg><title>Icon Twitter</title></svg>"
        "<svg><title>Icon Mail</title></svg><svg><title>Icon Print</title></svg></header>"
        f"<article><h1>Budget passes</h1><p>{ARTICLE}</p><script>track()</script>"
        "<p style='display:none'>hidden</p>"
        "<figure><figcaption>The hall. Photo: Jane Doe/AFP</figcaption></figure>"
        "<p>Advertisement</p></article></body></html>"
    )
    result = cleanscrape.clean(page)  # too short for trafilatura: the whole page is cleaned
    assert result.text.splitlines() == [ARTICLE, "The hall."]
    assert result.title == "Budget passes"
    assert {r.reason for r in result.removals} == {
        Reason.HEADLINE, Reason.ICON_SPRITE_TEXT, Reason.CAPTION_CREDIT, Reason.AD_LABEL,
    }  # fmt: skip
    assert "track()" not in result.source and "hidden" not in result.source


def test_deeply_nested_html_does_not_crash() -> None:
    page = (
        "<html><body>"
        + "<div>" * 5000
        + f"<p>{ARTICLE}</p>"
        + "</div>" * 5000
        + "<p>After.</p></body></html>"
    )
    assert cleanscrape.clean(page, kind="html").text.splitlines() == [ARTICLE, "After."]


def test_empty_and_whitespace_inputs() -> None:
    for raw in ("", "   \n\n", b"", "<html></html>"):
        result = cleanscrape.clean(raw)
        assert result.text.strip() == ""
        assert result.purity == 0.0


def test_a_filter_is_configurable_and_usable_alone() -> None:
    text = f"{ARTICLE}\nAnalysis\n{ARTICLE[::-1]}\n"
    assert Pipeline([filters.Chrome()]).removals(text)[0].reason == Reason.SECTION_LABEL
    assert Pipeline([filters.Chrome(max_prompt_words=0)]).removals(text) == []


def test_purity_orders_noise_levels() -> None:
    clean_doc = "\n".join([ARTICLE, ARTICLE.upper()[::-1], ARTICLE.replace("budget", "plan")])
    noisy = "\n".join([ARTICLE, "Share", "Advertisement", "Read more »", "Subscribe now", "Comments"])
    assert cleanscrape.purity(noisy) < cleanscrape.purity(clean_doc)
    assert cleanscrape.purity(clean_doc) > 0.95


def test_purity_judges_a_glued_line_sentence_by_sentence() -> None:
    sentences = [ARTICLE, ARTICLE.replace("budget", "plan"), ARTICLE.replace("Tuesday", "Monday")] * 6
    glued = " ".join(sentences)
    fragments = " ".join(s + " Close Image 1 of 8 Photo: AP" for s in sentences)
    assert purity_score(glued, glued) > 0.95
    assert purity_score(fragments, fragments) < purity_score(glued, glued) - 0.03
    as_lines = "\n".join(sentences)  # the same text with line breaks scores as its glued form
    assert purity_score(as_lines, as_lines) == pytest.approx(purity_score(glued, glued), abs=0.01)


def test_windows_cover_a_long_source_and_leave_giant_lines_unjudged() -> None:
    giant = "x" * (GIANT_LINE_CHARS + 1)
    source = "short line\n" * (WINDOW_LINES + 5) + giant + "\nlast line\n"
    spans = list(windows(source))
    assert [s[0] for s in spans[1:]] == [s[1] for s in spans[:-1]] and spans[-1][1] == len(source)
    assert all(source[start:end].count("\n") <= WINDOW_LINES for start, end, _ in spans)
    assert [(source[a:b], judged) for a, b, judged in spans if not judged] == [(giant + "\n", False)]


def test_a_document_longer_than_a_window_is_cleaned_throughout() -> None:
    block = f"Advertisement\n{ARTICLE}\n"
    text = "".join(block.replace("budget", f"budget {n}") for n in range(8_000))  # 16,000 lines
    result = cleanscrape.clean(text, kind="text")
    assert "Advertisement" not in result.text
    assert result.text.count("\n") == 8_000 and result.replay() == result.text


class _ByContext(filters.base.Filter):
    """Removes the lines whose page context holds "nav", and records what each pass saw."""

    family = filters.base.Family.CHROME

    def __init__(self) -> None:
        self.seen: list[list[tuple[str, tuple[str, ...]]]] = []

    def propose(self, doc: Document) -> Iterator[Removal]:
        context = doc.evidence.page_context
        self.seen.append([(seg.text, context[seg.line]) for seg in doc.kept()])
        yield from (
            self.drop_line(s, Reason.UI_CONTROL, "nav") for s in doc.kept() if "nav" in context[s.line]
        )


@pytest.mark.parametrize("breaks", ["\n", "\r\n", "\n\n"])
def test_each_pass_and_window_sees_the_page_context_of_its_own_lines(breaks: str) -> None:
    lines = ["Advertisement", "Home", ARTICLE, "Menu", ARTICLE.replace("budget", "plan"), "Advertisement"]
    context = [(), ("nav",), ("p",), ("nav",), ("p",), ()]
    source = breaks.join(lines) + breaks
    per_line = [c for c in context for _ in range(breaks.count("\n"))]  # a blank line keeps its block's
    by_context = _ByContext()
    pipeline = Pipeline([filters.Chrome(), by_context])
    result = apply_removals(source, pipeline.removals(source, Evidence(page_context=per_line)))
    assert result.split() == (ARTICLE + " " + ARTICLE.replace("budget", "plan")).split()
    assert all(dict(seen)[ARTICLE] == ("p",) for seen in by_context.seen)
    assert len(by_context.seen) == 2  # a second pass ran, on the text the first one left
    menu = source.index("Menu")
    window = _evidence_of_window(_line_starts(source), menu, len(source), Evidence(page_context=per_line))
    assert window.page_context[0] == ("nav",) and len(window.page_context) == source[menu:].count("\n")


PROSE = [
    "The council approved the new budget on Tuesday evening after a debate that ran for six hours.",
    "Members said the plan would pay for two new schools and a library in the north of the town.",
    "The mayor said the vote showed that the council could still agree on the things that mattered.",
    "Work on the first school is to start in the spring, and it should open in two years from now.",
]


def test_safety_net_keeps_an_article_a_broad_rule_would_gut(tmp_path: Path) -> None:
    rules = tmp_path / "too-broad.jsonl"
    rules.write_text('{"pattern": "\\\\bthe\\\\b.*\\\\.$", "family": "chrome", "reason": "ui_control"}\n')
    text = "Advertisement\n" + "\n".join(PROSE) + "\n"
    result = cleanscrape.clean(text, rules=rules)
    assert result.text == "\n".join(PROSE) + "\n", "the article went; only the ad label should"
    assert len(result.rescued) == 4 and all(r.rule.startswith("user:") for r in result.rescued)
    unguarded = Pipeline(cleanscrape.default_pipeline(rules).filters, safety_net=False)
    gutted = cleanscrape.clean(text, pipeline=unguarded)
    assert len(gutted.text.split()) < 12 and not gutted.rescued


def test_safety_net_stays_out_while_an_article_is_left() -> None:
    page = "Home\nNews\nSport\n" + "\n".join(PROSE) + "\nPrivacy Policy\nContact us\n"
    result = cleanscrape.clean(page)
    assert not result.rescued and result.text.startswith(PROSE[0])


def test_memoized_line_tests_give_the_same_result_cold_and_warm() -> None:
    text = f"Advertisement\nShare on Facebook Share on Twitter\n{ARTICLE}\nPicture: REUTERS\nRead more »\n"
    clear_line_caches()
    cold = cleanscrape.clean(text)
    warm = cleanscrape.clean(text)
    assert warm.text == cold.text and warm.removals == cold.removals
    assert cold.text == f"{ARTICLE}\n"


def test_import_leaves_heavy_dependencies_to_first_use() -> None:
    """``import cleanscrape`` stays fast: what only some inputs need loads when one comes."""
    heavy = ("trafilatura", "ftfy", "charset_normalizer", "cssselect", "warcio", "zstandard", "tqdm")
    code = f"import sys, cleanscrape; print([m for m in {heavy!r} if m in sys.modules])"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
