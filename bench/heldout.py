"""Figures on data nothing was fitted to: leave one dataset out.

Of the three dev halves (aeb-dev, teval-dev, wcxb-dev), two fit the line
model's weights, the calibration table and the operating points; the third is
cleaned with what they learned and scored. The hand-written rules were
written while looking at aeb-dev and teval-dev, so only the wcxb-dev figures
are held out for them too; the aeb and teval figures are held out for
everything learned and in-sample for the rules.

Each dataset is read once into ``Case``s: an input (an extractor's output, a
page's full-text render, or the raw page for HTML mode) with the truth it is
scored against.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from cleanscrape.api import EXTRACTED, clean_page, default_pipeline, read_input, says_its_type
from cleanscrape.core.spans import apply_removals
from cleanscrape.core.types import Cleaned, InputState, Removal
from cleanscrape.html.page import Page
from cleanscrape.html.render import html_to_text
from cleanscrape.learned.calibration import FAVORS, Calibration, cell_keys
from cleanscrape.learned.line_model import LineModel
from cleanscrape.learned.provenance import ProvenanceModel
from cleanscrape.learned.training.corpus import load_dump
from cleanscrape.learned.training.datasets import Aeb, Teval, Wcxb
from cleanscrape.learned.training.train import (
    Example,
    aeb_examples,
    corpus_examples,
    provenance_examples,
    site_of,
    teval_examples,
    train,
    train_provenance,
    wcxb_examples,
)
from cleanscrape.pipeline import Pipeline
from cleanscrape.reading.decode import decode

from .attribution import Truth, split_removals
from .scoring import Score, segment_score, shingle_score

DATASETS = ("aeb", "teval", "wcxb")
CORPUS = "corpus"  # the project's own annotated dumps: evidence for the cells, not scored
AEB_DUMPS = ("html-text", "inscriptis", "html2text")
AEB_EXTRACTORS = (
    "trafilatura", "rs_trafilatura", "readability_js", "newspaper", "goose3",
    "boilerpipe", "dragnet", "justext", "AutoExtract", "Diffbot",
)  # fmt: skip
HTML_MODE = "HTML mode"
PAGE_RENDER = "page render"
TRAFILATURA = "trafilatura"
EXTRACTOR_OUTPUTS = frozenset((*AEB_EXTRACTORS, TRAFILATURA))  # text an extractor made
THRESHOLDS = (*(round(0.5 + 0.05 * i, 2) for i in range(10)), 1.01)  # 1.01: nothing goes
BALANCED_FLOOR = 0.5  # a removal no likelier noise than article never happens
SITE_FOLDS = 2
# Inputs, not shingles, are the independent evidence: one documentation page full of
# template code must not outvote every page where "{{name}}" was a leak.
INPUT_EVIDENCE_CAP = 20.0
FAVOR_SLACK = 0.005  # F1 the precision and recall points may give up against the balanced one
# F1 closer than this to the best is as good (the tables print three decimals): of such
# points, balanced takes the one that removes least.
F1_TIE = 0.0005


@dataclass(frozen=True)
class Case:
    """One input of a dataset, read, with what it is scored against: an article ``body``
    (shingle F1), ``with``/``without`` snippets (segment F1), or both."""

    dataset: str
    input: str
    key: str
    page: Page
    truth: Truth
    body: str | None = None
    snippets: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    page_type: str = ""
    site: str = ""

    @property
    def group(self) -> str:
        return f"{self.dataset} {self.input}"


@dataclass(frozen=True)
class Split:
    """What is held out: a whole dataset (``fold`` None), or one fold of its sites."""

    dataset: str
    fold: int | None = None

    def holds(self, case: Case) -> bool:
        return case.dataset == self.dataset and (self.fold is None or site_fold(case.site) == self.fold)

    def __str__(self) -> str:
        return self.dataset if self.fold is None else f"{self.dataset} sites, fold {self.fold + 1}"


def site_fold(site: str) -> int:
    """The fold of a site: a stable hash of its host, so no site is on both sides."""
    return zlib.crc32(site.encode()) % SITE_FOLDS


LEAVE_ONE_OUT = tuple(Split(d) for d in DATASETS)
SITE_SPLITS = tuple(Split(d, k) for d in DATASETS for k in range(SITE_FOLDS))


def load_cases(root: Path, extract: dict[str, dict[str, str]] | None = None) -> list[Case]:
    """Every input of the three halves, read. ``extract`` maps ``dataset -> key -> text`` of
    trafilatura's output where already computed (``trafilatura_outputs``)."""
    extract = extract or trafilatura_outputs(root)
    cases = []
    aeb = Aeb(root)
    for system in (*AEB_EXTRACTORS, *AEB_DUMPS):
        out = aeb.output(system)
        cases += [_text_case("aeb", system, p.id, out[p.id], Truth.of_body(p.truth), body=p.truth,
                             page_type="article", site=site_of(p.url)) for p in aeb.pages]  # fmt: skip
    for p in aeb.pages:
        cases.append(Case("aeb", HTML_MODE, p.id, read_input(aeb.html(p.id), "html"), Truth.of_body(p.truth),
                          body=p.truth, page_type="article", site=site_of(p.url)))  # fmt: skip
    teval = Teval(root)
    for t in teval.pages:
        truth, raw = Truth.of_snippets(t.with_, t.without), teval.html(t)
        known = {"snippets": (tuple(t.with_), tuple(t.without)), "site": site_of(t.url)}
        cases.append(_text_case("teval", TRAFILATURA, t.url, extract["teval"][t.url], truth, **known))
        cases.append(_text_case("teval", PAGE_RENDER, t.url, html_to_text(decode(raw)), truth, **known))
        cases.append(Case("teval", HTML_MODE, t.url, read_input(raw, "html"), truth, **known))  # type: ignore[arg-type]
    wcxb = Wcxb(root)
    for w in wcxb.pages:
        truth, snippets = Truth.of_body(w.truth), (tuple(w.with_), tuple(w.without))
        raw = wcxb.html(w.id)
        common = {"body": w.truth, "snippets": snippets, "page_type": w.page_type, "site": site_of(w.url)}
        cases.append(_text_case("wcxb", TRAFILATURA, w.id, extract["wcxb"][w.id], truth, **common))
        cases.append(_text_case("wcxb", PAGE_RENDER, w.id, html_to_text(decode(raw)), truth, **common))
        cases.append(Case("wcxb", HTML_MODE, w.id, read_input(raw, "html"), truth, **common))  # type: ignore[arg-type]
    return cases


