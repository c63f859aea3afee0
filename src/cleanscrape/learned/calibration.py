"""How sure a removal is: the calibrated probability that the span it takes is noise.

Every removal a filter proposes gets a confidence from a table learned on
annotated pages (``python -m bench.calibrate`` in a checkout, shipped as ``data/calibration.json``):
for the removal's reason, on this kind of input (``types.InputState``), on this
kind of page (``provenance``), and for its rule (the line model's names its score
band), the share of the 4-shingles such removals
took on the annotated pages that were noise. Each level is shrunk towards the
one above it by ``PRIOR_WEIGHT`` shingles of evidence, so a rule seen on a few
pages speaks with its reason's voice until it has shown its own. The line model's
bands are ordered: a band is never surer noise than a band the model scored nearer
noise (a band seen on few lines would otherwise speak with its reason's voice, which
the bands nearer noise, seen on most, made).

The pipeline applies a removal only when its confidence reaches the operating
point's threshold (``favor``): a removal that is not confidently noise does not
happen. What the user asked for always applies, with confidence 1: their own rules,
and the site template that ``--site-memory`` learned from their crawl.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Literal

from .. import _engine
from ..core.types import Family, InputState, Removal
from ..errors import RuleError

FORMAT = "cleanscrape-calibration/1"
DEFAULT_CALIBRATION = "data/calibration.json"
PRIOR_WEIGHT = 30.0  # shingles of evidence a level needs to outweigh the level above it
UNSEEN_PRIOR = 0.75  # a reason no bench page showed keeps the trust its annotated seed examples earned
USER_RULE_PREFIX = "user:"
CHOSEN_BY_USER = frozenset({Family.SITE_TEMPLATE.value})  # families a user turns on for their crawl

Favor = Literal["balanced", "precision", "recall"]
FAVORS: tuple[Favor, ...] = ("balanced", "precision", "recall")


def cell_keys(removal: Removal, state: InputState, page_type: str) -> tuple[str, ...]:
    """The table's keys for ``removal`` on input in ``state`` from a page of ``page_type``
    ("" where no page said its type), broadest first: its reason, its reason on such
    input, on such a page, and its rule there (the engine's ``cell_keys``).

    >>> from cleanscrape.core.types import Reason
    >>> ad = Removal(0, 4, "chrome", Reason.AD_LABEL, "ad")
    >>> cell_keys(ad, InputState.EXTRACTED, "forum")
    ('ad_label', 'ad_label|extracted', 'ad_label|extracted|forum', 'ad_label|extracted|forum|ad')
    >>> cell_keys(ad, InputState.PAGE_DUMP, "")
    ('ad_label', 'ad_label|page_dump', 'ad_label|page_dump|ad')
    """
    return tuple(_engine.cell_keys(str(removal.reason), str(state), page_type, removal.rule))


@dataclass(frozen=True)
class Calibration:
    """Per cell (``cell_keys``), the noise and article shingles such removals took on
    annotated pages; per operating point, the least confidence a removal needs. ``trust``
    is the engine's reading of the cells (made from them)."""

    cells: Mapping[str, tuple[float, float]] = field(repr=False)
    thresholds: Mapping[str, float]
    digest: str = ""
    sources: tuple[str, ...] = field(default=())
    trust: _engine.Trust = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        trust = _engine.Trust(
            dict(self.cells), PRIOR_WEIGHT, UNSEEN_PRIOR, USER_RULE_PREFIX, set(CHOSEN_BY_USER)
        )
        object.__setattr__(self, "trust", trust)

    def confidence(self, removal: Removal, state: InputState, page_type: str) -> float:
        """P(noise) for ``removal`` on input in ``state`` from a page of ``page_type``: each level
        of its cells (``cell_keys``) shrunk towards the one above by ``PRIOR_WEIGHT`` shingles,
        from ``UNSEEN_PRIOR``; 1.0 for what the user asked for."""
        return self.trust.confidence(removal.filter, str(removal.reason), removal.rule, str(state), page_type)

    def threshold(self, favor: Favor) -> float:
        """The least confidence a removal needs at the operating point ``favor``."""
        if favor not in self.thresholds:
            raise RuleError(f"favor must be one of {', '.join(FAVORS)}, not {favor!r}")
        return self.thresholds[favor]

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "digest": self.digest,
            "sources": list(self.sources),
            "thresholds": dict(sorted(self.thresholds.items())),
            "cells": {k: [round(n, 3), round(a, 3)] for k, (n, a) in sorted(self.cells.items())},
        }
        return json.dumps(data, indent=0, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str, path: str = "<calibration>") -> Calibration:
        """Parse a table from its JSON text; ``path`` names it in errors."""
        try:
            data = json.loads(text)
            if data.get("format") != FORMAT:
                raise RuleError(f"{path}: not a {FORMAT} file; make one with `python -m bench.calibrate`")
            cells = {str(k): (float(v[0]), float(v[1])) for k, v in data["cells"].items()}
            thresholds = {str(k): float(v) for k, v in data["thresholds"].items()}
            return cls(
                MappingProxyType(cells),
                MappingProxyType(thresholds),
                str(data.get("digest", "")),
                tuple(data.get("sources", ())),
            )
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            raise RuleError(f"{path}: malformed calibration table ({exc})") from exc


@cache
def default_calibration() -> Calibration:
    """The table shipped with the package (``data/calibration.json``), read once, on first use."""
    text = resources.files("cleanscrape").joinpath(DEFAULT_CALIBRATION).read_text("utf-8")
    return Calibration.from_json(text, f"cleanscrape/{DEFAULT_CALIBRATION}")
