"""Train the line model from annotated corpora: deterministic, pure Python.

Examples come from the project's labelled dumps and from the benchmark halves,
aligned line by line (``align``). Training is L2-regularised logistic
regression by AdaGrad over a fixed order: the same corpus gives the same file.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..._engine import sigmoid
from ...core.segment import segment_lines
from ...crawl.site_memory import host_of
from ...errors import InputError
from ...html.page import read_page
from ...html.render import html_to_page_text, html_to_text
from ...reading.decode import decode
from ..line_model import LineModel, line_features
from ..patterns import mine
from ..provenance import BIAS, ProvenanceModel, text_features
from .align import align_to_body, align_to_segments
from .corpus import dumps_in, load_dump
from .datasets import Aeb, Teval, Wcxb

EPOCHS = 6
LEARNING_RATE = 0.3
L2 = 3e-3  # picked by 2-fold cross-validation, folds by page and by site (docs/design.md)
DEFAULT_THRESHOLD = 0.5
CLASS_WORD_SITES = 10  # a class-name word must come from this many sites to be learned
# Full-page dumps and extractor outputs: the model must know noise-heavy and clean text.
TRAINING_SYSTEMS = (
    "html-text", "inscriptis", "html2text",
    "trafilatura", "readability_js", "newspaper", "goose3", "boilerpipe",
)  # fmt: skip


@dataclass(frozen=True)
class Example:
    """One labelled dump: its text and a label per non-blank line (None: unknown); for a
    page's render, the context in the page of each line of the text (``Evidence.page_context``)."""

    name: str
    text: str
    labels: Sequence[bool | None]
    site: str = ""  # where the dump came from: patterns must hold across sites
    page_context: Sequence[tuple[str, ...]] = ()


def labelled_lines(
    example: Example, class_words: frozenset[str] | None = None
) -> list[tuple[str, dict[str, float], bool]]:
    """Each known line of an example: its text, its feature vector, its label; of its page
    context's class words (``cls=``), only ``class_words`` where given."""
    segments = segment_lines(example.text)
    if len(segments) != len(example.labels):
        raise ValueError(f"{example.name}: {len(example.labels)} labels for {len(segments)} lines")
    page = example.page_context
    if class_words is not None:
        page = [tuple(k for k in keys if not k.startswith("cls=") or k in class_words) for keys in page]
    feats = line_features(segments, [page[s.line] for s in segments] if page else ())
    known = [(i, label) for i, label in enumerate(example.labels) if label is not None]
    return [(segments[i].text, feats[i], label) for i, label in known]


def digest(examples: Iterable[Example]) -> str:
    """A SHA-256 over the examples' names, sites, texts and labels."""
    h = hashlib.sha256()
    for ex in examples:
        h.update(ex.name.encode() + b"\0" + ex.site.encode() + b"\0" + ex.text.encode() + b"\0")
        h.update(bytes(2 if x is None else int(x) for x in ex.labels))
        h.update("\n".join(" ".join(keys) for keys in ex.page_context).encode())
    return h.hexdigest()


def train(examples: Sequence[Example], threshold: float = DEFAULT_THRESHOLD) -> LineModel:
    """Fit the line model on ``examples`` and mine its patterns from the text dumps.

    Page renders with their context have features of their own (``learned.line_model.PAGE``),
    so the two halves of the model are fitted apart, each with classes weighted to balance.
    """
    rows = [
        (ex.site or ex.name, line) for ex in examples if not ex.page_context for line in labelled_lines(ex)
    ]
    renders = [ex for ex in examples if ex.page_context]
    class_words = _class_words_of_sites(renders)
    page_rows = [line for ex in renders for line in labelled_lines(ex, class_words)]
    weights = _fit([(feats, label) for _, (_, feats, label) in rows])
    weights.update(_fit([(feats, label) for _, feats, label in page_rows]))
    patterns = mine((site, text, label) for site, (text, _, label) in rows)
    return LineModel(weights, threshold, digest(examples), tuple(patterns))


def _class_words_of_sites(renders: Sequence[Example]) -> frozenset[str]:
    """The class-name words (``cls=`` keys) of page renders from ``CLASS_WORD_SITES`` or
    more sites: those carry across sites ("footer", "related"); the rest name one site's markup."""
    sites: dict[str, set[str]] = {}
    for ex in renders:
        for keys in set(ex.page_context):
            for k in keys:
                if k.startswith("cls="):
                    sites.setdefault(k, set()).add(ex.site or ex.name)
    return frozenset(k for k, found in sites.items() if len(found) >= CLASS_WORD_SITES)


