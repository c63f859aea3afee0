"""Held-out estimates for the learned model: two folds by page, trained on one, scored on the other.

Text inputs and raw pages (HTML mode, whose mined line patterns are learned too) alike.

The shipped model is trained on both dev halves, so its figures on them are
in-sample. These folds estimate what a page the model never saw gets: the
figure to compare with the held-out bars.
"""

from __future__ import annotations

from pathlib import Path

from ..cleaner import clean, default_pipeline
from ..decode import decode
from ..htmltext import html_to_page_text
from ..learn import aeb_examples, corpus_examples, teval_examples, train
from ..model import Evidence, apply_removals
from ..pipeline import Pipeline
from .datasets import Aeb, Teval
from .scoring import Score, segment_score, shingle_score

FOLDS = 2
AEB_SYSTEMS = ("html-text", "inscriptis", "html2text", "trafilatura", "readability_js", "newspaper")


def crossval_scores(root: Path, corpus: Path, teval_extracted: dict[str, str]) -> dict[str, Score]:
    """F1 per input, each page cleaned by a model trained without it.

    Pages are dealt to folds in turn, in sorted order; every system's output
    of a page, and its training lines, stay in that page's fold.
    """
    aeb, teval = Aeb(root), Teval(root)
    fold = {p.id: i % FOLDS for i, p in enumerate(aeb.pages)} | {
        p.url: i % FOLDS for i, p in enumerate(teval.pages)
    }
    rendered = teval_examples(root / "teval-dev")  # each page's render, as text and with its context
    examples = [(fold[ex.name.split("/", 1)[1]], ex) for ex in aeb_examples(root / "aeb-dev")]
    examples += [(fold[ex.name.removeprefix("page/")], ex) for ex in rendered]
    outputs = {s: aeb.output(s) for s in AEB_SYSTEMS}
    renders = {ex.name: ex.text for ex in rendered if not ex.page_context}  # a page rendering to nothing: out
    inputs = [(s, p.id, outputs[s][p.id]) for s in AEB_SYSTEMS for p in aeb.pages]
    inputs += [("teval trafilatura", p.url, teval_extracted[p.url]) for p in teval.pages]
    inputs += [("teval page render", p.url, renders.get(p.url, "")) for p in teval.pages]
    pages = [("aeb HTML mode", p.id, aeb.html(p.id)) for p in aeb.pages]
    pages += [("teval HTML mode", p.url, teval.html(p)) for p in teval.pages]
    whole = [(name.replace("HTML mode", "whole-page route"), key, page) for name, key, page in pages]
    project = corpus_examples(corpus)
    cleaned: dict[str, dict[str, str]] = {}
    for held_out in range(FOLDS):
        training = project + [ex for f, ex in examples if f != held_out]
        pipeline = default_pipeline(model=train(training))
        for name, key, text in inputs:
            if fold[key] == held_out:
                cleaned.setdefault(name, {})[key] = clean(text, kind="text", pipeline=pipeline).text
        for name, key, page in pages:
            if fold[key] == held_out:
                cleaned.setdefault(name, {})[key] = clean(page, kind="html", pipeline=pipeline).text
        for name, key, page in whole:
            if fold[key] == held_out:
                cleaned.setdefault(name, {})[key] = whole_page_text(page, pipeline)
    systems = (*AEB_SYSTEMS, "aeb HTML mode", "aeb whole-page route")
    scores = {s: shingle_score((p.truth, cleaned[s][p.id]) for p in aeb.pages) for s in systems}
    for name in ("teval trafilatura", "teval page render", "teval HTML mode", "teval whole-page route"):
        scores[name] = segment_score((p.with_, p.without, cleaned[name][p.url]) for p in teval.pages)
    return scores


def whole_page_text(page: bytes, pipeline: Pipeline) -> str:
    """A raw page cleaned as HTML mode does where it finds no article region: the whole
    page's render, each line with its context in the page, through the filters and model."""
    text, page_context = html_to_page_text(decode(page))
    decision = pipeline.decide(text, Evidence(page_context=page_context))
    return apply_removals(text, decision.removals)
