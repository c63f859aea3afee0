"""Peer line filters applied to text dumps: the C4 line rules and jusText line by line."""

from __future__ import annotations

import re
from typing import Any

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


def justext_lines(text: str, language: str = "English") -> str:
    """jusText's classifier over the dump's lines, each line one paragraph."""
    import justext  # type: ignore[import-untyped]  # a benchmark-only dependency
    from lxml import html

    body = html.Element("body")
    for line in text.splitlines():
        if line.strip():
            p = html.Element("p")
            p.text = line
            body.append(p)
    page = html.Element("html")
    page.append(body)
    paragraphs: list[Any] = justext.justext(html.tostring(page), justext.get_stoplist(language))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)
