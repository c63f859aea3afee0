"""Read annotated dumps: ``CORPUS/DIR/NAME.txt`` with ``CORPUS/labels/DIR/NAME.labels.jsonl``.

Labels live in their own tree so a folder of dumps holds nothing but dumps.
Each line of a labels file describes the same-numbered line of the dump::

    {"line": 1, "label": "content"}
    {"line": 2, "label": "blank"}
    {"line": 3, "label": "noise", "family": "related", "reason": "related_links"}
    {"line": 4, "label": "content",
     "noise": [{"start": 12, "end": 34, "family": "credits", "reason": "caption_credit"}]}

``start``/``end`` in ``noise`` are character columns within that line. The
format is documented in ``docs/corpus.md``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ...core.spans import apply_removals
from ...core.types import Family, Reason
from ...errors import InputError

LABELS = ("content", "noise", "blank")


@dataclass(frozen=True)
class Span:
    """Noise inside a content line, by column."""

    start: int
    end: int
    family: Family
    reason: Reason


@dataclass(frozen=True)
class LabelledLine:
    """One line of a dump with its annotation."""

    number: int
    text: str
    label: str
    family: Family | None = None
    reason: Reason | None = None
    noise: tuple[Span, ...] = ()

    def content(self) -> str:
        """The line with its noise removed; empty for noise and blank lines."""
        if self.label != "content":
            return ""
        return apply_removals(self.text, self.noise)


def labels_path(text_path: Path) -> Path:
    """Where the labels of ``CORPUS/DIR/NAME.txt`` are: ``CORPUS/labels/DIR/NAME.labels.jsonl``."""
    return text_path.parent.parent / "labels" / text_path.parent.name / (text_path.stem + ".labels.jsonl")


def load_dump(text_path: Path) -> list[LabelledLine]:
    """Read ``text_path`` and its labels; every line must be labelled."""
    labels_file = labels_path(text_path)
    lines = text_path.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(x) for x in labels_file.read_text(encoding="utf-8").splitlines() if x.strip()]
    if len(entries) != len(lines):
        raise InputError(f"{labels_file}: {len(entries)} labels for {len(lines)} lines")
    result = []
    for number, (text, entry) in enumerate(zip(lines, entries, strict=True), start=1):
        if entry.get("line") != number or entry.get("label") not in LABELS:
            raise InputError(f"{labels_file}:{number}: expected line {number} with a label in {LABELS}")
        family = Family(entry["family"]) if "family" in entry else None
        reason = Reason(entry["reason"]) if "reason" in entry else None
        spans = tuple(
            Span(s["start"], s["end"], Family(s["family"]), Reason(s["reason"]))
            for s in entry.get("noise", ())
        )
        result.append(LabelledLine(number, text, entry["label"], family, reason, spans))
    return result


def dumps_in(folder: Path) -> list[Path]:
    """The annotated dumps in ``folder``: text files that have a labels file beside them."""
    return sorted(p for p in folder.glob("*.txt") if labels_path(p).exists())
