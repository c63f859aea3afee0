"""Page layout: the menus, teasers and footers around an article in a full-page dump.

Lines matching a pattern mined across sites ("privacy policy", "skip to main
content") go wherever they are. Beyond those, on a full-page dump the learned
line model (``learned.line_model``) scores each line from its shape and context and
keeps the article's run. The model reads the input as given, as it was
trained: lines the rules removed still tell it what the page looks like. Text
the pipeline takes for extracted (an article region HTML mode cut from its
page, an extractor's output; ``provenance``) is no page dump: the model leaves
it alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core.segment import glued_lines, line_groups, line_segment
from ..core.types import Document, Family, InputState, Reason, Removal, Segment
from ..learned.line_model import LineModel, article_run, default_model, is_page_dump
from .base import Filter

# "— Jane Doe (@janedoe) November 18, 2019": the last line of an embedded post.
EMBED_ATTRIBUTION = re.compile(r"^\s*[—–-]\s*.{1,80}\(@\w{1,30}\)\s+\w+\.? \d{1,2}, \d{4}\s*$")
SCORE_BANDS = 10  # a removal's rule names its line's model score in tenths: calibrated apart
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
        matched = set()
        found = self.model.patterns_in(doc)
        glued = glued_lines(doc.segments) if found else set()
        for seg, match in found:
            matched.add(seg.index)
            kind, tokens = match.kind, match.tokens
            # A prefix pattern ends after its words: in a glued line, the rest may be an article's.
            end = len(seg.norm) if kind == "line" else _end_of_words(seg.norm, len(tokens))
            rule = f"pattern:{kind}:{' '.join(tokens)}"
            yield self.drop_prompt(seg, end, glued, Reason.LEARNED_PATTERN, rule, PREFIX_TAIL_WORDS)
        if doc.input_state is not InputState.PAGE_DUMP:
            return
        # The model reads the whole input, as it was trained, not what the rules left of it,
        # line by line: a glued line's sentences are judged together, as their line.
        groups = line_groups(doc.segments)
        lines = [line_segment(doc.source, group, i) for i, group in enumerate(groups)]
        in_page = doc.evidence.page_context
        scores = self.model.page_scores(lines, [in_page[line.line] for line in lines] if in_page else ())
        if scores is None:
            return
        gone = matched | doc.removed.keys()
        keep = article_run(self._evidence(doc, groups, scores), lines, self.model.threshold)
        survivors = [line for line, group, k in zip(lines, groups, keep, strict=True)
                     if k and any(seg.index not in gone for seg in group)]  # fmt: skip
        if is_page_dump(survivors):
            return  # still menu-shaped after the cut: a table or catalogue, not an article in chrome
        inside = [i for i, k in enumerate(keep) if k]
        first, last = (inside[0], inside[-1]) if inside else (len(lines), -1)
        model = f"line-model:{self.model.digest[:12]}"
        for i, (group, k) in enumerate(zip(groups, keep, strict=True)):
            if k:
                continue
            reason = Reason.LOW_CONTENT_SCORE if first < i < last else Reason.OUTSIDE_ARTICLE
            rule = f"{model}:band{min(int((1.0 - scores[i]) * SCORE_BANDS), SCORE_BANDS - 1)}"
            for seg in group:
                if seg.index not in doc.removed:
                    yield self.drop_line(seg, reason, rule)

    def _evidence(self, doc: Document, groups: list[list[Segment]], scores: list[float]) -> list[float]:
        """The scores the decoder weighs, corrected where the rules know better than the model.

        Interface text the rules removed (controls, prompts, ads; every sentence
        of a glued line) is no article, whatever its shape. The attribution line
        of an embedded post belongs to the article around it, which the model,
        seeing a name and a date, doubts: it counts as neutral, so that it does
        not break the article's run.
        """
        interface = {i for i, name in doc.removed.items() if name in INTERFACE_TEXT}
        neutral = self.model.threshold
        return [
            0.0 if all(seg.index in interface for seg in group)
            else max(s, neutral) if EMBED_ATTRIBUTION.match(group[0].text) else s
            for group, s in zip(groups, scores, strict=True)
        ]  # fmt: skip


def _end_of_words(norm: str, n: int) -> int:
    """Where the first ``n`` space-separated words of a normalized line end."""
    words = norm.split(" ")
    return len(" ".join(words[:n]))
