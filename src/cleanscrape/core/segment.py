"""Split plain text into segments without losing a single offset.

A segment is a non-blank line, except that a line longer than any paragraph
(``GLUED_LINE_CHARS``) is a whole text glued onto one line, as single-line
extractors and scrapers hand it over: it is split into its sentences, so that
a cookie notice or a prompt glued to the article can go without the article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .. import _engine
from .._engine import GLUED_LINE_CHARS as GLUED_LINE_CHARS
from .._engine import SegmentTable
from .text import normalize
from .types import Segment

# What may stand between a prompt and the capital of the article sentence glued onto it.
_OPENERS = "\"'“„«‹([¿¡ "


def segment_text(source: str) -> list[Segment]:
    """Return one Segment per non-blank line (per sentence of a glued line), with exact offsets.

    >>> [(s.text, s.start, s.tail) for s in segment_text("a\\n\\nb\\n")]
    [('a', 0, 3), ('b', 3, 5)]
    """
    return _segments(source, _engine.text_segments(source, True))


def segment_lines(source: str) -> list[Segment]:
    """Return one Segment per non-blank line, glued lines whole: what the line model learns from."""
    return _segments(source, _engine.text_segments(source, False))


# A text's segments (each made as it is read), and the same as the engine holds them.
Segmented = tuple[Sequence[Segment], SegmentTable]


def segment_table(source: str, known: SegmentTable | None = None) -> Segmented:
    """``segment_text``'s segments (each made the first time it is read: a pass's families read
    few), and the same as the engine holds them for the families' line tests
    (``Document.table``). A segment whose text is one of ``known``'s (the table of the text
    that ``source`` is a cleaned version of) reuses what that table read of it: its
    normalized text, word count and word tokens."""
    table = _engine.text_segments(source, True, known)
    return table.rows_as_read(source, Segment), table


def _segments(source: str, table: SegmentTable) -> list[Segment]:
    return table.rows(source, Segment)


def text_spans(source: str, split_glued: bool = True) -> list[tuple[int, int, int]]:
    """``(start, end, line number)`` of each non-blank line of ``source``, of each sentence
    of a glued line where ``split_glued``: what a segment covers, without building it (the
    engine's ``text_spans``).

    >>> text_spans("Menu\\n\\n" + "It rained. " * 100)[:2]
    [(0, 4, 0), (6, 16, 2)]
    """
    return _engine.text_spans(source, split_glued)


def sentence_spans(line: str, offset: int = 0) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each sentence of ``line`` (plus ``offset``), spaces between
    them left out (the engine's ``sentence_spans``). A sentence ends at . ! ? … or a colon
    (then any closing quotes or brackets) before a space and a letter that is not lower
    case, or glued straight onto the next sentence's capital ("wish.Accept"); CJK full stops
    need no space. A full stop after a short capitalised word or an initial ("Mr.", "J.",
    "U.S.") does not end a sentence.

    >>> line = "Mr. Smith came. It rained!  We use cookies.Accept all"
    >>> [line[a:b] for a, b in sentence_spans(line)]
    ['Mr. Smith came.', 'It rained!', 'We use cookies.', 'Accept all']
    """
    return _engine.sentence_spans(line, offset)


def glued_lines(table: SegmentTable) -> set[int]:
    """The numbers of the lines that the segments of ``table`` (``segment_table``'s, or
    ``Document.lines()``) split into sentences.

    >>> sorted(glued_lines(segment_table("Menu\\n" + "It rained. " * 100)[1]))
    [1]
    """
    return table.glued_lines()


MIN_GLUED_TAIL_WORDS = 3
MAX_PROMPT_TAIL_WORDS = 2  # "Subscribe | now The …": words a prompt rule's match may leave behind
_WORD_SPAN = re.compile(r"\S+")


def glued_tail(seg: Segment, prompt_end: int, tail_words: int = MAX_PROMPT_TAIL_WORDS) -> int | None:
    """Where an article sentence glued unpunctuated onto a prompt starts in ``seg.text``: a
    capitalised word after a lower-case one, at most ``tail_words`` words past the prompt
    (which ends at ``prompt_end`` in ``seg.norm``), with
    ``MIN_GLUED_TAIL_WORDS`` or more words from it on; None when the whole segment is
    the prompt.

    >>> seg = segment_text("Sign up for our newsletter The council met on Monday night.")[0]
    >>> seg.text[glued_tail(seg, len("sign up for our newsletter")):]
    'The council met on Monday night.'
    >>> glued_tail(segment_text("Sign up for our newsletter to get the best stories.")[0], 26) is None
    True
    """
    spans = [m.span() for m in _WORD_SPAN.finditer(seg.text)]
    lead = next((i for i, (a, b) in enumerate(spans) if normalize(seg.text[a:b])), len(spans))
    first = lead + len(seg.norm[:prompt_end].split())  # the first word past the prompt
    last = min(first + tail_words, len(spans) - MIN_GLUED_TAIL_WORDS)
    for i in range(max(first, 1), last + 1):
        before = seg.text[spans[i - 1][0] : spans[i - 1][1]]
        word = seg.text[spans[i][0] : spans[i][1]].lstrip(_OPENERS)
        if not word and i + 1 < len(spans):  # a quote standing apart: « Nous …
            word = seg.text[spans[i + 1][0] : spans[i + 1][1]]
        if word[:1].isupper() and before[-1:].islower():
            return spans[i][0]
    return None
