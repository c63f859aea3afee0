//! Python `re` patterns, run by the `regex` crate with Python's meaning.
//!
//! The package writes its line rules in `re` syntax, which mostly means the same to the
//! crate. Where it does not, patterns are rewritten, or refused:
//!
//! - A set of patterns has an `Alphabet`: the characters they name (literals and class
//!   members, with every case variant `re.IGNORECASE` matches to them). A line is searched
//!   through `Alphabet::view`, where each character past ASCII that no pattern names is
//!   replaced, one for one, by a stand-in of its Python class (word, decimal, space or
//!   other). No pattern can tell the two apart, and `\b` then reads word characters as
//!   Python does, since the stand-ins and the named characters are ones the crate agrees
//!   on. A pass's segments each keep one view made naming nothing past ASCII (`PlainView`),
//!   which every alphabet that would view the line alike reads instead of making its own.
//! - `\w`, `\d`, `\s` become small explicit classes: ASCII, the named characters of the
//!   class and the stand-ins.
//! - Under `re.IGNORECASE`, each literal and class becomes the explicit set of characters
//!   Python matches to it (its simple lower case, `is_cased`, `extra_cases`), and the crate
//!   matches case-sensitively.
//! - What the crate reads otherwise (nested classes and set operations in `[...]`, ASCII
//!   classes, `\<`, `\>`, flags past the start, verbose mode) or lacks (look-around,
//!   back-references) is refused with an error.
//!
//! `$` matches only at the very end, where Python's also matches before a final line break:
//! the engine searches single lines, which hold none.

use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{meta, MatchKind};
use regex_syntax::ast::{
    parse::Parser, AssertionKind, Ast, ClassPerlKind, ClassSet, ClassSetItem, Flag, FlagsItem,
    FlagsItemKind, GroupKind,
};
use rustc_hash::FxHashSet;
use std::borrow::Cow;

use crate::segment::ByteCursor;
use crate::unicode::{
    extra_cases, is_cased, is_decimal, is_space, is_word, simple_lower, with_lower, PlaneSet,
};

/// Python's class of a character, as `\w`, `\d` and `\s` see it.
#[derive(Clone, Copy)]
enum Kind {
    Other,
    Word,
    Decimal,
    Space,
}

fn kind(c: char) -> Kind {
    if is_decimal(c) {
        Kind::Decimal
    } else if is_word(c) {
        Kind::Word
    } else if is_space(c) {
        Kind::Space
    } else {
        Kind::Other
    }
}

/// Candidate stand-ins of each kind, ASCII first (an all-ASCII line is searched fastest).
const STAND_INS: [&str; 4] = [
    "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x7f\u{E000}",
    "_\u{3007}",
    "0123456789\u{660}",
    "\x1c\x1d\x1e\x1f\x0b\x0c\u{2000}",
];

/// A text as an alphabet that names no character past ASCII views it, and what that view
/// replaced: made once for a line, it spares each alphabet that would view the line alike
/// a view of its own (`Alphabet::view_from`).
#[derive(Clone)]
pub struct PlainView {
    /// The view; None where the text is ASCII, its own view.
    text: Option<String>,
    /// The distinct characters it replaced.
    replaced: Vec<char>,
    /// Which kinds (by `Kind`) it replaced characters of.
    kinds: [bool; 4],
}

impl PlainView {
    pub fn of(text: &str) -> PlainView {
        let mut plain = PlainView {
            text: None,
            replaced: Vec::new(),
            kinds: [false; 4],
        };
        if text.is_ascii() {
            return plain;
        }
        let mut view = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii() {
                view.push(c);
            } else {
                let k = kind(c) as usize;
                view.push(plain_stand_in(k));
                plain.kinds[k] = true;
                plain.replaced.push(c);
            }
        }
        plain.replaced.sort_unstable();
        plain.replaced.dedup();
        plain.text = Some(view);
        plain
    }
}