def _fit(data: Sequence[tuple[dict[str, float], bool]]) -> dict[str, float]:
    """Logistic regression weights for ``data``, classes weighted to balance."""
    positives = sum(label for _, label in data) or 1
    negatives = (len(data) - positives) or 1
    class_weight = {True: len(data) / (2 * positives), False: len(data) / (2 * negatives)}
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    for _ in range(EPOCHS):
        for feats, label in data:
            z = sum(weights.get(k, 0.0) * v for k, v in feats.items())
            g = (sigmoid(z) - float(label)) * class_weight[label]
            for k, v in feats.items():
                grad = g * v + L2 * weights.get(k, 0.0)
                squares[k] = squares.get(k, 0.0) + grad * grad
                weights[k] = weights.get(k, 0.0) - LEARNING_RATE * grad / math.sqrt(squares[k] + 1e-8)
    return weights


def corpus_examples(root: Path) -> list[Example]:
    """Examples from a project corpus: every dump under ``root`` that has labels."""
    examples = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "labels"):
        for path in dumps_in(folder):
            lines = [line for line in load_dump(path) if line.label != "blank"]
            text = path.read_text(encoding="utf-8")
            labels = [line.label == "content" for line in lines]
            examples.append(Example(f"{folder.name}/{path.name}", text, labels, f"{root.name}/{path.name}"))
    return examples


def aeb_examples(root: Path) -> list[Example]:
    """Examples from the article-extraction half: each system's output aligned to the truth."""
    aeb = Aeb(root.parent)
    examples = []
    present = set(aeb.systems())
    for system in (s for s in TRAINING_SYSTEMS if s in present):
        outputs = aeb.output(system)
        for page in aeb.pages:
            text = outputs[page.id]
            if text.strip():
                lines = [s.text for s in segment_lines(text)]
                labels = align_to_body(lines, page.truth)
                examples.append(Example(f"{system}/{page.id}", text, labels, site_of(page.url)))
    for page in aeb.pages:  # each raw page's render with its context, for the page half of the model
        text, page_context = html_to_page_text(decode(aeb.html(page.id)))
        if text.strip() and page_context:
            labels = align_to_body([s.text for s in segment_lines(text)], page.truth)
            examples.append(Example(f"page/{page.id}", text, labels, site_of(page.url), page_context))
    return examples


def teval_examples(root: Path) -> list[Example]:
    """Examples from the boilerplate evaluation half: each page's render with its context, by segments."""
    teval = Teval(root.parent)
    examples = []
    for page in teval.pages:
        text, page_context = html_to_page_text(decode(teval.html(page)))
        if text.strip():
            lines = [s.text for s in segment_lines(text)]
            labels = align_to_segments(lines, page.with_, page.without)
            examples.append(Example(page.url, text, labels, site_of(page.url)))
            if page_context:
                examples.append(Example(f"page/{page.url}", text, labels, site_of(page.url), page_context))
    return examples


def wcxb_examples(root: Path) -> list[Example]:
    """Examples from the 2026 web-content half: each page's render, as text and with its
    context, aligned to the page's article body."""
    wcxb = Wcxb(root.parent)
    examples = []
    for page in wcxb.pages:
        text, page_context = html_to_page_text(decode(wcxb.html(page.id)))
        if text.strip():
            labels = align_to_body([s.text for s in segment_lines(text)], page.truth)
            examples.append(Example(f"wcxb/{page.id}", text, labels, site_of(page.url)))
            if page_context:
                examples.append(
                    Example(f"page/wcxb/{page.id}", text, labels, site_of(page.url), page_context)
                )
    return examples


def site_of(url: str) -> str:
    """The site of a page: its host without ``www.``, or the URL itself when it has none."""
    return host_of(url) or url


def load_corpora(paths: Sequence[Path]) -> list[Example]:
    """Examples from each path: a project corpus, an aeb, teval or wcxb half, by its files."""
    examples: list[Example] = []
    for path in paths:
        if (path / "ground-truth.json").is_file() and (path / "output").is_dir():
            examples += aeb_examples(path)
        elif (path / "ground-truth.json").is_file():
            examples += wcxb_examples(path)
        elif (path / "evaldata.json").is_file():
            examples += teval_examples(path)
        elif (path / "labels").is_dir():
            examples += corpus_examples(path)
        else:
            raise InputError(
                f"{path}: not a corpus (want a folder with labels/, ground-truth.json or evaldata.json)"
            )
    return examples


PROVENANCE_SITES = 3  # a provenance feature must come from this many sites to be learned
PAGE_DUMP_SYSTEMS = (
    "html-text",
    "inscriptis",
    "html2text",
    "html2text_rs",
    "nanohtml2text",
    "mdka",
    "fast_html2md",
)
EXTRACTOR_SYSTEMS = (
    "trafilatura", "rs_trafilatura", "readability_js", "newspaper", "goose3", "boilerpipe", "dragnet",
    "justext", "AutoExtract", "Diffbot", "readability", "go_domdistiller", "news_please",
)  # fmt: skip


