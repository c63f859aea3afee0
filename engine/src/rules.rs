//! Families' line tests: `LineRules` (a family's rules, tried in order on a line),
//! `LinePatterns` (users' patterns) and `ShareBar` (chrome's bar of share buttons).
//!
//! A rule is a Python `re` pattern (`pyregex`) behind cheap gates: the line's length in
//! code points and in words, and substrings one of which it must hold. The first rule, in
//! order, whose gates pass and whose pattern matches wins, with where its match ends.
//!
//! Each pattern is searched on its own, not all at once in a `RegexSet`: a set cannot use
//! each pattern's literal prefilter, and on the dev lines it ran fifteen times slower.

use aho_corasick::automaton::OverlappingState;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, StartKind};
use regex_automata::meta;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, Look};
use rustc_hash::FxHashSet;
use std::borrow::Cow;

use crate::factors::factors;
use crate::pyregex::{Alphabet, Parsed};
use crate::table::Segment;
use crate::unicode::{is_digit, is_word};

/// A rule as Python hands it over: pattern, `re.IGNORECASE`, needed substrings, the most
/// code points and the most words of a line it applies to.
pub type RuleSource = (String, bool, Vec<String>, Option<usize>, Option<usize>);

struct Gate {
    needs: Vec<String>,
    max_chars: Option<usize>,
    max_words: Option<usize>,
}

impl Gate {
    fn fits(&self, chars: usize, words: usize) -> bool {
        self.max_chars.is_none_or(|m| chars <= m) && self.max_words.is_none_or(|m| words <= m)
    }

    fn passes(&self, line: &str, chars: usize, words: usize) -> bool {
        self.fits(chars, words)
            && (self.needs.is_empty() || self.needs.iter().any(|n| line.contains(n.as_str())))
    }
}

pub struct LineRules {
    alphabet: Alphabet,
    patterns: Vec<meta::Regex>,
    gates: Vec<Gate>,
    /// Whether each pattern matches an empty line.
    on_empty: Vec<bool>,
    /// Which rules may match a line, by what their matches open with (for a single anchored
    /// rule too: the crate's own prefilter does not serve an anchored search).
    openings: Openings,
}

/// What each rule's matches open with, found in a line in one pass: a rule none of whose
/// openings a line holds cannot match it, and its pattern is not searched. The openings of
/// a rule whose every match starts the line (`^`) are looked for there only, all such rules'
/// in one anchored pass. A rule whose openings are no short list is gated by its `factors`
/// instead, where it has some. A rule that needs one of a few texts (its gate's `needs`),
/// not anchored, is looked for by those instead: few and short, they are found faster than
/// the hundreds of openings an alternation spells out.
struct Openings {
    /// Literals looked for anywhere in a line: openings, or factors.
    anywhere: AhoCorasick,
    /// The rule each of `anywhere`'s literals belongs to.
    rule_of: Vec<usize>,
    /// The openings of the rules whose matches start the line, matched there.
    at_start: AhoCorasick,
    /// The rule each of `at_start`'s literals belongs to.
    start_rule_of: Vec<usize>,
    /// The needs of the rules gated by them, looked for anywhere in the line itself (a
    /// gate reads the line, not its view).
    needed: AhoCorasick,
    /// The rule each of `needed`'s literals belongs to.
    need_rule_of: Vec<usize>,
    /// The rules with neither openings nor factors: always searched.
    always: Vec<usize>,
    /// The loosest gates of `anywhere`'s rules, of `at_start`'s and of `needed`'s: a line
    /// past one holds none of its rules' matches, and is not searched for their literals.
    anywhere_gate: Gate,
    start_gate: Gate,
    need_gate: Gate,
}

/// Most openings taken from one rule's pattern; past this it is always searched.
const MOST_OPENINGS: usize = 2000;

/// Most bytes of literals looked for anywhere in a line by a DFA (whose memory grows with
/// them), five times the shipped rules' largest set.
const DFA_MOST_LITERAL_BYTES: usize = 16 * 1024;

