//! Purity: the estimated share of an input's characters that are article content.
//!
//! A removed span counts as article by the chance that it was (one less its calibrated
//! confidence), and each kept unit (a non-blank line, a glued line's sentence) by how much
//! it reads like article prose (`prose_likelihood`). Spans moved to the page's title and
//! description leave the count. Whitespace is not counted.

use crate::segment::{for_each_span, ByteCursor};
use crate::text::{ends_sentence, word_count};
use crate::unicode::count_not_space;

/// The words from which a kept line counts fully. A weight, not what a prose line is
/// (`text::is_prose`): at a prose line's ten words, purity ranks dumps by their true
/// precision less well (held out on aeb, Spearman 0.820 against 0.830).
const FULL_WEIGHT_WORDS: usize = 12;
const SHORT_LINE_FLOOR: f64 = 0.35;

/// How much a kept line reads like article prose, in [0, 1]: a line of `FULL_WEIGHT_WORDS`
/// words or more fully; a shorter one by its length, more where it ends like a sentence.
fn prose_likelihood(text: &str) -> f64 {
    let n = word_count(text);
    if n >= FULL_WEIGHT_WORDS {
        return 1.0;
    }
    let mut share = n as f64 / FULL_WEIGHT_WORDS as f64;
    if ends_sentence(text) {
        share = 0.5 + share / 2.0;
    }
    SHORT_LINE_FLOOR + (1.0 - SHORT_LINE_FLOOR) * share
}

/// How many of `text`'s characters purity counts: those that are not whitespace.
fn visible(text: &str) -> usize {
    count_not_space(text)
}

/// `visible` of all of `source`, and of each of `spans` of it (offsets in code points,
/// read in one pass where they ascend; a span past the end counts what lies before the end).
fn visible_in(source: &str, spans: impl Iterator<Item = (usize, usize)>) -> (usize, Vec<usize>) {
    let mut bytes = ByteCursor::new(source);
    let counts = spans
        .map(|(start, end)| {
            let from = bytes.byte_of(start);
            visible(&source[from..bytes.byte_of(end.max(start))])
        })
        .collect();
    (visible(source), counts)
}

/// A removal as purity reads it: its span of the source in code points, its confidence,
/// and whether it was moved to the page's title or description.
pub type Removed = (usize, usize, f64, bool);

/// The purity of `source`, cleaned to `cleaned` by `removals` (sorted, disjoint).
pub fn purity(source: &str, cleaned: &str, removals: &[Removed]) -> f64 {
    let (all, counts) = visible_in(source, removals.iter().map(|r| (r.0, r.1)));
    let spans: Vec<(usize, f64, bool)> = removals
        .iter()
        .zip(counts)
        .map(|(&(_, _, confidence, moved), n)| (n, confidence, moved))
        .collect();
    let moved: usize = spans.iter().filter(|s| s.2).map(|s| s.0).sum();
    let total = all as i64 - moved as i64;
    if total <= 0 {
        return 0.0;
    }
    let mut content = 0.0;
    for_each_span(cleaned, true, |_, _, _, unit| {
        content += visible(unit) as f64 * prose_likelihood(unit);
    });
    let mut removed = 0.0;
    for &(n, confidence, _) in spans.iter().filter(|s| !s.2) {
        removed += n as f64 * (1.0 - confidence);
    }
    ((content + removed) / total as f64).clamp(0.0, 1.0)
}
