"""The compiled engine (engine/src/lib.rs), built by maturin."""

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar, overload

_Row = TypeVar("_Row", bound=tuple[int, int, int, int, str, str, int, int])

class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...

_Removal = TypeVar("_Removal", bound=tuple[int, int, str, str, str, float, str])

class PhraseSet:
    """Literal phrases matched case-insensitively (simple case folding), all in one pass."""

    def __init__(self, phrases: list[str]) -> None: ...
    def __len__(self) -> int: ...
    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Every ``(phrase, start, end)`` in ``text``: each phrase's leftmost matches, none
        overlapping another of the same phrase, by phrase then start, in code points. A lone
        surrogate in ``text`` is searched as U+FFFD."""

def case_fold(text: str) -> str:
    """``text`` with each character folded to the one its case variants share, code point for
    code point (the Turkish dotted and dotless i fold with i)."""

class LineScorer:
    """The line model's features and scorer: its weights, and the stoplists it reads a
    document's language by."""

    def __init__(self, weights: dict[str, float], stoplists: list[tuple[str, list[str]]]) -> None: ...
    def weight(self, key: str) -> float | None:
        """The weight given to ``key``, if one was."""
    def weight_keys(self) -> list[str]:
        """Every key given a weight."""
    def weights_json(self) -> str:
        """Its weights as a JSON object, each number written to read back as the same float."""
    def features(self, lines: Sequence[str], page: Sequence[Sequence[str]]) -> list[list[str]]:
        """Each line's feature keys, in the order training sums them; ``page`` gives each
        line's context in its HTML page, or is empty."""
    def raw_scores(self, lines: Sequence[str], page: Sequence[Sequence[str]]) -> list[float]:
        """P(content) of each line, before smoothing."""
    def page_scores(
        self, lines: Sequence[str], words: Sequence[int], page: Sequence[Sequence[str]]
    ) -> list[float] | None:
        """Smoothed scores of ``lines`` of ``words`` words each when they are a page dump,
        else None; ``page`` as for ``features``."""
    def page_cut(
        self,
        table: SegmentTable,
        source: str,
        page: Sequence[Sequence[str]],
        removed: Sequence[int],
        interface: Sequence[int],
        matched: Sequence[int],
        attribution: Sequence[int],
        threshold: float,
    ) -> list[tuple[int, bool, int]]:
        """Page layout's cut of a page dump: ``(segment index, inside the article's run, score
        band)`` of each segment of ``table`` (cut from ``source``) to drop, none where its
        lines are no page dump; ``page`` gives each line of ``source`` its page context, or is
        empty; the lists number segments (``LineModel.page_cut``)."""

class LineRules:
    """A family's line rules (Python ``re`` patterns, run with Python's meaning), tried in
    order and searched in one pass over a line."""

    def __init__(self, rules: Sequence[tuple[str, bool, Sequence[str], int | None, int | None]]) -> None:
        """From ``(pattern, ignore case, needs, max chars, max words)`` per rule; ValueError
        names a pattern the engine cannot run with Python's meaning."""
    def first(self, line: str, n_words: int) -> tuple[int, int] | None:
        """``(rule index, match end in code points)`` of the first rule matching ``line`` of
        ``n_words`` words, its gates passed, or None."""
    def first_each(
        self, table: SegmentTable, removed: Sequence[int], max_words: int | None = None
    ) -> list[tuple[int, int, int]]:
        """``(segment index, rule index, match end)`` of the first rule matching each segment
        of ``table`` not in ``removed`` and of at most ``max_words`` words (``first`` on its
        normalized text)."""

