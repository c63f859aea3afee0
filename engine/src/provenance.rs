//! What a text is: the features the provenance models read off its lines (glued lines
//! whole) — the words of its short lines, the shares of its lines that quote prices, read
//! as code, carry a timestamp, are prose or menu-short, and how many lines it has.

use regex_automata::PatternID;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use crate::linemodel::sigmoid;
use crate::pyregex::PatternSet;
use crate::segment::span_texts;
use crate::table::Segments;
use crate::text::{normalize, word_count};
use crate::unicode::is_letter;
use std::borrow::Cow;
use std::ops::Range;

const SHORT_LINE_WORDS: usize = 4;
const MENU_LINE_WORDS: usize = 3;
const PROSE_LINE_WORDS: usize = 20;
const STAMP_LINE_WORDS: usize = 8;
const EDGE_LINES: usize = 10; // how a text opens and ends
pub const MAX_LINES: usize = 400; // the kind shows in a text's first lines
const SHARE_BINS: [f64; 7] = [0.0, 0.02, 0.05, 0.15, 0.3, 0.5, 0.7];
const LINE_BINS: [f64; 7] = [5.0, 10.0, 20.0, 40.0, 80.0, 160.0, 320.0];

/// The words of two letters or more of `text` (`re.findall(r"[^\W\d_]{2,}", text)`):
/// its longest runs of letters, those of two or more.
fn words_of_letters(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c| !is_letter(c))
        .filter(|run| run.chars().nth(1).is_some())
}
/// What a line is tested for: whether it quotes a price, reads as code, carries a timestamp.
static LINE_TESTS: LazyLock<PatternSet> = LazyLock::new(|| {
    let price = r"(?:[$€£¥₹]\s?\d|\d(?:[.,]\d{2})?\s?(?:€|eur|usd|gbp)\b)";
    let code = r"[{};]\s*$|^\s*(?:\$ |>>> |def |class |import |function |const |<\w+[ >])";
    let stamp = r"\b(?:\d{1,2}[:/.]\d{2}|ago|hours?|minutes?|days?|posted|replied|joined)\b";
    PatternSet::new(&[(price, true), (code, false), (stamp, true)])
        .expect("the provenance patterns compile")
});
const PRICE: usize = 0;
const CODE: usize = 1;
const STAMP: usize = 2;

/// A line as the features read it: its text, normalized text (read only where the line is
/// short, of at most `SHORT_LINE_WORDS` words) and word count.
pub struct Line<'a> {
    pub text: &'a str,
    pub norm: &'a str,
    pub words: usize,
}

/// How many of the ascending `bins` `value` passes.
fn bin(value: f64, bins: &[f64]) -> usize {
    bins.iter().filter(|&&b| value > b).count()
}

/// The share of `items` that pass `test` (0 of none).
fn share<T>(items: &[T], test: impl Fn(&T) -> bool) -> f64 {
    if items.is_empty() {
        return 0.0;
    }
    items.iter().filter(|item| test(item)).count() as f64 / items.len() as f64
}