/// The stand-in of kind `k` of an alphabet that names none of the candidates: the first.
fn plain_stand_in(k: usize) -> char {
    STAND_INS[k].chars().next().unwrap_or_default()
}

/// A class that matches nothing.
const NEVER: &str = r"[^\x00-\x{10ffff}]";

/// The characters a set of patterns names, and the stand-ins for all others.
pub struct Alphabet {
    named: FxHashSet<char>,
    /// `named`, looked up by a bit for a character of the Basic Multilingual Plane.
    named_bits: PlaneSet,
    stand_in: [char; 4],
}

/// A class as the crate will read it: ranges of characters and Python's `\w`, `\d`, `\s`.
struct Class {
    negated: bool,
    ranges: Vec<(char, char)>,
    perl: Vec<(ClassPerlKind, bool)>,
}

/// A replacement of `pattern[start..end]`.
struct Edit {
    start: usize,
    end: usize,
    with: Replacement,
}

enum Replacement {
    Text(String),
    Class(Class),
    /// `\B`, which Python never matches in an empty text.
    NotWordBoundary,
}

/// A pattern read, with the edits that give it Python's meaning.
pub struct Parsed {
    source: String,
    edits: Vec<Edit>,
}

impl Parsed {
    /// Read the `re` pattern `pattern` (with `re.IGNORECASE` where `ignore_case`).
    pub fn new(pattern: &str, ignore_case: bool) -> Result<Parsed, String> {
        let why = |e: String| format!("pattern {pattern:?}: {e}");
        let ast = Parser::new()
            .parse(pattern)
            .map_err(|e| why(e.kind().to_string()))?;
        let mut edits = Vec::new();
        walk(&ast, ignore_case, &mut edits).map_err(why)?;
        edits.sort_by_key(|e| e.start);
        Ok(Parsed {
            source: pattern.to_string(),
            edits,
        })
    }

    fn named(&self) -> impl Iterator<Item = char> + '_ {
        self.edits.iter().flat_map(|edit| match &edit.with {
            Replacement::Class(class) => class
                .ranges
                .iter()
                .flat_map(|&(a, b)| a..=b)
                .collect::<Vec<_>>(),
            Replacement::Text(_) | Replacement::NotWordBoundary => Vec::new(),
        })
    }

    /// Whether it holds a `\B`, which the crate matches in an empty text and Python does
    /// not (see `Alphabet::source`'s `for_empty`).
    pub fn has_not_word_boundary(&self) -> bool {
        self.edits
            .iter()
            .any(|edit| matches!(edit.with, Replacement::NotWordBoundary))
    }
}

impl Alphabet {
    /// The alphabet of `patterns`; refuses a pattern naming a character whose word-ness
    /// Python and the crate disagree on (its `\b` could not be Python's).
    pub fn new(patterns: &[Parsed]) -> Result<Alphabet, String> {
        let mut named = FxHashSet::default();
        for parsed in patterns {
            for c in parsed.named() {
                if !c.is_ascii() && is_word(c) != regex_syntax::is_word_character(c) {
                    return Err(format!(
                        "pattern {:?}: U+{:04X}, which Python and the engine read differently",
                        parsed.source, c as u32
                    ));
                }
                named.insert(c);
            }
        }
        let mut stand_in = ['\0'; 4];
        for (slot, candidates) in stand_in.iter_mut().zip(STAND_INS) {
            *slot = candidates
                .chars()
                .find(|c| !named.contains(c))
                .ok_or("the patterns name every stand-in of a character class")?;
        }
        let named_bits = PlaneSet::of(named.iter().copied());
        Ok(Alphabet {
            named,
            named_bits,
            stand_in,
        })
    }

    /// Whether a pattern names `c`.
    fn names(&self, c: char) -> bool {
        self.named_bits
            .get(c)
            .unwrap_or_else(|| self.named.contains(&c))
    }