impl Openings {
    fn new(hirs: &[Hir], gates: &[Gate]) -> Result<Self, String> {
        let (mut literals, mut rule_of) = (Vec::new(), Vec::new());
        let (mut start_literals, mut start_rule_of) = (Vec::new(), Vec::new());
        let (mut needs, mut need_rule_of) = (Vec::new(), Vec::new());
        let mut always = Vec::new();
        for (rule, hir) in hirs.iter().enumerate() {
            let anchored = hir.properties().look_set_prefix().contains(Look::Start);
            if !anchored && !gates[rule].needs.is_empty() {
                needs.extend(gates[rule].needs.iter().map(|n| n.as_bytes().to_vec()));
                need_rule_of.extend(std::iter::repeat_n(rule, gates[rule].needs.len()));
                continue;
            }
            let seq = Extractor::new()
                .kind(ExtractKind::Prefix)
                .limit_total(MOST_OPENINGS)
                .extract(hir);
            let openings = seq
                .literals()
                .filter(|_| seq.min_literal_len().is_some_and(|n| n > 0));
            let Some(openings) = openings else {
                match factors(hir) {
                    None => always.push(rule),
                    Some(held) => {
                        rule_of.extend(std::iter::repeat_n(rule, held.len()));
                        literals.extend(held);
                    }
                }
                continue;
            };
            let (to, of) = if anchored {
                (&mut start_literals, &mut start_rule_of)
            } else {
                (&mut literals, &mut rule_of)
            };
            to.extend(openings.iter().map(|l| l.as_bytes().to_vec()));
            of.extend(std::iter::repeat_n(rule, openings.len()));
        }
        let anywhere = literal_finder(&literals, StartKind::Unanchored)?;
        let at_start = literal_finder(&start_literals, StartKind::Anchored)?;
        let needed = literal_finder(&needs, StartKind::Unanchored)?;
        let (anywhere_gate, start_gate, need_gate) = (
            loosest(gates, &rule_of),
            loosest(gates, &start_rule_of),
            loosest(gates, &need_rule_of),
        );
        Ok(Openings {
            anywhere,
            rule_of,
            at_start,
            start_rule_of,
            needed,
            need_rule_of,
            always,
            anywhere_gate,
            start_gate,
            need_gate,
        })
    }

