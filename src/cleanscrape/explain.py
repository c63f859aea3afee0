"""Show an input with each removed span marked: its reason, the rule that fired, and how
sure the removal is."""

from __future__ import annotations

from .model import Cleaned

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
    source = result.source
    out = []
    cursor = 0
    for r in result.removals:
        out.append(source[cursor : r.start])
        span = source[r.start : r.end]
        body = span.rstrip()
        lead = len(body) - len(body.lstrip())
        if body.strip():
            out.append(body[:lead])
            why = f"{r.reason} {r.rule} {r.confidence:.2f}"
            if color:
                out.append(f"{RED_STRIKE}{body[lead:]}{RESET}{DIM}[{why}]{RESET}")
            else:
                out.append(f"[-{why}: «{body[lead:]}»-]")
        out.append(span[len(body) :])
        cursor = r.end
    out.append(source[cursor:])
    return "".join(out)