    /// `text` as this alphabet's patterns search it: the same number of characters, each
    /// one past ASCII that no pattern names replaced by its kind's stand-in.
    pub fn view<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let replaced = |c: char| !c.is_ascii() && !self.names(c);
        let first = match text.is_ascii() {
            true => None,
            false => text.char_indices().find(|&(_, c)| replaced(c)),
        };
        let Some((at, _)) = first else {
            return Cow::Borrowed(text);
        };
        let mut out = String::with_capacity(text.len());
        out.push_str(&text[..at]);
        out.extend(text[at..].chars().map(|c| match replaced(c) {
            true => self.stand_in[kind(c) as usize],
            false => c,
        }));
        Cow::Owned(out)
    }

    /// `text` as `view` gives it, read from `plain`, its plain view, where that is the same.
    pub fn view_from<'a>(&self, text: &'a str, plain: &'a PlainView) -> Cow<'a, str> {
        match &plain.text {
            None => Cow::Borrowed(text),
            Some(view) if self.reads_as_plain(plain) => Cow::Borrowed(view),
            Some(_) => self.view(text),
        }
    }

    /// Whether this alphabet views a text as its plain view does: it names none of the
    /// characters that view replaced, and replaces each of their kinds by the same stand-in.
    fn reads_as_plain(&self, plain: &PlainView) -> bool {
        (0..4).all(|k| !plain.kinds[k] || self.stand_in[k] == plain_stand_in(k))
            && plain.replaced.iter().all(|&c| !self.names(c))
    }

    /// The crate's source for `parsed`, searched through `view`; for searching an empty
    /// text only, where `for_empty` (Python's `\B` never matches there).
    pub fn source(&self, parsed: &Parsed, for_empty: bool) -> String {
        let mut out = String::with_capacity(parsed.source.len());
        let mut at = 0;
        for edit in &parsed.edits {
            out.push_str(&parsed.source[at..edit.start]);
            match &edit.with {
                Replacement::Text(text) => out.push_str(text),
                Replacement::Class(class) => out.push_str(&self.class(class)),
                Replacement::NotWordBoundary if for_empty => out.push_str(NEVER),
                Replacement::NotWordBoundary => out.push_str(r"\B"),
            }
            at = edit.end;
        }
        out.push_str(&parsed.source[at..]);
        out
    }

    fn class(&self, class: &Class) -> String {
        let mut out = String::from(if class.negated { "[^" } else { "[" });
        for &(a, b) in &class.ranges {
            out.push_str(&format!("\\x{{{:x}}}-\\x{{{:x}}}", a as u32, b as u32));
        }
        for (kind, negated) in &class.perl {
            out.push_str(&self.perl(kind, *negated));
        }
        out.push(']');
        out
    }

    /// Python's `\w`, `\d` or `\s` (or its negation) over the characters a view can hold.
    fn perl(&self, kind: &ClassPerlKind, negated: bool) -> String {
        let test: fn(char) -> bool = match kind {
            ClassPerlKind::Word => is_word,
            ClassPerlKind::Digit => is_decimal,
            ClassPerlKind::Space => is_space,
        };
        let mut members: Vec<char> = (0..128u8).map(char::from).filter(|&c| test(c)).collect();
        members.extend(
            self.named
                .iter()
                .copied()
                .filter(|&c| !c.is_ascii() && test(c)),
        );
        members.extend(
            self.stand_in
                .iter()
                .copied()
                .filter(|&c| !c.is_ascii() && test(c)),
        );
        members.sort_unstable();
        members.dedup();
        let mut out = String::from(if negated { "[^" } else { "[" });
        // Runs of consecutive code points as ranges: the crate parses a short class faster.
        let mut rest = members.as_slice();
        while let Some(&first) = rest.first() {
            let run = rest
                .windows(2)
                .take_while(|pair| pair[1] as u32 == pair[0] as u32 + 1)
                .count();
            let last = rest[run];
            out.push_str(&format!("\\x{{{:x}}}", first as u32));
            if last != first {
                out.push_str(&format!("-\\x{{{:x}}}", last as u32));
            }
            rest = &rest[run + 1..];
        }
        out.push(']');
        out
    }
}