    /// The rules that may match `line`, `chars` code points and `words` words long, whose
    /// `view` the patterns read, in order, each once.
    fn candidates(&self, line: &str, view: &str, chars: usize, words: usize) -> Vec<usize> {
        let mut found = self.always.clone();
        if !self.need_rule_of.is_empty() && self.need_gate.fits(chars, words) {
            for hit in self.needed.find_overlapping_iter(line) {
                found.push(self.need_rule_of[hit.pattern().as_usize()]);
            }
        }
        if !self.rule_of.is_empty() && self.anywhere_gate.fits(chars, words) {
            for hit in self.anywhere.find_overlapping_iter(view) {
                found.push(self.rule_of[hit.pattern().as_usize()]);
            }
        }
        if !self.start_rule_of.is_empty() && self.start_gate.fits(chars, words) {
            // Every opening the line starts with: an anchored search, step by step (the
            // crate's overlapping iterator refuses anchored searches).
            let input = aho_corasick::Input::new(view).anchored(Anchored::Yes);
            let mut state = OverlappingState::start();
            loop {
                self.at_start.find_overlapping(input.clone(), &mut state);
                let Some(hit) = state.get_match() else { break };
                found.push(self.start_rule_of[hit.pattern().as_usize()]);
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// An automaton finding `literals`, searches starting as `start` says: a DFA where they hold
/// at most `DFA_MOST_LITERAL_BYTES`, else the crate's choice (a DFA only for a hundred
/// literals or fewer). Each line is read by every rule set, and a DFA's step is one table
/// read; the shipped rules' largest set, 3 KB of literals, takes 0.5 MB as a DFA.
fn literal_finder(literals: &[Vec<u8>], start: StartKind) -> Result<AhoCorasick, String> {
    let bytes: usize = literals.iter().map(Vec::len).sum();
    AhoCorasick::builder()
        .start_kind(start)
        .kind((bytes <= DFA_MOST_LITERAL_BYTES).then_some(AhoCorasickKind::DFA))
        .build(literals)
        .map_err(|e| e.to_string())
}

/// A gate that every line one of `rules` fits fits; it needs nothing.
fn loosest(gates: &[Gate], rules: &[usize]) -> Gate {
    let most = |limit: fn(&Gate) -> Option<usize>| {
        rules
            .iter()
            .map(|&r| limit(&gates[r]))
            .try_fold(0, |most, l| l.map(|l| most.max(l)))
    };
    Gate {
        needs: Vec::new(),
        max_chars: most(|g| g.max_chars),
        max_words: most(|g| g.max_words),
    }
}

impl LineRules {
    pub fn new(rules: Vec<RuleSource>) -> Result<Self, String> {
        let mut parsed = Vec::with_capacity(rules.len());
        let mut gates = Vec::with_capacity(rules.len());
        for (pattern, ignore_case, needs, max_chars, max_words) in rules {
            parsed.push(Parsed::new(&pattern, ignore_case)?);
            gates.push(Gate {
                needs,
                max_chars,
                max_words,
            });
        }
        let alphabet = Alphabet::new(&parsed)?;
        // Each pattern parsed once: its program and its openings come from the same tree.
        let hirs: Vec<Hir> = parsed
            .iter()
            .map(|p| parse(&alphabet.source(p, false)))
            .collect::<Result<_, _>>()?;
        let patterns: Vec<meta::Regex> = hirs.iter().map(program).collect::<Result<_, _>>()?;
        let on_empty = parsed
            .iter()
            .zip(&patterns)
            .map(|(p, pattern)| {
                if p.has_not_word_boundary() {
                    Ok(program(&parse(&alphabet.source(p, true))?)?.is_match(""))
                } else {
                    Ok(pattern.is_match(""))
                }
            })
            .collect::<Result<_, String>>()?;
        let openings = Openings::new(&hirs, &gates)?;
        Ok(LineRules {
            alphabet,
            patterns,
            gates,
            on_empty,
            openings,
        })
    }

    /// The number of rules.
    pub fn count(&self) -> usize {
        self.patterns.len()
    }

    /// The first rule matching `line` of `words` words, and where its match ends (code points).
    pub fn first(&self, line: &str, words: usize) -> Option<(usize, usize)> {
        let chars = line.chars().count();
        self.first_viewing(line, chars, words, || self.alphabet.view(line))
    }

    /// `first` on a segment's normalized text, of `words` words, read through the plain
    /// view the segment keeps where that is this alphabet's.
    pub fn first_in(&self, segment: &Segment, words: usize) -> Option<(usize, usize)> {
        let line = segment.norm.as_str();
        self.first_viewing(line, segment.norm_chars, words, || {
            self.alphabet.view_from(line, segment.plain_view())
        })
    }

    /// `first`, where `line` is `chars` code points long and `view` gives its view through
    /// this alphabet.
    fn first_viewing<'a>(
        &self,
        line: &'a str,
        chars: usize,
        words: usize,
        view: impl FnOnce() -> Cow<'a, str>,
    ) -> Option<(usize, usize)> {
        if !self.gates.iter().any(|g| g.fits(chars, words)) {
            return None;
        }
        if line.is_empty() {
            let rule = (0..self.gates.len())
                .find(|&i| self.on_empty[i] && self.gates[i].passes(line, 0, words))?;
            return Some((rule, 0));
        }
        let view = view();
        let search = |i: usize| {
            let end = self.gates[i]
                .passes(line, chars, words)
                .then(|| self.patterns[i].search_half(&regex_automata::Input::new(&*view)))??;
            Some((i, view[..end.offset()].chars().count()))
        };
        self.openings
            .candidates(line, &view, chars, words)
            .into_iter()
            .find_map(search)
    }
}

/// A pattern's tree, from its source as `Alphabet::source` writes it.
fn parse(source: &str) -> Result<Hir, String> {
    regex_syntax::Parser::new()
        .parse(source)
        .map_err(|e| e.to_string())
}

/// The crate's program for a pattern's tree (as `regex::Regex::new` would build it from the
/// source, without parsing it again).
fn program(hir: &Hir) -> Result<meta::Regex, String> {
    meta::Regex::builder()
        .build_from_hir(hir)
        .map_err(|e| e.to_string())
}

/// Users' patterns: every match of each in a line, all read through one alphabet.
pub struct LinePatterns {
    alphabet: Alphabet,
    patterns: Vec<meta::Regex>,
}

impl LinePatterns {
    /// From `(pattern, re.IGNORECASE)` pairs; refuses one that can match the empty string
    /// (it would remove nothing, and Python's search after an empty match differs).
    pub fn new(patterns: &[(String, bool)]) -> Result<Self, String> {
        let parsed = patterns
            .iter()
            .map(|(pattern, ignore_case)| Parsed::new(pattern, *ignore_case))
            .collect::<Result<Vec<_>, _>>()?;
        let alphabet = Alphabet::new(&parsed)?;
        let mut compiled = Vec::with_capacity(parsed.len());
        for (p, (pattern, _)) in parsed.iter().zip(patterns) {
            let hir = parse(&alphabet.source(p, false))?;
            if hir.properties().minimum_len() == Some(0) {
                return Err(format!("pattern {pattern:?} can match the empty string"));
            }
            compiled.push(program(&hir)?);
        }
        Ok(LinePatterns {
            alphabet,
            patterns: compiled,
        })
    }

    /// `(pattern, start, end)` of every match of each pattern in `line`, left to right and
    /// none overlapping another of the same pattern, by pattern; offsets in code points.
    pub fn find(&self, line: &str) -> Vec<(usize, usize, usize)> {
        let view = self.alphabet.view(line);
        let mut found = Vec::new();
        for (n, pattern) in self.patterns.iter().enumerate() {
            let (mut byte, mut chars) = (0, 0);
            let mut char_at = |to: usize| {
                chars += view[byte..to].chars().count();
                byte = to;
                chars
            };
            for m in pattern.find_iter(view.as_ref()) {
                let start = char_at(m.start());
                found.push((n, start, char_at(m.end())));
            }
        }
        found
    }
}

/// A share bar's vocabulary: the words a line of share buttons is made of, the verbs among
/// them, the places one shares to and the networks.
pub struct ShareBar {
    words: FxHashSet<String>,
    verbs: FxHashSet<String>,
    places: FxHashSet<String>,
    networks: FxHashSet<String>,
}

impl ShareBar {
    pub fn new(
        words: Vec<String>,
        verbs: Vec<String>,
        places: Vec<String>,
        networks: Vec<String>,
    ) -> Self {
        let set = |v: Vec<String>| v.into_iter().collect();
        ShareBar {
            words: set(words),
            verbs: set(verbs),
            places: set(places),
            networks: set(networks),
        }
    }

    /// Whether a normalized `line` is only share words and numbers (its tokens runs of word
    /// characters and hyphens), with a network, two share verbs, or a verb and two places.
    pub fn matches(&self, line: &str) -> bool {
        let (mut verbs, mut places, mut networks) = (0, 0, 0);
        let tokens = line
            .split(|c: char| !(is_word(c) || c == '-'))
            .filter(|t| !t.is_empty());
        for token in tokens {
            // Most lines fail on their first word: nothing past it is read.
            if !(self.words.contains(token) || token.chars().all(is_digit)) {
                return false;
            }
            verbs += usize::from(self.verbs.contains(token));
            places += usize::from(self.places.contains(token));
            networks += usize::from(self.networks.contains(token));
        }
        networks > 0 || verbs >= 2 || (verbs >= 1 && places >= 2)
    }
}
