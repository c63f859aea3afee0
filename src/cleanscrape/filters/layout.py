"""Page layout: the menus, teasers and footers around an article in a full-page dump.

Lines matching a pattern mined across sites ("privacy policy", "skip to main
content") go: on a page dump, every line a pattern opens; on extracted text only a
line that is a whole pattern, since there a mined opening ("what's", "your email")
starts subheads and sentences as often as prompts. Beyond those, on a full-page
dump the learned line model (``learned.line_model``) scores each line from its
shape and context and keeps the article's run. The model reads the input as
given, as it was trained: lines the rules removed still tell it what the page
looks like. Text the pipeline takes for extracted (an article region HTML mode
cut from its page, an extractor's output by ``provenance`` or by the user's
``kind="extracted"``) is no page dump: the model leaves it alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from .. import _engine
from ..core.segment import glued_lines
from ..core.types import Document, Family, InputState, Reason, Removal
from ..learned.line_model import LineModel, default_model
from .base import Filter

# "— Jane Doe (@janedoe) November 18, 2019": the last line of an embedded post.
EMBED_ATTRIBUTION = re.compile(r"^\s*[—–-]\s*.{1,80}\(@\w{1,30}\)\s+\w+\.? \d{1,2}, \d{4}\s*$")
HANDLE = _engine.Needles(["(@"])  # what every embedded post's attribution holds
PREFIX_TAIL_WORDS = 8  # a mined prefix ("sign up") opens a prompt that runs on ("… for our newsletter")
INTERFACE_TEXT = frozenset(
    str(f)
    for f in (Family.CHROME, Family.PAYWALL, Family.SPONSORED, Family.PLACEHOLDERS, Family.ICON_SPRITES)
)


@dataclass(frozen=True)
class PageLayout(Filter):
    """Remove lines matching mined patterns, and the lines of a page dump outside the article."""

    family = Family.PAGE_LAYOUT
    model: LineModel = field(default_factory=default_model)

    def propose(self, doc: Document) -> Iterable[Removal]:
        matched = []
        removals = []
        found = self.model.patterns_in(doc)
        if doc.input_state is not InputState.PAGE_DUMP:
            found = [(seg, match) for seg, match in found if match.kind == "line"]
        glued = glued_lines(doc.lines()) if found else set()
        for seg, match in found:
            matched.append(seg.index)
            kind, tokens = match.kind, match.tokens
            # A prefix pattern ends after its words: in a glued line, the rest may be an article's.
            end = len(seg.norm) if kind == "line" else _end_of_words(seg.norm, len(tokens))
            rule = f"pattern:{kind}:{' '.join(tokens)}"
            removals.append(
                self.drop_prompt(seg, end, glued, Reason.LEARNED_PATTERN, rule, PREFIX_TAIL_WORDS)
            )
        if doc.input_state is not InputState.PAGE_DUMP:
            return removals
        # The model reads the whole input, as it was trained, not what the rules left of it,
        # line by line: a glued line's sentences are judged together, as their line. The
        # rules know better where they removed interface text (controls, prompts, ads): no
        # article, whatever its shape. The attribution line of an embedded post belongs to
        # the article around it, which the model, seeing a name and a date, doubts: it
        # counts as neutral, so that it does not break the article's run.
        interface = [i for i, name in doc.removed.items() if name in INTERFACE_TEXT]
        held = HANDLE.each(doc.lines(), [])
        attribution = [i for i in held if EMBED_ATTRIBUTION.match(doc.segments[i].text)]
        cut = self.model.page_cut(doc, interface, matched, attribution)
        reasons = [Reason.OUTSIDE_ARTICLE, Reason.LOW_CONTENT_SCORE]  # outside, inside the article's run
        return removals + self.drop_lines(doc, cut, reasons, _band_rules(self.model.digest))


@cache
def _band_rules(digest: str) -> tuple[str, ...]:
    """The rule of a line the model cut, by its score band, for the model of ``digest``."""
    return tuple(f"line-model:{digest[:12]}{_engine.BAND_MARK}{band}" for band in range(_engine.SCORE_BANDS))


def _end_of_words(norm: str, n: int) -> int:
    """Where the first ``n`` space-separated words of a normalized line end."""
    words = norm.split(" ")
    return len(" ".join(words[:n]))