class SegmentTable:
    """A pass's segments as the engine holds them for the families' line tests: each one's
    text, normalized text, word count, line number and word tokens (numbered in the pass's
    vocabulary of case-folded words)."""

    def __init__(self, rows: Sequence[tuple[int, int, int, str, str, int]]) -> None:
        """From ``(start, end, line number, text, normalized text, word count)`` per segment."""
    def __len__(self) -> int: ...
    def glued_lines(self) -> set[int]:
        """The numbers of the lines split into several segments (a glued line's sentences)."""
    def prose_spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each segment that is a prose line (``is_prose``)."""
    def rows_as_read(self, source: str, cls: type[_Row]) -> SegmentRows[_Row]:
        """``rows``, each made the first time it is read, and kept."""
    def chars(self) -> int:
        """How many characters its segments cover, line breaks between them aside."""
    def rows(self, source: str, cls: type[_Row]) -> list[_Row]:
        """Each segment as a ``cls``, a named tuple of ``(index, start, end, tail, text,
        normalized text, word count, line number)`` (``Segment``), made straight from its
        fields; its text cut from ``source`` (which it was made from), its tail where the next
        one starts (or the end of ``source``). TypeError for a class of another shape."""
    def line_removals(
        self,
        source: str,
        drops: Sequence[tuple[int, int, int]],
        named: tuple[Sequence[str], Sequence[str]],
        family: str,
        cls: type[_Removal],
    ) -> list[_Removal]:
        """A ``cls`` (``Removal``) of confidence 1 taking each of ``drops``' segments whole, from
        its start to its tail (as ``rows`` gives it): ``(segment index, reason number, rule
        number)`` each, numbering ``named``'s reasons and rules, all by ``family``
        (``Filter.drop_line`` for many lines at once)."""

class SegmentRows(Sequence[_Row]):
    """A pass's segments as ``Segment``s (``SegmentTable.rows``), each made as it is read."""

    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: int) -> _Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[_Row]: ...

class Pattern:
    """A Python ``re`` pattern with Python's meaning, searched in linear time."""

    def __init__(self, pattern: str, ignore_case: bool = False) -> None:
        """ValueError names a pattern the engine cannot run with Python's meaning."""
    @property
    def pattern(self) -> str:
        """The pattern's source."""
    def search(self, text: str, pos: int = 0) -> int | None:
        """Where ``re.search`` finds the pattern in ``text`` from ``pos`` on (code points),
        or None."""

class Needles:
    """Literal substrings a segment's text may hold (in its last characters, where given): a
    family's cheap test of which segments its costlier tests need to read."""

    def __init__(
        self, needles: Sequence[str], last_chars: int | None = None, ascii_case: bool = False
    ) -> None:
        """Any of ``needles``, within a text's last ``last_chars`` characters where given,
        ASCII letters in either case where ``ascii_case``."""
    def each(self, table: SegmentTable, removed: Sequence[int]) -> list[int]:
        """The indices of the segments of ``table`` not in ``removed`` whose text holds a needle."""

class CreditLines:
    """Caption credits' test of a line: where a credit starts and which rule found it, each
    rule searched only where a line's end holds its needles."""

    def __init__(
        self,
        labelled: Pattern,
        copyright: Pattern,
        agency_tail: Pattern,
        needs: tuple[Needles, Needles, Needles],
        last_chars: int,
        agency_last_chars: int,
    ) -> None:
        """From the patterns of a labelled credit, a copyright notice and an agency credit,
        the needles a line's end holds where each may be (in that order), and how far from a
        line's end a labelled credit or notice and an agency credit are looked for."""
    def start(self, text: str) -> tuple[int, int] | None:
        """``(start, rule)`` of the credit ending ``text`` (the spaces before it included;
        rules numbered labelled credit, copyright notice, agency credit), or None."""
    def each(self, table: SegmentTable, removed: Sequence[int]) -> list[tuple[int, int, int]]:
        """``(segment index, start, rule)`` of the credit of each segment of ``table`` not in
        ``removed`` that holds one."""

class RelatedLines:
    """Related blocks' line tests: read-more cues, headers, teaser lines."""

    def __init__(
        self,
        rules: Sequence[Sequence[tuple[str, bool, Sequence[str], int | None, int | None]]],
        max_cue_chars: int,
        max_header_chars: int,
    ) -> None:
        """From the cue, header, long header, header prefix and teaser rules (each as
        ``LineRules`` takes them), the most characters of a cue and of a header."""
    def each(self, table: SegmentTable, removed: Sequence[int], max_rest_words: int) -> list[tuple[int, int]]:
        """``(segment index, part)`` of each segment of ``table`` not in ``removed`` that is a
        cue (part 1), else a header (2; a header prefix followed by at most ``max_rest_words``
        words), else a teaser line (3)."""