/// The features of a text's first `MAX_LINES` `lines`, in the order the models sum them.
pub fn line_features(lines: &[Line<'_>]) -> Vec<String> {
    let lines = &lines[..lines.len().min(MAX_LINES)];
    let mut seen = FxHashSet::default();
    let mut found = Vec::new();
    for line in lines.iter().filter(|l| l.words <= SHORT_LINE_WORDS) {
        for word in words_of_letters(line.norm) {
            if seen.insert(word) {
                found.push(format!("ui={word}"));
            }
        }
    }
    let mut answers = LINE_TESTS.answers();
    let tested: Vec<(&Line<'_>, [bool; 3])> = lines
        .iter()
        .map(|l| {
            LINE_TESTS.matches(l.text, &mut answers);
            (
                l,
                [PRICE, CODE, STAMP].map(|test| answers.contains(PatternID::must(test))),
            )
        })
        .collect();
    let share_of = |test: usize, most_words: usize| {
        share(&tested, |(l, found)| l.words <= most_words && found[test])
    };
    let head = &lines[..lines.len().min(EDGE_LINES)];
    let tail = &lines[lines.len().saturating_sub(EDGE_LINES)..];
    let shares = [
        ("price", share_of(PRICE, usize::MAX)),
        ("code", share_of(CODE, usize::MAX)),
        ("stamp", share_of(STAMP, STAMP_LINE_WORDS)),
        ("prose", share(lines, |l| l.words >= PROSE_LINE_WORDS)),
        ("short", share(lines, |l| l.words <= MENU_LINE_WORDS)),
        ("head-short", share(head, |l| l.words <= MENU_LINE_WORDS)),
        ("head-prose", share(head, |l| l.words >= PROSE_LINE_WORDS)),
        ("tail-short", share(tail, |l| l.words <= MENU_LINE_WORDS)),
    ];
    for (name, value) in shares {
        found.push(format!("{name}>{}", bin(value, &SHARE_BINS)));
    }
    found.push(format!("lines>{}", bin(lines.len() as f64, &LINE_BINS)));
    found
}

/// The features of the first `MAX_LINES` lines of `text` (glued lines whole), which the
/// caller cuts at its `MAX_LINES`th line break, so that a long text is not read whole.
pub fn opening_features(text: &str) -> Vec<String> {
    let texts: Vec<&str> = span_texts(text, false).into_iter().map(|s| s.3).collect();
    let words: Vec<usize> = texts.iter().map(|t| word_count(t)).collect();
    // Only a short line's normalized text is read (its words): the rest go unnormalized.
    let norms: Vec<Cow<'_, str>> = texts
        .iter()
        .zip(&words)
        .map(|(t, &w)| match w <= SHORT_LINE_WORDS {
            true => Cow::Owned(normalize(t)),
            false => Cow::Borrowed(""),
        })
        .collect();
    features_of_lines(&texts, &norms, &words)
}

/// `opening_features` of `source`, read from its `segments` (a pass's table of it): the
/// lines that start before code point `opening_end` (where `source`'s `MAX_LINES`th line
/// break is), each line's words and a short line's normalized text the table's.
pub fn table_opening_features(
    segments: &Segments,
    source: &str,
    opening_end: usize,
) -> Vec<String> {
    let groups: Vec<Range<usize>> = segments
        .line_groups()
        .into_iter()
        .take_while(|g| segments.list[g.start].start < opening_end)
        .take(MAX_LINES)
        .collect();
    let texts = segments.line_texts(&groups, source);
    let words = segments.line_words(&groups, &texts);
    // Only a short line's normalized text is read: a segment's own, a glued line's made here.
    let norms: Vec<Cow<'_, str>> = groups
        .iter()
        .zip(&texts)
        .zip(&words)
        .map(|((g, t), &w)| match (w <= SHORT_LINE_WORDS, g.len()) {
            (false, _) => Cow::Borrowed(""),
            (true, 1) => Cow::Borrowed(segments.list[g.start].norm.as_str()),
            (true, _) => Cow::Owned(normalize(t)),
        })
        .collect();
    features_of_lines(&texts, &norms, &words)
}

/// `line_features` of lines given as their texts, normalized texts and word counts.
fn features_of_lines(texts: &[&str], norms: &[Cow<'_, str>], words: &[usize]) -> Vec<String> {
    let lines: Vec<Line<'_>> = (0..texts.len())
        .map(|i| Line {
            text: texts[i],
            norm: &norms[i],
            words: words[i],
        })
        .collect();
    line_features(&lines)
}

/// The provenance models' weights: a logistic model of P(page dump) and a softmax over
/// page types, each with its own `BIAS` weight.
pub struct Reader {
    /// Each feature's weight in each model (the state model's, then each type's, in the
    /// models' order; 0 where a model has none): a feature is looked up once for all.
    weights: FxHashMap<String, Box<[f64]>>,
    /// Each model's `BIAS` weight, in the same order.
    biases: Box<[f64]>,
    types: Vec<String>,
}

const BIAS: &str = "bias";

impl Reader {
    /// From the state weights and each type's weights (in the models' order).
    pub fn new(
        state: FxHashMap<String, f64>,
        types: Vec<(String, FxHashMap<String, f64>)>,
    ) -> Self {
        let models: Vec<&FxHashMap<String, f64>> = std::iter::once(&state)
            .chain(types.iter().map(|(_, w)| w))
            .collect();
        let row = |feature: &str| -> Box<[f64]> {
            models
                .iter()
                .map(|m| m.get(feature).copied().unwrap_or(0.0))
                .collect()
        };
        let weights = models
            .iter()
            .flat_map(|m| m.keys())
            .map(|feature| (feature.clone(), row(feature)))
            .collect();
        let biases = row(BIAS);
        let types = types.into_iter().map(|(t, _)| t).collect();
        Reader {
            weights,
            biases,
            types,
        }
    }

    /// The weights of each of `features`, looked up once (None where no model knows it).
    fn rows<'a>(&'a self, features: &[&str]) -> Vec<Option<&'a [f64]>> {
        features
            .iter()
            .map(|f| self.weights.get(*f).map(|w| &**w))
            .collect()
    }

    /// Model `model`'s bias plus its weights of the features of `rows`, summed in order as
    /// Python summed them.
    fn logit(&self, rows: &[Option<&[f64]>], model: usize) -> f64 {
        let sum = rows
            .iter()
            .fold(0.0, |sum, row| sum + row.map_or(0.0, |w| w[model]));
        self.biases[model] + sum
    }

    /// P(a whole page flattened to text).
    pub fn page_dump_probability(&self, features: &[&str]) -> f64 {
        sigmoid(self.logit(&self.rows(features), 0))
    }

    /// P(page type), by type in the models' order.
    pub fn type_probabilities(&self, features: &[&str]) -> Vec<(String, f64)> {
        let rows = self.rows(features);
        let logits: Vec<f64> = (1..=self.types.len())
            .map(|model| self.logit(&rows, model))
            .collect();
        let top = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let top = if logits.is_empty() { 0.0 } else { top };
        let exp: Vec<f64> = logits.iter().map(|v| (v - top).exp()).collect();
        let total = exp.iter().fold(0.0, |sum, v| sum + v);
        let total = if total == 0.0 { 1.0 } else { total };
        self.types
            .iter()
            .zip(exp)
            .map(|(t, v)| (t.clone(), v / total))
            .collect()
    }

    /// The likeliest page type, the first by name among equals ("" where there is none).
    pub fn page_type(&self, features: &[&str]) -> String {
        let mut probabilities = self.type_probabilities(features);
        probabilities.sort_by(|a, b| a.0.cmp(&b.0));
        let mut best: Option<(String, f64)> = None;
        for (t, p) in probabilities {
            if best.as_ref().is_none_or(|(_, q)| p > *q) {
                best = Some((t, p));
            }
        }
        best.map(|(t, _)| t).unwrap_or_default()
    }
}
