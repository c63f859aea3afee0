"""Split plain text into line segments without losing a single offset."""

from __future__ import annotations

from .model import Segment
from .textutil import normalize, word_count


def segment_text(source: str) -> list[Segment]:
    """Return one Segment per non-blank line, with exact offsets.

    >>> [(s.text, s.start, s.tail) for s in segment_text("a\\n\\nb\\n")]
    [('a', 0, 3), ('b', 3, 5)]
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in source.splitlines(keepends=True):
        body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        if body.strip():
            spans.append((pos, pos + len(body)))
        pos += len(line)
    segments = []
    for i, (start, end) in enumerate(spans):
        tail = spans[i + 1][0] if i + 1 < len(spans) else len(source)
        text = source[start:end]
        segments.append(Segment(i, start, end, tail, text, normalize(text), word_count(text)))
    return segments
