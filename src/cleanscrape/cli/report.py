"""``cleanscrape explain --html``: one self-contained page showing what was removed and why.

Each document is a section: its title and address where the page gave them, its
source with every removed span struck through and coloured by reason, its purity,
and its counts per reason. The page opens with a legend and, for several
documents, an index to sort (click a column) and filter (by name, title or
reason). Each reason has its own colour, from its place in ``Reason``, so sections
made in different worker processes agree.
"""

from __future__ import annotations

import hashlib
import html
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from ..core.spans import pieces
from ..core.text import plural
from ..core.types import Cleaned, Reason

GOLDEN_ANGLE = 137.508  # successive reasons' hues this far apart: neighbours never look alike
REASONS = [r.value for r in Reason]


def style() -> str:
    """The report's style sheet (``data/report.css``), read when a report is made."""
    return resources.files("cleanscrape").joinpath("data/report.css").read_text("utf-8")


def reason_hue(reason: str) -> int:
    """A stable hue (0-359) for a reason, each reason its own.

    >>> len({reason_hue(r.value) for r in Reason}) == len(Reason)
    True
    """
    index = REASONS.index(reason) if reason in REASONS else zlib.crc32(reason.encode())
    return round(index * GOLDEN_ANGLE) % 360


def page_line(title: str | None, url: str | None) -> str:
    """What the page said it is: its title and its address (a link only for http and https)."""
    parts = [f"<b>{html.escape(title)}</b>"] if title else []
    if url:
        shown = html.escape(url)
        linked = url.startswith(("http://", "https://"))
        parts.append(f'<a href="{html.escape(url, quote=True)}">{shown}</a>' if linked else shown)
    return f'<p class="page">{" · ".join(parts)}</p>' if parts else ""


def anchor(label: str) -> str:
    """The section id for a document label."""
    return "d" + hashlib.sha1(label.encode()).hexdigest()[:12]


def report_section(label: str, result: Cleaned) -> str:
    """One document's section: heading, purity, counts, and the marked-up source."""
    parts = []
    for start, end, r in pieces(result.source, result.removals):
        span = result.source[start:end]
        if r is None:
            parts.append(html.escape(span))
            continue
        reason = str(r.reason)
        title = html.escape(f"{reason} ({r.filter}: {r.rule}; confidence {r.confidence:.2f})", quote=True)
        body = span.rstrip()  # the line break stays outside, so the label sits on the struck line
        parts.append(
            f'<del style="--h:{reason_hue(reason)}" data-reason="{reason}" title="{title}">'
            f"{html.escape(body)}</del>{html.escape(span[len(body) :])}"
        )
    tally = (
        ", ".join(f"{reason} {n}" for reason, n in result.reason_counts.most_common()) or "nothing removed"
    )
    return (
        f'<section id="{anchor(label)}"><h2>{html.escape(label)}</h2>{page_line(result.title, result.url)}'
        f'<p class="meta">purity {result.purity:.3f} · {plural(len(result.removals), "removal")}: {tally}</p>'
        f'<div class="doc">{"".join(parts)}</div></section>\n'
    )


@dataclass(frozen=True)
class Entry:
    """A document of the report, as its index and legend see it."""

    label: str
    purity: float
    reasons: Counter[str]
    title: str | None = None


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
        f"<style>{style()}</style></head><body><h1>{html.escape(title)}</h1>",
        f"<p>{plural(len(entries), 'document')}, {plural(sum(totals.values()), 'removal')}. Removed spans "
        "are struck through, coloured by reason; hover one for its rule and confidence.</p>",
        f'<p class="legend">{legend or "No removals."}</p>',
    ]
    if len(entries) > 1:
        head.append(_index(entries))
    return "".join(head) + "".join(sections) + "</body></html>\n"


def _index(entries: list[Entry]) -> str:
    """The table of documents, with a filter box and sortable columns (an inline script)."""
    rows = "".join(
        f'<tr data-reasons="{html.escape(" ".join(sorted(e.reasons)), quote=True)}">'
        f'<td><a href="#{anchor(e.label)}">{html.escape(e.label)}</a></td>'
        f"<td>{html.escape(e.title or '')}</td>"
        f'<td data-value="{e.purity:.3f}">{e.purity:.3f}</td>'
        f'<td data-value="{sum(e.reasons.values())}">{sum(e.reasons.values())}</td></tr>'
        for e in entries
    )
    columns = "".join(f"<th>{name}</th>" for name in ("document", "title", "purity", "removals"))
    return (
        '<p><input id="filter" type="search" placeholder="filter by name, title or reason" size="40"></p>'
        f'<table id="index"><thead><tr>{columns}</tr></thead><tbody>{rows}</tbody></table>'
        f"<script>{INDEX_SCRIPT}</script>"
    )


# Sort by a clicked column (again: the other way); show only rows whose text or reasons
# hold every word typed in the filter box. Only the report's own table is touched.
INDEX_SCRIPT = """
const table = document.getElementById("index"), body = table.tBodies[0];
table.tHead.addEventListener("click", (event) => {
  const th = event.target.closest("th"); if (!th) return;
  const column = th.cellIndex, up = th.dataset.order !== "up"; th.dataset.order = up ? "up" : "down";
  const key = (row) => { const cell = row.cells[column]; return cell.dataset.value !== undefined
    ? parseFloat(cell.dataset.value) : cell.textContent.toLowerCase(); };
  const rows = Array.from(body.rows).sort((a, b) => (key(a) > key(b) ? 1 : key(a) < key(b) ? -1 : 0));
  (up ? rows : rows.reverse()).forEach((row) => body.appendChild(row));
});
document.getElementById("filter").addEventListener("input", (event) => {
  const words = event.target.value.toLowerCase().split(/\\s+/).filter(Boolean);
  for (const row of body.rows) {
    const text = (row.textContent + " " + row.dataset.reasons).toLowerCase();
    row.hidden = !words.every((word) => text.includes(word));
  }
});
"""
