"""Show an input with each removed span marked: its reason, the rule that fired, and how
sure the removal is."""

from __future__ import annotations

from ..core.spans import pieces
from ..core.types import Cleaned

RED_STRIKE = "\x1b[9;31m"
DIM = "\x1b[2m"
RESET = "\x1b[0m"


def render(result: Cleaned, *, color: bool = False) -> str:
    """The source with removals marked, ``[-reason rule confidence: «text»-]`` (the removed
    text in guillemets, so that a removed "-" reads as one), or struck through in colour.

    >>> from cleanscrape import clean
    >>> result = clean("Advertisement\\nThe vote passed on Monday.\\n")
    >>> mark = f"[-ad_label ad_label {result.removals[0].confidence:.2f}: «Advertisement»-]"
    >>> render(result) == mark + "\\nThe vote passed on Monday.\\n"
    True
    """
    out = []
    for start, end, r in pieces(result.source, result.removals):
        span = result.source[start:end]
        body = span.rstrip()
        lead = len(body) - len(body.lstrip())
        if r is None or not body.strip():
            out.append(span)
            continue
        why = f"{r.reason} {r.rule} {r.confidence:.2f}"
        mark = (
            f"{RED_STRIKE}{body[lead:]}{RESET}{DIM}[{why}]{RESET}" if color else f"[-{why}: «{body[lead:]}»-]"
        )
        out.append(body[:lead] + mark + span[len(body) :])
    return "".join(out)