class IconRuns:
    """Icon-sprite runs: the icon words and strong markers, and the test of a line."""

    def __init__(self, icon_words: Sequence[str], markers: str, marker_words: Sequence[str]) -> None:
        """From the icon words, the strong markers' ``re`` pattern and the words one of
        which every marker holds."""
    def is_run(self, text: str, at: tuple[int, float, int]) -> bool:
        """Whether ``text`` is a run of icon titles at the thresholds ``at``: the fewest
        tokens, the least share of icon words, the fewest glue points."""
    def each(self, table: SegmentTable, removed: Sequence[int], at: tuple[int, float, int]) -> list[int]:
        """The indices of the segments of ``table`` not in ``removed`` that are runs at ``at``."""

class LinePatterns:
    """Users' patterns (Python ``re`` syntax, run with Python's meaning), all found in a line
    in one call; pickled as their sources."""

    def __init__(self, patterns: Sequence[tuple[str, bool]]) -> None:
        """From ``(pattern, ignore case)`` pairs; ValueError names a pattern the engine cannot
        run with Python's meaning, or one that can match the empty string."""
    def find(self, line: str) -> list[tuple[int, int, int]]:
        """``(pattern, start, end)`` of every match of each pattern in ``line``, left to right
        and none overlapping another of the same pattern, by pattern; in code points."""

class LearnedPatterns:
    """A model's learned line patterns, looked up by a line's ``line_keys``."""

    def __init__(self, patterns: Sequence[tuple[str, Sequence[str]]]) -> None:
        """From ``(kind, tokens)`` per pattern, in order."""
    def first_each(self, table: SegmentTable, removed: Sequence[int]) -> list[tuple[int, int]]:
        """``(segment index, pattern index)`` of each segment of ``table`` not in ``removed``
        whose text matches a pattern, with the first it matches, in ``line_keys`` order."""

def read_line_model(text: str, stoplists: list[tuple[str, list[str]]]) -> tuple[LineScorer | None, str]:
    """A line model's file (JSON) read: a scorer of its ``weights`` with ``stoplists`` (None
    where it has none), and its other members as a JSON object; ValueError where it is no
    JSON object, or its weights no object of numbers."""

def smooth(scores: Sequence[float]) -> list[float]:
    """Each score averaged with its neighbours' (by the engine's ``decoder::SMOOTHING``; the
    edges reuse their own)."""

def is_page_dump(words: Sequence[int], short_words: int, share: float) -> bool:
    """Whether lines of these word counts look like a page dump: many, and at least ``share``
    of the first of at most ``short_words`` words (``line_model.is_page_dump``)."""

def article_run(scores: Sequence[float], words: Sequence[int], threshold: float) -> list[bool]:
    """Which lines the article's run keeps (``line_model.article_run``)."""