/// Collect the edits `ast` needs, `ignore_case` holding where it starts; returns whether
/// case is ignored after it (flags, which Python takes only at a pattern's start, hold to
/// the end of their group).
fn walk(ast: &Ast, ignore_case: bool, edits: &mut Vec<Edit>) -> Result<bool, String> {
    match ast {
        Ast::Flags(set) if set.span.start.offset == 0 => {
            let (text, after) = flags(&set.flags.items, ignore_case, ")")?;
            edits.push(Edit {
                start: set.span.start.offset,
                end: set.span.end.offset,
                with: Replacement::Text(text),
            });
            return Ok(after);
        }
        Ast::Flags(_) => return Err("flags past the pattern's start, which Python refuses".into()),
        Ast::Literal(lit) if ignore_case && is_cased(lit.c) => {
            let ranges = case_variants(lit.c).into_iter().map(|c| (c, c)).collect();
            let class = Class {
                negated: false,
                ranges,
                perl: Vec::new(),
            };
            edits.push(Edit {
                start: lit.span.start.offset,
                end: lit.span.end.offset,
                with: Replacement::Class(class),
            });
        }
        Ast::Literal(lit) => {
            let class = Class {
                negated: false,
                ranges: vec![(lit.c, lit.c)],
                perl: Vec::new(),
            };
            edits.push(Edit {
                start: lit.span.start.offset,
                end: lit.span.end.offset,
                with: Replacement::Class(class),
            });
        }
        Ast::Assertion(a) => match a.kind {
            AssertionKind::StartLine
            | AssertionKind::EndLine
            | AssertionKind::StartText
            | AssertionKind::WordBoundary => {}
            AssertionKind::NotWordBoundary => edits.push(Edit {
                start: a.span.start.offset,
                end: a.span.end.offset,
                with: Replacement::NotWordBoundary,
            }),
            _ => return Err("an assertion Python reads as literal text".into()),
        },
        Ast::ClassPerl(perl) => {
            let class = Class {
                negated: false,
                ranges: Vec::new(),
                perl: vec![(perl.kind.clone(), perl.negated)],
            };
            edits.push(Edit {
                start: perl.span.start.offset,
                end: perl.span.end.offset,
                with: Replacement::Class(class),
            });
        }
        Ast::ClassUnicode(_) => return Err("a Unicode property class, which Python lacks".into()),
        Ast::ClassBracketed(bracketed) => {
            let class = bracketed_class(&bracketed.kind, bracketed.negated, ignore_case)?;
            edits.push(Edit {
                start: bracketed.span.start.offset,
                end: bracketed.span.end.offset,
                with: Replacement::Class(class),
            });
        }
        Ast::Repetition(rep) => {
            walk(&rep.ast, ignore_case, edits)?;
        }
        Ast::Group(group) => {
            let inner = match &group.kind {
                GroupKind::NonCapturing(set) => {
                    let (text, inner) = flags(&set.items, ignore_case, ":")?;
                    let opening = (group.span.start.offset, group.ast.span().start.offset);
                    edits.push(Edit {
                        start: opening.0,
                        end: opening.1,
                        with: Replacement::Text(text),
                    });
                    inner
                }
                _ => ignore_case,
            };
            walk(&group.ast, inner, edits)?;
        }
        Ast::Alternation(alt) => {
            let mut now = ignore_case;
            for branch in &alt.asts {
                now = walk(branch, now, edits)?;
            }
            return Ok(now);
        }
        Ast::Concat(concat) => {
            let mut now = ignore_case;
            for part in &concat.asts {
                now = walk(part, now, edits)?;
            }
            return Ok(now);
        }
        Ast::Empty(_) | Ast::Dot(_) => {}
    }
    Ok(ignore_case)
}

