"""``cleanscrape explain --html``: one self-contained page showing what was removed and why.

Each document is a section: its source with every removed span struck
through and coloured by reason, its purity, and its counts per reason. The
page opens with a legend and, for several documents, an index. Colours come
from the reason's name, so sections made in different worker processes agree.
"""

from __future__ import annotations

import hashlib
import html
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from .model import Cleaned

STYLE = resources.files("cleanscrape").joinpath("data/report.css").read_text("utf-8")


def reason_hue(reason: str) -> int:
    """A stable hue (0-359) for a reason.

    >>> reason_hue("ad_label") == reason_hue("ad_label")
    True
    """
    return zlib.crc32(reason.encode()) % 360


def anchor(label: str) -> str:
    """The section id for a document label."""
    return "d" + hashlib.sha1(label.encode()).hexdigest()[:12]


def report_section(label: str, result: Cleaned) -> str:
    """One document's section: heading, purity, counts, and the marked-up source."""
    source = result.source
    parts = []
    cursor = 0
    for r in result.removals:
        parts.append(html.escape(source[cursor : r.start]))
        reason = str(r.reason)
        title = html.escape(f"{reason} ({r.filter}: {r.rule}; confidence {r.confidence:.2f})", quote=True)
        span = source[r.start : r.end]
        body = span.rstrip()  # the line break stays outside, so the label sits on the struck line
        parts.append(
            f'<del style="--h:{reason_hue(reason)}" data-reason="{reason}" title="{title}">'
            f"{html.escape(body)}</del>{html.escape(span[len(body) :])}"
        )
        cursor = r.end
    parts.append(html.escape(source[cursor:]))
    counts = Counter(str(r.reason) for r in result.removals)
    tally = ", ".join(f"{reason} {n}" for reason, n in counts.most_common()) or "no removals"
    return (
        f'<section id="{anchor(label)}"><h2>{html.escape(label)}</h2>'
        f'<p class="meta">purity {result.purity:.3f} · {len(result.removals)} removals: {tally}</p>'
        f'<div class="doc">{"".join(parts)}</div></section>\n'
    )


@dataclass(frozen=True)
class Entry:
    """A document of the report, as its index and legend see it."""

    label: str
    purity: float
    reasons: Counter[str]


def report_page(entries: Iterable[Entry], sections: Iterable[str], title: str = "cleanscrape report") -> str:
    """The whole page: legend with counts per reason, an index when there are several documents."""
    entries = list(entries)
    totals: Counter[str] = Counter()
    for entry in entries:
        totals.update(entry.reasons)
    legend = "".join(
        f'<span class="swatch" style="--h:{reason_hue(reason)}">{html.escape(reason)} {n}</span>'
        for reason, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    head = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>',
        f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>",
        f"<p>{len(entries)} documents, {sum(totals.values())} removals. Removed spans are struck through,"
        " coloured by reason; hover one for its rule.</p>",
        f'<p class="legend">{legend or "No removals."}</p>',
    ]
    if len(entries) > 1:
        rows = "".join(
            f'<tr><td><a href="#{anchor(e.label)}">{html.escape(e.label)}</a></td>'
            f"<td>{e.purity:.3f}</td><td>{sum(e.reasons.values())}</td></tr>"
            for e in entries
        )
        head.append(f"<table><tr><th>document</th><th>purity</th><th>removals</th></tr>{rows}</table>")
    return "".join(head) + "".join(sections) + "</body></html>\n"
