"""Run filters over a document, merge their proposals, and repeat until stable."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate
from types import MappingProxyType

from . import _engine
from .core.safety import rescue
from .core.segment import Segmented, segment_table
from .core.spans import apply_removals, pieces
from .core.types import NO_EVIDENCE, Document, Evidence, InputState, Removal, new_removal
from .filters.base import Filter
from .learned.calibration import Calibration, Favor, default_calibration
from .learned.provenance import PAGE_DUMP_PROBABILITY, ProvenanceModel, default_provenance, opening_features

MAX_PASSES = 4
WINDOW_CHARS = 1 << 19  # 512 KiB: ten times a long article's page dump
WINDOW_LINES = 10_000
GIANT_LINE_CHARS = 1 << 20


@dataclass(frozen=True)
class Decision:
    """What a pipeline decided: the removals, those the content safety net undid, and what
    the input was taken for: its state and its page's type (as its HTML said, else as its
    text reads)."""

    removals: list[Removal]
    rescued: list[Removal]
    input_state: InputState = InputState.EXTRACTED
    page_type: str = ""


@dataclass(frozen=True)
class Pipeline:
    """An ordered list of filters. Later filters see what earlier ones removed.

    With ``safety_net`` (the default) a document that reads like an article
    is never gutted (see ``cleanscrape.core.safety``). Each proposed removal gets its
    calibrated confidence (``cleanscrape.learned.calibration``) and applies only when that
    reaches the operating point ``favor`` ("balanced", "precision": less noise
    left, "recall": more article kept, as trafilatura's flags), or ``min_confidence``
    where given (0 applies every proposal). ``calibration`` replaces the shipped table.

    >>> from cleanscrape.filters import Chrome
    >>> Pipeline([Chrome()]).removals("Body text here.\\nAdvertisement\\n")[0].reason
    <Reason.AD_LABEL: 'ad_label'>
    """

    filters: Sequence[Filter]
    safety_net: bool
    favor: Favor
    calibration: Calibration | None
    min_confidence: float | None
    provenance: ProvenanceModel | None

    def __init__(
        self,
        filters: Iterable[Filter] = (),
        *,
        safety_net: bool = True,
        favor: Favor = "balanced",
        calibration: Calibration | None = None,
        min_confidence: float | None = None,
        provenance: ProvenanceModel | None = None,
    ) -> None:
        object.__setattr__(self, "filters", tuple(filters))
        object.__setattr__(self, "safety_net", safety_net)
        object.__setattr__(self, "favor", favor)
        object.__setattr__(self, "calibration", calibration)
        object.__setattr__(self, "min_confidence", min_confidence)
        object.__setattr__(self, "provenance", provenance)
        self.threshold  # noqa: B018  an unknown favor fails here, not on the first document

    @property
    def table(self) -> Calibration:
        """The calibration table its removals are judged by."""
        return self.calibration or default_calibration()

    @property
    def reader(self) -> ProvenanceModel:
        """The model that tells what a text is."""
        return self.provenance or default_provenance()

    @property
    def threshold(self) -> float:
        """The least confidence a removal needs to apply."""
        return self.table.threshold(self.favor) if self.min_confidence is None else self.min_confidence

    @property
    def selectors(self) -> tuple[str, ...]:
        """The CSS selectors its filters want matched on an HTML page, each once."""
        return tuple(dict.fromkeys(s for f in self.filters for s in f.selectors))

    def removals(self, source: str, evidence: Evidence = NO_EVIDENCE) -> list[Removal]:
        """All removals for ``source``, disjoint and sorted, offsets into ``source`` (see ``decide``)."""
        return self.decide(source, evidence).removals

    def decide(self, source: str, evidence: Evidence = NO_EVIDENCE) -> Decision:
        """The removals for ``source``, and the ones the safety net undid.

        The pipeline is run again on its own output until it removes nothing
        more (at most ``MAX_PASSES`` times), so cleaning is idempotent.
        ``evidence`` is what is known beyond the text (``types.Evidence``). A
        source far longer than any page is cleaned a window of lines at a
        time, so time stays linear and memory bounded (see ``windows``).
        """
        if not self.filters:
            return Decision([], [])
        whole = len(source) <= WINDOW_CHARS and source.count("\n") < WINDOW_LINES
        segmented = segment_table(source) if whole else None
        table = segmented[1] if segmented else None
        features = cache(lambda: opening_features(source, table=table))  # read only where needed
        page_type = evidence.page_type or self.reader.page_type(features())
        state = input_state(lambda: self.reader.page_dump_probability(features()), evidence)
        if segmented is not None:
            decided = self._decide_in(source, segmented, evidence, state)
            return replace(decided, page_type=page_type)
        kept: list[Removal] = []
        rescued: list[Removal] = []
        line_starts = _line_starts(source) if evidence.page_context else []  # once, not per window
        for start, end, judged in windows(source):
            if judged:
                window = _evidence_of_window(line_starts, start, end, evidence)
                text = source[start:end]
                part = self._decide_in(text, segment_table(text), window, state)
                kept.extend(r.shifted(start) for r in part.removals)
                rescued.extend(r.shifted(start) for r in part.rescued)
        _engine.return_free_memory()  # what the windows freed goes back now, not while the output is made
        return Decision(kept, rescued, state, page_type)

    def _decide_in(
        self, source: str, segmented: Segmented, evidence: Evidence, state: InputState
    ) -> Decision:
        decided: list[Removal] = []
        current = source
        judged: dict[tuple[str, str, str], float] = {}  # a removal's confidence rests on these alone
        for _ in range(MAX_PASSES):
            if current is source:
                seen, pass_segments = evidence, segmented
            else:  # a later pass reuses the first pass's reading of the lines it keeps whole
                seen = _evidence_for(current, source, decided, evidence)
                pass_segments = segment_table(current, known=segmented[1])
            found = self._single_pass(current, seen, pass_segments, state, judged)
            if not found:
                break
            # a pass's removals are merged already: the first pass's are the decision
            decided = merge(decided + _map_to_source(found, source, decided)) if decided else found
            current = apply_removals(source, decided)
        if not self.safety_net:
            return Decision(decided, [], state)
        return Decision(*rescue(source, segmented[1], decided), state)

    def _single_pass(
        self,
        text: str,
        evidence: Evidence,
        segmented: Segmented,
        state: InputState,
        judged: dict[tuple[str, str, str], float],
    ) -> list[Removal]:
        """One run of every filter; each proposal gets its confidence and applies only when it
        reaches ``threshold``, so that later filters see only what will go. The confidence
        is conditioned on the page type only where the page's HTML gave it (``evidence``): a
        type read off a text changes as the text is cleaned, and cleaning must be idempotent.
        ``judged`` holds the confidences known so far, by filter, reason and rule (the pass's
        input state and page type are the document's)."""
        segments, lines = segmented
        proposals: list[Removal] = []
        removed: dict[int, str] = {}
        # One document a pass: its ``removed`` shows what the filters before the one
        # proposing removed, as each filter's proposals are all made before any applies.
        doc = Document(text, segments, MappingProxyType(removed), evidence, state, lines)
        reading = (self.table.trust, str(state), evidence.page_type)  # what judges a confidence
        threshold = self.threshold
        for n, filt in enumerate(self.filters):
            found = list(filt.propose(doc))
            if not found:
                continue
            read_later = lines if n < len(self.filters) - 1 else None  # the last one's, none reads
            proposals += _engine.judge(found, judged, reading, threshold, Removal, read_later, removed)
        return merge(proposals)


def input_state(page_dump_probability: Callable[[], float], evidence: Evidence) -> InputState:
    """What a text was cut from: an HTML page's article region is extracted text, its
    whole-page render a page dump; plain text is a page dump when the provenance model
    gives that over ``PAGE_DUMP_PROBABILITY`` (asked only then), else an extractor's output.

    >>> low = lambda: 0.2
    >>> str(input_state(low, NO_EVIDENCE)), str(input_state(low, Evidence(page_context=(("p",),))))
    ('extracted', 'page_dump')
    """
    if evidence.article_region:
        return InputState.EXTRACTED
    if evidence.page_context or page_dump_probability() > PAGE_DUMP_PROBABILITY:
        return InputState.PAGE_DUMP
    return InputState.EXTRACTED


def windows(source: str) -> list[tuple[int, int, bool]]:
    """Spans ``(start, end, judged)`` that cover ``source`` (the engine's ``text_windows``):
    runs of whole lines (split at "\\n") of at most ``WINDOW_LINES`` lines or about
    ``WINDOW_CHARS`` characters. A line longer than ``GIANT_LINE_CHARS`` is no line a
    filter knows: it stands alone and is kept unjudged.

    >>> list(windows("a\\n" * 3))
    [(0, 6, True)]
    """
    return _engine.text_windows(source, WINDOW_CHARS, WINDOW_LINES, GIANT_LINE_CHARS)


def merge(removals: Iterable[Removal]) -> list[Removal]:
    """Sort removals and resolve overlaps: the earlier, longer one absorbs the rest (the
    engine's ``merge``).

    >>> from cleanscrape.core.types import Reason
    >>> a = Removal(0, 5, "x", Reason.AD_LABEL, "a")
    >>> b = Removal(3, 9, "y", Reason.UI_CONTROL, "b")
    >>> [(r.start, r.end, r.rule) for r in merge([b, a])]
    [(0, 9, 'a')]
    """
    return _engine.merge(list(removals), Removal)


def _kept_pieces(source: str, decided: list[Removal]) -> list[tuple[int, int, int]]:
    """The spans of ``source`` that ``decided`` keeps: (offset in the cleaned text, source
    start, source end)."""
    kept: list[tuple[int, int, int]] = []
    out_pos = 0
    for start, end, removed in pieces(source, decided):
        if removed is None:
            kept.append((out_pos, start, end))
            out_pos += end - start
    return kept


def _evidence_for(current: str, source: str, decided: list[Removal], evidence: Evidence) -> Evidence:
    """``evidence`` for the partly cleaned text ``current``: each of its lines takes the page
    context (``Evidence.page_context``, by source line) of the source line it starts on."""
    if not evidence.page_context:
        return evidence
    kept = _kept_pieces(source, decided)
    starts = [k[0] for k in kept]
    source_lines = _line_starts(source)
    context = []
    for pos in _line_starts(current):
        out_start, src_start, _ = kept[bisect_right(starts, pos) - 1]
        context.append(evidence.page_context[bisect_right(source_lines, src_start + pos - out_start) - 1])
    return replace(evidence, page_context=tuple(context))


def _evidence_of_window(line_starts: list[int], start: int, end: int, evidence: Evidence) -> Evidence:
    """``evidence`` for the whole lines ``source[start:end]`` of a source whose lines start
    at ``line_starts``: their page context only."""
    if not evidence.page_context:
        return evidence
    first, last = bisect_left(line_starts, start), bisect_left(line_starts, end)
    return replace(evidence, page_context=evidence.page_context[first:last])


def _line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts, lines as ``str.splitlines`` (and segments) count them."""
    return list(accumulate((len(line) for line in text.splitlines(keepends=True)), initial=0))[:-1]


def _map_to_source(found: list[Removal], source: str, decided: list[Removal]) -> list[Removal]:
    """Translate removals made on the partly cleaned text back to ``source`` offsets.

    A span that crosses an earlier removal is split into the kept pieces around it.
    """
    kept = _kept_pieces(source, decided)
    starts = [k[0] for k in kept]
    mapped = []
    for r in found:
        i = max(bisect_right(starts, r.start) - 1, 0)
        while i < len(kept) and kept[i][0] < r.end:
            out_start, src_start, src_end = kept[i]
            lo = max(r.start, out_start)
            hi = min(r.end, out_start + src_end - src_start)
            if lo < hi:
                delta = src_start - out_start
                _, _, family, reason, rule, confidence, _ = r
                mapped.append(new_removal((lo + delta, hi + delta, family, reason, rule, confidence, "")))
            i += 1
    return mapped
