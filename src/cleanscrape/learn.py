"""Train the line model from annotated corpora: deterministic, pure Python.

Examples come from the project's labelled dumps and from the benchmark halves,
aligned line by line (``bench.align``). Training is L2-regularised logistic
regression by AdaGrad over a fixed order: the same corpus gives the same file.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .linemodel import LineModel, document_shape, features
from .segment import segment_text

EPOCHS = 6
LEARNING_RATE = 0.3
L2 = 1e-5
DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class Example:
    """One labelled dump: its text and a label per non-blank line (None: unknown)."""

    name: str
    text: str
    labels: Sequence[bool | None]


def vectors(example: Example) -> list[tuple[dict[str, float], bool]]:
    """Feature vectors and labels of an example's known lines."""
    segments = segment_text(example.text)
    if len(segments) != len(example.labels):
        raise ValueError(f"{example.name}: {len(example.labels)} labels for {len(segments)} lines")
    doc = document_shape(segments)
    return [
        (features(segments, i, doc), label) for i, label in enumerate(example.labels) if label is not None
    ]


def digest(examples: Iterable[Example]) -> str:
    """A SHA-256 over the examples' names, texts and labels."""
    h = hashlib.sha256()
    for ex in examples:
        h.update(ex.name.encode() + b"\0" + ex.text.encode() + b"\0")
        h.update(bytes(2 if x is None else int(x) for x in ex.labels))
    return h.hexdigest()


def train(examples: Sequence[Example], threshold: float = DEFAULT_THRESHOLD) -> LineModel:
    """Fit the line model on ``examples``, classes weighted to balance."""
    data = [v for ex in examples for v in vectors(ex)]
    positives = sum(label for _, label in data) or 1
    negatives = (len(data) - positives) or 1
    class_weight = {True: len(data) / (2 * positives), False: len(data) / (2 * negatives)}
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    for _ in range(EPOCHS):
        for feats, label in data:
            z = sum(weights.get(k, 0.0) * v for k, v in feats.items())
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = (p - float(label)) * class_weight[label]
            for k, v in feats.items():
                grad = g * v + L2 * weights.get(k, 0.0)
                squares[k] = squares.get(k, 0.0) + grad * grad
                weights[k] = weights.get(k, 0.0) - LEARNING_RATE * grad / math.sqrt(squares[k] + 1e-8)
    return LineModel(weights, threshold, digest(examples))