def corpus_cases(corpus: Path) -> list[Case]:
    """The project corpus as calibration evidence: each labelled dump against its annotated
    content, each negative article against itself (nothing in it is noise)."""
    cases = []
    for example in corpus_examples(corpus):
        path = corpus / example.name
        body = "\n".join(line.content() for line in load_dump(path))
        cases.append(_text_case(CORPUS, "labelled dumps", example.name, example.text, Truth.of_body(body),
                                body=body, site=example.site))  # fmt: skip
    for path in sorted((corpus / "negative").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        cases.append(_text_case(CORPUS, "negative", path.name, text, Truth.of_body(text), body=text))
    return cases


def _text_case(dataset: str, name: str, key: str, text: str, truth: Truth, **scoring: object) -> Case:
    return Case(dataset, name, key, read_input(text, "text"), truth, **scoring)  # type: ignore[arg-type]


def trafilatura_outputs(root: Path) -> dict[str, dict[str, str]]:
    """trafilatura 2.x's output, with the reference settings, for each teval and wcxb page."""
    from .report import teval_extracted, wcxb_extracted

    return {"teval": teval_extracted(Teval(root)), "wcxb": wcxb_extracted(root)}


@dataclass(frozen=True)
class Outcome:
    """A case cleaned with every proposal applied, and each removal's (noise, article) weight."""

    case: Case
    cleaned: Cleaned
    split: tuple[tuple[float, float], ...]

    @property
    def state(self) -> InputState:
        return InputState(self.cleaned.input_state)

    @property
    def said_type(self) -> str:
        """The page type its removals are judged on: the page's, where its HTML was read."""
        return self.cleaned.page_type if says_its_type(self.case.page) else ""

    def confidence(self, table: Calibration, removal: Removal) -> float:
        return table.confidence(removal, self.state, self.said_type)

    def text_at(self, table: Calibration, threshold: float) -> str:
        """The text had only removals of at least ``threshold`` confidence applied."""
        kept = [r for r in self.cleaned.removals if self.confidence(table, r) >= threshold]
        return apply_removals(self.cleaned.source, kept)


def ungated(model: LineModel, provenance: ProvenanceModel | None = None) -> Pipeline:
    """The default filters with ``model``, every proposal applied: what calibration observes."""
    return Pipeline(default_pipeline(model=model).filters, min_confidence=0.0, provenance=provenance)


def observe(cases: Iterable[Case], pipeline: Pipeline) -> list[Outcome]:
    """Each case cleaned by ``pipeline``, with what its removals took."""
    outcomes = []
    for case in cases:
        cleaned = clean_page(case.page, pipeline)
        split = split_removals(cleaned.source, cleaned.removals, case.truth)
        outcomes.append(Outcome(case, cleaned, tuple(split)))
    return outcomes


def fit_cells(outcomes: Iterable[Outcome]) -> dict[str, tuple[float, float]]:
    """The calibration table's cells: noise and article weight summed per ``cell_keys``, each
    input's share scaled down to at most ``INPUT_EVIDENCE_CAP`` shingles."""
    cells: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for o in outcomes:
        own: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for r, (noise, article) in zip(o.cleaned.removals, o.split, strict=True):
            for key in cell_keys(r, o.state, o.said_type):
                own[key][0] += noise
                own[key][1] += article
        for key, (noise, article) in own.items():
            scale = min(1.0, INPUT_EVIDENCE_CAP / (noise + article)) if noise + article else 0.0
            cells[key][0] += noise * scale
            cells[key][1] += article * scale
    return {k: (n, a) for k, (n, a) in cells.items()}


def group_scores(pairs: Iterable[tuple[Case, str]]) -> dict[str, Score]:
    """The primary score of each dataset's input: shingle F1 where there is an article body,
    else segment F1."""
    groups: dict[str, list[tuple[Case, str]]] = defaultdict(list)
    for case, text in pairs:
        groups[case.group].append((case, text))
    return {name: primary_score(items) for name, items in sorted(groups.items())}


def primary_score(items: Sequence[tuple[Case, str]]) -> Score:
    if items[0][0].body is not None:
        return shingle_score((c.body or "", t) for c, t in items)
    return segment_score((list(c.snippets[0]), list(c.snippets[1]), t) for c, t in items if c.snippets)


def snippet_score(items: Sequence[tuple[Case, str]]) -> Score:
    return segment_score((list(c.snippets[0]), list(c.snippets[1]), t) for c, t in items if c.snippets)


def choose_thresholds(outcomes: Sequence[Outcome], table: Calibration) -> dict[str, float]:
    """The operating points (``operating_points``) on ``outcomes``, the fitting data, scored
    by the mean F1 over datasets (each the mean over its inputs) at each threshold."""
    f1: dict[float, float] = {}
    for threshold in THRESHOLDS:
        scores = group_scores((o.case, o.text_at(table, threshold)) for o in outcomes)
        by_dataset: dict[str, list[float]] = defaultdict(list)
        for name, score in scores.items():
            by_dataset[name.split(" ", 1)[0]].append(score.f1)
        f1[threshold] = sum(sum(v) / len(v) for v in by_dataset.values()) / len(by_dataset)
    return operating_points(f1)


def operating_points(f1: Mapping[float, float]) -> dict[str, float]:
    """From the F1 at each threshold: "balanced" is the highest threshold of at least
    ``BALANCED_FLOOR`` within ``F1_TIE`` of the best F1; "precision" takes the lowest
    threshold and "recall" the highest whose F1 is within ``FAVOR_SLACK`` of it.

    >>> operating_points({0.5: 0.8851, 0.55: 0.8850, 0.6: 0.8790, 0.65: 0.8700})
    {'balanced': 0.55, 'precision': 0.5, 'recall': 0.55}
    """
    candidates = [t for t in sorted(f1) if t >= BALANCED_FLOOR]
    best = max(f1[t] for t in candidates)
    balanced = max(t for t in candidates if f1[t] >= best - F1_TIE)
    near = [t for t in candidates if f1[t] >= f1[balanced] - FAVOR_SLACK]
    return {"balanced": balanced, "precision": min(near), "recall": max(near)}


def fit_calibration(outcomes: Sequence[Outcome], sources: Sequence[str]) -> Calibration:
    """A calibration table and its operating points, fitted on ``outcomes`` (the operating
    points on the bench's alone)."""
    cells = fit_cells(outcomes)
    provisional = Calibration(cells, {favor: 0.0 for favor in FAVORS})
    scored = [o for o in outcomes if o.case.dataset != CORPUS]
    return Calibration(cells, choose_thresholds(scored, provisional), sources=tuple(sources))


def examples_of(root: Path, corpus: Path) -> dict[str, list[Example]]:
    """The line model's training examples: the project corpus, and each dev half's."""
    return {
        "corpus": corpus_examples(corpus),
        "aeb": aeb_examples(root / "aeb-dev"),
        "teval": teval_examples(root / "teval-dev"),
        "wcxb": wcxb_examples(root / "wcxb-dev"),
    }


@dataclass
class HeldOut:
    """What a ``Split`` holds out, cleaned by what the rest taught: the calibration table it
    was judged by, its outcomes with every proposal applied (to check that table), its
    cleaning at each operating point, and its extractors' outputs cleaned at the balanced
    point as a user who says what they are cleans them (``kind="extracted"``)."""

    split: Split
    table: Calibration
    outcomes: list[Outcome]
    gated: dict[str, list[tuple[Case, Cleaned]]] = field(default_factory=dict)
    said_extracted: list[tuple[Case, Cleaned]] = field(default_factory=list)


def hold_out(root: Path, corpus: Path, cases: Sequence[Case], splits: Sequence[Split]) -> list[HeldOut]:
    """For each split: fit the model, calibration and operating points on every case it does
    not hold (the line model and calibration on the project ``corpus`` too), then clean what
    it holds with them (with every proposal applied, to check the calibration; at each
    operating point, to score)."""
    examples = examples_of(root, corpus)
    texts = provenance_examples(root)
    evidence = [*cases, *corpus_cases(corpus)]
    results = []
    for split in splits:
        training = examples["corpus"] + [
            ex for d in DATASETS for ex in examples[d] if _fits(d, ex.site, split)
        ]
        model = train(training)
        provenance = train_provenance([ex for ex in texts if _fits(ex.dataset, ex.site, split)])
        fitting = observe((c for c in evidence if not split.holds(c)), ungated(model, provenance))
        table = fit_calibration(fitting, [f"all but {split}"])
        own = [c for c in cases if split.holds(c)]
        result = HeldOut(split, table, observe(own, ungated(model, provenance)))
        for favor in FAVORS:
            pipeline = Pipeline(default_pipeline(model=model).filters, favor=favor, calibration=table,
                                provenance=provenance)  # fmt: skip
            result.gated[favor] = [(c, clean_page(c.page, pipeline)) for c in own]
            if favor == "balanced":
                outputs = (c for c in own if c.input in EXTRACTOR_OUTPUTS)
                said = ((c, replace(c.page, region=EXTRACTED)) for c in outputs)  # as read_input reads it
                result.said_extracted = [(c, clean_page(page, pipeline)) for c, page in said]
        results.append(result)
    return results


def _fits(dataset: str, site: str, split: Split) -> bool:
    """Whether what comes from ``site`` of ``dataset`` may be fitted on: it lies outside the split."""
    return dataset != split.dataset or (split.fold is not None and site_fold(site) != split.fold)


def family_split(pairs: Iterable[tuple[Case, Cleaned]]) -> dict[tuple[str, str, str], tuple[float, float]]:
    """Noise and article shingle weight of what was removed, per (family, reason, input state)."""
    totals: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for case, cleaned in pairs:
        split = split_removals(cleaned.source, cleaned.removals, case.truth)
        for r, (noise, article) in zip(cleaned.removals, split, strict=True):
            key = (r.filter, str(r.reason), cleaned.input_state)
            totals[key][0] += noise
            totals[key][1] += article
    return {k: (n, a) for k, (n, a) in totals.items()}


def reliability(
    outcomes: Iterable[Outcome], table: Calibration, bins: int = 5
) -> list[tuple[str, int, float, float]]:
    """``(confidence bin, removals, mean confidence, observed noise share)`` over ``outcomes``
    judged by ``table``: a calibrated table has the last two close."""
    rows: dict[int, list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0.0])
    for o in outcomes:
        for r, (noise, article) in zip(o.cleaned.removals, o.split, strict=True):
            if noise + article <= 0:
                continue
            p = o.confidence(table, r)
            row = rows[min(int(p * bins), bins - 1)]
            row[0] += 1
            row[1] += p * (noise + article)
            row[2] += noise
            row[3] += noise + article
    return [
        (f"{b / bins:.1f}–{(b + 1) / bins:.1f}", int(n), conf / weight, noise / weight)
        for b, (n, conf, noise, weight) in sorted(rows.items())
        if weight
    ]


def pooled(results: Sequence[HeldOut], favor: str) -> list[tuple[Case, Cleaned]]:
    """What the splits held out, each cleaned at operating point ``favor``, together."""
    return [pair for r in results for pair in r.gated[favor]]


def removal_precision(pairs: Iterable[tuple[Case, Cleaned]]) -> dict[str, tuple[float, float]]:
    """Per dataset input: the noise and article shingle weight of everything removed."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for case, cleaned in pairs:
        for noise, article in split_removals(cleaned.source, cleaned.removals, case.truth):
            totals[case.group][0] += noise
            totals[case.group][1] += article
    return {k: (n, a) for k, (n, a) in totals.items()}