@dataclass(frozen=True)
class TextExample:
    """A text's provenance features (``provenance.text_features``), its page type ("" where
    unknown), whether it is a page dump (None where it is not a text of known state), and
    its dataset and site."""

    features: tuple[str, ...]
    page_type: str
    page_dump: bool | None
    dataset: str
    site: str


def train_provenance(examples: Sequence[TextExample]) -> ProvenanceModel:
    """Fit both provenance models (deterministic) on features seen on at least
    ``PROVENANCE_SITES`` sites: P(page dump) by logistic regression, the page type by a
    softmax, each by AdaGrad over a fixed order."""
    sites: dict[str, set[str]] = {}
    for ex in examples:
        for f in ex.features:
            sites.setdefault(f, set()).add(ex.site)
    vocab = frozenset(f for f, s in sites.items() if len(s) >= PROVENANCE_SITES)

    def active(ex: TextExample) -> list[str]:
        return [BIAS, *sorted(f for f in ex.features if f in vocab)]

    state = _fit(
        [(dict.fromkeys(active(ex), 1.0), ex.page_dump) for ex in examples if ex.page_dump is not None]
    )
    typed = [(active(ex), ex.page_type) for ex in examples if ex.page_type]
    types = _fit_softmax(typed, sorted({t for _, t in typed}))
    h = hashlib.sha256()
    for ex in examples:
        h.update(
            f"{ex.dataset}\t{ex.site}\t{ex.page_type}\t{ex.page_dump}\t{' '.join(ex.features)}\n".encode()
        )
    return ProvenanceModel(MappingProxyType(state), MappingProxyType(types), h.hexdigest())


def _fit_softmax(
    rows: Sequence[tuple[list[str], str]], classes: list[str]
) -> dict[str, MappingProxyType[str, float]]:
    """Softmax regression weights per class for ``rows`` of (active features, class)."""
    weights: list[dict[str, float]] = [{} for _ in classes]
    squares: list[dict[str, float]] = [{} for _ in classes]
    for _ in range(EPOCHS):
        for feats, label in rows:
            logits = [sum(w.get(f, 0.0) for f in feats) for w in weights]
            top = max(logits)
            exp = [math.exp(z - top) for z in logits]
            total = sum(exp)
            for c, (w, sq) in enumerate(zip(weights, squares, strict=True)):
                g = exp[c] / total - (classes[c] == label)
                for f in feats:
                    grad = g + L2 * w.get(f, 0.0)
                    sq[f] = sq.get(f, 0.0) + grad * grad
                    w[f] = w.get(f, 0.0) - LEARNING_RATE * grad / math.sqrt(sq[f] + 1e-8)
    return {c: MappingProxyType(w) for c, w in zip(classes, weights, strict=True)}


def provenance_examples(root: Path) -> list[TextExample]:
    """Provenance examples from the dev halves under ``root``: aeb-dev's extractor outputs and
    full-page dumps (articles all), and each raw page of aeb-dev, teval-dev and wcxb-dev read
    as HTML mode reads it (its region, with and without its metadata) and rendered whole."""
    examples: list[TextExample] = []
    aeb = Aeb(root)
    present = set(aeb.systems())
    for system in (s for s in (*PAGE_DUMP_SYSTEMS, *EXTRACTOR_SYSTEMS) if s in present):
        outputs = aeb.output(system)
        for p in aeb.pages:
            if outputs[p.id].strip():
                found = tuple(text_features(segment_lines(outputs[p.id])))
                examples.append(
                    TextExample(found, "article", system in PAGE_DUMP_SYSTEMS, "aeb", site_of(p.url))
                )
    teval, wcxb = Teval(root), Wcxb(root)
    pages = [("aeb", aeb.html(p.id), "article", p.url) for p in aeb.pages]
    pages += [("teval", teval.html(p), "", p.url) for p in teval.pages]
    pages += [("wcxb", wcxb.html(p.id), p.page_type, p.url) for p in wcxb.pages]
    for dataset, raw, page_type, url in pages:
        page, site = read_page(raw), site_of(url)
        region = segment_lines(page.text)
        render = segment_lines(html_to_text(decode(raw)))
        for feats, dump in ((text_features(region, page.metadata), None), (text_features(region), False),
                            (text_features(render), True)):  # fmt: skip
            examples.append(TextExample(tuple(feats), page_type, dump, dataset, site))
    return examples
