"""Users' own rules: phrases and patterns from a JSONL file, each with a family and reason.

One rule per line, for example::

    {"phrase": "Click here to get the app", "family": "chrome", "reason": "ui_control"}
    {"pattern": "^Follow .{1,40} on Twitter", "family": "chrome", "reason": "share_buttons"}
    {"css": "div.newsletter-signup, aside.promo", "family": "chrome", "reason": "newsletter_prompt"}

A phrase matches case-insensitively anywhere in a line and takes the whole
line, unless the line holds more than ``PHRASE_LINE_EXTRA_WORDS`` other words
(then only the phrase goes, so article sentences survive). A pattern is a
Python ``re`` expression searched in each line; it removes what it matched.
A CSS selector applies to HTML pages: the lines of the elements it matches
go wherever they turn up in the page's text. Errors name the file and line.

Phrases are found all at once, in one pass over each line: an Aho-Corasick
automaton in the compiled engine (``PhraseSet``), so a list of a hundred
thousand costs about what one does. Patterns run in the engine too
(``LinePatterns``), on the ``regex`` crate, in time linear in the line: no
pattern can backtrack catastrophically. They keep ``re``'s meaning; what the
crate cannot give it (look-around, back-references) and a pattern that can
match the empty string are refused when the rules load.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from lxml import etree

from .._engine import LinePatterns, PhraseSet
from ..core.text import word_count
from ..core.types import Document, Family, Reason, Removal
from ..errors import RuleError
from ..html.dom import css_selector
from .base import Filter

RULE_KINDS = ("phrase", "pattern", "css")
E = TypeVar("E", Family, Reason)
MAX_RULE_CHARS = 500
PHRASE_LINE_EXTRA_WORDS = 6
PROBE_DEPTH = 200  # how deep the page each CSS selector is tried on when it loads (libxml2 allows 256)
CSS_PROBE_SECONDS = 0.1  # a usual selector takes about a millisecond on it; "*:has(* *)" a second


@dataclass(frozen=True)
class UserRule:
    """One rule: what it matches, the family and reason it reports, where it was written.

    A rule has exactly one of a ``phrase`` (matched case-insensitively, taking the line it
    sits in when the line is short), a ``pattern`` and a CSS ``selector``.
    """

    family: Family
    reason: Reason
    origin: str  # FILE:LINE
    phrase: str | None = None
    pattern: str | None = None
    selector: str | None = None


@dataclass(frozen=True)
class UserRules(Filter):
    """Apply a list of user rules; each removal names its rule's file and line."""

    family = Family.USER
    rules: Sequence[UserRule] = ()
    # Derived from ``rules``: their phrases in one automaton and their patterns in one
    # matcher, the rule of each phrase and pattern, and the selector rules.
    _phrases: PhraseSet = field(init=False, repr=False, compare=False)
    _phrase_rules: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _patterns: LinePatterns = field(init=False, repr=False, compare=False)
    _pattern_rules: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _selector_rules: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        phrase_rules = tuple(n for n, rule in enumerate(self.rules) if rule.phrase is not None)
        object.__setattr__(self, "_phrase_rules", phrase_rules)
        object.__setattr__(self, "_phrases", PhraseSet([self.rules[n].phrase or "" for n in phrase_rules]))
        pattern_rules = tuple(n for n, rule in enumerate(self.rules) if rule.pattern is not None)
        object.__setattr__(self, "_pattern_rules", pattern_rules)
        object.__setattr__(
            self, "_patterns", LinePatterns([(self.rules[n].pattern or "", False) for n in pattern_rules])
        )
        selectors = tuple(n for n, rule in enumerate(self.rules) if rule.selector is not None)
        object.__setattr__(self, "_selector_rules", selectors)

    @property
    def selectors(self) -> tuple[str, ...]:
        return tuple(rule.selector for rule in self.rules if rule.selector is not None)

    def propose(self, doc: Document) -> Iterable[Removal]:
        """Each rule's removals in each kept line, rules in their file's order."""
        for seg in doc.kept():
            found: dict[int, list[tuple[int, int]]] = {}
            for phrase, start, end in self._phrases.find(seg.text):
                found.setdefault(self._phrase_rules[phrase], []).append((start, end))
            for pattern, start, end in self._patterns.find(seg.text):
                found.setdefault(self._pattern_rules[pattern], []).append((start, end))
            for n in sorted([*found, *self._selector_rules]):
                rule = self.rules[n]
                rule_id = f"user:{rule.origin}"
                if rule.selector is not None:
                    if seg.norm and seg.norm in doc.evidence.selected.get(rule.selector, ()):
                        yield _under_family(self.drop_line(seg, rule.reason, rule_id), rule)
                    continue
                for start, end in found[n]:
                    if rule.phrase is not None and (
                        seg.n_words - word_count(seg.text[start:end]) <= PHRASE_LINE_EXTRA_WORDS
                    ):
                        start, end = 0, len(seg.text)
                    yield _under_family(self.drop_span(seg, start, end, rule.reason, rule_id), rule)