/// The flags `items` rewritten without `i` (case is matched by explicit classes), closed by
/// `close`, and whether case is ignored after them; refuses flags Python lacks or reads
/// otherwise.
fn flags(
    items: &[FlagsItem],
    mut ignore_case: bool,
    close: &str,
) -> Result<(String, bool), String> {
    let (mut on, mut off, mut negate) = (String::new(), String::new(), false);
    for item in items {
        let letter = match item.kind {
            FlagsItemKind::Negation => {
                negate = true;
                continue;
            }
            FlagsItemKind::Flag(Flag::CaseInsensitive) => {
                ignore_case = !negate;
                continue;
            }
            FlagsItemKind::Flag(Flag::MultiLine) => 'm',
            FlagsItemKind::Flag(Flag::DotMatchesNewLine) => 's',
            FlagsItemKind::Flag(Flag::Unicode) => 'u',
            FlagsItemKind::Flag(_) => return Err("a flag Python lacks or reads otherwise".into()),
        };
        if negate { &mut off } else { &mut on }.push(letter);
    }
    let off = if off.is_empty() {
        off
    } else {
        format!("-{off}")
    };
    let text = if on.is_empty() && off.is_empty() && close == ")" {
        String::new()
    } else {
        format!("(?{on}{off}{close}")
    };
    Ok((text, ignore_case))
}

/// A bracketed class's members as ranges (every case variant Python matches, where case is
/// ignored) and its Perl classes.
fn bracketed_class(set: &ClassSet, negated: bool, ignore_case: bool) -> Result<Class, String> {
    let ClassSet::Item(item) = set else {
        return Err("a set operation inside [...], which Python reads as literal text".into());
    };
    let items = match item {
        ClassSetItem::Union(union) => union.items.iter().collect(),
        one => vec![one],
    };
    let mut class = Class {
        negated,
        ranges: Vec::new(),
        perl: Vec::new(),
    };
    for item in items {
        match item {
            ClassSetItem::Empty(_) => {}
            ClassSetItem::Literal(lit) => class.ranges.push((lit.c, lit.c)),
            ClassSetItem::Range(range) => class.ranges.push((range.start.c, range.end.c)),
            ClassSetItem::Perl(perl) => class.perl.push((perl.kind.clone(), perl.negated)),
            ClassSetItem::Ascii(_) => {
                return Err("[:name:] inside [...], which Python reads as literal text".into())
            }
            ClassSetItem::Unicode(_) => {
                return Err("a Unicode property class, which Python lacks".into())
            }
            ClassSetItem::Bracketed(_) | ClassSetItem::Union(_) => {
                return Err("[ inside [...], which Python reads as a literal [".into())
            }
        }
    }
    let members = || class.ranges.iter().flat_map(|&(a, b)| a..=b);
    if ignore_case && members().any(is_cased) {
        if class.ranges.iter().any(|&(_, b)| b > '\u{FFFF}') {
            return Err(
                "a class past U+FFFF under IGNORECASE, which Python matches otherwise".into(),
            );
        }
        let mut variants: Vec<char> = members().flat_map(case_variants).collect();
        variants.sort_unstable();
        variants.dedup();
        class.ranges = variants.into_iter().map(|c| (c, c)).collect();
    }
    Ok(class)
}

/// Every character `re.IGNORECASE` matches to the cased `c`: those whose simple lower case
/// is `c`'s, or one of its extra cases.
fn case_variants(c: char) -> Vec<char> {
    let lower = simple_lower(c);
    std::iter::once(lower)
        .chain(extra_cases(lower).iter().copied())
        .flat_map(with_lower)
        .collect()
}

/// One `re` pattern, compiled with its own alphabet.
pub struct Pattern {
    alphabet: Alphabet,
    regex: regex::Regex,
    /// Whether it matches the empty text (where Python's `\B` never matches).
    on_empty: bool,
}

