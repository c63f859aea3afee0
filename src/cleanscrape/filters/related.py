"""Related and similar-news blocks: a header, teaser items, "Read more »" cues.

A block opens at a header line ("Similar News:", "You may also like", "Lesen
Sie auch"); the items after it are the lines each followed by a read-more cue.
Without a header, two or more consecutive item-and-cue pairs make a block too.
A read-more cue standing alone is removed wherever it appears. On a page HTML
mode read whole, the lines of its ``<aside>`` (a sidebar) go too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .. import _engine
from ..core.text import phrase_pattern, phrases, whole_line, word_count
from ..core.types import Document, Family, Reason, Removal, Segment
from .base import Filter, LineRule, LineRules, in_landmark

MAX_HEADER_REST_WORDS = 30
MAX_HEADER_CHARS = 260
MAX_CUE_CHARS = 40
MIN_HEADERLESS_PAIRS = 2
MAX_HEADLINE_WORDS = 16
MAX_HEADLINE_ITEMS = 12

HEADER_PHRASES = phrases(
    """
    similar news | similar stories | similar articles | related | related news | related
    articles | related stories | related content | related coverage | related posts | related
    topics | related links | related reading | you may also like | you might also like | you may
    like | you might like | you may also be interested in | you might be interested in | also
    read | read also | see also | read next | what to read next | up next | more | more stories | more
    news | more articles | more on this story | more on this topic | more in this section |
    recommended | recommended for you | recommended stories | recommended articles | most
    popular | most read | most viewed | trending | trending now | trending stories | top stories
    | don't miss | do not miss | editor's picks | editors' picks | further reading | other
    stories | latest stories | popular stories | around the web | from around the web | more
    from our network | promoted stories | ähnliche artikel | ähnliche themen | mehr zum thema |
    lesen sie auch | das könnte sie auch interessieren | das könnte dich auch interessieren |
    weitere artikel | verwandte artikel | auch interessant | meistgelesen | à lire aussi | a
    lire aussi | lire aussi | sur le même sujet | articles similaires | vous aimerez aussi | les
    plus lus | noticias relacionadas | te puede interesar | también te puede interesar | lee
    también | artículos relacionados | lo más leído | leggi anche | articoli correlati |
    potrebbe interessarti | i più letti | lees ook | gerelateerd | meer nieuws | zobacz też |
    zobacz także | czytaj także | czytaj też | polecamy | leia também | notícias relacionadas |
    veja também | contenido relacionado | notas relacionadas | temas relacionados | artículos
    recomendados | lea también | lea además | vea también | ver también | te recomendamos |
    weitere themen | weitere beiträge | weitere nachrichten | zum weiterlesen | das thema könnte
    sie auch interessieren | das thema könnte dich auch interessieren | auch lesen | weitere
    informationen
    """
)
# Labels that make a line one teaser, with a colon and its title: "Read more: …", "Lea: …", "Mire: …".
TEASER_PHRASES = phrases(
    """
    read more | lea | lea más | mire | mira | puedes ver | lesen sie hier | lesen sie mehr | mehr
    dazu | dowiedz się więcej | czytaj więcej | en savoir plus | leer más | learn more
    """
)
CUE_PHRASES = phrases(
    """
    read more | read more here | more | continue reading | read the full story | read full story
    | read full article | read the full article | full story | view more | see more | show more
    | load more | weiterlesen | mehr lesen | lire la suite | en savoir plus | leer más | seguir
    leyendo | leggi di più | continua a leggere | lees meer | verder lezen | czytaj więcej |
    czytaj dalej | leia mais | подробнее | читать далее | dowiedz się więcej | mehr erfahren | learn
    more
    """
)
MAX_LONG_HEADER_WORDS = 7
# Lines that open a related block by themselves: a header phrase alone, "More from …", and
# "Weitere aktuelle Themen aus der Arbeitswelt", "More stories you may have missed",
# "Top-Themen bei …" (more of the site's stories, a few words between, no sentence after).
HEADERS = LineRules(
    LineRule(Reason.RELATED_LINKS, "header_line", whole_line(HEADER_PHRASES), max_chars=MAX_HEADER_CHARS),
    LineRule(
        Reason.RELATED_LINKS,
        "more_from",
        r"^more (from|by|on|in) [\w .'&-]{1,40}$",
        max_chars=MAX_HEADER_CHARS,
    ),
    LineRule(
        Reason.RELATED_LINKS,
        "more_stories",
        r"^(?:(?:weitere|more|other|further|andere|mehr)\s+(?:\S+\s+){0,2}|top[- ])"
        r"(?:themen|artikel|beiträge|nachrichten|news|meldungen|stories|articles|posts)\b[^.!?]{0,40}$",
        max_chars=MAX_HEADER_CHARS,
    ),
)
# "Lesen Sie auch die folgenden Beiträge:": a header phrase, a few more words, a closing colon.
LONG_HEADER = LineRules(
    LineRule(
        Reason.RELATED_LINKS,
        "long_header",
        r"^" + phrase_pattern(HEADER_PHRASES) + r"\b[^:,.]{0,40}$",
        max_words=MAX_LONG_HEADER_WORDS,
    )
)
HEADER_PREFIX = LineRules(
    LineRule(
        Reason.RELATED_LINKS,
        "header_prefix",
        r"^(?:" + phrase_pattern(HEADER_PHRASES) + r"|more from\s+[\w .'&-]{1,40})\s*:",
    )
)
TEASERS = LineRules(
    LineRule(
        Reason.RELATED_LINKS,
        "teaser_line",
        r"^" + phrase_pattern(TEASER_PHRASES) + r"\s*:\s*\S",
        max_chars=MAX_HEADER_CHARS,
    )
)
CUES = LineRules(LineRule(Reason.READ_MORE_LINK, "read_more_cue", whole_line(CUE_PHRASES)))
_CUE, _HEADER, _TEASER = 1, 2, 3  # what ``RelatedLines.each`` finds a line to be


@cache
def _related_lines() -> _engine.RelatedLines:
    rules = [rule_set.sources() for rule_set in (CUES, HEADERS, LONG_HEADER, HEADER_PREFIX, TEASERS)]
    return _engine.RelatedLines(rules, MAX_CUE_CHARS, MAX_HEADER_CHARS)


@dataclass(frozen=True)
class Related(Filter):
    """Remove related/similar-news headers, their items, and read-more cues.

    The engine (``RelatedLines``) reads each line: a cue is a lone read-more link (``CUES``,
    with its arrow where it is only "more"; with a closing colon it is a header instead);
    a header is one of ``HEADERS``, a cue or ``LONG_HEADER`` with a closing colon, or a
    ``HEADER_PREFIX`` followed by at most ``max_header_rest_words`` words; else a teaser
    line is one of ``TEASERS``.
    """

    family = Family.RELATED
    max_header_rest_words: int = MAX_HEADER_REST_WORDS
    min_headerless_pairs: int | None = MIN_HEADERLESS_PAIRS

    def propose(self, doc: Document) -> Iterable[Removal]:
        found = _related_lines().each(doc.lines(), list(doc.removed), self.max_header_rest_words)
        removals = [
            self.drop_line(doc.segments[i], reason, rule)
            for part, reason, rule in (
                (_CUE, Reason.READ_MORE_LINK, "read_more_cue"),
                (_HEADER, Reason.RELATED_LINKS, "related_header"),
                (_TEASER, Reason.RELATED_LINKS, "teaser_line"),
            )
            for i, of in found
            if of == part
        ]
        if any(part != _TEASER for _, part in found):
            parts = dict(found)
            kept = list(doc.kept())
            cues = [parts.get(s.index) == _CUE for s in kept]
            headers = [parts.get(s.index) == _HEADER for s in kept]
            removals += [
                self.drop_line(s, Reason.RELATED_LINKS, rule) for s, rule in self._items(kept, cues, headers)
            ]
        removals += [self.drop_line(s, Reason.SIDEBAR, "in_aside") for s in in_landmark(doc, "aside")]
        return removals

    def _items(
        self, kept: list[Segment], cues: list[bool], headers: list[bool]
    ) -> Iterable[tuple[Segment, str]]:
        """Lines that are teaser items: each followed by a cue, inside a block."""
        i = 0
        while i < len(kept):
            opened = headers[i]
            start = i + 1 if opened else i
            pairs = []
            j = start
            while j + 1 < len(kept) and not cues[j] and not headers[j] and cues[j + 1]:
                pairs.append(kept[j])
                j += 2
            enough = self.min_headerless_pairs is not None and len(pairs) >= self.min_headerless_pairs
            if pairs and (opened or enough):
                rule = "item_after_header" if opened else "item_before_cue"
                yield from ((seg, rule) for seg in pairs)
                i = j
            elif opened:
                j = start
                while (
                    j < len(kept)
                    and j - start < MAX_HEADLINE_ITEMS
                    and not headers[j]
                    and is_headline(kept[j].text)
                ):
                    yield kept[j], "headline_after_header"
                    j += 1
                i = max(j, i + 1)
            else:
                i += 1


def is_headline(text: str) -> bool:
    """A short line without closing sentence punctuation, as teaser titles are.

    >>> is_headline("Kim heads home after summit collapse"), is_headline("He left. Then he came back.")
    (True, False)
    """
    stripped = text.strip()
    return 0 < word_count(stripped) <= MAX_HEADLINE_WORDS and not stripped.endswith((".", "!", "?", ":"))