def _under_family(removal: Removal, rule: UserRule) -> Removal:
    """The removal recorded under the family the rule names (a user rule speaks for any family)."""
    return removal._replace(filter=rule.family.value)


MAX_RULES_FILE_BYTES = 64 << 20  # 64 MiB: far beyond any rule set, short of a device's endless bytes


def read_rules_file(path: Path) -> str:
    """The text of a rules file, or a RuleError that names it (a FIFO, a device and a file over
    ``MAX_RULES_FILE_BYTES`` among the unreadable)."""

    from ..reading.files import not_a_regular_file  # the file layer (gzip, zstandard) loads with a rules file

    if problem := not_a_regular_file(path):
        raise RuleError(f"{path}: cannot read rules ({problem})")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_RULES_FILE_BYTES + 1)
        if len(data) > MAX_RULES_FILE_BYTES:
            raise RuleError(f"{path}: cannot read rules (over {MAX_RULES_FILE_BYTES >> 20} MiB)")
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rules ({exc})") from exc


def load_user_rules(path: Path) -> UserRules:
    """Read a JSONL rule file; a malformed rule raises RuleError naming FILE:LINE."""
    return parse_user_rules(read_rules_file(path), path)


def parse_user_rules(text: str, path: Path) -> UserRules:
    """User rules from the JSONL ``text`` of ``path`` (named in errors)."""
    lines = text.splitlines()
    return UserRules(tuple(_parse(line, f"{path}:{n}") for n, line in enumerate(lines, 1) if line.strip()))


def _parse(line: str, origin: str) -> UserRule:
    try:
        data = json.loads(line)
    except ValueError as exc:
        raise RuleError(f"{origin}: not a JSON object ({exc.args[0]})") from exc
    if not isinstance(data, dict):
        raise RuleError(f"{origin}: a rule is a JSON object, not {type(data).__name__}")
    kinds = [k for k in RULE_KINDS if k in data]
    if len(kinds) != 1:
        raise RuleError(f"{origin}: a rule needs exactly one of {', '.join(RULE_KINDS)}")
    unknown = set(data) - {*RULE_KINDS, "family", "reason"}
    if unknown:
        raise RuleError(f"{origin}: unknown key(s) {', '.join(sorted(unknown))}")
    text = data[kinds[0]]
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_RULE_CHARS:
        raise RuleError(f"{origin}: {kinds[0]} must be a non-empty string of at most {MAX_RULE_CHARS} chars")
    family = _member(Family, data.get("family"), "family", origin)
    reason = _member(Reason, data.get("reason"), "reason", origin)
    if kinds[0] == "css":
        from cssselect import SelectorError

        try:
            selector = css_selector(text)
        except SelectorError as exc:
            raise RuleError(f"{origin}: bad CSS selector ({exc})") from exc
        _refuse_slow_selector(selector, origin)
        return UserRule(family, reason, origin, selector=text)
    if kinds[0] == "phrase":
        if not text.isascii() and any("\ud800" <= c <= "\udfff" for c in text):
            raise RuleError(f"{origin}: phrase holds a lone surrogate (a \\ud800-\\udfff escape alone)")
        return UserRule(family, reason, origin, phrase=text.strip())
    try:
        LinePatterns([(text, False)])
    except ValueError as exc:
        raise RuleError(f"{origin}: bad pattern ({exc})") from exc
    return UserRule(family, reason, origin, pattern=text)


def _refuse_slow_selector(selector: Callable[[etree._Element], object], origin: str) -> None:
    """Refuse a selector that is slow on a deeply nested page: lxml runs it as one XPath call,
    which no time limit can stop (``:has`` with a descendant inside is cubic in the depth)."""
    start = time.perf_counter()
    selector(_probe_page())
    seconds = time.perf_counter() - start
    if seconds > CSS_PROBE_SECONDS:
        raise RuleError(
            f"{origin}: CSS selector too slow ({seconds:.2f} s on a page nested {PROBE_DEPTH} deep); "
            "avoid :has() around descendant combinators"
        )


@lru_cache(maxsize=1)
def _probe_page() -> etree._Element:
    return etree.fromstring(
        "<html><body>" + "<div><p>x</p>" * PROBE_DEPTH + "</div>" * PROBE_DEPTH + "</body></html>"
    )


def _member(enum: type[E], value: object, key: str, origin: str) -> E:
    if isinstance(value, str):
        try:
            return enum(value)
        except ValueError:
            pass
    choices = ", ".join(m.value for m in enum)
    if value is None:
        raise RuleError(f"{origin}: a rule needs a {key!r} key, one of {choices}")
    raise RuleError(f"{origin}: {key} must be one of {choices}, not {value!r}")