def line_keys(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The patterns a line can match, as ``(kind, tokens)``: ``("line", all its case-folded
    words)`` for a line of up to 6, then ``("prefix", its first 2, 3, 4)`` for one of up to
    8 longer than each; none for a line holding a digit or of under 3 letters."""

class ProvenanceReader:
    """The provenance models' weights: a logistic P(page dump) and a softmax over page types."""

    def __init__(self, state: dict[str, float], types: Sequence[tuple[str, dict[str, float]]]) -> None: ...
    def page_dump_probability(self, features: Sequence[str]) -> float: ...
    def type_probabilities(self, features: Sequence[str]) -> list[tuple[str, float]]:
        """P(page type), by type in the models' order."""
    def page_type(self, features: Sequence[str]) -> str:
        """The likeliest page type, the first by name among equals ("" where there is none)."""

class ChromeLines:
    """Chrome's line tests: a bulleted contributor line, the family's rules, a share bar; a
    paragraph of notices; a glued line's opening prompt."""

    def __init__(
        self,
        bulleted: str,
        rules: Sequence[tuple[str, bool, Sequence[str], int | None, int | None]],
        share_bar: tuple[Sequence[str], Sequence[str], Sequence[str], Sequence[str]],
        max_paragraph_words: int,
    ) -> None:
        """From the bulleted line's ``re`` pattern, the rules (as ``LineRules`` takes them),
        the share bar's words, verbs, places and networks, and the most words of a notice
        paragraph."""
    def classify(self, text: str, norm: str, n_words: int, max_words: int | None) -> tuple[int, int] | None:
        """``(test, end)`` of the test firing on a line (``text``, normalized ``norm``, of
        ``n_words`` words) of at most ``max_words`` words: 0 the bulleted line, then the
        rules, then the share bar (only share words and numbers, its tokens runs of word
        characters and hyphens, with a network, two share verbs, or a verb and two places);
        ``end`` where its match ends in ``norm``."""
    def each(
        self, table: SegmentTable, removed: Sequence[int], max_words: int | None
    ) -> list[tuple[int, int, int, int]]:
        """``(segment index, test, end, how)`` of each chrome segment of ``table`` not in
        ``removed``: as a line (``how`` 0), else as a paragraph of notices (1), else, on a
        glued line, as the prompt its first ``max_words`` words make (2)."""
    def tests(self) -> int:
        """The number of tests ``classify`` numbers."""

def in_feed(lines: Sequence[str]) -> list[bool]:
    """Per line, whether it lies in a feed of timestamped items."""

def sigmoid(z: float) -> float:
    """The logistic function, clamped so that no input overflows."""

UNICODE_VERSION: str
"""The Unicode version of the engine's character classes (that of the Python it was generated by)."""

def text_spans(source: str, split_glued: bool) -> list[tuple[int, int, int]]:
    """``(start, end, line number)`` of each non-blank line of ``source`` (of each sentence
    of a line over ``GLUED_LINE_CHARS`` where ``split_glued``), in code points."""

def return_free_memory() -> None:
    """Return the engine's free memory to the operating system now (after a long text's
    windows), not after mimalloc's delay."""

def text_windows(source: str, most_chars: int, most_lines: int, giant: int) -> list[tuple[int, int, bool]]:
    """Spans ``(start, end, judged)`` that cover ``source``, in code points: runs of whole
    lines (split at "\\n") of at most ``most_lines`` lines or about ``most_chars``
    characters; a line over ``giant`` characters stands alone, unjudged."""

def text_segments(source: str, split_glued: bool, known: SegmentTable | None = None) -> SegmentTable:
    """The segments of ``source``: each span of ``text_spans``, with its text, normalized
    text, word count and word tokens (read from ``known`` for a segment whose text is one
    of its)."""

def normalize(text: str) -> str:
    """A line as rules compare it: NFKC (of the characters this Python's Unicode has
    assigned), case-folded, single-spaced, edge punctuation trimmed.

    >>> normalize("  Read  MORE »")
    'read more'
    """

def words(text: str) -> list[str]:
    """Word tokens: runs of ``re``'s ``\\w``, each Chinese or Japanese character on its own.

    >>> words("Ein Satz, 二つの文")
    ['Ein', 'Satz', '二', 'つ', 'の', '文']
    """

def word_count(text: str) -> int:
    """The number of ``words`` of ``text``."""

def is_prose(text: str, n_words: int | None = None) -> bool:
    """A prose line: ``PROSE_WORDS`` words or more (``n_words``, its ``word_count``, where the
    caller has it) ending like a sentence; the one definition the line model, the safety net
    and HTML mode's split bodies share.

    >>> is_prose("Menu"), is_prose("word " * 9 + "end."), is_prose("word " * 9 + "end")
    (False, True, False)
    """

def line_features(texts: Sequence[str], norms: Sequence[str], n_words: Sequence[int]) -> list[str]:
    """The provenance features of a text's first 400 lines, each given as its text,
    normalized text and word count: the words of its short lines (``ui=``), the binned
    shares of its lines quoting a price, reading as code, stamped, prose or menu-short,
    and its binned number of lines, in the order the models sum them."""

def from_wtf8(data: bytes) -> str | None:
    """``data`` read as WTF-8 (pairs of surrogates their character, lone ones U+FFFD), or
    None where it holds bytes that are not."""

def apply_removals(source: str, spans: Iterable[_Spanned]) -> str:
    """``source`` with ``spans`` (sorted and disjoint, each with a ``start`` and an ``end``)
    cut out of it, as ``spans.pieces`` walks them."""

def judge(
    proposals: list[_Removal],
    judged: dict[tuple[str, str, str], float],
    reading: tuple[Trust, str, str],
    threshold: float,
    cls: type[_Removal],
    table: SegmentTable | None,
    removed: dict[int, str],
) -> list[_Removal]:
    """The proposals that apply: each again as a ``cls`` (``Removal``) holding its confidence,
    where that reaches ``threshold``; a confidence is read from ``judged`` by the proposal's
    (family, reason, rule), else from ``reading``'s ``Trust`` for input in its state (its
    second item) from a page of its type (its third) and kept there. Where ``table`` is
    given, each that takes one of its segments whole marks it in ``removed`` (segment index to
    family) where no earlier one has."""

def cell_keys(reason: str, state: str, page_type: str, rule: str) -> list[str]:
    """The calibration cells of a removal for ``reason`` by ``rule`` on input in ``state`` from a
    page of ``page_type`` ("" where none said it, and then left out), broadest first."""

class Trust:
    """A calibration table's cells, read for removals' confidences."""

    def __init__(
        self,
        cells: dict[str, tuple[float, float]],
        prior_weight: float,
        unseen_prior: float,
        user_prefix: str,
        chosen: set[str],
    ) -> None:
        """From the cells, the prior's weight in shingles, the prior of a reason never seen,
        the prefix of users' rule ids and the families a user chooses."""
    def confidence(self, family: str, reason: str, rule: str, state: str, page_type: str) -> float:
        """P(noise) for a removal by ``family`` for ``reason`` by ``rule`` (each cell of
        ``cell_keys`` shrunk towards the one above), 1 for what the user asked for; for a
        line model band, at most what a band nearer noise gets for the same reason."""

def merge(removals: list[_Removal], cls: type[_Removal]) -> list[_Removal]:
    """``removals`` (``Removal``s) sorted by start, the longer first among equal starts, each
    empty one left out and each overlapping one before it absorbed by it: extended to its end
    where it reaches further (as a new ``cls``, its text left empty)."""

def with_texts(removals: list[_Removal], source: str, cls: type[_Removal]) -> list[_Removal]:
    """Each of ``removals`` again as a ``cls`` (``Removal``), holding its text
    ``source[start:end]``."""

def opening_features(text: str) -> list[str]:
    """``line_features`` of the first ``OPENING_LINES`` lines of ``text`` (glued lines whole),
    which the caller cuts at its ``OPENING_LINES``th line break."""

def table_opening_features(table: SegmentTable, source: str, opening_end: int) -> list[str]:
    """``opening_features`` of ``source`` read from ``table``, its segments: the lines that
    start before ``opening_end`` (the ``OPENING_LINES``-th line break)."""

def repeats(
    table: SegmentTable, removed: Sequence[int], near: int | None, shortest: int | None
) -> tuple[list[int], tuple[list[tuple[int, list[int]]], list[tuple[int, int, list[int]]]] | None]:
    """The repeats among the segments of ``table`` not in ``removed``: the exact repeats (a
    segment whose normalized text, holding a letter or digit, was on a line at most
    ``near`` lines before, lines counted among those segments), and, where ``shortest`` is
    given, the pull quotes among the rest's lines of ``shortest`` words or more, lines
    compared as their case-folded words, each distinct line once: ``((line, holders) for
    each line held inside longer ones; (line, token count, segments) for each line held
    or holding)``."""

def purity(source: str, cleaned: str, removals: Sequence[_Removal], moved: Sequence[str]) -> float:
    """The share of ``source``'s visible characters that are article content, once cleaned
    to ``cleaned`` by ``removals`` (``Removal``s, sorted and disjoint): each kept unit (line,
    glued line's sentence) by its ``prose_likelihood``, each removed span by one less its
    confidence, a span whose reason is one of ``moved`` (the same enum member: what went to
    the title or description) out of the count."""

def sentence_spans(line: str, offset: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``line``, plus ``offset``, in code points."""

GLUED_LINE_CHARS: int
"""A line longer than this is a whole text glued onto one line (no paragraph runs so long)."""

PROSE_WORDS: int
"""The fewest words of a prose line (``is_prose``)."""

SHORT_WORDS: int
"""A menu line's words at most, as a page dump opens (``is_page_dump``)."""

HEAD_SHORT_SHARE: float
"""The share of a page dump's first lines that are menu lines, at least."""

SCORE_BANDS: int
"""A cut line's rule names its line model score in this many bands (tenths)."""

BAND_MARK: str
"""What a cut line's rule reads before its band's number (``line-model:<digest>:band3``)."""

OPENING_LINES: int
"""How many of a text's first lines tell what it is (``opening_features``)."""

PAGE: str
"""Before every feature key of a line whose context in its page is known."""
