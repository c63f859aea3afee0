"""Which language a document is in, by its function words, and that language's stoplist.

The lists (``data/stopwords.json``) cover the languages of the benchmark
corpora. Detection counts each language's function words over the whole
document; with too few hits it answers ``None`` and callers use every list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources

MIN_HITS = 5
FORMAT = "cleanscrape-stopwords/1"


@cache
def stoplists() -> dict[str, frozenset[str]]:
    """The shipped function-word lists, by ISO 639-1 code."""
    data = json.loads(resources.files("cleanscrape").joinpath("data/stopwords.json").read_text("utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"data/stopwords.json is not {FORMAT}")
    return {lang: frozenset(words) for lang, words in data["languages"].items()}


@cache
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Each function word with the languages whose list holds it."""
    index: dict[str, list[str]] = {}
    for lang, words in sorted(stoplists().items()):
        for word in words:
            index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


@cache
def all_stopwords() -> frozenset[str]:
    """The union of every list: the fallback when no language is detected."""
    return frozenset().union(*stoplists().values())


def detect_language(tokens: Iterable[str]) -> str | None:
    """The language whose function words are most frequent among ``tokens``.

    >>> detect_language("der Rat hat die Pläne für das Haus und die Straße gebilligt".split())
    'de'
    >>> detect_language(["Home", "News"]) is None
    True
    """
    languages_of = _languages_of()
    hits = dict.fromkeys(stoplists(), 0)
    for token in tokens:
        for lang in languages_of.get(token.casefold(), ()):
            hits[lang] += 1
    best = max(hits, key=lambda lang: (hits[lang], lang))
    return best if hits[best] >= MIN_HITS else None


def stopwords_for(language: str | None) -> frozenset[str]:
    """The stoplist of ``language``, or every list together when it is unknown."""
    return stoplists().get(language or "", all_stopwords())