impl Pattern {
    /// The `re` pattern `pattern` (with `re.IGNORECASE` where `ignore_case`).
    pub fn new(pattern: &str, ignore_case: bool) -> Result<Pattern, String> {
        let parsed = Parsed::new(pattern, ignore_case)?;
        let alphabet = Alphabet::new(std::slice::from_ref(&parsed))?;
        let compile = |for_empty| {
            regex::Regex::new(&alphabet.source(&parsed, for_empty)).map_err(|e| e.to_string())
        };
        let regex = compile(false)?;
        let on_empty = match parsed.has_not_word_boundary() {
            true => compile(true)?.is_match(""),
            false => regex.is_match(""),
        };
        Ok(Pattern {
            alphabet,
            regex,
            on_empty,
        })
    }

    /// `re.search(pattern, text) is not None`, for a non-empty `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(&self.alphabet.view(text))
    }

    /// Where `re.search(pattern, text, pos)` finds a match (code points): the leftmost one
    /// starting at `pos` or after, what stands before `pos` still read by `\b` and the like.
    pub fn search_from(&self, text: &str, pos: usize) -> Option<usize> {
        if text.is_empty() {
            return self.on_empty.then_some(0);
        }
        let view = self.alphabet.view(text);
        let start = ByteCursor::new(&view).byte_of(pos);
        let found = self.regex.find_at(&view, start)?;
        Some(view[..found.start()].chars().count())
    }

    /// `re.findall(pattern, text)` of a pattern without groups that matches no empty string.
    pub fn find_all<'t>(&self, text: &'t str) -> Vec<&'t str> {
        let view = self.alphabet.view(text);
        if let Cow::Borrowed(_) = view {
            return self.regex.find_iter(text).map(|m| m.as_str()).collect();
        }
        // The view holds the same characters, some of other lengths: map its offsets back.
        let mut bytes = ByteCursor::new(text);
        let spans: Vec<(usize, usize)> = self
            .regex
            .find_iter(&view)
            .map(|m| (m.start(), m.end()))
            .collect();
        spans
            .into_iter()
            .map(|(a, b)| {
                let start = bytes.byte_of(view[..a].chars().count());
                &text[start..bytes.byte_of(view[..b].chars().count())]
            })
            .collect()
    }
}

/// Several `re` patterns read through one alphabet and searched together, in one pass.
pub struct PatternSet {
    alphabet: Alphabet,
    /// The patterns as the crate's `RegexSet` builds them, searched here into answers the
    /// caller keeps (the crate's own set makes new ones for every search).
    set: meta::Regex,
}

impl PatternSet {
    /// The `re` patterns `patterns` (with `re.IGNORECASE` where its flag says).
    pub fn new(patterns: &[(&str, bool)]) -> Result<PatternSet, String> {
        let parsed = patterns
            .iter()
            .map(|&(pattern, ignore_case)| Parsed::new(pattern, ignore_case))
            .collect::<Result<Vec<_>, _>>()?;
        let alphabet = Alphabet::new(&parsed)?;
        let sources: Vec<String> = parsed.iter().map(|p| alphabet.source(p, false)).collect();
        let config = meta::Config::new()
            .nfa_size_limit(Some(10 << 20))
            .hybrid_cache_capacity(2 << 20)
            .match_kind(MatchKind::All)
            .utf8_empty(true)
            .which_captures(WhichCaptures::None);
        let set = meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::new().utf8(true))
            .build_many(&sources)
            .map_err(|e| e.to_string())?;
        Ok(PatternSet { alphabet, set })
    }

    /// Room for the answers of `matches`.
    pub fn answers(&self) -> regex_automata::PatternSet {
        regex_automata::PatternSet::new(self.set.pattern_len())
    }

    /// Which patterns `re.search` finds in a non-empty `text`, written to `found` (made by
    /// `answers`).
    pub fn matches(&self, text: &str, found: &mut regex_automata::PatternSet) {
        found.clear();
        let view = self.alphabet.view(text);
        self.set
            .which_overlapping_matches(&regex_automata::Input::new(&*view), found);
    }
}
