"""Line patterns mined from annotated noise: kept only where they hold across several sites.

A pattern is the whole of a short line ("privacy policy", "skip to main
content") or the first words of one ("follow us", "share this"), in lower-case
word tokens. Mining counts, for each candidate, the distinct sites where it
labels noise (support) and the share of its labelled lines that are noise
(precision); a pattern ships only with enough of both. The patterns travel in
the line-model file, with their support and precision.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .. import _engine

PATTERN_KINDS = ("line", "prefix")
MIN_SITES = 4
MIN_PRECISION = 0.97


@dataclass(frozen=True)
class LinePattern:
    """A mined pattern with its evidence."""

    kind: str  # "line" or "prefix"
    tokens: tuple[str, ...]
    sites: int
    precision: float

    def to_dict(self) -> dict[str, object]:
        return {self.kind: " ".join(self.tokens), "sites": self.sites, "precision": round(self.precision, 4)}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> LinePattern:
        """Read one pattern back; a malformed entry raises KeyError, TypeError or ValueError."""
        kind = next(k for k in PATTERN_KINDS if k in data) if any(k in data for k in PATTERN_KINDS) else None
        if kind is None or not isinstance(data[kind], str):
            raise ValueError(f"pattern {data!r}")
        tokens = tuple(str(data[kind]).split())
        return cls(kind, tokens, int(str(data["sites"])), float(str(data["precision"])))


def line_keys(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The candidate patterns a line can match, as (kind, tokens): the whole line (up to 6
    words), then its first 2, 3 and 4 words (of a line up to 8); none for a line holding a
    digit or of under 3 letters (the engine's, which the model's lookup shares).

    >>> line_keys("Follow us on Twitter")[0]
    ('line', ('follow', 'us', 'on', 'twitter'))
    >>> [" ".join(tokens) for kind, tokens in line_keys("Follow us on Twitter") if kind == "prefix"]
    ['follow us', 'follow us on']
    """
    return _engine.line_keys(text)


def mine(lines: Iterable[tuple[str, str, bool]]) -> list[LinePattern]:
    """Patterns from (site, line text, is content) triples, most widely supported first."""
    noise_sites: dict[tuple[str, tuple[str, ...]], set[str]] = defaultdict(set)
    noise, content = Counter[tuple[str, tuple[str, ...]]](), Counter[tuple[str, tuple[str, ...]]]()
    for site, text, is_content in lines:
        for key in line_keys(text):
            if is_content:
                content[key] += 1
            else:
                noise[key] += 1
                noise_sites[key].add(site)
    found = []
    for key, sites in noise_sites.items():
        precision = noise[key] / (noise[key] + content[key])
        if len(sites) >= MIN_SITES and precision >= MIN_PRECISION:
            found.append(LinePattern(key[0], key[1], len(sites), precision))
    return sorted(found, key=lambda p: (-p.sites, -p.precision, p.kind, p.tokens))
