"""Peers: line filters applied to text dumps (the C4 line rules, jusText line by line), and
HTML extractors applied to raw pages (jusText, readability-lxml, resiliparse)."""

from __future__ import annotations

import re
from typing import Any

from cleanscrape.core.text import words
from cleanscrape.html.dom import parse, render_lines
from cleanscrape.html.render import html_to_text
from cleanscrape.learned.language import detect_language
from cleanscrape.reading.decode import decode

END_PUNCTUATION = (".", "?", "!", '"', "'")
ELLIPSIS = "..."
POLICY_SUBSTRINGS = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)
CITATION = re.compile(r"\[\d*]|\[edit]|\[citation needed]")
C4_MIN_WORDS = 3
C4_MAX_WORD_LENGTH = 1000


def c4_lines(text: str) -> str:
    """The C4 line rules as datatrove applies them, document-level drops off.

    >>> c4_lines("Menu\\nThe vote passed on Monday.\\nWe use cookies here.")
    'The vote passed on Monday.'
    """
    kept = []
    for raw in text.splitlines():
        line = raw.strip()
        words = line.split()
        if any(len(w) > C4_MAX_WORD_LENGTH for w in words):
            continue
        line = CITATION.sub("", line)
        if not line.endswith(END_PUNCTUATION) or line.endswith(ELLIPSIS):
            continue
        if len(words) < C4_MIN_WORDS:
            continue
        lowered = line.lower()
        if "javascript" in lowered or any(p in lowered for p in POLICY_SUBSTRINGS):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def _justext(markup: bytes, language: str) -> str:
    """The paragraphs jusText keeps of ``markup``, with the stoplist of ``language``."""
    import justext  # type: ignore[import-untyped]  # a benchmark-only dependency

    paragraphs: list[Any] = justext.justext(markup, justext.get_stoplist(language))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def justext_lines(text: str, language: str = "English") -> str:
    """jusText's classifier over the dump's lines, each line one paragraph."""
    from lxml import html

    body = html.Element("body")
    for line in text.splitlines():
        if line.strip():
            p = html.Element("p")
            p.text = line
            body.append(p)
    page = html.Element("html")
    page.append(body)
    return _justext(html.tostring(page), language)


# jusText's stoplist for each language ``detect_language`` knows.
JUSTEXT_STOPLISTS = {
    "cs": "Czech", "da": "Danish", "de": "German", "en": "English", "es": "Spanish", "fr": "French",
    "it": "Italian", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ru": "Russian", "sv": "Swedish",
    "tr": "Turkish",
}  # fmt: skip


def justext_page(page: bytes) -> str:
    """jusText on a raw page, with the stoplist of the page's language (English when unknown)."""
    language = detect_language(words(html_to_text(decode(page))))
    return _justext(page, JUSTEXT_STOPLISTS.get(language or "en", "English"))


def readability_page(page: bytes) -> str:
    """readability-lxml's article of a raw page, one line per block."""
    from readability import Document  # type: ignore[import-untyped]  # a benchmark-only dependency

    root = parse(Document(decode(page)).summary(html_partial=True))  # its own decoding varies by version
    return "\n".join(render_lines(root)) if root is not None else ""


def resiliparse_page(page: bytes) -> str:
    """resiliparse's main-content text of a raw page, decoded as it detects."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import detect_encoding
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse_from_bytes(page, detect_encoding(page) or "utf-8")
    return str(extract_plain_text(tree, main_content=True))
