"""Label the lines of a page dump as content or noise by aligning them with ground truth.

- Against an article body (aeb): a line of four or more tokens is content when
  at least half of its 4-token shingles occur in the body, noise when almost
  none do. Shorter lines whose tokens occur verbatim in the body are judged as
  a run: a run of several lines (a list) by the shingles of its joined tokens,
  a lone line by whether a neighbour is content. Words like "Share" occur in
  any article, so a short line alone proves nothing.
- Against segment lists (teval): a line holding a ``with`` segment is content,
  one holding a ``without`` segment is noise.

Lines that fit neither side are ``None``: left out of training, not guessed.
"""

from __future__ import annotations

import re

# Tokens and shingles as the article-extraction benchmark scores them (``bench.scoring``).
TOKEN = re.compile(r"\w+")
SHINGLE = 4
_SPACE = re.compile(r"\s+")

MIN_CONTENT_SHARE = 0.5
MAX_NOISE_SHARE = 0.1
MAX_SHORT_NGRAM = SHINGLE - 1


def align_to_body(lines: list[str], body: str) -> list[bool | None]:
    """Content (True), noise (False) or unknown (None) for each line.

    >>> body = "The vote passed on Monday after a long debate in the hall."
    >>> align_to_body(["Menu", "The vote passed on Monday after a long debate", "Share"], body)
    [False, True, False]
    """
    truth_tokens = [t.casefold() for t in TOKEN.findall(body)]
    truth_shingles = {tuple(truth_tokens[i : i + SHINGLE]) for i in range(len(truth_tokens) - SHINGLE + 1)}
    truth_short = {
        tuple(truth_tokens[i : i + n])
        for n in range(1, MAX_SHORT_NGRAM + 1)
        for i in range(len(truth_tokens) - n + 1)
    }
    labels: list[bool | None] = []
    short: list[bool] = []  # a short line whose tokens occur in the body: decided by its run
    for line in lines:
        tokens = [t.casefold() for t in TOKEN.findall(line)]
        found = 0 < len(tokens) < SHINGLE and tuple(tokens) in truth_short
        short.append(found)
        long_line = len(tokens) >= SHINGLE
        labels.append(None if found else _by_shingles(tokens, truth_shingles) if long_line else False)
    i = 0
    while i < len(lines):  # runs of short lines found in the body: a list, or a menu?
        if not short[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and short[j]:
            j += 1
        run = [t.casefold() for line in lines[i:j] for t in TOKEN.findall(line)]
        beside = any(0 <= k < len(labels) and labels[k] is True for k in (i - 1, j))
        verdict = _by_shingles(run, truth_shingles) if len(run) >= SHINGLE and j - i > 1 else None
        labels[i:j] = [beside if verdict is None else verdict] * (j - i)
        i = j
    return labels


def _by_shingles(tokens: list[str], truth_shingles: set[tuple[str, ...]]) -> bool | None:
    """Content when most of the tokens' shingles are in the body, noise when almost none are."""
    grams = [tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]
    share = sum(g in truth_shingles for g in grams) / len(grams)
    return True if share >= MIN_CONTENT_SHARE else False if share <= MAX_NOISE_SHARE else None


def align_to_segments(lines: list[str], keep: list[str], drop: list[str]) -> list[bool | None]:
    """Label lines by the annotated segments they contain.

    >>> align_to_segments(["Home | News", "The body text.", "Other"], ["The body text."], ["Home"])
    [False, True, None]
    """
    keep_n = [s for s in map(squash, keep) if s]
    drop_n = [s for s in map(squash, drop) if s]
    labels: list[bool | None] = []
    for line in lines:
        text = squash(line)
        if any(seg in text or (len(text) > 20 and text in seg) for seg in keep_n):
            labels.append(True)
        elif any(seg in text for seg in drop_n):
            labels.append(False)
        else:
            labels.append(None)
    return labels


def squash(text: str) -> str:
    """Whitespace-normalise: runs of whitespace become one space, ends stripped."""
    return _SPACE.sub(" ", text).strip()
